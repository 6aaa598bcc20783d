/**
 * WebSockets on `/graphql`: the upgrade checks (path, `Origin`, connections
 * per client address) and the graphql-ws bridge into yoga's plugin pipeline
 * (yoga's recipe: the identity read once on `connection_init`,
 * `getEnveloped` on each subscribe).
 */
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { Context as WsContext, SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '../app.ts';
import { AuthError, type Authenticator, type Identity } from '../auth.ts';
import type { Config } from '../config.ts';
import { limitError } from '../errors.ts';
import type { Metrics } from '../observability/metrics.ts';
import { PerClientLimit } from './limits.ts';
import { originAllowed } from './origin.ts';
import type { DocumentRequest, TrustedDocuments } from '../plugins/use-trusted-documents.ts';

/** Close code and reason when a WebSocket brings no usable key or token. */
export const WS_UNAUTHORIZED = { code: 4401, reason: 'Unauthorized: set connectionParams.authorization to "Bearer <api-key>"' } as const;

type Extra = { socket: WebSocket; request: http.IncomingMessage; identity?: Identity };
type Enveloped = ReturnType<App['getEnveloped']>;

/** A close reason within the WebSocket limit of 123 bytes. */
const reason = (text: string) => (Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString('utf8')}...`);

/** The GraphQL error for a subscribe that fails before it runs: the error's own code, else the stage's. */
function coded(error: unknown, stage: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED'): GraphQLError {
  if (error instanceof GraphQLError) {
    const limited = limitError(error);
    if (limited) return limited;
    if (error.extensions.code !== undefined) return error;
    return new GraphQLError(error.message, { ...(error.nodes ? { nodes: error.nodes } : {}), extensions: { ...error.extensions, code: stage } });
  }
  return new GraphQLError('The operation could not be read.', { extensions: { code: stage } });
}

/** Attaches the WebSocket server to `httpServer`; returns it (for shutdown). */
export function attachWebSocket(httpServer: http.Server, deps: { app: App; config: Config; authenticator: Authenticator; metrics: Metrics; logger: Logger; trustedDocuments: TrustedDocuments }): WebSocketServer {
  const { app, config, authenticator, metrics, logger, trustedDocuments } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.bodyBytes });
  const perClient = new PerClientLimit(config.limits.wsConnectionsPerClient);
  const refuse = (socket: import('node:stream').Duplex, status: string, text: string) =>
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${text}\n`);

  httpServer.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/graphql') return refuse(socket, '404 Not Found', 'No WebSocket here: use /graphql.');
    const origin = req.headers.origin;
    // No `Origin`: not a browser (servers, CLIs). A browser always sends one on an upgrade.
    if (origin !== undefined && !originAllowed(origin, req.headers.host, config.corsOrigins)) {
      logger.warn({ origin }, 'refused a cross-site WebSocket');
      return refuse(socket, '403 Forbidden', `WebSockets from ${origin} are not allowed: add it to CORS_ORIGINS.`);
    }
    const release = perClient.take(req.socket.remoteAddress ?? 'unknown');
    if (!release) return refuse(socket, '429 Too Many Requests', 'Too many WebSocket connections from this address.');
    wss.handleUpgrade(req, socket, head, (ws) => {
      metrics.sockets.inc();
      ws.once('close', () => {
        release();
        metrics.sockets.dec();
      });
      wss.emit('connection', ws, req);
    });
  });

  // graphql-ws hands execute/subscribe the args onSubscribe returned: find the
  // subscribe's own enveloped pipeline by its context value.
  // The entry is taken (deleted) when the operation starts, so a long subscription does not keep it.
  const pipelines = new WeakMap<object, Enveloped>();
  const pipelineOf = (args: ExecutionArgs) => {
    const pipeline = pipelines.get(args.contextValue as object)!;
    pipelines.delete(args.contextValue as object);
    return pipeline;
  };

  useServer<Record<string, unknown>, Extra>({
    onConnect: (ctx) => connect(ctx, authenticator),
    onSubscribe: (ctx, _id, payload) => subscribe(ctx, payload, { app, config, pipelines, trustedDocuments }),
    execute: (args) => pipelineOf(args).execute(args),
    subscribe: (args) => pipelineOf(args).subscribe(args),
  }, wss, config.wsKeepAliveMs);

  return wss;
}

/** `connection_init`: the identity is read once per socket; a refused one closes it with 4401. */
async function connect(ctx: WsContext<Record<string, unknown>, Extra>, authenticator: Authenticator): Promise<boolean> {
  try {
    const identity = await authenticator.identify(ctx.connectionParams?.authorization, ctx.connectionParams?.['x-arize-api-key']);
    if (identity.apiKey === undefined) {
      ctx.extra.socket.close(WS_UNAUTHORIZED.code, identity.problem ? reason(`Unauthorized: ${identity.problem}`) : WS_UNAUTHORIZED.reason);
      return false;
    }
    ctx.extra.identity = identity;
    return true;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    ctx.extra.socket.close(WS_UNAUTHORIZED.code, reason(`Unauthorized: ${error.message}`));
    return false;
  }
}

/** A subscribe: caps, expiry, then parse and validate through the subscribe's own yoga pipeline; any failure is an error for that operation alone. */
async function subscribe(
  ctx: WsContext<Record<string, unknown>, Extra>,
  payload: SubscribePayload,
  { app, config, pipelines, trustedDocuments }: { app: App; config: Config; pipelines: WeakMap<object, Enveloped>; trustedDocuments: TrustedDocuments },
): Promise<ExecutionArgs | readonly GraphQLError[]> {
  if (Object.keys(ctx.subscriptions).length > config.limits.wsSubscriptionsPerConnection) {
    return [new GraphQLError(`Too many subscriptions on this connection (at most ${config.limits.wsSubscriptionsPerConnection}).`, { extensions: { code: 'BAD_USER_INPUT' } })];
  }
  const identity = ctx.extra.identity!;
  if (identity.expiresAt !== undefined && identity.expiresAt <= Date.now()) {
    return [new GraphQLError('The sign-in token expired: sign in again and reconnect.', { extensions: { code: 'UNAUTHENTICATED' } })];
  }
  // trusted documents: the same lookup as over HTTP; graphql-ws needs a `query`, so an empty one means "by hash"
  const trusted = trustedDocuments.resolve(payload as DocumentRequest);
  if (trusted instanceof GraphQLError) return [trusted];
  const query = trusted?.query ?? payload.query;
  const enveloped = app.getEnveloped({ req: ctx.extra.request, ws: { identity, requestId: randomUUID() }, params: { ...payload, query } });
  let document;
  try {
    document = enveloped.parse(query);
  } catch (error) {
    return [coded(error, 'GRAPHQL_PARSE_FAILED')];
  }
  let errors: readonly GraphQLError[];
  try {
    errors = enveloped.validate(enveloped.schema, document);
  } catch (error) {
    return [coded(error, 'GRAPHQL_VALIDATION_FAILED')];
  }
  if (errors.length > 0) return errors.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
  const contextValue = await enveloped.contextFactory();
  pipelines.set(contextValue, enveloped);
  return {
    schema: enveloped.schema,
    operationName: payload.operationName ?? null,
    document,
    variableValues: payload.variables ?? null,
    contextValue,
  };
}
