/**
 * One node:http server: yoga for HTTP (queries, mutations, SSE, GraphiQL) and
 * graphql-ws for WebSockets on the same path and port, sharing yoga's plugin
 * pipeline through `getEnveloped`. Also `/health`, `/ready` and `/metrics`.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { createApp, type App } from './app.ts';
import { createAuthenticator } from './auth.ts';
import type { Config } from './config.ts';
import { PerClientLimit } from './http/limits.ts';
import { attachWebSocket } from './http/websocket.ts';
import { createLogger } from './observability/logger.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { MutationReplays } from './resolvers/mutations.ts';
import type { RunFeed } from './runs/feed.ts';
import { LocalRunFeed } from './runs/local-feed.ts';
import { UpstreamTransport } from './upstream/client.ts';

export { WS_UNAUTHORIZED } from './http/websocket.ts';

export interface GatewayServer {
  /** e.g. `http://127.0.0.1:4000` */
  url: string;
  port: number;
  app: App;
  runFeed: RunFeed;
  metrics: Metrics;
  logger: Logger;
  /** Stops accepting, closes WebSockets with 1001, stops pollers, lets requests finish within the grace period. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A logger to use instead of one made from `config.logLevel` (tests pass one that writes to memory). */
  logger?: Logger;
}

/** Starts the gateway on `config.host:config.port` (port 0 picks a free one). */
export async function startServer(config: Config, options: StartOptions = {}): Promise<GatewayServer> {
  if (!config.arizeApiUrl) throw new Error('startServer needs config.arizeApiUrl (src/main.ts starts the emulator when it is unset)');
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const transport = new UpstreamTransport({
    baseUrl: config.arizeApiUrl,
    ...config.upstream,
    onCall: (event) => {
      const status = String(event.outcome);
      metrics.upstreamCalls.inc({ operation: event.operation, method: event.method, status });
      metrics.upstreamSeconds.observe({ operation: event.operation }, event.durationMs / 1000);
      logger.debug({ requestId: event.requestId, upstream: event.operation, status, retries: event.retries, ms: Math.round(event.durationMs) }, 'upstream call');
    },
    onUnknownValue: (field, value) => {
      logger.warn({ field, value }, 'the Arize API sent a value this gateway does not know; it reads as UNKNOWN');
    },
  });
  const runFeed = new LocalRunFeed(transport, {
    pollIntervalMs: config.runs.pollIntervalMs,
    outageBudgetMs: config.runs.outageBudgetMs,
    onPollerCount: (count) => metrics.pollers.set(count),
  });
  const authenticator = createAuthenticator(config.auth, config.arizeApiKey);
  if (config.production && config.arizeApiKey && !config.auth && config.allowAnonymous) {
    logger.warn('ALLOW_ANONYMOUS=true: anyone who can reach this gateway acts with its Arize key; configure end-user authentication (AUTH_*) instead');
  }
  const replays = new MutationReplays(config.mutationReplaySeconds * 1000);
  const app = createApp({ config, transport, runFeed, replays, logger, metrics, authenticator });
  const sseStreams = new PerClientLimit(config.limits.sseStreamsPerClient);
  /** Set once stop() is called: /ready then answers 503 so traffic drains away. */
  let stopping: Promise<void> | undefined;

  const httpServer = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') return json(res, 200, { status: 'ok' });
    if (path === '/ready') {
      if (stopping) return json(res, 503, { status: 'stopping' });
      void transport.probe().then(
        () => json(res, 200, { status: 'ready' }),
        () => json(res, 503, { status: 'unavailable', reason: 'the Arize API is not reachable' }),
      );
      return;
    }
    if (path === '/metrics') {
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
      });
      return;
    }
    if ((req.headers.accept ?? '').includes('text/event-stream')) {
      const release = sseStreams.take(req.socket.remoteAddress ?? 'unknown');
      if (!release) {
        return json(res, 429, { errors: [{ message: `Too many event streams from this address (at most ${config.limits.sseStreamsPerClient}).`, extensions: { code: 'RATE_LIMITED' } }] });
      }
      res.once('close', release);
    }
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      void app(req, res);
      return;
    }
    readLimited(req, config.limits.bodyBytes).then(
      (body) => {
        if (body.length > 0) (req as http.IncomingMessage & { body?: Buffer }).body = body;
        void app(req, res);
      },
      () => json(res, 413, { errors: [{ message: `The request body is larger than ${config.limits.bodyBytes} bytes.`, extensions: { code: 'BAD_USER_INPUT' } }] }),
    );
  });

  const wss = attachWebSocket(httpServer, { app, config, authenticator, metrics, logger });

  const connections = new Set<Socket>();
  httpServer.on('connection', (socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
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

  const stop = () => (stopping ??= (async () => {
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    for (const client of wss.clients as Set<WebSocket>) client.close(1001, 'Server shutting down');
    runFeed.close();
    httpServer.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, config.shutdownGraceMs); });
    await Promise.race([closed, grace]);
    clearTimeout(timer);
    for (const client of wss.clients as Set<WebSocket>) client.terminate();
    httpServer.closeAllConnections();
    for (const socket of connections) socket.destroy();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await closed;
    transport.close();
  })());

  return { url: `http://${host}:${address.port}`, port: address.port, app, runFeed, metrics, logger, stop };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The request body, or a rejection as soon as it passes `limit` bytes. */
function readLimited(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(new Error('too large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
