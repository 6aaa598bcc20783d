import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createLoaders, type Loaders } from './resolvers/loaders.ts';
import type { RunWatcher } from './resolvers/run-watcher.ts';
import { unauthenticated } from './schema/errors.ts';
import type { UpstreamClient, UpstreamTransport } from './upstream/client.ts';

/** What lives for the whole process and every request shares. */
export interface SharedDeps {
  config: Config;
  transport: UpstreamTransport;
  watcher: RunWatcher;
  logger: Logger;
}

/**
 * Per-request (or per-subscription) context: the caller's upstream client and
 * fresh loaders. Plain properties only: yoga copies the context with
 * `Object.assign`, so nothing here may be a getter.
 */
export interface Context {
  requestId: string;
  /** The key this request acts with (the caller's, else the server's); never logged. */
  apiKey: string | undefined;
  /** {@link apiKey}, or UNAUTHENTICATED when there is none. */
  requireApiKey(): string;
  /** The upstream client bound to {@link apiKey}; with no key every call is UNAUTHENTICATED and sends nothing. */
  upstream: UpstreamClient;
  loaders: Loaders;
  /** Memo of name-or-id resolutions within this request. */
  resolved: Map<string, Promise<string>>;
  watcher: RunWatcher;
  config: Config;
  logger: Logger;
}

/** The caller's credential as read from a request: a key, or why there is none. */
export interface Credential {
  apiKey: string | undefined;
  /** Set when an Authorization value was given but is not `Bearer <key>`. */
  problem?: string;
}

/**
 * The key from an `Authorization` value: `Bearer <key>` gives the key, no
 * value gives the server's key, anything else is a problem reported as
 * UNAUTHENTICATED on first use (never echoing the value).
 */
export function credentialFrom(authorization: unknown, serverKey: string | undefined): Credential {
  if (authorization === undefined || authorization === null || authorization === '') return { apiKey: serverKey };
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  if (!match) return { apiKey: undefined, problem: 'The authorization value must be `Bearer <api-key>`.' };
  return { apiKey: match[1] };
}

export function createContext(deps: SharedDeps, init: Credential & { requestId?: string | undefined }): Context {
  const requestId = init.requestId ?? randomUUID();
  const missingKey = () => unauthenticated(init.problem);
  const upstream = deps.transport.bind({ apiKey: init.apiKey, requestId }, missingKey);
  return {
    requestId,
    apiKey: init.apiKey,
    requireApiKey() {
      if (init.apiKey === undefined) throw missingKey();
      return init.apiKey;
    },
    upstream,
    loaders: createLoaders(upstream),
    resolved: new Map(),
    watcher: deps.watcher,
    config: deps.config,
    logger: deps.logger.child({ requestId }),
  };
}
