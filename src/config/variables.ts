/**
 * Every environment variable the gateway reads, once: its default, its
 * parser and what it does. `loadConfig` (`src/config.ts`) reads this table,
 * and the README's configuration table is rendered from it
 * (`npm run docs:config`; a test keeps the README current).
 */
import {
  HTTP, MAX_TIMER_MS, boolean, integer, ipOrCidr, list, oneOf, origin, parseHostPort, text, url, word,
} from './parsers.ts';
import { Invalid, type Table } from './table.ts';

/** The pino log levels, for `LOG_LEVEL`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The shortest lease on a run (`REDIS_LEASE_MS`), given or derived: shorter ones lapse between a holder's renewals on any real network. */
export const MIN_LEASE_MS = 50;

/** The modes of trusted documents, for `PERSISTED_OPERATIONS`. */
export const PERSISTED_MODES = ['off', 'allow', 'only'] as const;

const httpUrl = (example: string) => url(HTTP, `an http(s) URL such as ${example}`);
const milliseconds = integer(100, 3_600_000);
const publicHost = (item: string) => (parseHostPort(item) === undefined ? undefined : item.toLowerCase());

/** The gateway's variables, in the README's order. */
export const VARIABLES = {
  PORT: { default: '4000', parse: integer(0, 65535), description: 'HTTP and WebSocket port' },
  HOST: { default: '127.0.0.1', parse: text, description: 'interface to listen on (`0.0.0.0` in a container)' },
  ARIZE_API_URL: {
    parse: url(HTTP, 'an http(s) URL such as https://api.arize.com', (u) => (u.username || u.password || u.search
      ? 'must not carry credentials or a query; put the key in ARIZE_API_KEY'
      // every path the gateway calls starts /v2: a base ending in it would call /v2/v2/... and find nothing
      : /\/v2\/?$/i.test(u.pathname) ? 'is the base URL, without /v2 (the gateway adds it): https://api.arize.com, not https://api.arize.com/v2' : undefined)),
    note: 'start the local emulator',
    description: 'Arize API base URL, e.g. `https://api.arize.com`',
  },
  ARIZE_API_KEY: { parse: word, secret: true, note: 'the emulator\'s key when it runs', description: 'server key, used when a request brings none' },
  UPSTREAM_CONNECT_TIMEOUT_MS: { default: '5000', parse: integer(1, MAX_TIMER_MS), description: 'connect timeout per upstream call (new sockets only; kept-alive ones are reused)' },
  UPSTREAM_RESPONSE_TIMEOUT_MS: { default: '30000', parse: integer(1, MAX_TIMER_MS), description: 'time allowed for one attempt of an upstream call, to the last byte of its answer' },
  UPSTREAM_RETRY_LIMIT: { default: '2', parse: integer(0, 10), description: 'retries of GET/DELETE on 5xx, 429, network errors (POST/PATCH never)' },
  UPSTREAM_RETRY_BASE_MS: { default: '300', parse: integer(1, 60_000), description: 'first backoff; doubles, jittered' },
  UPSTREAM_MAX_RETRY_AFTER_SECONDS: { default: '30', parse: integer(0, 3600), description: 'longest `Retry-After` waited for; longer fails at once with `RATE_LIMITED`' },
  UPSTREAM_MAX_ANSWER_BYTES: { default: '33554432', parse: integer(1024, 1024 ** 3), description: 'largest upstream answer read (32 MiB); a larger one is dropped as soon as it passes the limit, `UPSTREAM_ERROR`' },
  RUN_POLL_INTERVAL_MS: { default: '2000', parse: integer(10, 3_600_000), description: 'how often one shared poller reads a watched run' },
  RUN_OUTAGE_BUDGET_MS: { default: '300000', parse: integer(1, MAX_TIMER_MS), description: 'how long a watched run may be unreadable before `UPSTREAM_UNAVAILABLE`' },
  LOG_LEVEL: { default: 'info', parse: oneOf(LOG_LEVELS), description: '`fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`' },
  CORS_ORIGINS: {
    default: '',
    parse: list((item) => (item === '*' ? item : origin(item)), 'origins like https://app.example.com, or *'),
    note: 'no cross-origin',
    description: 'comma-separated allowed origins, or `*` (warned about with `ARIZE_API_KEY`; refused in production with a server key and no sign-in)',
  },
  PUBLIC_HOSTS: {
    default: '',
    parse: list(publicHost, 'host names, each with an optional port, like tasks.example.com or tasks.example.com:8443'),
    note: '`localhost`, IP literals and the hosts of `CORS_ORIGINS` only',
    description: 'comma-separated `host` (any port) or `host:port` (that port only) the gateway is reached by; any other `Host` is 421 (DNS rebinding). ' +
      'Required in production unless end-user sign-in is on (with sign-in and none set, every `Host` is served)',
  },
  TRUSTED_PROXIES: {
    default: '',
    parse: list(ipOrCidr, 'IP addresses or CIDRs like 10.0.0.5 or 172.16.0.0/12'),
    note: 'trust none',
    description: 'comma-separated addresses or CIDRs (IPv4, IPv6) of proxies whose `X-Forwarded-For` names the client: ' +
      'the right-most address not in the list is the client, for the per-client caps and audit lines',
  },
  HTTP_REQUEST_TIMEOUT_MS: { default: '30000', parse: milliseconds, description: 'the longest a client may take to send a whole request (headers and body); 408 after' },
  HTTP_HEADERS_TIMEOUT_MS: { default: '10000', parse: milliseconds, description: 'the longest a client may take to send a request\'s headers (at most `HTTP_REQUEST_TIMEOUT_MS`)' },
  GRAPHIQL: { parse: boolean, derived: '`true`', note: '`false` if `NODE_ENV=production`', description: 'serve GraphiQL' },
  INTROSPECTION: { parse: boolean, derived: '`true`', note: '`false` if `NODE_ENV=production`', description: 'allow introspection' },
  MAX_QUERY_DEPTH: { default: '12', parse: integer(1), description: 'deepest selection' },
  MAX_QUERY_ALIASES: { default: '20', parse: integer(1), description: 'aliases per operation' },
  MAX_QUERY_TOKENS: { default: '3000', parse: integer(10), description: 'tokens per document' },
  MAX_QUERY_COST: { default: '2500', parse: integer(1), description: 'most upstream calls an operation may be able to make (estimated before it runs)' },
  MAX_BODY_BYTES: { default: '102400', parse: integer(256), description: 'largest request body (and WebSocket message)' },
  MAX_BATCH_OPERATIONS: { default: '0', parse: integer(0, 100), note: 'batching off', description: 'operations per batched request' },
  WS_MAX_CONNECTIONS_PER_CLIENT: { default: '100', parse: integer(1), description: 'open WebSockets per client address (an IPv6 client: its /64)' },
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: { default: '50', parse: integer(1), description: 'subscriptions per WebSocket, and operations per graphql-sse stream reservation (results waiting for its stream included; 429 past it)' },
  SSE_MAX_STREAMS_PER_CLIENT: { default: '100', parse: integer(1), description: 'open event streams per client address (an IPv6 client: its /64), whatever `Accept` said, graphql-sse reservations and HTTP `waitForTaskRun` waits included (429 past it; a wait: RATE_LIMITED)' },
  SSE_RESERVATION_TTL_MS: {
    default: '30000', parse: milliseconds,
    description: 'how long a graphql-sse stream reservation (`PUT /graphql/stream`) lives unless its stream opens; then it ends with its operations',
  },
  WS_KEEPALIVE_MS: { default: '12000', parse: milliseconds, description: 'ping interval; dead sockets are closed' },
  ALLOW_ANONYMOUS: {
    default: 'false', parse: boolean,
    description: 'with `NODE_ENV=production` and `ARIZE_API_KEY` but no `AUTH_*`, the gateway refuses to start unless this is `true` (then it warns at start)',
  },
  AUTH_JWT_ISSUER: { parse: text, description: 'end-user authentication: the `iss` every token must carry (required with `AUTH_JWKS_URL` or `AUTH_JWT_SECRET`)' },
  AUTH_JWT_AUDIENCE: { parse: list(text, 'audiences'), description: 'the `aud` tokens must carry (comma-separated for several; required with authentication)' },
  AUTH_JWKS_URL: {
    parse: httpUrl('https://issuer.example.com/.well-known/jwks.json'),
    description: 'the issuer\'s JWKS (keys fetched, at most 256 KB, cached, refetched for a new `kid`); `https` in production; turns authentication on',
  },
  AUTH_JWT_SECRET: {
    parse: (raw: string) => {
      if (raw.length < 32) throw new Invalid('must be at least 32 characters (an HS256 key)');
      return raw;
    },
    secret: true,
    description: 'a shared HS256 secret (32+ characters) instead of a JWKS, for simple setups; turns authentication on',
  },
  AUTH_CLOCK_SKEW_SECONDS: { default: '30', parse: integer(0, 300), description: 'accepted clock difference for `exp`, `nbf`, `iat`' },
  AUTH_JWKS_COOLDOWN_MS: { default: '30000', parse: integer(0, 3_600_000), description: 'least time between two JWKS fetches (an unknown `kid` refetches after it)' },
  AUTH_ALLOW_USER_API_KEYS: { default: 'false', parse: boolean, description: 'with authentication, let a user bring their own Arize key in `x-arize-api-key`' },
  AUTH_MAX_TOKEN_AGE_SECONDS: {
    default: '86400', parse: integer(60, 31_536_000),
    description: 'the oldest token accepted (by its `iat`, which is required and may not be in the future) and the longest one may still live (`exp`)',
  },
  MUTATION_REPLAY_SECONDS: { default: '300', parse: integer(0, 86_400), description: 'how long a mutation\'s result answers a retry with the same `clientMutationId` (0: off)' },
  REDIS_URL: {
    parse: url(['redis:', 'rediss:'], 'a redis:// or rediss:// URL such as redis://127.0.0.1:6379'),
    note: 'each process polls for its own watchers',
    description: '`redis://host:6379` (or `rediss://`): replicas share one poller per run (below); checked at start, an unreachable Redis stops the start',
  },
  REDIS_KEY_PREFIX: {
    default: 'arize-tasks-gateway:',
    parse: (raw: string) => {
      if (!/^[\w:.-]{1,64}$/.test(raw)) throw new Invalid('must be up to 64 letters, digits, `_`, `-`, `.` or `:`', raw);
      return raw;
    },
    description: 'prefix of every Redis key and channel',
  },
  REDIS_LEASE_MS: {
    parse: integer(MIN_LEASE_MS, 3_600_000), derived: `1.5 x \`RUN_POLL_INTERVAL_MS\`, at least ${MIN_LEASE_MS}`,
    description: 'how long a replica\'s lease on a run lasts unless renewed; a dead holder is replaced after it',
  },
  SHUTDOWN_GRACE_MS: { default: '10000', parse: integer(0, 3_600_000), description: 'time in-flight requests get on SIGTERM/SIGINT' },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    parse: httpUrl('http://collector:4318'), note: 'tracing off',
    description: 'OpenTelemetry: send spans over OTLP/HTTP to this base URL (`/v1/traces` is added); an incoming `traceparent` continues the trace and is forwarded to Arize',
  },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: { parse: httpUrl('http://collector:4318/v1/traces'), description: 'the full traces URL, instead of the base above' },
  OTEL_SERVICE_NAME: { default: 'arize-tasks-gateway', parse: text, description: '`service.name` of the spans' },
  PERSISTED_OPERATIONS: {
    default: 'off', parse: oneOf(PERSISTED_MODES),
    description: 'trusted documents: `off` (any document), `allow` (any, plus documents sent by hash, Apollo\'s automatic persisted queries included), ' +
      '`only` (production lockdown: only the manifest\'s documents, anything else `FORBIDDEN`); see [docs/trusted-documents.md](docs/trusted-documents.md)',
  },
  PERSISTED_OPERATIONS_MANIFEST: {
    parse: text, derived: '`examples/generated/persisted-documents.json`', note: 'in the package',
    description: 'the manifest (hash -> document, as codegen\'s `persisted-documents.json`) read with `allow` and `only`; unreadable stops the start',
  },
  NODE_ENV: { parse: (raw: string) => raw.toLowerCase(), description: '`production` (in any case) turns GraphiQL and introspection off by default and the production checks on' },
} as const satisfies Table;
