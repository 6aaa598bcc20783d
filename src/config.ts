/**
 * Every environment variable the gateway reads, checked once at start into a
 * frozen {@link Config}. A bad value throws a {@link ConfigError} whose message
 * is one line naming the variable and what it accepts. The README's
 * configuration table lists the same variables and defaults.
 */
import net from 'node:net';
import path from 'node:path';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The longest delay a Node timer takes (2^31-1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A pino log level (`LOG_LEVEL`). */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The gateway's whole configuration, read once at start (see the README's table). */
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
    /** `UPSTREAM_CONNECT_TIMEOUT_MS`: 5000 (new sockets only; kept-alive ones are reused). */
    connectTimeoutMs: number;
    /** `UPSTREAM_RESPONSE_TIMEOUT_MS`: 30000, per attempt, to the last byte. */
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
    /** `SSE_MAX_STREAMS_PER_CLIENT`: 100 open event streams (and graphql-sse reservations) per client address. */
    sseStreamsPerClient: number;
    /** `SSE_RESERVATION_TTL_MS`: 30000, how long a graphql-sse stream reservation (PUT) lives unless its stream opens. */
    sseReservationMs: number;
  };
  /** The HTTP server's own timeouts for reading a request (Node's `requestTimeout` and `headersTimeout`). */
  http: {
    /** `HTTP_REQUEST_TIMEOUT_MS`: 30000, the longest time a client may take to send a whole request (headers and body); 408 after. */
    requestTimeoutMs: number;
    /** `HTTP_HEADERS_TIMEOUT_MS`: 10000, the longest time a client may take to send a request's headers. */
    headersTimeoutMs: number;
  };
  /**
   * `PUBLIC_HOSTS`: the host names (`host` or `host:port`) clients reach the
   * gateway by, besides `localhost`, IP literals and the hosts of `CORS_ORIGINS`;
   * any other `Host` is refused (DNS rebinding). Empty (the default).
   */
  publicHosts: string[];
  /** `TRUSTED_PROXIES`: addresses and CIDRs of proxies whose `X-Forwarded-For` names the client; empty (the default) trusts none. */
  trustedProxies: string[];
  /** `WS_KEEPALIVE_MS`: 12000, ping interval that also closes dead sockets. */
  wsKeepAliveMs: number;
  /** `NODE_ENV=production` (in any case). */
  production: boolean;
  /** `ALLOW_ANONYMOUS`: false. In production with a server key and no end-user auth, the gateway starts only when this is true. */
  allowAnonymous: boolean;
  /** End-user authentication (OIDC / JWT); undefined when off (the default). */
  auth: AuthConfig | undefined;
  /** `MUTATION_REPLAY_SECONDS`: 300, how long a mutation's result is kept for a retry with the same `clientMutationId`. */
  mutationReplaySeconds: number;
  /** The shared run feed on Redis; undefined (the default) keeps one poller per run in each process. */
  redis: RedisConfig | undefined;
  /** `SHUTDOWN_GRACE_MS`: 10000, how long in-flight requests may finish on SIGTERM. */
  shutdownGraceMs: number;
  /** Trusted documents (persisted operations). */
  persisted: PersistedConfig;
  /** OpenTelemetry traces. */
  tracing: TracingConfig;
}

/** OpenTelemetry traces: exported over OTLP/HTTP when an endpoint is set, off otherwise. */
export interface TracingConfig {
  /**
   * Where spans go: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as given, or
   * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`; undefined (the default) turns tracing off.
   */
  endpoint: string | undefined;
  /** `OTEL_SERVICE_NAME`: `arize-tasks-gateway`. */
  serviceName: string;
}

/** Which documents run: any (`off`), any plus those sent by hash (`allow`), or only those sent by hash (`only`). */
export type PersistedMode = 'off' | 'allow' | 'only';

/** Trusted documents: `PERSISTED_OPERATIONS` and its manifest. */
export interface PersistedConfig {
  /** `PERSISTED_OPERATIONS`: `off` (default), `allow` or `only`. */
  mode: PersistedMode;
  /**
   * `PERSISTED_OPERATIONS_MANIFEST`: a JSON file mapping `sha256:<hex>` (or
   * `<hex>`) to a document, as codegen's `persisted-documents.json`; by
   * default the example operations' manifest, `examples/generated/persisted-documents.json`.
   */
  manifestPath: string;
}

