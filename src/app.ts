/**
 * `createApp(deps)`: the yoga instance with every plugin, and no sockets.
 * `src/server.ts` puts it on a node:http server beside the WebSocket server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { useEngine } from '@envelop/core';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError, subscribe } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Authenticator, Identity } from './auth.ts';
import { ClientGone, createContext, type ClientInfo, type Context, type SharedDeps } from './context.ts';
import type { PerClientLimit } from './http/limits.ts';
import { GRAPHQL_PATH, routeOfRequest } from './http/routes.ts';
import type { Metrics } from './observability/metrics.ts';
import { identityOf, useAuth } from './plugins/use-auth.ts';
import { CSRF_HEADERS, useCsrfPrevention } from './plugins/use-csrf-prevention.ts';
import { useCompression } from './plugins/use-compression.ts';
import { SSE_METHODS, TOKEN_HEADER, useGraphQLSse } from './plugins/use-graphql-sse.ts';
import { useGraphiQL, type DemoData } from './plugins/use-graphiql.ts';
import { useIncrementalDelivery, type MaskError } from './plugins/use-incremental-delivery.ts';
import { useInputProblems } from './plugins/use-input-problems.ts';
import { useTrustedDocuments } from './plugins/use-trusted-documents.ts';
import type { TrustedDocuments } from './trusted-documents.ts';
import { useTracing } from './plugins/use-tracing.ts';
import type { Tracing } from './observability/tracing.ts';
import { useObservability } from './plugins/use-observability.ts';
import { useProbes } from './plugins/use-probes.ts';
import { requestIdOf, useRequestId } from './plugins/use-request-id.ts';
import { useRequestErrors } from './plugins/use-request-errors.ts';
import { useRoute } from './plugins/use-route.ts';
import { useStreamCap } from './plugins/use-stream-cap.ts';
import { useUpstreamCost } from './plugins/use-upstream-cost.ts';
import { useWellFormedStrings } from './plugins/use-well-formed-strings.ts';
import { createMaskError } from './errors.ts';
import { UpstreamError } from './upstream/errors.ts';
import { schema } from './schema/index.ts';

/** What node:http (or the WebSocket adapter) hands yoga besides the request. */
export interface ServerContext {
  req?: IncomingMessage;
  res?: ServerResponse;
  /**
   * Set by the WebSocket adapter: the connection's identity, the subscribe's
   * request id, what aborts when the socket closes or the operation
   * completes, and where the connection comes from.
   */
  ws?: { identity: Identity; requestId: string; gone: ClientGone; client: ClientInfo };
}

/** What {@link createApp} needs: the shared parts of the gateway. */
export interface AppDeps extends SharedDeps {
  metrics: Metrics;
  authenticator: Authenticator;
  /** True once the gateway has begun to stop (`/ready` answers 503). */
  stopping: () => boolean;
  /** Which documents may run (`PERSISTED_OPERATIONS`). */
  trustedDocuments: TrustedDocuments;
  /** OpenTelemetry traces (a no-op when off). */
  tracing: Tracing;
  /** The local emulator's demo data, to fill GraphiQL's example variables in (`npm start`). */
  demo?: DemoData | undefined;
  /** Open event streams and graphql-sse reservations per client address (`SSE_MAX_STREAMS_PER_CLIENT`). */
  streams: PerClientLimit;
  /** The client address of a node request (`TRUSTED_PROXIES`). */
  clientOf: (req: IncomingMessage) => string;
}

/** Headers a cross-origin browser app may send (CORS preflight). */
const CORS_ALLOWED_HEADERS = [
  'content-type', 'accept', 'x-request-id', 'x-arize-api-key', ...CSRF_HEADERS, 'traceparent', 'tracestate', 'baggage',
];

/**
 * CORS for the apps in `CORS_ORIGINS`: GET and POST on `/graphql`; on
 * `/graphql/stream` also what graphql-sse's client sends in single connection
 * mode (`PUT` to reserve, `DELETE` to stop an operation, the token header),
 * which a browser sends only after a preflight that allows them. Any other
 * origin gets no CORS headers at all: yoga would answer it
 * `Access-Control-Allow-Origin: null`, which a sandboxed page (`Origin: null`) passes.
 */
function corsOf(origins: string[]) {
  const graphql = { origin: origins, methods: ['GET', 'POST'], allowedHeaders: CORS_ALLOWED_HEADERS, exposedHeaders: ['x-request-id'], credentials: false, maxAge: 600 };
  const stream = { ...graphql, methods: SSE_METHODS, allowedHeaders: [...CORS_ALLOWED_HEADERS, TOKEN_HEADER] };
  const any = origins.includes('*');
  return (request: Request, serverContext?: unknown) => {
    if (!any && !origins.includes(request.headers.get('origin') ?? '')) return false as const;
    return routeOfRequest(serverContext as ServerContext | undefined, new URL(request.url)) === 'graphql-sse' ? stream : graphql;
  };
}

/** What aborts when the HTTP client goes away before its answer was sent. */
function clientGone(res: ServerResponse | undefined): ClientGone | undefined {
  if (!res) return undefined;
  const gone = new ClientGone();
  if (res.closed && !res.writableFinished) gone.abort(); // gone before its context was made
  else res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  return gone;
}

/** A path no request URL ends in (a URL holds no raw NUL): what turns yoga's built-in health check off. */
const NO_URL_ENDS_HERE = '\u0000';

/** The gateway's yoga instance. */
export type App = YogaServerInstance<ServerContext, Context>;

