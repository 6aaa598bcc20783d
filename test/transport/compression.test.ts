/** Responses compressed when the client accepts it and they are large enough; streams never; GraphiQL revalidated by ETag. */
import http from 'node:http';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gateway } from '../support/servers.ts';
import { seeded, pendingRun } from '../support/fixtures.ts';

interface Raw { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** One request on a raw socket, so the test sees the bytes on the wire (fetch would decompress them). */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; firstChunkOnly?: boolean }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (options.firstChunkOnly) {
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) });
          req.destroy();
        }
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', (error) => (options.firstChunkOnly ? undefined : reject(error)));
    req.end(options.body);
  });
}

describe('compression', async () => {
  const gw = await gateway({ serverKey: true });
  const post = (query: string, encoding?: string) => raw(`${gw.url}/graphql`, {
    method: 'POST', body: JSON.stringify({ query }),
    headers: { 'content-type': 'application/json', ...(encoding ? { 'accept-encoding': encoding } : {}) },
  });
  const LARGE = '{ tasks(first: 100) { nodes { id name type createdAt } } }';

  it.each([
    ['br', (b: Buffer) => zlib.brotliDecompressSync(b)],
    ['gzip', (b: Buffer) => zlib.gunzipSync(b)],
  ] as const)('sends a large result as %s when accepted, the same JSON once decompressed and much smaller', async (encoding, decompress) => {
    const plain = await post(LARGE);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const packed = await post(LARGE, encoding === 'br' ? 'gzip, deflate, br' : 'gzip;q=1, br;q=0');
    expect(packed.headers['content-encoding']).toBe(encoding);
    expect(packed.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(packed.headers['content-length'])).toBe(packed.body.length);
    expect(JSON.parse(decompress(packed.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    expect(packed.body.length).toBeLessThan(plain.body.length / 3);
  });

  it('leaves a small result as it is', async () => {
    const small = await post('{ __typename }', 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ data: { __typename: 'Query' } });
  });

  it('never compresses an SSE stream, so each event goes out as it happens', async () => {
    const run = pendingRun(gw.emu, seeded(gw.emu).firstTask.id);
    const stream = await raw(`${gw.url}/graphql?query=${encodeURIComponent(`subscription { runStatus(runId: "${run.id}") { status } }`)}`, {
      headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip, br' }, firstChunkOnly: true,
    });
    expect(stream.headers['content-type']).toMatch(/text\/event-stream/);
    expect(stream.headers['content-encoding'] ?? 'none').toBe('none');
    expect(stream.body.toString()).toMatch(/^(:|event:|data:)/m);
  });

  it('serves GraphiQL compressed with an ETag, and answers a repeat load with 304 and no body', async () => {
    const headers = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };
    let started = performance.now();
    const first = await raw(`${gw.url}/graphql`, { headers });
    const firstMs = performance.now() - started;
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers.etag).toMatch(/^".+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const html = zlib.brotliDecompressSync(first.body).toString();
    expect(html).toContain('<html');
    started = performance.now();
    const again = await raw(`${gw.url}/graphql`, { headers: { ...headers, 'if-none-match': first.headers.etag! } });
    const againMs = performance.now() - started;
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const plain = await raw(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(html);
    console.log(`GraphiQL page: ${plain.body.length} bytes plain, ${first.body.length} as br; first load ${firstMs.toFixed(0)} ms, repeat (304) ${againMs.toFixed(0)} ms`);
  });
});
