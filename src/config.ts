/**
 * Every environment variable the gateway reads, checked once at start into a
 * frozen {@link Config}. A bad value throws a {@link ConfigError} whose message
 * is one line naming the variable and what it accepts. The README's
 * configuration table lists the same variables and defaults.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  /** `PORT`: 4000. */
  port: number;
  /** `HOST`: 127.0.0.1 (use 0.0.0.0 in a container). */
  host: string;
  /** `ARIZE_API_URL`: the upstream base URL; unset means "start the local emulator". */
  arizeApiUrl: string | undefined;
  /** `ARIZE_API_KEY`: the server's key, used when a request brings none. */
  arizeApiKey: string | undefined;
  upstream: {
    /** `UPSTREAM_CONNECT_TIMEOUT_MS`: 5000. */
    connectTimeoutMs: number;
    /** `UPSTREAM_RESPONSE_TIMEOUT_MS`: 30000. */
    responseTimeoutMs: number;
    /** `UPSTREAM_RETRY_LIMIT`: 2 retries for GET/DELETE. */
    retryLimit: number;
    /** `UPSTREAM_RETRY_BASE_MS`: 300. */
    retryBaseDelayMs: number;
    /** `UPSTREAM_MAX_RETRY_AFTER_SECONDS`: 30. */
    maxRetryAfterSeconds: number;
  };
  runs: {
    /** `RUN_POLL_INTERVAL_MS`: 2000, how often one shared poller reads a watched run. */
    pollIntervalMs: number;
    /** `RUN_OUTAGE_BUDGET_MS`: 300000, how long a watched run may be unreadable before `UPSTREAM_UNAVAILABLE`. */
    outageBudgetMs: number;
  };
  /** `LOG_LEVEL`: info. */
  logLevel: LogLevel;
  /** `CORS_ORIGINS`: comma-separated allow-list; empty (default) allows no cross-origin browser calls. */
  corsOrigins: string[];
  /** `GRAPHIQL`: true, or false when `NODE_ENV=production`. */
  graphiql: boolean;
  /** `INTROSPECTION`: true, or false when `NODE_ENV=production`. */
  introspection: boolean;
  limits: {
    /** `MAX_QUERY_DEPTH`: 12. */
    depth: number;
    /** `MAX_QUERY_ALIASES`: 20. */
    aliases: number;
    /** `MAX_QUERY_TOKENS`: 3000. */
    tokens: number;
    /** `MAX_QUERY_COST`: 2500 estimated upstream calls. */
    cost: number;
    /** `MAX_BODY_BYTES`: 102400. */
    bodyBytes: number;
    /** `MAX_BATCH_OPERATIONS`: 0 (batching off); N allows batches of up to N. */
    batch: number;
    /** `WS_MAX_CONNECTIONS_PER_CLIENT`: 100 sockets per client address. */
    wsConnectionsPerClient: number;
    /** `WS_MAX_SUBSCRIPTIONS_PER_CONNECTION`: 50. */
    wsSubscriptionsPerConnection: number;
  };
  /** `WS_KEEPALIVE_MS`: 12000, ping interval that also closes dead sockets. */
  wsKeepAliveMs: number;
  /** `SHUTDOWN_GRACE_MS`: 10000, how long in-flight requests may finish on SIGTERM. */
  shutdownGraceMs: number;
}

type Env = Record<string, string | undefined>;

/** Reads and checks `env` (default `process.env`). Throws {@link ConfigError}. */
export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const int = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
      throw new ConfigError(`${name} must be ${range} (got "${raw}")`);
    }
    return Number(raw);
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
  };

  const apiUrl = env.ARIZE_API_URL?.trim() || undefined;
  if (apiUrl !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(apiUrl);
    } catch {
      throw new ConfigError(`ARIZE_API_URL must be an http(s) URL such as https://api.arize.com (got "${apiUrl}")`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new ConfigError(`ARIZE_API_URL must be an http(s) URL such as https://api.arize.com (got "${apiUrl}")`);
    }
    if (parsed.username || parsed.password || parsed.search) {
      throw new ConfigError('ARIZE_API_URL must not carry credentials or a query; put the key in ARIZE_API_KEY');
    }
  }
  const apiKey = env.ARIZE_API_KEY?.trim() || undefined;
  if (apiKey !== undefined && /\s/.test(apiKey)) {
    throw new ConfigError('ARIZE_API_KEY must not contain white space');
  }

  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  }

  const corsOrigins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin === '*') continue;
    let ok = false;
    try {
      const url = new URL(origin);
      ok = (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin;
    } catch {
      ok = false;
    }
    if (!ok) throw new ConfigError(`CORS_ORIGINS must be a comma-separated list of origins like https://app.example.com, or * (got "${origin}")`);
  }

  const host = env.HOST?.trim() || '127.0.0.1';

  return Object.freeze({
    port: int('PORT', 4000, 0, 65535),
    host,
    arizeApiUrl: apiUrl,
    arizeApiKey: apiKey,
    upstream: Object.freeze({
      connectTimeoutMs: int('UPSTREAM_CONNECT_TIMEOUT_MS', 5000, 1),
      responseTimeoutMs: int('UPSTREAM_RESPONSE_TIMEOUT_MS', 30000, 1),
      retryLimit: int('UPSTREAM_RETRY_LIMIT', 2, 0, 10),
      retryBaseDelayMs: int('UPSTREAM_RETRY_BASE_MS', 300, 1),
      maxRetryAfterSeconds: int('UPSTREAM_MAX_RETRY_AFTER_SECONDS', 30, 0, 3600),
    }),
    runs: Object.freeze({
      pollIntervalMs: int('RUN_POLL_INTERVAL_MS', 2000, 10),
      outageBudgetMs: int('RUN_OUTAGE_BUDGET_MS', 300000, 1),
    }),
    logLevel,
    corsOrigins,
    graphiql: bool('GRAPHIQL', !production),
    introspection: bool('INTROSPECTION', !production),
    limits: Object.freeze({
      depth: int('MAX_QUERY_DEPTH', 12, 1),
      aliases: int('MAX_QUERY_ALIASES', 20, 1),
      tokens: int('MAX_QUERY_TOKENS', 3000, 10),
      cost: int('MAX_QUERY_COST', 2500, 1),
      bodyBytes: int('MAX_BODY_BYTES', 102400, 256),
      batch: int('MAX_BATCH_OPERATIONS', 0, 0, 100),
      wsConnectionsPerClient: int('WS_MAX_CONNECTIONS_PER_CLIENT', 100, 1),
      wsSubscriptionsPerConnection: int('WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 50, 1),
    }),
    wsKeepAliveMs: int('WS_KEEPALIVE_MS', 12000, 100),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 10000, 0),
  });
}