/** yoga's log, on the gateway's logger. */
function yogaLogging(logger: AppDeps['logger']) {
  return {
    debug: (...args: unknown[]) => logger.debug({ yoga: args.map(String) }, 'yoga'),
    info: (...args: unknown[]) => logger.info({ yoga: args.map(String) }, 'yoga'),
    warn: (...args: unknown[]) => logger.warn({ yoga: args.map(String) }, 'yoga'),
    // yoga logs every error it masks here; a GraphQL or upstream error is a client's mistake or an upstream
    // answer the client already got (unexpected ones are logged by maskError), and the operation's own line
    // (with its requestId) already says how it ended: so only its message, at debug, never the document
    error: (...args: unknown[]) => {
      const expected = args.every((arg) => arg instanceof GraphQLError || arg instanceof UpstreamError);
      if (expected) logger.debug({ yoga: args.map((arg) => (arg as Error).message) }, 'request refused');
      else logger.error({ yoga: args.map(String) }, 'yoga');
    },
  };
}

/** The per-request context: a WebSocket operation's (its socket's identity), or an HTTP request's. */
function contextOf(deps: AppDeps) {
  return ({ request, ws, req, res }: ServerContext & { request: Request }): Context => {
    if (ws) return createContext(deps, { ...ws.identity, requestId: ws.requestId, gone: ws.gone, client: ws.client });
    const client = { address: req ? deps.clientOf(req) : undefined, userAgent: request.headers.get('user-agent') ?? undefined };
    const holdOpen = client.address === undefined ? undefined : () => deps.streams.take(client.address!);
    return createContext(deps, { ...identityOf(request), requestId: requestIdOf(request), gone: clientGone(res), client, holdOpen });
  };
}

/** The plugins, in order: routes and probes, sign-in and document checks, limits, observability, delivery. */
function pluginsOf(deps: AppDeps, maskError: MaskError): Array<Plugin<object, ServerContext>> {
  const { config, logger, metrics } = deps;
  return [
    // Subscriptions run on graphql-js's own `subscribe` (what a bare graphql-ws server runs), not
    // yoga's executor: a subscription lives for minutes, and yoga's executor holds about 2.6 KiB more
    // for each (incremental-delivery wrappers, per-variables caches). Queries and mutations keep it.
    // First, so that the plugins below that wrap the subscribe function (tracing) wrap this one.
    useEngine({ subscribe }),
    useRoute(),
    ...(config.graphiql ? [useGraphiQL({ config, trustedDocuments: deps.trustedDocuments, schema, demo: deps.demo })] : []),
    useProbes({ upstream: deps.upstream, metrics, stopping: deps.stopping, runFeed: () => deps.runFeed.status }),
    useRequestId(),
    useTracing(deps.tracing),
    useStreamCap(deps.streams, deps.clientOf),
    useGraphQLSse({
      authenticator: deps.authenticator, corsOrigins: config.corsOrigins, documents: deps.trustedDocuments, streams: deps.streams,
      clientOf: deps.clientOf, reservationMs: config.limits.sseReservationMs, operationsPerStream: config.limits.wsSubscriptionsPerConnection,
      onUnexpected: (error) => logger.error({ err: error instanceof Error ? { type: error.name, message: error.message } : String(error) }, 'graphql-sse failed'),
    }),
    useCsrfPrevention(config.corsOrigins),
    useAuth(deps.authenticator),
    useRequestErrors(),
    useTrustedDocuments(deps.trustedDocuments),
    EnvelopArmorPlugin({
      maxDepth: { n: config.limits.depth, ignoreIntrospection: true },
      maxAliases: { n: config.limits.aliases, allowList: [] },
      maxTokens: { n: config.limits.tokens },
      maxDirectives: { n: 20 },
      costLimit: { enabled: false },
      blockFieldSuggestion: { enabled: !config.introspection },
    }),
    ...(config.introspection ? [] : [useDisableIntrospection()]),
    useWellFormedStrings(),
    useUpstreamCost(config.limits.cost),
    // before observability: it masks the later payloads' errors, which observability then counts by code
    useIncrementalDelivery(maskError),
    useObservability(metrics),
    useInputProblems(),
    useCompression(),
  ] as Array<Plugin<object, ServerContext>>;
}

/** The yoga instance: the schema, the per-request context and the plugins, no sockets. */
export function createApp(deps: AppDeps): App {
  const { config, logger } = deps;
  const maskError = createMaskError((error) => {
    logger.error({ err: error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : String(error) }, 'unexpected error');
  });
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    // yoga's own health check answers any URL that ends in its endpoint (`/graphql?x=/health` too) with an
    // empty 200 naming the server (`x-yoga-id`): given an endpoint no URL can end in, useProbes answers /health
    healthCheckEndpoint: NO_URL_ENDS_HERE,
    // MAX_BODY_BYTES is enforced before yoga sees the request (src/http/body-limit.ts, which
    // buffers the body within the limit); yoga's own limit would pipe every body through a
    // second stream and abort controller for nothing.
    maxRequestBodySize: false,
    logging: yogaLogging(logger),
    maskedErrors: { maskError },
    graphiql: false, // the page and its bundle: useGraphiQL (GRAPHIQL)
    cors: config.corsOrigins.length > 0 ? corsOf(config.corsOrigins) : false,
    batching: config.limits.batch > 0 ? { limit: config.limits.batch } : false,
    extraParamNames: ['documentId'],
    context: contextOf(deps),
    plugins: pluginsOf(deps, maskError),
  });
}
