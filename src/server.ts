/**
 * The gateway as a process part: {@link createGateway} wires what every
 * request shares (the upstream, run feed, authenticator, metrics) into
 * the yoga app; {@link startServer} puts it on one node:http server with the
 * WebSocket server on the same path and port, listens, and stops in order.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createTracing, type Tracing } from './observability/tracing.ts';
import { TrustedDocuments } from './trusted-documents.ts';
import type { DemoData } from './plugins/use-graphiql.ts';
import { createApp, type App } from './app.ts';
import { createAuthenticator, reportingRefusals, type Authenticator } from './auth.ts';
import type { Config, RedisConfig } from './config.ts';
import { withBodyLimit } from './http/body-limit.ts';
import { ClientAddresses } from './http/client-address.ts';
import { ExpectedHosts } from './http/hosts.ts';
import { PerClientLimit } from './http/limits.ts';
import { withGate } from './http/routes.ts';
import { attachWebSocket } from './http/websocket.ts';
import { createLogger } from './observability/logger.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { MutationReplays } from './replays.ts';
import { RecentWrites } from './resolvers/reconcile.ts';
import type { RunFeed } from './runs/feed.ts';
import { LocalRunFeed } from './runs/local-feed.ts';
import { RedisRunFeed } from './runs/redis-feed.ts';
import type { RunReader } from './runs/redis-wire.ts';
import { Upstream } from './upstream/client.ts';

export { WS_UNAUTHORIZED } from './http/websocket.ts';

/** The gateway, wired but not listening: enough to serve requests with `app.fetch`. */
export interface Gateway {
  app: App;
  runFeed: RunFeed;
  metrics: Metrics;
  logger: Logger;
  upstream: Upstream;
  authenticator: Authenticator;
  /** Which documents may run (`PERSISTED_OPERATIONS`), for HTTP and WebSocket alike. */
  trustedDocuments: TrustedDocuments;
  /** OpenTelemetry traces (a no-op when off). */
  tracing: Tracing;
  /** Who each request's client is (`TRUSTED_PROXIES`), for caps and audit lines. */
  clientAddresses: ClientAddresses;
  /** Marks the gateway as stopping (`/ready` answers 503). */
  markStopping(): void;
}

/** A listening gateway. */
export interface GatewayServer extends Omit<Gateway, 'upstream' | 'authenticator' | 'trustedDocuments' | 'tracing' | 'clientAddresses' | 'markStopping'> {
  /** e.g. `http://127.0.0.1:4000` */
  url: string;
  port: number;
  /** Stops accepting, closes WebSockets with 1001, stops pollers, lets requests finish within the grace period. */
  stop(): Promise<void>;
}

/** Options of {@link startServer} and {@link createGateway}. */
export interface StartOptions {
  /** A logger to use instead of one made from `config.logLevel` (tests pass one that writes to memory). */
  logger?: Logger;
  /** Where spans go instead of OTLP (tests pass an in-memory exporter); turns tracing on. */
  spanExporter?: SpanExporter;
  /** Demo data for GraphiQL's example variables (`npm start` passes the emulator's). */
  demo?: DemoData;
}