/** End-user authentication: every request carries a JWT; the upstream is called with the server's key. */
export interface AuthConfig {
  /** `AUTH_JWT_ISSUER`: the `iss` tokens must carry. */
  issuer: string;
  /** `AUTH_JWT_AUDIENCE`: the `aud` tokens must carry (comma-separated for several). */
  audience: string[];
  /** `AUTH_JWKS_URL`: where the issuer's signing keys are (fetched, cached, refetched for an unknown `kid`). */
  jwksUrl: string | undefined;
  /** `AUTH_JWT_SECRET`: a shared HS256 secret (at least 32 characters), instead of a JWKS. */
  secret: string | undefined;
  /** `AUTH_CLOCK_SKEW_SECONDS`: 30, accepted clock difference for `exp`/`nbf`/`iat`. */
  clockSkewSeconds: number;
  /** `AUTH_JWKS_COOLDOWN_MS`: 30000, least time between two JWKS fetches (an unknown `kid` refetches after it). */
  jwksCooldownMs: number;
  /** `AUTH_ALLOW_USER_API_KEYS`: false. When true, a user may send their own Arize key in `x-arize-api-key`. */
  allowUserApiKeys: boolean;
  /** `AUTH_MAX_TOKEN_AGE_SECONDS`: 86400, the oldest token (by `iat`) accepted, and the longest a token may still live (`exp`). */
  maxTokenAgeSeconds: number;
}

/** Several replicas share one poller per run through Redis. */
export interface RedisConfig {
  /** `REDIS_URL`: `redis://[user:password@]host:port[/db]` or `rediss://...`. */
  url: string;
  /** `REDIS_KEY_PREFIX`: `arize-tasks-gateway:`, before every key and channel. */
  keyPrefix: string;
  /** `REDIS_LEASE_MS`: 1.5 poll intervals, how long a poller's lease lasts unless renewed (a dead holder is replaced after it). */
  leaseMs: number;
}

type Env = Record<string, string | undefined>;

/** Reads and checks `env` (default `process.env`). Throws {@link ConfigError}. */
export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV?.trim().toLowerCase() === 'production';
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

  const apiUrl = readApiUrl(env);
  const apiKey = env.ARIZE_API_KEY?.trim() || undefined;
  if (apiKey !== undefined && /\s/.test(apiKey)) {
    throw new ConfigError('ARIZE_API_KEY must not contain white space');
  }

  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  }

  const corsOrigins = readCorsOrigins(env);

  const host = env.HOST?.trim() || '127.0.0.1';

  const auth = authConfig(env, int, bool);
  const allowAnonymous = bool('ALLOW_ANONYMOUS', false);
  if (production && apiKey !== undefined && auth === undefined && !allowAnonymous) {
    throw new ConfigError('NODE_ENV=production with ARIZE_API_KEY would let anyone who reaches the gateway act with that key: ' +
      'configure end-user authentication (AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE and AUTH_JWKS_URL or AUTH_JWT_SECRET) or set ALLOW_ANONYMOUS=true');
  }
  const publicHosts = readPublicHosts(env);
  if (production && auth === undefined && publicHosts.length === 0) {
    throw new ConfigError('NODE_ENV=production without end-user authentication needs PUBLIC_HOSTS: the host names clients reach the gateway by ' +
      '(e.g. PUBLIC_HOSTS=tasks.example.com), so a page whose DNS name was rebound to this address is refused');
  }
  if (production && auth?.jwksUrl !== undefined && new URL(auth.jwksUrl).protocol !== 'https:') {
    throw new ConfigError(`AUTH_JWKS_URL must be an https URL in production (got "${auth.jwksUrl}"): the keys that sign tokens must not travel in the clear`);
  }
  if (production && corsOrigins.includes('*') && apiKey !== undefined && auth === undefined) {
    throw new ConfigError('CORS_ORIGINS=* with ARIZE_API_KEY and no end-user authentication would let every web page act with that key: ' +
      'list the origins of your apps in CORS_ORIGINS');
  }
  const requestTimeoutMs = int('HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000);
  const headersTimeoutMs = int('HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 3_600_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be longer than HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  }

  return Object.freeze({
    port: int('PORT', 4000, 0, 65535),
    host,
    arizeApiUrl: apiUrl,
    arizeApiKey: apiKey,
    upstream: Object.freeze({
      connectTimeoutMs: int('UPSTREAM_CONNECT_TIMEOUT_MS', 5000, 1, MAX_TIMER_MS),
      responseTimeoutMs: int('UPSTREAM_RESPONSE_TIMEOUT_MS', 30000, 1, MAX_TIMER_MS),
      retryLimit: int('UPSTREAM_RETRY_LIMIT', 2, 0, 10),
      retryBaseDelayMs: int('UPSTREAM_RETRY_BASE_MS', 300, 1, 60_000),
      maxRetryAfterSeconds: int('UPSTREAM_MAX_RETRY_AFTER_SECONDS', 30, 0, 3600),
    }),
    runs: Object.freeze({
      pollIntervalMs: int('RUN_POLL_INTERVAL_MS', 2000, 10, 3_600_000),
      outageBudgetMs: int('RUN_OUTAGE_BUDGET_MS', 300000, 1, MAX_TIMER_MS),
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
      sseStreamsPerClient: int('SSE_MAX_STREAMS_PER_CLIENT', 100, 1),
      sseReservationMs: int('SSE_RESERVATION_TTL_MS', 30_000, 100, 3_600_000),
    }),
    http: Object.freeze({ requestTimeoutMs, headersTimeoutMs }),
    publicHosts,
    trustedProxies: readTrustedProxies(env),
    wsKeepAliveMs: int('WS_KEEPALIVE_MS', 12000, 100, 3_600_000),
    production,
    allowAnonymous,
    auth,
    mutationReplaySeconds: int('MUTATION_REPLAY_SECONDS', 300, 0, 86_400),
    redis: redisConfig(env, int, int('RUN_POLL_INTERVAL_MS', 2000, 10, 3_600_000)),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 10000, 0, 3_600_000),
    persisted: persistedConfig(env),
    tracing: tracingConfig(env),
  });
}

