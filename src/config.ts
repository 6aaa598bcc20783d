/**
 * The gateway's configuration, read and checked once at start into a frozen
 * {@link Config}. Every variable, with its default, parser and meaning, is
 * declared once in {@link VARIABLES} (`src/config/variables.ts`); this file
 * shapes the values and checks the rules between variables. A bad value
 * throws a {@link ConfigError} whose message is one line naming the variable.
 */
import path from 'node:path';
import { ConfigError, readTable, type Values } from './config/table.ts';
import { MIN_LEASE_MS, VARIABLES, type LOG_LEVELS, type PERSISTED_MODES } from './config/variables.ts';

export { ConfigError, StartError } from './config/table.ts';

/** A pino log level (`LOG_LEVEL`). */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The gateway's whole configuration. Each field names the variable it comes
 * from; defaults and meanings are in {@link VARIABLES} and the README's table.
 */
export interface Config {
  /** `PORT` */
  port: number;
  /** `HOST` */
  host: string;
  /** `ARIZE_API_URL`; undefined means "start the local emulator". */
  arizeApiUrl: string | undefined;
  /** `ARIZE_API_KEY` */
  arizeApiKey: string | undefined;
  upstream: {
    /** `UPSTREAM_CONNECT_TIMEOUT_MS` */
    connectTimeoutMs: number;
    /** `UPSTREAM_RESPONSE_TIMEOUT_MS` */
    responseTimeoutMs: number;
    /** `UPSTREAM_RETRY_LIMIT` */
    retryLimit: number;
    /** `UPSTREAM_RETRY_BASE_MS` */
    retryBaseDelayMs: number;
    /** `UPSTREAM_MAX_RETRY_AFTER_SECONDS` */
    maxRetryAfterSeconds: number;
    /** `UPSTREAM_MAX_ANSWER_BYTES` */
    maxAnswerBytes: number;
  };
  runs: {
    /** `RUN_POLL_INTERVAL_MS` */
    pollIntervalMs: number;
    /** `RUN_OUTAGE_BUDGET_MS` */
    outageBudgetMs: number;
  };
  /** `LOG_LEVEL` */
  logLevel: LogLevel;
  /** `CORS_ORIGINS` */
  corsOrigins: string[];
  /** `GRAPHIQL` */
  graphiql: boolean;
  /** `INTROSPECTION` */
  introspection: boolean;
  limits: {
    /** `MAX_QUERY_DEPTH` */
    depth: number;
    /** `MAX_QUERY_ALIASES` */
    aliases: number;
    /** `MAX_QUERY_TOKENS` */
    tokens: number;
    /** `MAX_QUERY_COST` */
    cost: number;
    /** `MAX_BODY_BYTES` */
    bodyBytes: number;
    /** `MAX_BATCH_OPERATIONS` */
    batch: number;
    /** `WS_MAX_CONNECTIONS_PER_CLIENT` */
    wsConnectionsPerClient: number;
    /** `WS_MAX_SUBSCRIPTIONS_PER_CONNECTION` */
    wsSubscriptionsPerConnection: number;
    /** `SSE_MAX_STREAMS_PER_CLIENT` */
    sseStreamsPerClient: number;
    /** `SSE_RESERVATION_TTL_MS` */
    sseReservationMs: number;
  };
  /** The HTTP server's own timeouts for reading a request (Node's `requestTimeout` and `headersTimeout`). */
  http: {
    /** `HTTP_REQUEST_TIMEOUT_MS` */
    requestTimeoutMs: number;
    /** `HTTP_HEADERS_TIMEOUT_MS`, at most `requestTimeoutMs`. */
    headersTimeoutMs: number;
  };
  /** `PUBLIC_HOSTS`, lower-cased. */
  publicHosts: string[];
  /** `TRUSTED_PROXIES` */
  trustedProxies: string[];
  /** `WS_KEEPALIVE_MS` */
  wsKeepAliveMs: number;
  /** `NODE_ENV=production` (in any case). */
  production: boolean;
  /** `ALLOW_ANONYMOUS` */
  allowAnonymous: boolean;
  /** End-user authentication (OIDC / JWT); undefined when off (the default). */
  auth: AuthConfig | undefined;
  /** `MUTATION_REPLAY_SECONDS` */
  mutationReplaySeconds: number;
  /** The shared run feed on Redis; undefined (the default) keeps one poller per run in each process. */
  redis: RedisConfig | undefined;
  /** `SHUTDOWN_GRACE_MS` */
  shutdownGraceMs: number;
  /** Trusted documents (persisted operations). */
  persisted: PersistedConfig;
  /** OpenTelemetry traces. */
  tracing: TracingConfig;
}