/** Wires the gateway for `config` (which must name the upstream); with `REDIS_URL`, connects the shared run feed first. */
export async function createGateway(config: Config, options: StartOptions = {}): Promise<Gateway> {
  if (!config.arizeApiUrl) throw new Error('the gateway needs config.arizeApiUrl (src/dev.ts starts the emulator when it is unset)');
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const tracing = createTracing(config.tracing, options.spanExporter);
  const upstream = new Upstream({
    tracing,
    baseUrl: config.arizeApiUrl,
    ...config.upstream,
    onCall: (event) => {
      const status = String(event.outcome);
      metrics.countUpstreamCall(event.operation, event.method, status);
      metrics.upstreamSeconds.observe({ operation: event.operation }, event.durationMs / 1000);
      if (logger.isLevelEnabled('debug')) logger.debug({ requestId: event.requestId, upstream: event.operation, status, retries: event.retries, ms: Math.round(event.durationMs) }, 'upstream call');
    },
    onShared: (operation) => metrics.upstreamShared.inc({ operation }),
    onUnknownValue: (field, value) => {
      logger.warn({ field, value }, 'the Arize API sent a value this gateway does not know; it reads as UNKNOWN');
    },
  });
  const localFeed = new LocalRunFeed((runId, apiKey, options) => upstream.bind({ apiKey }).getRun(runId, options), {
    pollIntervalMs: config.runs.pollIntervalMs,
    outageBudgetMs: config.runs.outageBudgetMs,
    onPollerCount: (count) => metrics.pollers.set(count),
  });
  const runFeed: RunFeed = config.redis ? await sharedFeed(config.redis, localFeed, upstream.readRun, metrics, logger) : localFeed;
  if (config.production && config.arizeApiKey && !config.auth && config.allowAnonymous) {
    logger.warn('ALLOW_ANONYMOUS=true: anyone who can reach this gateway acts with its Arize key; configure end-user authentication (AUTH_*) instead');
  }
  if (config.corsOrigins.includes('*') && config.arizeApiKey) {
    logger.warn(config.auth
      ? 'CORS_ORIGINS=*: any web page may call this gateway; it lends its Arize key only to signed-in users, but list your apps\' origins instead'
      : 'CORS_ORIGINS=* with ARIZE_API_KEY: any web page a visitor opens may act with this gateway\'s Arize key; list your apps\' origins instead (production refuses to start this way)');
  }
  let stopping = false;
  const authenticator = reportingRefusals(createAuthenticator(config.auth, config.arizeApiKey), (error) => {
    metrics.signInRefusals.inc({ reason: error.reason });
    // a malformed value's message may quote what the caller sent: its reason alone is logged
    const fields = { outcome: 'UNAUTHENTICATED', reason: error.reason, ...(error.reason === 'malformed' ? {} : { detail: error.message }) };
    if (error.reason === 'keys-unavailable') logger.warn(fields, 'sign-in refused: the issuer\'s keys (AUTH_JWKS_URL) could not be fetched');
    else logger.info(fields, 'sign-in refused');
  });
  const trustedDocuments = TrustedDocuments.load(config.persisted);
  const clientAddresses = new ClientAddresses(config.trustedProxies);
  const app = createApp({
    config, upstream, runFeed, logger, metrics, authenticator, trustedDocuments, tracing, demo: options.demo,
    replays: new MutationReplays(config.mutationReplaySeconds * 1000),
    writes: new RecentWrites({ otherReplicas: config.redis !== undefined }),
    streams: new PerClientLimit(config.limits.sseStreamsPerClient),
    clientOf: (req) => clientAddresses.of(req),
    stopping: () => stopping,
  });
  return { app, runFeed, metrics, logger, upstream, authenticator, trustedDocuments, tracing, clientAddresses, markStopping: () => { stopping = true; } };
}

/** Starts the gateway on `config.host:config.port` (port 0 picks a free one). */
export async function startServer(config: Config, options: StartOptions = {}): Promise<GatewayServer> {
  const gateway = await createGateway(config, options);
  const { app, runFeed, metrics, logger, upstream, authenticator, trustedDocuments, tracing, clientAddresses } = gateway;
  const hosts = new ExpectedHosts(config);
  const httpServer = http.createServer({
    requestTimeout: config.http.requestTimeoutMs,
    headersTimeout: config.http.headersTimeoutMs,
    // how often Node looks for requests past those timeouts (its default, 30 s, would let a slow body stay twice as long)
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.http.headersTimeoutMs / 2))),
  }, withGate(hosts, withBodyLimit(config.limits.bodyBytes, app)));
  const wss = attachWebSocket(httpServer, { app, config, authenticator, metrics, logger, trustedDocuments, hosts, clientAddresses });
  const connections = new Set<Socket>();
  // one listener for every connection (`this` is the socket): a WebSocket keeps its connection for hours
  function forget(this: Socket): void {
    connections.delete(this);
  }
  httpServer.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', forget);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= (async () => {
    gateway.markStopping();
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    for (const client of [...wss.clients]) client.close(1001, 'Server shutting down');
    const feedClosed = runFeed.close();
    httpServer.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, config.shutdownGraceMs); });
    await Promise.race([closed, grace]);
    clearTimeout(timer);
    for (const client of [...wss.clients]) client.terminate();
    httpServer.closeAllConnections();
    for (const socket of connections) socket.destroy();
    await wss.close();
    await closed;
    await feedClosed;
    upstream.close();
    await tracing.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'could not send the last spans'));
  })());

  return { url: `http://${host}:${address.port}`, port: address.port, app, runFeed, metrics, logger, stop };
}

/** The Redis run feed, connected, reporting to the metrics and logging an outage once. */
async function sharedFeed(redis: RedisConfig, local: LocalRunFeed, readRun: RunReader, metrics: Metrics, logger: Logger): Promise<RunFeed> {
  const feed = new RedisRunFeed(redis, local, readRun, {
    onDegraded: (degraded, reason) => {
      metrics.runFeedDegraded.set(degraded ? 1 : 0);
      if (degraded) logger.warn({ reason }, 'Redis is unreachable: each replica polls the runs its own clients watch until it is back');
      else logger.info('Redis is reachable again: the replicas share one poller per run');
    },
    onLeases: (held) => metrics.runFeedLeases.set(held),
    onTakeover: () => metrics.runFeedTakeovers.inc(),
    onRedisError: () => metrics.runFeedRedisErrors.inc(),
    onEvent: (direction) => metrics.runFeedEvents.inc({ direction }),
    onRejected: (reason) => metrics.runFeedRejected.inc({ reason }),
  });
  await feed.start();
  return feed;
}