/** `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, `OTEL_EXPORTER_OTLP_ENDPOINT` and `OTEL_SERVICE_NAME`. */
function tracingConfig(env: Env): TracingConfig {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || undefined;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || undefined;
  const endpoint = traces ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (endpoint !== undefined) {
    try {
      const url = new URL(endpoint);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    } catch {
      throw new ConfigError(`OTEL_EXPORTER_OTLP_${traces ? 'TRACES_' : ''}ENDPOINT must be an http(s) URL (got '${traces ?? base}')`);
    }
  }
  return Object.freeze({ endpoint, serviceName: env.OTEL_SERVICE_NAME?.trim() || 'arize-tasks-gateway' });
}

/** The package's own root folder (above `src/`, or above `dist/src/` when compiled), where `examples/` is. */
export const PACKAGE_ROOT = new URL(import.meta.url.includes('/dist/src/') ? '../../' : '../', import.meta.url).pathname;

/** `PERSISTED_OPERATIONS` and `PERSISTED_OPERATIONS_MANIFEST`. */
function persistedConfig(env: Env): PersistedConfig {
  const mode = (env.PERSISTED_OPERATIONS?.trim().toLowerCase() || 'off') as PersistedMode;
  if (!['off', 'allow', 'only'].includes(mode)) {
    throw new ConfigError(`PERSISTED_OPERATIONS must be off, allow or only (got '${env.PERSISTED_OPERATIONS}')`);
  }
  const manifestPath = env.PERSISTED_OPERATIONS_MANIFEST?.trim() || path.join(PACKAGE_ROOT, 'examples/generated/persisted-documents.json');
  return Object.freeze({ mode, manifestPath });
}

type IntReader = (name: string, fallback: number, min: number, max?: number) => number;
type BoolReader = (name: string, fallback: boolean) => boolean;