/** OpenTelemetry traces: exported over OTLP/HTTP when an endpoint is set, off otherwise. */
export interface TracingConfig {
  /** `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`; undefined turns tracing off. */
  endpoint: string | undefined;
  /** `OTEL_SERVICE_NAME` */
  serviceName: string;
}

/** Which documents run: any (`off`), any plus those sent by hash (`allow`), or only those sent by hash (`only`). */
export type PersistedMode = (typeof PERSISTED_MODES)[number];

/** Trusted documents: `PERSISTED_OPERATIONS` and its manifest. */
export interface PersistedConfig {
  /** `PERSISTED_OPERATIONS` */
  mode: PersistedMode;
  /** `PERSISTED_OPERATIONS_MANIFEST`, a JSON file mapping `sha256:<hex>` (or `<hex>`) to a document. */
  manifestPath: string;
}

/** End-user authentication: every request carries a JWT; the upstream is called with the server's key. */
export interface AuthConfig {
  /** `AUTH_JWT_ISSUER` */
  issuer: string;
  /** `AUTH_JWT_AUDIENCE` */
  audience: string[];
  /** `AUTH_JWKS_URL` (fetched, cached, refetched for an unknown `kid`); undefined with a secret. */
  jwksUrl: string | undefined;
  /** `AUTH_JWT_SECRET`; undefined with a JWKS. */
  secret: string | undefined;
  /** `AUTH_CLOCK_SKEW_SECONDS` */
  clockSkewSeconds: number;
  /** `AUTH_JWKS_COOLDOWN_MS` */
  jwksCooldownMs: number;
  /** `AUTH_ALLOW_USER_API_KEYS` */
  allowUserApiKeys: boolean;
  /** `AUTH_MAX_TOKEN_AGE_SECONDS` */
  maxTokenAgeSeconds: number;
}

/** Several replicas share one poller per run through Redis. */
export interface RedisConfig {
  /** `REDIS_URL` */
  url: string;
  /** `REDIS_KEY_PREFIX` */
  keyPrefix: string;
  /** `REDIS_LEASE_MS` */
  leaseMs: number;
}

/** The package's own root folder (above `src/`, or above `dist/src/` when compiled), where `examples/` is. */
export const PACKAGE_ROOT = new URL(import.meta.url.includes('/dist/src/') ? '../../' : '../', import.meta.url).pathname;

type Read = Values<typeof VARIABLES>;

/** Reads and checks `env` (default `process.env`): every variable of {@link VARIABLES}, each once. Throws {@link ConfigError}. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const v = readTable(VARIABLES, env);
  const production = v.NODE_ENV === 'production';
  const auth = authConfig(v);
  checkProduction(v, production, auth);
  if (v.HTTP_HEADERS_TIMEOUT_MS > v.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(`HTTP_HEADERS_TIMEOUT_MS (${v.HTTP_HEADERS_TIMEOUT_MS}) must not be longer than HTTP_REQUEST_TIMEOUT_MS (${v.HTTP_REQUEST_TIMEOUT_MS})`);
  }
  return Object.freeze({
    port: v.PORT,
    host: v.HOST,
    arizeApiUrl: v.ARIZE_API_URL,
    arizeApiKey: v.ARIZE_API_KEY,
    upstream: Object.freeze({
      connectTimeoutMs: v.UPSTREAM_CONNECT_TIMEOUT_MS,
      responseTimeoutMs: v.UPSTREAM_RESPONSE_TIMEOUT_MS,
      retryLimit: v.UPSTREAM_RETRY_LIMIT,
      retryBaseDelayMs: v.UPSTREAM_RETRY_BASE_MS,
      maxRetryAfterSeconds: v.UPSTREAM_MAX_RETRY_AFTER_SECONDS,
      maxAnswerBytes: v.UPSTREAM_MAX_ANSWER_BYTES,
    }),
    runs: Object.freeze({ pollIntervalMs: v.RUN_POLL_INTERVAL_MS, outageBudgetMs: v.RUN_OUTAGE_BUDGET_MS }),
    logLevel: v.LOG_LEVEL,
    corsOrigins: v.CORS_ORIGINS,
    graphiql: v.GRAPHIQL ?? !production,
    introspection: v.INTROSPECTION ?? !production,
    limits: limits(v),
    http: Object.freeze({ requestTimeoutMs: v.HTTP_REQUEST_TIMEOUT_MS, headersTimeoutMs: v.HTTP_HEADERS_TIMEOUT_MS }),
    publicHosts: v.PUBLIC_HOSTS,
    trustedProxies: v.TRUSTED_PROXIES,
    wsKeepAliveMs: v.WS_KEEPALIVE_MS,
    production,
    allowAnonymous: v.ALLOW_ANONYMOUS,
    auth,
    mutationReplaySeconds: v.MUTATION_REPLAY_SECONDS,
    redis: v.REDIS_URL === undefined ? undefined : Object.freeze({
      url: v.REDIS_URL,
      keyPrefix: v.REDIS_KEY_PREFIX,
      leaseMs: v.REDIS_LEASE_MS ?? Math.max(MIN_LEASE_MS, Math.ceil(v.RUN_POLL_INTERVAL_MS * 1.5)),
    }),
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
    persisted: Object.freeze({
      mode: v.PERSISTED_OPERATIONS,
      manifestPath: v.PERSISTED_OPERATIONS_MANIFEST ?? path.join(PACKAGE_ROOT, 'examples/generated/persisted-documents.json'),
    }),
    tracing: Object.freeze({
      endpoint: v.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (v.OTEL_EXPORTER_OTLP_ENDPOINT && `${v.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`),
      serviceName: v.OTEL_SERVICE_NAME,
    }),
  });
}

/** The limits on operations, bodies, sockets and streams. */
function limits(v: Read): Config['limits'] {
  return Object.freeze({
    depth: v.MAX_QUERY_DEPTH,
    aliases: v.MAX_QUERY_ALIASES,
    tokens: v.MAX_QUERY_TOKENS,
    cost: v.MAX_QUERY_COST,
    bodyBytes: v.MAX_BODY_BYTES,
    batch: v.MAX_BATCH_OPERATIONS,
    wsConnectionsPerClient: v.WS_MAX_CONNECTIONS_PER_CLIENT,
    wsSubscriptionsPerConnection: v.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    sseStreamsPerClient: v.SSE_MAX_STREAMS_PER_CLIENT,
    sseReservationMs: v.SSE_RESERVATION_TTL_MS,
  });
}

