/**
 * The shared transport to the Arize API: one got instance with keep-alive
 * agents, timeouts on every call, retries for idempotent methods only (with
 * `Retry-After`), and every failure turned into one {@link UpstreamError}.
 * The caller's key is added per call and never logged.
 *
 * The hot path is kept cheap: got's options are merged once (in `extend`);
 * a call passes only its URL (query string built here), method, body and two
 * headers; no per-call hooks (retries are read from `retryCount`); one
 * timer per attempt (`timeout.request`), with the connect timeout kept by
 * the agents on new sockets only, not armed on every call.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { SpanKind, SpanStatusCode, context, trace, type Context as TraceContext, type Tracer } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import got, { RequestError, type Got, type Method, type RetryObject } from 'got';
import { UpstreamError, answerTooLarge, fromGotError } from './errors.ts';
import { routeOf } from './paths.ts';

/** How the gateway reaches the upstream. Every field has a default in `src/config.ts`. */
export interface TransportOptions {
  /** Base URL without `/v2`, e.g. `https://api.arize.com`. */
  baseUrl: string;
  /** Time allowed to open the TCP (and TLS) connection. */
  connectTimeoutMs: number;
  /** Time allowed for one attempt, from sending the request to the response's last byte. */
  responseTimeoutMs: number;
  /** Retries for GET and DELETE (never POST or PATCH). */
  retryLimit: number;
  /** First backoff delay; it doubles per attempt, with full jitter, up to 10x. */
  retryBaseDelayMs: number;
  /** Longest `Retry-After` the client waits for; a longer one fails at once with `RATE_LIMITED`. */
  maxRetryAfterSeconds: number;
  /** Largest answer read, a result or an error (default {@link MAX_ANSWER_BYTES}); a larger one is dropped as soon as it passes it, a `protocol` failure. */
  maxAnswerBytes?: number;
  /** Called once per finished call (after its retries), for metrics and logs. Never sees the key. */
  onCall?: (event: UpstreamCallEvent) => void;
  /** Called when a GET joins an identical one already in flight (no second upstream call). */
  onShared?: (operation: string) => void;
  /**
   * Traces (OpenTelemetry): a CLIENT span per call, child of the active
   * context, with route, method, status and retries (never the key, never
   * ids in the name), and its `traceparent` sent to Arize.
   */
  tracing?: { tracer: Tracer | undefined; inject(headers: Record<string, string>, from?: TraceContext): void };
}

/** The default largest upstream answer read (`UPSTREAM_MAX_ANSWER_BYTES`): 32 MiB, far above a page of 500 experiment rows. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/** One finished upstream call (after its retries), for metrics and logs; it never holds the key. */
export interface UpstreamCallEvent {
  operation: string;
  method: Method;
  /** HTTP status, or `timeout` / `network` / `protocol`. */
  outcome: number | 'timeout' | 'network' | 'protocol';
  retries: number;
  durationMs: number;
  requestId: string;
}

/** The caller's credentials for one GraphQL request (or one poller). */
export interface UpstreamAuth {
  apiKey: string;
  /** Forwarded as `x-request-id`; generated when absent. */
  requestId?: string;
}

/** Options of one call. */
export interface CallOptions {
  searchParams?: object;
  json?: unknown;
  /** `false` turns retries off for this call (the run poller backs off by itself). */
  retry?: boolean;
  signal?: AbortSignal;
}

const IDEMPOTENT: Method[] = ['GET', 'DELETE'];
const RETRY_STATUS = [408, 429, 500, 502, 503, 504, 520, 521, 522, 524];
const RETRY_ERROR_CODES = [
  'ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN',
];

/**
 * The shared transport: one got instance with keep-alive agents, timeouts on
 * every call and retries for idempotent methods only. One per process; the
 * clients made by `Upstream.bind` (`client.ts`) call it with their key.
 */
export class UpstreamTransport {
  readonly #http: Got;
  readonly #agents: { http: http.Agent; https: https.Agent };
  readonly #onCall: TransportOptions['onCall'];
  readonly #onShared: TransportOptions['onShared'];
  readonly #maxAnswerBytes: number;
  readonly #tracing: TransportOptions['tracing'];
  readonly #host: string;
  /**
   * GETs in flight, by key and then URL. Keyed by the key itself, not its
   * hash: a read never needs the hash, and an entry lives only as long as its
   * call, which holds the key in its header anyway.
   */
  readonly #inFlight = new Map<string, Map<string, Promise<unknown>>>();

