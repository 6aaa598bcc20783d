import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { requestLogger, type RequestLogger } from './observability/logger.ts';
import { createLoaders, type Loaders } from './resolvers/loaders.ts';
import type { Caller, Identity, KeyUsed } from './auth.ts';
import type { MutationReplays } from './replays.ts';
import type { RecentWrites } from './resolvers/reconcile.ts';
import type { RunFeed } from './runs/feed.ts';
import { unauthenticated } from './errors.ts';
import type { Upstream, UpstreamClient } from './upstream/client.ts';

/** What lives for the whole process and every request shares. */
export interface SharedDeps {
  config: Config;
  /** The way to the Arize API: a client per request ({@link Upstream.bind}). */
  upstream: Upstream;
  runFeed: RunFeed;
  replays: MutationReplays;
  /** Writes this process made lately, to tell another caller's write from ours after a lost answer. */
  writes: RecentWrites;
  logger: Logger;
}

/**
 * Says that a request's client has gone away: the HTTP connection closed, or
 * the WebSocket closed or the client completed the operation. Reads listen
 * with {@link whenGone} (a plain list: an AbortController, its signal and an
 * EventTarget listener per read cost about 10 us on Node 20). Its
 * AbortSignal, for what takes one (a long wait), is made the first time it is
 * asked for, so an operation that waits for nothing pays for none: an
 * AbortController and its signal weigh about 0.7 KiB, and a subscription
 * lives for minutes.
 */
export class ClientGone {
  #controller: AbortController | undefined;
  #listeners: Set<() => void> | undefined;
  #gone = false;

  /**
   * Calls `listener` once when the client goes away (at once when it has);
   * returns what stops that.
   */
  whenGone(listener: () => void): () => void {
    if (this.#gone) {
      listener();
      return () => false;
    }
    const listeners = (this.#listeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Aborts when the client goes away; already aborted when it has. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#gone) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  /** True once the client has gone away. */
  get aborted(): boolean {
    return this.#gone;
  }

  /** Marks the client gone and aborts the signal, if one was made; once only. */
  abort(): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#controller?.abort();
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (!listeners) return;
    for (const listener of listeners) {
      try {
        listener();
      } catch {
        // one listener's failure must not keep the others from hearing it (each only rejects its own read)
      }
    }
  }
}

/** Where a request comes from, for audit lines: the client's address (`TRUSTED_PROXIES`) and its user agent, as sent. */
export interface ClientInfo {
  address: string | undefined;
  userAgent: string | undefined;
}

/**
 * Per-request (or per-subscription) context: the caller's upstream client and
 * fresh loaders. Plain properties only: yoga copies the context with
 * `Object.assign`, so nothing here may be a getter (objects it holds may
 * have them: `caller.keyHash` and `key.hash` are computed when first read).
 */
export interface Context {
  requestId: string;
  /** Who acts (for audit lines); never holds a key. */
  caller: Caller;
  /** Which key acts (server's or own) and its hash, when there is one. */
  key: KeyUsed | undefined;
  /** Where the request comes from (address and user agent). */
  client: ClientInfo;
  /** When the caller's sign-in token expires (ms), with end-user authentication. */
  expiresAt: number | undefined;
  /** Tells when the client has gone away (its `signal` aborts then); undefined in-process (`yoga.fetch`). */
  gone: ClientGone | undefined;
  /**
   * Takes one of the client's places for a long-lived answer
   * (`SSE_MAX_STREAMS_PER_CLIENT`, shared with its event streams) and returns
   * what gives it back; undefined when the client holds them all. Set on
   * HTTP requests only: a WebSocket's operations have the socket's cap, and
   * nothing in-process needs one.
   */
  holdOpen: (() => (() => void) | undefined) | undefined;
  /** The key this request acts with, or UNAUTHENTICATED when there is none. Never logged. */
  requireApiKey(): string;
  /** The upstream client bound to {@link apiKey}; with no key every call is UNAUTHENTICATED and sends nothing. */
  upstream: UpstreamClient;
  loaders: Loaders;
  /** Name-or-id lookups already made in this request, by kind, name and space; made by the first lookup. */
  nameLookups: Map<string, Promise<string>> | undefined;
  /** Live run state: `runStatus` and `waitForTaskRun`. */
  runFeed: RunFeed;
  /** Results of recent mutations by `clientMutationId`, for retries. */
  replays: MutationReplays;
  /** Writes this process made lately (reconciliation after a lost answer). */
  writes: RecentWrites;
  config: Config;
  /** This request's log lines (with its `requestId`). */
  logger: RequestLogger;
}

/** What a request or subscription starts from: its identity, request id, and what says its client left. */
export interface ContextInit extends Identity {
  requestId?: string | undefined;
  /** Aborts when the client goes away (HTTP connection closed, WebSocket closed or the operation completed); reads and long waits end then. */
  gone?: ClientGone | undefined;
  client?: ClientInfo | undefined;
  holdOpen?: Context['holdOpen'];
}

/** A fresh context for one request or subscription: its upstream client bound to its key, fresh loaders, its logger. */
export function createContext(deps: SharedDeps, init: ContextInit): Context {
  const requestId = init.requestId ?? randomUUID();
  // only a request with no key is ever told it has none
  const missingKey = init.apiKey === undefined ? () => unauthenticated(init.problem) : undefined;
  const upstream = deps.upstream.bind({ apiKey: init.apiKey, requestId }, missingKey, init.gone);
  return {
    requestId,
    caller: init.caller,
    key: init.key,
    client: init.client ?? { address: undefined, userAgent: undefined },
    expiresAt: init.expiresAt,
    gone: init.gone,
    holdOpen: init.holdOpen,
    requireApiKey() {
      if (init.apiKey === undefined) throw unauthenticated(init.problem);
      return init.apiKey;
    },
    upstream,
    loaders: createLoaders(upstream),
    nameLookups: undefined,
    runFeed: deps.runFeed,
    replays: deps.replays,
    writes: deps.writes,
    config: deps.config,
    logger: requestLogger(deps.logger, requestId),
  };
}
