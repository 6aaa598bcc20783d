import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createLoaders, type Loaders } from './resolvers/loaders.ts';
import type { RunWatcher } from './resolvers/run-watcher.ts';
import type { Caller, Identity } from './auth.ts';
import type { MutationReplays } from './resolvers/mutations.ts';
import { unauthenticated } from './schema/errors.ts';
import type { UpstreamClient, UpstreamTransport } from './upstream/client.ts';

/** What lives for the whole process and every request shares. */
export interface SharedDeps {
  config: Config;
  transport: UpstreamTransport;
  watcher: RunWatcher;
  replays: MutationReplays;
  logger: Logger;
}

/**
 * Per-request (or per-subscription) context: the caller's upstream client and
 * fresh loaders. Plain properties only: yoga copies the context with
 * `Object.assign`, so nothing here may be a getter.
 */
export interface Context {
  requestId: string;
  /** Who acts (for audit lines); never holds a key. */
  caller: Caller;
  /** When the caller's sign-in token expires (ms), with end-user authentication. */
  expiresAt: number | undefined;
  /** Aborts when the HTTP client has gone away. */
  signal: AbortSignal | undefined;
  /** The key this request acts with, or UNAUTHENTICATED when there is none. Never logged. */
  requireApiKey(): string;
  /** The upstream client bound to {@link apiKey}; with no key every call is UNAUTHENTICATED and sends nothing. */
  upstream: UpstreamClient;
  loaders: Loaders;
  /** Memo of name-or-id resolutions within this request. */
  resolved: Map<string, Promise<string>>;
  watcher: RunWatcher;
  /** Results of recent mutations by `clientMutationId`, for retries. */
  replays: MutationReplays;
  config: Config;
  logger: Logger;
}

/** What a request or subscription starts from: its identity, request id, and the signal that says its client left. */
export interface ContextInit extends Identity {
  requestId?: string | undefined;
  /** Aborts when the client goes away (HTTP connection closed); long waits end then. */
  signal?: AbortSignal | undefined;
}

export function createContext(deps: SharedDeps, init: ContextInit): Context {
  const requestId = init.requestId ?? randomUUID();
  const missingKey = () => unauthenticated(init.problem);
  const upstream = deps.transport.bind({ apiKey: init.apiKey, requestId }, missingKey);
  return {
    requestId,
    caller: init.caller,
    expiresAt: init.expiresAt,
    signal: init.signal,
    requireApiKey() {
      if (init.apiKey === undefined) throw missingKey();
      return init.apiKey;
    },
    upstream,
    loaders: createLoaders(upstream),
    resolved: new Map(),
    watcher: deps.watcher,
    replays: deps.replays,
    config: deps.config,
    logger: deps.logger.child({ requestId }),
  };
}
