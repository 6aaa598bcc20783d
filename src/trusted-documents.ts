/**
 * Trusted documents (persisted operations), switched by
 * `PERSISTED_OPERATIONS`: the manifest, what `allow` learned, and the one
 * decision per request that HTTP (`plugins/use-trusted-documents.ts`),
 * graphql-sse (`plugins/use-graphql-sse.ts`) and the WebSocket
 * (`http/websocket.ts`) all take from it:
 *
 * - `off` (default): any document runs; a request that sends only a hash is
 *   answered `PersistedQueryNotSupported`, so Apollo's persisted-query link
 *   falls back to sending the document.
 * - `allow`: any document runs, and a hash alone runs the manifest's document
 *   (or one learned from Apollo's automatic persisted queries: a document
 *   sent with its SHA-256 is remembered, up to {@link LEARNED_MAX} documents and {@link LEARNED_MAX_BYTES} characters).
 * - `only` (production lockdown): only the manifest's documents run, sent by
 *   hash (or as the exact text whose hash the manifest holds); any other
 *   document is refused with FORBIDDEN before it is parsed.
 *
 * A hash travels as `documentId` (`sha256:<hex>` or `<hex>`, as codegen's
 * persisted documents and Relay send it) or as
 * `extensions.persistedQuery.sha256Hash` (Apollo). The same lookup runs on
 * the WebSocket path (`src/http/websocket.ts`), where graphql-ws needs a
 * `query`, so an empty one stands for "by hash".
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import type { PersistedConfig, PersistedMode } from './config.ts';
import { ConfigError } from './config.ts';

/** How many documents `allow` learns from automatic persisted queries (oldest forgotten first). */
export const LEARNED_MAX = 1000;
/** Most characters of learned documents kept at once (the oldest forgotten first): a document may be as large as `MAX_BODY_BYTES`. */
export const LEARNED_MAX_BYTES = 8 * 1024 * 1024;

/** What a request names: its document text, its hash, or both. */
export interface DocumentRequest {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

const hexOf = (id: string) => id.replace(/^sha256:/i, '').toLowerCase();
/** The SHA-256 (hex) of a document's text: its hash in a manifest. */
export const documentHash = (text: string) => createHash('sha256').update(text).digest('hex');

/** The request's document hash (hex), from `documentId` or Apollo's `extensions.persistedQuery`. */
export function documentIdOf(params: DocumentRequest): string | undefined {
  if (typeof params.documentId === 'string' && params.documentId !== '') return hexOf(params.documentId);
  const persisted = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  if (persisted && persisted.version === 1 && typeof persisted.sha256Hash === 'string') return hexOf(persisted.sha256Hash);
  return undefined;
}

const problem = (message: string, code: 'BAD_USER_INPUT' | 'FORBIDDEN', extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

/** The refusals, worded once for HTTP and WebSocket. Apollo's link reads the two `PersistedQuery...` messages as they are. */
export const TRUSTED_DOCUMENT_ERRORS = {
  notSupported: () => problem('PersistedQueryNotSupported', 'BAD_USER_INPUT', {
    detail: 'This gateway runs with PERSISTED_OPERATIONS=off: send the document itself in `query`.',
  }),
  notFound: (mode: PersistedMode) => problem('PersistedQueryNotFound', 'BAD_USER_INPUT', {
    detail: mode === 'only'
      ? 'No trusted document has this hash: only the manifest\'s documents run here (PERSISTED_OPERATIONS=only).'
      : 'No trusted document has this hash: send the document with it (automatic persisted queries), or add it to the manifest.',
  }),
  onlyTrusted: () => problem('Only trusted documents run here (PERSISTED_OPERATIONS=only): send the hash of a document in the manifest as `documentId` ' +
    '(or `extensions.persistedQuery.sha256Hash`), not the document itself.', 'FORBIDDEN'),
  hashMismatch: () => problem('The document\'s SHA-256 does not match `extensions.persistedQuery.sha256Hash`.', 'BAD_USER_INPUT'),
  noDocument: () => problem('Send the document in `query`, or the hash of a trusted one as `documentId`.', 'BAD_USER_INPUT'),
};

/** The manifest and what `allow` learned: the one lookup for HTTP and WebSocket. */
export class TrustedDocuments {
  readonly mode: PersistedMode;
  readonly #manifest: Map<string, string>;
  readonly #learned = new Map<string, string>();
  #learnedBytes = 0;

  constructor(mode: PersistedMode, manifest: Record<string, string> = {}) {
    this.mode = mode;
    this.#manifest = new Map(Object.entries(manifest).map(([id, document]) => [hexOf(id), document]));
  }

  /** The configured documents; the manifest is read only when the mode is not `off`. A missing or broken manifest stops the start. */
  static load(config: PersistedConfig): TrustedDocuments {
    if (config.mode === 'off') return new TrustedDocuments('off');
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(config.manifestPath, 'utf8'));
    } catch (error) {
      throw new ConfigError(`PERSISTED_OPERATIONS_MANIFEST: cannot read ${config.manifestPath} (${(error as Error).message})`);
    }
    if (!manifest || typeof manifest !== 'object' || Object.values(manifest).some((v) => typeof v !== 'string')) {
      throw new ConfigError(`PERSISTED_OPERATIONS_MANIFEST: ${config.manifestPath} must map document hashes to document strings`);
    }
    return new TrustedDocuments(config.mode, manifest as Record<string, string>);
  }

  /** The document of hash `id`: the manifest's, or (with `allow`) a learned one. */
  lookup(id: string): string | undefined {
    return this.#manifest.get(id) ?? (this.mode === 'allow' ? this.#learned.get(id) : undefined);
  }

  /**
   * The document text a request runs, or the refusal: `{ query }` when it
   * may run, a GraphQLError when not. With `off`, a request with neither
   * text nor hash is left to yoga (which answers that a query is required).
   */
  resolve(params: DocumentRequest): { query: string } | GraphQLError | undefined {
    const id = documentIdOf(params);
    const text = typeof params.query === 'string' && params.query !== '' ? params.query : undefined;
    if (this.mode === 'off') {
      if (text !== undefined) return { query: text };
      return id !== undefined ? TRUSTED_DOCUMENT_ERRORS.notSupported() : undefined;
    }
    if (text !== undefined) {
      if (this.mode === 'only') return this.#manifest.has(documentHash(text)) ? { query: text } : TRUSTED_DOCUMENT_ERRORS.onlyTrusted();
      if (id !== undefined) { // Apollo's automatic persisted queries: remember the document under its hash
        if (documentHash(text) !== id) return TRUSTED_DOCUMENT_ERRORS.hashMismatch();
        this.#learn(id, text);
      }
      return { query: text };
    }
    if (id === undefined) return this.mode === 'only' ? TRUSTED_DOCUMENT_ERRORS.onlyTrusted() : TRUSTED_DOCUMENT_ERRORS.noDocument();
    const document = this.lookup(id);
    return document === undefined ? TRUSTED_DOCUMENT_ERRORS.notFound(this.mode) : { query: document };
  }

  #learn(id: string, text: string): void {
    if (this.#manifest.has(id) || this.#learned.has(id) || text.length > LEARNED_MAX_BYTES) return;
    // learned before the document is parsed: bounded in count and in size, whatever a client sends
    for (const [oldest, document] of this.#learned) {
      if (this.#learned.size < LEARNED_MAX && this.#learnedBytes + text.length <= LEARNED_MAX_BYTES) break;
      this.#learned.delete(oldest);
      this.#learnedBytes -= document.length;
    }
    this.#learned.set(id, text);
    this.#learnedBytes += text.length;
  }
}
