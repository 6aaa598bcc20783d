/**
 * One node:http server: yoga for HTTP (queries, mutations, SSE, GraphiQL) and
 * graphql-ws for WebSockets on the same path and port, sharing yoga's plugin
 * pipeline through `getEnveloped`. Also `/health`, `/ready` and `/metrics`.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { createApp, type App } from './app.ts';
import type { Config } from './config.ts';
import { credentialFrom } from './context.ts';
import { createLogger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { RunWatcher } from './resolvers/run-watcher.ts';
import { UpstreamTransport } from './upstream/client.ts';

export interface GatewayServer {
  /** e.g. `http://127.0.0.1:4000` */
  url: string;
  port: number;
  app: App;
  watcher: RunWatcher;
  metrics: Metrics;
  logger: Logger;
  /** Stops accepting, closes WebSockets with 1001, stops pollers, lets requests finish within the grace period. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A logger to use instead of one made from `config.logLevel` (tests pass one that writes to memory). */
  logger?: Logger;
}

/** Close code and reason when a WebSocket brings no key and the server has none. */
export const WS_UNAUTHORIZED = { code: 4401, reason: 'Unauthorized: set connectionParams.authorization to "Bearer <api-key>"' } as const;

type Roots = { execute: (args: ExecutionArgs) => unknown; subscribe: (args: ExecutionArgs) => unknown };

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
      metrics.upstreamCalls.inc({ route: event.operation, method: event.method, status });
      metrics.upstreamSeconds.observe({ route: event.operation }, event.durationMs / 1000);
      logger.debug({ requestId: event.requestId, upstream: event.operation, status, retries: event.retries, ms: Math.round(event.durationMs) }, 'upstream call');
    },
    onUnknownValue: (field, value) => {
      logger.warn({ field, value }, 'the Arize API sent a value this gateway does not know; it reads as UNKNOWN');
    },
  });
  const watcher = new RunWatcher(transport, {
    pollIntervalMs: config.runs.pollIntervalMs,
    outageBudgetMs: config.runs.outageBudgetMs,
    onPollerCount: (count) => metrics.pollers.set(count),
  });
  const app = createApp({ config, transport, watcher, logger, metrics });
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

  // ---- WebSockets: graphql-transport-ws on the same path, with per-client caps
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.bodyBytes });
  const perClient = new Map<string, number>();
  httpServer.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/graphql') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const client = req.socket.remoteAddress ?? 'unknown';
    const open = perClient.get(client) ?? 0;
    if (open >= config.limits.wsConnectionsPerClient) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nToo many WebSocket connections from this address.\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      perClient.set(client, (perClient.get(client) ?? 0) + 1);
      metrics.sockets.inc();
      ws.once('close', () => {
        const left = (perClient.get(client) ?? 1) - 1;
        if (left <= 0) perClient.delete(client);
        else perClient.set(client, left);
        metrics.sockets.dec();
      });
      wss.emit('connection', ws, req);
    });
  });

  useServer<Record<string, unknown>>({
    onConnect: (ctx) => {
      const credential = credentialFrom(ctx.connectionParams?.authorization, config.arizeApiKey);
      if (credential.apiKey === undefined) {
        ctx.extra.socket.close(WS_UNAUTHORIZED.code, credential.problem ? 'Unauthorized: authorization must be "Bearer <api-key>"' : WS_UNAUTHORIZED.reason);
        return false;
      }
      return true;
    },
    onSubscribe: async (ctx, _id, payload) => {
      if (Object.keys(ctx.subscriptions).length > config.limits.wsSubscriptionsPerConnection) {
        return [new GraphQLError(`Too many subscriptions on this connection (at most ${config.limits.wsSubscriptionsPerConnection}).`, { extensions: { code: 'BAD_USER_INPUT' } })];
      }
      const credential = credentialFrom(ctx.connectionParams?.authorization, config.arizeApiKey);
      const enveloped = app.getEnveloped({
        req: ctx.extra.request,
        ws: { credential, requestId: randomUUID() },
        params: payload,
      } as never);
      let document;
      try {
        document = enveloped.parse(payload.query);
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError('Syntax error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
      }
      const errors = enveloped.validate(enveloped.schema, document);
      if (errors.length > 0) return errors;
      const args: ExecutionArgs & { rootValue: Roots } = {
        schema: enveloped.schema,
        operationName: payload.operationName ?? null,
        document,
        variableValues: payload.variables ?? null,
        contextValue: await enveloped.contextFactory(),
        rootValue: { execute: enveloped.execute as Roots['execute'], subscribe: enveloped.subscribe as Roots['subscribe'] },
      };
      return args;
    },
    execute: (args) => (args.rootValue as Roots).execute(args) as never,
    subscribe: (args) => (args.rootValue as Roots).subscribe(args) as never,
  }, wss, config.wsKeepAliveMs);

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
    watcher.close();
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

  return { url: `http://${host}:${address.port}`, port: address.port, app, watcher, metrics, logger, stop };
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
