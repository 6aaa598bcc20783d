/**
 * Response compression: a complete response (a JSON result, the GraphiQL
 * page) of at least {@link MIN_COMPRESSED_BYTES} goes out as brotli or gzip
 * when the client accepts one; streams (SSE, multipart) and small answers
 * pass as they are. The GraphiQL page is the same on every load, so it
 * carries an ETag (a repeat load with `If-None-Match` gets 304 and no body)
 * and its compressed forms are made once and kept.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

/** Bodies smaller than this go out as they are: compressing them gains nothing. */
export const MIN_COMPRESSED_BYTES = 1024;

type Encoding = 'br' | 'gzip';
const COMPRESSIBLE = /^(application\/(json|graphql-response\+json)|text\/html)\b/i;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Below this a body is compressed on the spot (tens of microseconds), not on the thread pool. */
const SYNC_BELOW_BYTES = 64 * 1024;
const brotliOptions = (body: Buffer) => ({
  // Quality 4: most of brotli's gain at a small share of its top setting's CPU.
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
});
const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer> | Buffer> = {
  br: (body) => (body.length < SYNC_BELOW_BYTES ? zlib.brotliCompressSync(body, brotliOptions(body)) : brotli(body, brotliOptions(body))),
  gzip: (body) => (body.length < SYNC_BELOW_BYTES ? zlib.gzipSync(body, { level: 6 }) : gzip(body, { level: 6 })),
};
/** Compressed GraphiQL pages by ETag and encoding; a handful at most (one page per configuration). */
const pageCache = new Map<string, Buffer>();
const PAGE_CACHE_ENTRIES = 8;

/** The encoding to answer with: brotli, else gzip, among those `accept-encoding` allows (q > 0). */
export function chooseEncoding(acceptEncoding: string | null): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const allowed = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    allowed.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const accepts = (encoding: Encoding) => (allowed.get(encoding) ?? (allowed.get('*') ?? 0)) > 0;
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : undefined;
}

/** The plugin: compress complete responses the client can take compressed. */
export function useCompression(): Plugin {
  return {
    // not async: a response left as it is (most: small, or not asked compressed) waits for nothing
    onResponse({ request, response, setResponse, fetchAPI }) {
      const type = response.headers.get('content-type') ?? '';
      if (!response.body || response.headers.has('content-encoding') || !COMPRESSIBLE.test(type)) return undefined;
      const isPage = type.toLowerCase().startsWith('text/html');
      const encoding = chooseEncoding(request.headers.get('accept-encoding'));
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (!isPage && (!encoding || declared < MIN_COMPRESSED_BYTES)) return undefined;
      return compress(request, response, isPage, encoding, setResponse, fetchAPI);
    },
  };
}

/** `response` compressed with `encoding` (a page also gets its ETag and may be answered 304). */
async function compress(
  request: Request, response: Response, isPage: boolean, encoding: Encoding | undefined,
  setResponse: (response: Response) => void, fetchAPI: { Response: typeof Response; Headers: typeof Headers },
): Promise<void> {
  const body: Buffer = Buffer.from(await response.arrayBuffer());
  const headers = new fetchAPI.Headers(response.headers);
  headers.append('vary', 'accept-encoding');
  let out: Buffer = body;
  if (isPage) {
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    headers.set('etag', etag);
    headers.set('cache-control', 'no-cache');
    if (request.headers.get('if-none-match')?.split(',').some((tag) => tag.trim() === etag)) {
      headers.delete('content-type');
      headers.delete('content-length');
      setResponse(new fetchAPI.Response(null, { status: 304, headers }));
      return;
    }
    if (encoding && body.length >= MIN_COMPRESSED_BYTES) out = await cachedPage(`${etag} ${encoding}`, () => compressors[encoding](body));
  } else if (encoding && body.length >= MIN_COMPRESSED_BYTES) {
    out = await compressors[encoding](body);
  }
  if (out !== body) headers.set('content-encoding', encoding!);
  headers.set('content-length', String(out.length));
  setResponse(new fetchAPI.Response(out as Uint8Array<ArrayBuffer>, { status: response.status, statusText: response.statusText, headers }));
}

async function cachedPage(key: string, make: () => Promise<Buffer> | Buffer): Promise<Buffer> {
  const kept = pageCache.get(key);
  if (kept) return kept;
  const made = await make();
  if (pageCache.size >= PAGE_CACHE_ENTRIES) pageCache.delete(pageCache.keys().next().value!);
  pageCache.set(key, made);
  return made;
}
