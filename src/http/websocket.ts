/**
 * WebSockets on `/graphql`: the upgrade checks (`Host`, the route, `Origin`,
 * connections per client address), all before the handshake, and the
 * graphql-ws bridge into yoga's plugin pipeline (yoga's recipe: the identity
 * read once on `connection_init`, `getEnveloped` on each subscribe). Each
 * operation's context carries a {@link ClientGone} that aborts when the socket
 * closes or the operation completes (the client's `complete` included), so
 * waits, watches and reads it started end with it.
 *
 * Thousands of sockets each hold a subscription for minutes, so what is kept
 * per socket and per operation stays small: one state object per socket,
 * listeners shared by all sockets, the map of running operations made with
 * the first, `complete` messages acted on only on a socket that has run a
 * query or mutation, and no AbortController unless an operation asks for a
 * signal.
 *
 * Every message passes {@link onClientMessage} before graphql-ws: a message
 * type a client may not send (`next`, `error`, `connection_ack`, ...) closes
 * the socket with 4400 there, because graphql-ws would log a stack trace for
 * it and close with 4500, which anyone could use to flood the logs.
 */
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { GraphQLError, getOperationAST, type ExecutionArgs } from 'graphql';
import type { Context as WsContext, SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { App } from '../app.ts';
import { AuthError, type Authenticator, type Identity } from '../auth.ts';
import type { Config } from '../config.ts';
import { ClientGone, type ClientInfo } from '../context.ts';
import { noOperationError, operationError } from '../errors.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { ClientAddresses } from './client-address.ts';
import { MISDIRECTED, type ExpectedHosts } from './hosts.ts';
import { PerClientLimit } from './limits.ts';
import { originAllowed } from './origin.ts';
import { CLIENT_MESSAGE_TYPES, messageOf, readWhileRead, reason, sendOrDrop } from './ws-frames.ts';
import { GRAPHQL_PATH, routeOf } from './routes.ts';
import type { DocumentRequest, TrustedDocuments } from '../trusted-documents.ts';

/** Close code and reason when a WebSocket brings no usable key or token. */
export const WS_UNAUTHORIZED = { code: 4401, reason: 'Unauthorized: set connectionParams.authorization to "Bearer <api-key>"' } as const;

type Extra = { socket: WebSocket; request: http.IncomingMessage; identity?: Identity };
type Enveloped = ReturnType<App['getEnveloped']>;

/** What the gateway keeps per open socket. */
interface SocketState {
  /** Gives the client address's connection slot back. */
  release: () => void;
  /** Where the socket comes from, shared by its operations' contexts. */
  client: ClientInfo;
  /** Its running operations by id, each with what aborts what it started; made with the first, dropped on close. */
  running: Map<string, ClientGone> | undefined;
  /** True once its `complete` messages are acted on (from its first query or mutation). */
  readsCompletes: boolean;
  /** graphql-ws's own message handler for this socket, called after {@link onClientMessage}'s check. */
  forward: ((this: WebSocket, data: RawData, isBinary: boolean) => void) | undefined;
}

/** The open sockets of one server, each with what the gateway keeps for it. */
type Sockets = Map<WebSocket, SocketState>;

/** Aborts and forgets operation `id` of `socket` (all of them without an id). */
function abortOperations(sockets: Sockets, socket: WebSocket, id?: string): void {
  const running = sockets.get(socket)?.running;
  if (!running) return;
  if (id !== undefined) {
    running.get(id)?.abort();
    running.delete(id);
    return;
  }
  for (const gone of running.values()) gone.abort();
  running.clear();
}

/** The WebSocket side of the server, for shutdown. */
export interface WebSockets {
  /** The open sockets. */
  readonly clients: Iterable<WebSocket>;
  /** Stops taking sockets; the open ones are left to the caller. */
  close(): Promise<void>;
}

/** What {@link attachWebSocket} needs. */
export interface WebSocketDeps {
  app: App; config: Config; authenticator: Authenticator; metrics: Metrics; logger: Logger; trustedDocuments: TrustedDocuments;
  hosts: ExpectedHosts; clientAddresses: ClientAddresses;
}

/** A refusal of an upgrade, as a plain HTTP answer on the raw socket. */
const refuse = (socket: Duplex, status: string, text: string) =>
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${text}\n`);

/** The listeners every socket shares (`this` is the socket), not closures per socket. */
interface SharedListeners {
  onClose: (this: WebSocket) => void;
  onClientMessage: (this: WebSocket, data: RawData, isBinary: boolean) => void;
}

/**
 * The `upgrade` listener: `Host`, the route, `Origin` and the per-address cap
 * are checked before the handshake; an accepted socket gets its state and
 * the shared listeners, graphql-ws's message handler behind the check.
 */
function upgradeListener(deps: WebSocketDeps, wss: WebSocketServer, sockets: Sockets, { onClose, onClientMessage }: SharedListeners) {
  const { config, metrics, logger, hosts, clientAddresses } = deps;
  const perClient = new PerClientLimit(config.limits.wsConnectionsPerClient);
  return (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!hosts.allows(req.headers.host)) return refuse(socket, '421 Misdirected Request', MISDIRECTED.message(req.headers.host ?? ''));
    if (routeOf(req.url ?? '/') !== 'graphql') return refuse(socket, '404 Not Found', `No WebSocket here: use ${GRAPHQL_PATH}.`);
    const origin = req.headers.origin;
    // No `Origin`: not a browser (servers, CLIs). A browser always sends one on an upgrade.
    if (origin !== undefined && !originAllowed(origin, req.headers.host, config.corsOrigins)) {
      logger.warn({ origin: origin.slice(0, 200) }, 'refused a cross-site WebSocket');
      return refuse(socket, '403 Forbidden', `WebSockets from ${JSON.stringify(origin.slice(0, 200))} are not allowed: add it to CORS_ORIGINS.`);
    }
    const address = clientAddresses.of(req);
    const release = perClient.take(address);
    if (!release) return refuse(socket, '429 Too Many Requests', 'Too many WebSocket connections from this address.');
    wss.handleUpgrade(req, socket, head, (ws) => {
      metrics.sockets.inc();
      const state: SocketState = { release, client: { address, userAgent: req.headers['user-agent'] }, running: undefined, readsCompletes: false, forward: undefined };
      sockets.set(ws, state);
      ws.send = sendOrDrop as WebSocket['send'];
      ws.on('close', onClose);
      wss.emit('connection', ws, req);
      // graphql-ws has added its message handler (synchronously): it runs behind the check
      state.forward = ws.listeners('message')[0] as SocketState['forward'];
      if (state.forward) ws.removeListener('message', state.forward);
      ws.on('message', onClientMessage);
    });
  };
}

/** The listeners every socket of `sockets` shares. */
function sharedListeners(sockets: Sockets, metrics: Metrics): SharedListeners {
  return {
    onClose(this: WebSocket): void {
      const state = sockets.get(this);
      if (!state) return;
      abortOperations(sockets, this);
      sockets.delete(this);
      state.release();
      metrics.sockets.dec();
    },
    /**
     * Every message, before graphql-ws: a type a client may not send closes the
     * socket (4400); a client's `complete` for a query or mutation still running
     * (a long wait) aborts it, since graphql-ws calls no hook for that (only for
     * a subscription, whose iterator it returns). A client that leaves too
     * much unread has its messages wait ({@link readWhileRead}).
     */
    onClientMessage: readWhileRead(function onClientMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
      const state = sockets.get(this);
      if (!state?.forward) return;
      const message = messageOf(data);
      if (message !== undefined && !CLIENT_MESSAGE_TYPES.has(message.type)) {
        this.close(4400, 'Invalid message received');
        return;
      }
      if (state.readsCompletes && message?.type === 'complete' && typeof message.id === 'string') abortOperations(sockets, this, message.id);
      state.forward.call(this, data, isBinary);
    }),
  };
}

/**
 * Attaches the WebSocket server to `httpServer`. A query's incremental
 * result (`@defer`/`@stream`) goes out as one `next` message per payload.
 */
export function attachWebSocket(httpServer: http.Server, deps: WebSocketDeps): WebSockets {
  const { app, config, authenticator, metrics, trustedDocuments } = deps;
  // the open sockets are tracked here, with their state: ws's own tracking would add a second 'close' listener to each
  const sockets: Sockets = new Map();
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.bodyBytes, clientTracking: false });
  httpServer.on('upgrade', upgradeListener(deps, wss, sockets, sharedListeners(sockets, metrics)));

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
    onSubscribe: (ctx, id, payload) => subscribe(ctx, id, payload, { app, config, pipelines, trustedDocuments, sockets }),
    onComplete: (ctx, id) => abortOperations(sockets, ctx.extra.socket, id),
    execute: (args) => pipelineOf(args).execute(args),
    subscribe: (args) => pipelineOf(args).subscribe(args),
  }, wss, config.wsKeepAliveMs);

  return {
    clients: { [Symbol.iterator]: () => sockets.keys() },
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  };
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
  id: string,
  payload: SubscribePayload,
  { app, config, pipelines, trustedDocuments, sockets }: {
    app: App; config: Config; pipelines: WeakMap<object, Enveloped>; trustedDocuments: TrustedDocuments; sockets: Sockets;
  },
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
  const socket = ctx.extra.socket;
  const state = sockets.get(socket);
  const gone = new ClientGone();
  const client = state?.client ?? { address: undefined, userAgent: undefined };
  const params = trusted ? { ...payload, query } : payload;
  const enveloped = app.getEnveloped({ req: ctx.extra.request, ws: { identity, requestId: randomUUID(), gone, client }, params });
  let document;
  try {
    document = enveloped.parse(query);
  } catch (error) {
    return [operationError(error, 'GRAPHQL_PARSE_FAILED')];
  }
  let errors: readonly GraphQLError[];
  try {
    errors = enveloped.validate(enveloped.schema, document);
  } catch (error) {
    return [operationError(error, 'GRAPHQL_VALIDATION_FAILED')];
  }
  if (errors.length > 0) return errors.map((error) => operationError(error, 'GRAPHQL_VALIDATION_FAILED'));
  // as HTTP answers it (graphql-ws would send a bare "Unable to identify operation")
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return [noOperationError()];
  // registered only now: an operation refused above never runs, and leaves nothing behind
  if (state === undefined || socket.readyState !== socket.OPEN) {
    gone.abort();
  } else {
    (state.running ??= new Map()).set(id, gone);
    if (operation.operation !== 'subscription') state.readsCompletes = true;
  }
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