  constructor(options: TransportOptions) {
    this.#agents = {
      http: withConnectTimeout(new http.Agent({ keepAlive: true, maxSockets: 256 }), options.connectTimeoutMs, 'connect'),
      https: withConnectTimeout(new https.Agent({ keepAlive: true, maxSockets: 256 }), options.connectTimeoutMs, 'secureConnect'),
    };
    this.#onCall = options.onCall;
    this.#onShared = options.onShared;
    this.#maxAnswerBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
    this.#tracing = options.tracing;
    this.#host = new URL(options.baseUrl).host;
    const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.#http = got.extend({
      prefixUrl: new URL('v2/', base).toString(),
      agent: this.#agents,
      timeout: { request: options.responseTimeoutMs },
      throwHttpErrors: true,
      responseType: 'text',
      retry: {
        limit: options.retryLimit,
        methods: IDEMPOTENT,
        statusCodes: RETRY_STATUS,
        errorCodes: RETRY_ERROR_CODES,
        maxRetryAfter: options.maxRetryAfterSeconds * 1000,
        calculateDelay: (retry: RetryObject) => retryDelay(retry, options.retryBaseDelayMs),
      },
      headers: { accept: 'application/json', 'user-agent': 'arize-tasks-gateway' },
      // only so that withoutCacheOptions may empty one object of the defaults, which it freezes again
      mutableDefaults: true,
    });
    withoutCacheOptions(this.#http);
  }

  /**
   * Resolves when the upstream answers at all (any status below 500) to an
   * unauthenticated `GET /v2/spaces?limit=1` within `timeoutMs` (default 3 s,
   * shorter than an orchestrator's probe); no key is sent. For `/ready`.
   */
  async probe(timeoutMs = 3000): Promise<void> {
    const response = await this.#http('spaces', {
      searchParams: { limit: 1 }, retry: { limit: 0 }, throwHttpErrors: false, timeout: { request: timeoutMs },
    });
    if (response.statusCode >= 500) throw new Error(`upstream answered ${response.statusCode}`);
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }

  /**
   * One call of `operation` to `path` (relative to `/v2/`) with `auth`'s key:
   * its answer's JSON, or undefined for an empty body; any failure is an
   * {@link UpstreamError}.
   */
  request<T>(operation: string, method: Method, path: string, auth: UpstreamAuth, options: CallOptions = {}): Promise<T> {
    // Identical GETs in flight at once for the same key (many users opening the same list) are made
    // once and shared: keyed by the key and the URL, never across keys, never for writes or
    // cancellable polls, and forgotten as soon as they settle.
    const { apiKey } = auth;
    const query = options.searchParams ? queryString(options.searchParams) : '';
    const url = query ? `${path}?${query}` : path;
    if (method !== 'GET') {
      // A write by this key: GETs that began before it may answer with the old state, so a read
      // that starts after it must not join them (read-your-writes).
      // Forgotten when the write starts and again when it ends, since a GET begun during it is as old.
      this.#inFlight.delete(apiKey);
      return this.#send<T>(operation, method, url, auth, options).finally(() => this.#inFlight.delete(apiKey));
    }
    if (options.signal || options.retry === false) return this.#send<T>(operation, method, url, auth, options);
    let ofKey = this.#inFlight.get(apiKey);
    const shared = ofKey?.get(url);
    if (shared) {
      this.#onShared?.(operation);
      return shared as Promise<T>;
    }
    if (!ofKey) this.#inFlight.set(apiKey, (ofKey = new Map()));
    const calls = ofKey;
    const call = this.#send<T>(operation, method, url, auth, options).finally(() => {
      // a write by this key since may have dropped `calls` (and a new map may hold a newer call)
      if (calls.get(url) !== call) return;
      calls.delete(url);
      if (calls.size === 0 && this.#inFlight.get(apiKey) === calls) this.#inFlight.delete(apiKey);
    });
    calls.set(url, call);
    return call;
  }

  /** One call (with got's retries) to `url`, relative to `/v2/` and with its query string already on it. */
  async #send<T>(operation: string, method: Method, url: string, auth: UpstreamAuth, options: CallOptions): Promise<T> {
    const requestId = auth.requestId ?? randomUUID();
    const started = performance.now();
    let retries = 0;
    let outcome: UpstreamCallEvent['outcome'] = 'network';
    const headers: Record<string, string> = { authorization: `Bearer ${auth.apiKey}`, 'x-request-id': requestId };
    const tracer = this.#tracing?.tracer;
    const route = tracer ? routeOf(url) : '';
    const span = tracer?.startSpan(`${method} ${route}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': method, 'url.template': route, 'server.address': this.#host, 'arize.operation': operation },
    });
    if (span) this.#tracing!.inject(headers, trace.setSpan(context.active(), span));
    let tooLarge = false;
    try {
      const call = this.#http(url, {
        method, headers, ...(options.json !== undefined ? { json: options.json } : {}),
        ...(options.retry === false ? { retry: { limit: 0 } } : {}), ...(options.signal ? { signal: options.signal } : {}),
      });
      call.on('downloadProgress', ({ transferred, total }) => {
        if (!tooLarge && Math.max(transferred, total ?? 0) > this.#maxAnswerBytes) { tooLarge = true; call.cancel(); }
      });
      const response = await call;
      retries = response.retryCount;
      outcome = response.statusCode;
      const body = response.body as string;
      if (body.length === 0) return undefined as T;
      try {
        return JSON.parse(body) as T;
      } catch {
        throw new UpstreamError({ kind: 'http', operation, status: response.statusCode, retries, detail: 'the answer was not valid JSON' });
      }
    } catch (error) {
      if (error instanceof RequestError) retries = error.request?.retryCount ?? retries;
      const upstreamError = tooLarge ? answerTooLarge(operation, retries, this.#maxAnswerBytes, error instanceof RequestError ? error.response?.statusCode : undefined) : fromGotError(operation, error, retries);
      outcome = upstreamError.kind === 'http' ? (upstreamError.status ?? 0) : upstreamError.kind;
      throw upstreamError;
    } finally {
      this.#onCall?.({ operation, method, outcome, retries, durationMs: performance.now() - started, requestId });
      if (span) {
        if (typeof outcome === 'number') span.setAttribute('http.response.status_code', outcome);
        else span.setAttribute('error.type', outcome);
        if (retries > 0) span.setAttribute('http.request.resend_count', retries);
        if (typeof outcome !== 'number' || outcome >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    }
  }
}

/**
 * Empties got's `cacheOptions` (four keys, all undefined, read only when the
 * `cache` option is set, which it never is here). got spreads that object
 * first into the options of every request it sends, ahead of about 30 more
 * keys, and Node 20's V8 builds such an object slowly: 55-65 us per call on
 * this machine, against 6 us once the object is empty (Node 24: 2-4 us either
 * way). A got that no longer keeps them there is left as it is.
 */
function withoutCacheOptions(instance: Got): void {
  const cacheOptions: Record<string, unknown> = instance.defaults.options.cacheOptions;
  if (Object.isFrozen(cacheOptions)) return;
  for (const key of Object.keys(cacheOptions)) if (cacheOptions[key] === undefined) delete cacheOptions[key];
  // and frozen again, as got freezes the defaults of an instance made without `mutableDefaults`
  instance.defaults.options.freeze();
  Object.freeze(instance.defaults.handlers);
}

/** Exponential backoff with full jitter; a `Retry-After` within the cap is waited for exactly. */
function retryDelay({ computedValue, retryAfter, attemptCount }: RetryObject, baseMs: number): number {
  if (computedValue === 0) return 0; // got's own rules said no: method, status, limit, or Retry-After over the cap
  if (retryAfter !== undefined && retryAfter > 0) return retryAfter;
  const ceiling = Math.min(baseMs * 2 ** (attemptCount - 1), baseMs * 10);
  return Math.max(1, Math.round(ceiling / 2 + Math.random() * (ceiling / 2)));
}

/** `params` as a query string, without the keys whose value is undefined or null (the same string for the same params). */
function queryString(params: object): string {
  let out = '';
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    out += `${out ? '&' : ''}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
  }
  return out;
}

/**
 * `agent`, whose new sockets are destroyed with `ETIMEDOUT` when they are not
 * connected (`event`) within `ms`. Kept here rather than in got's per-call
 * timeouts, so a call over a kept-alive socket arms no connect timer.
 */
function withConnectTimeout<A extends http.Agent>(agent: A, ms: number, event: 'connect' | 'secureConnect'): A {
  const create = agent.createConnection.bind(agent) as (options: object, callback?: (error: Error | null, socket: Duplex) => void) => Duplex;
  (agent as { createConnection: typeof create }).createConnection = (options, callback) => {
    const socket = create(options, callback);
    const timer = setTimeout(() => {
      socket.destroy(Object.assign(new Error(`connect timed out after ${ms} ms`), { code: 'ETIMEDOUT' }));
    }, ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    socket.once(event, clear);
    socket.once('close', clear);
    return socket;
  };
  return agent;
}