/** `AUTH_*`: off unless a JWKS URL or a secret is set; then issuer and audience are required. */
function authConfig(v: Read): AuthConfig | undefined {
  const { AUTH_JWKS_URL: jwksUrl, AUTH_JWT_SECRET: secret, AUTH_JWT_ISSUER: issuer, AUTH_JWT_AUDIENCE: audience = [] } = v;
  if (jwksUrl === undefined && secret === undefined) {
    if (issuer !== undefined || audience.length > 0) {
      throw new ConfigError('AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE need AUTH_JWKS_URL or AUTH_JWT_SECRET to verify tokens with');
    }
    return undefined;
  }
  if (jwksUrl !== undefined && secret !== undefined) throw new ConfigError('set AUTH_JWKS_URL or AUTH_JWT_SECRET, not both');
  if (issuer === undefined) throw new ConfigError('AUTH_JWT_ISSUER is required with end-user authentication (the `iss` tokens must carry)');
  if (audience.length === 0) throw new ConfigError('AUTH_JWT_AUDIENCE is required with end-user authentication (the `aud` tokens must carry)');
  return Object.freeze({
    issuer,
    audience,
    jwksUrl,
    secret,
    clockSkewSeconds: v.AUTH_CLOCK_SKEW_SECONDS,
    jwksCooldownMs: v.AUTH_JWKS_COOLDOWN_MS,
    allowUserApiKeys: v.AUTH_ALLOW_USER_API_KEYS,
    maxTokenAgeSeconds: v.AUTH_MAX_TOKEN_AGE_SECONDS,
  });
}

/** The rules of `NODE_ENV=production`: no key lent to anonymous callers or every origin, known hosts, keys fetched over https. */
function checkProduction(v: Read, production: boolean, auth: AuthConfig | undefined): void {
  if (!production) return;
  const lent = v.ARIZE_API_KEY !== undefined && auth === undefined;
  if (lent && !v.ALLOW_ANONYMOUS) {
    throw new ConfigError('NODE_ENV=production with ARIZE_API_KEY would let anyone who reaches the gateway act with that key: ' +
      'configure end-user authentication (AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE and AUTH_JWKS_URL or AUTH_JWT_SECRET) or set ALLOW_ANONYMOUS=true');
  }
  if (auth === undefined && v.PUBLIC_HOSTS.length === 0) {
    throw new ConfigError('NODE_ENV=production without end-user authentication needs PUBLIC_HOSTS: the host names clients reach the gateway by ' +
      '(e.g. PUBLIC_HOSTS=tasks.example.com), so a page whose DNS name was rebound to this address is refused');
  }
  if (auth?.jwksUrl !== undefined && new URL(auth.jwksUrl).protocol !== 'https:') {
    throw new ConfigError(`AUTH_JWKS_URL must be an https URL in production (got "${auth.jwksUrl}"): the keys that sign tokens must not travel in the clear`);
  }
  if (lent && v.CORS_ORIGINS.includes('*')) {
    throw new ConfigError('CORS_ORIGINS=* with ARIZE_API_KEY and no end-user authentication would let every web page act with that key: ' +
      'list the origins of your apps in CORS_ORIGINS');
  }
}