/** `AUTH_*`: off unless a JWKS URL or a secret is set; then issuer and audience are required. */
function authConfig(env: Env, int: IntReader, bool: BoolReader): AuthConfig | undefined {
  const jwksUrl = env.AUTH_JWKS_URL?.trim() || undefined;
  const secret = env.AUTH_JWT_SECRET?.trim() || undefined;
  const issuer = env.AUTH_JWT_ISSUER?.trim() || undefined;
  const audience = (env.AUTH_JWT_AUDIENCE ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (jwksUrl === undefined && secret === undefined) {
    if (issuer !== undefined || audience.length > 0) {
      throw new ConfigError('AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE need AUTH_JWKS_URL or AUTH_JWT_SECRET to verify tokens with');
    }
    return undefined;
  }
  if (jwksUrl !== undefined && secret !== undefined) throw new ConfigError('set AUTH_JWKS_URL or AUTH_JWT_SECRET, not both');
  if (jwksUrl !== undefined) {
    let ok = false;
    try {
      const url = new URL(jwksUrl);
      ok = url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      ok = false;
    }
    if (!ok) throw new ConfigError(`AUTH_JWKS_URL must be an http(s) URL (got "${jwksUrl}")`);
  }
  if (secret !== undefined && secret.length < 32) throw new ConfigError('AUTH_JWT_SECRET must be at least 32 characters (an HS256 key)');
  if (issuer === undefined) throw new ConfigError('AUTH_JWT_ISSUER is required with end-user authentication (the `iss` tokens must carry)');
  if (audience.length === 0) throw new ConfigError('AUTH_JWT_AUDIENCE is required with end-user authentication (the `aud` tokens must carry)');
  return Object.freeze({
    issuer,
    audience,
    jwksUrl,
    secret,
    clockSkewSeconds: int('AUTH_CLOCK_SKEW_SECONDS', 30, 0, 300),
    jwksCooldownMs: int('AUTH_JWKS_COOLDOWN_MS', 30_000, 0, 3_600_000),
    allowUserApiKeys: bool('AUTH_ALLOW_USER_API_KEYS', false),
    maxTokenAgeSeconds: int('AUTH_MAX_TOKEN_AGE_SECONDS', 86_400, 60, 31_536_000),
  });
}

/** `ARIZE_API_URL`: an http(s) URL without credentials or a query, or undefined. */
function readApiUrl(env: Env): string | undefined {
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
  return apiUrl;
}

/** `CORS_ORIGINS`: origins like `https://app.example.com`, or `*`. */
function readCorsOrigins(env: Env): string[] {
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

  return corsOrigins;
}

/**
 * `PUBLIC_HOSTS`: `host` (any port) or `host:port` (that port only), host
 * names or IP literals (`[::1]:4000`), lower-cased; no scheme, path or `*`.
 */
function readPublicHosts(env: Env): string[] {
  const hosts = (env.PUBLIC_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  for (const host of hosts) {
    if (parseHostPort(host) === undefined) {
      throw new ConfigError(`PUBLIC_HOSTS must be a comma-separated list of host names, each with an optional port, like tasks.example.com or tasks.example.com:8443 (got "${host}")`);
    }
  }
  return hosts;
}

/**
 * A `Host` value (or a `PUBLIC_HOSTS` entry) as its name and port: `name`,
 * `name:port`, `[v6]` or `[v6]:port`. The name is lower-cased, a trailing dot
 * dropped; undefined when it is not a host name or an IP literal.
 */
export function parseHostPort(value: string): { name: string; port: string | undefined } | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_.-]+))(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match) return undefined;
  const port = match[3];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return undefined;
  if (match[1] !== undefined) return net.isIPv6(match[1]) ? { name: `[${match[1].toLowerCase()}]`, port } : undefined;
  const name = match[2]!.toLowerCase().replace(/\.$/, '');
  if (name === '' || name.startsWith('.') || name.includes('..')) return undefined;
  return { name, port };
}

/** `TRUSTED_PROXIES`: IPv4 or IPv6 addresses and CIDRs (`10.0.0.0/8`, `fd00::/8`). */
function readTrustedProxies(env: Env): string[] {
  const entries = (env.TRUSTED_PROXIES ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = net.isIP(address);
    const bits = family === 4 ? 32 : 128;
    const ok = family !== 0 && rest.length === 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits));
    if (!ok) throw new ConfigError(`TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDRs like 10.0.0.5 or 172.16.0.0/12 (got "${entry}")`);
  }
  return entries;
}

/** `REDIS_*`: off unless `REDIS_URL` is set. */
function redisConfig(env: Env, int: IntReader, pollIntervalMs: number): RedisConfig | undefined {
  const url = env.REDIS_URL?.trim() || undefined;
  if (url === undefined) return undefined;
  let ok = false;
  try {
    const parsed = new URL(url);
    ok = (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') && parsed.hostname !== '';
  } catch {
    ok = false;
  }
  if (!ok) throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (got "${url.replace(/\/\/[^@]*@/, '//***@')}")`);
  const keyPrefix = env.REDIS_KEY_PREFIX ?? 'arize-tasks-gateway:';
  if (!/^[\w:.-]{0,64}$/.test(keyPrefix)) throw new ConfigError('REDIS_KEY_PREFIX must be up to 64 letters, digits, `_`, `-`, `.` or `:`');
  return Object.freeze({ url, keyPrefix, leaseMs: int('REDIS_LEASE_MS', Math.ceil(pollIntervalMs * 1.5), 50, 3_600_000) });
}
