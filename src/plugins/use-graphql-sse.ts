/**
 * The graphql-sse protocol at `/graphql/stream`, single connection mode
 * included: one event stream per browser tab carries any number of
 * subscriptions, so a tab does not spend HTTP/1.1's six connections per host.
 * `/graphql` keeps yoga's own SSE (distinct connections) for `EventSource`
 * and GraphiQL.
 *
 * It serves exactly the requests the route test gave to `graphql-sse`
 * (`src/http/routes.ts`), and every one of them (the reservation, the
 * stream, each operation) passes the same checks as `/graphql` first: CSRF
 * (Fetch Metadata and `Origin`), sign-in, and with `PERSISTED_OPERATIONS`
 * on, the trusted-documents rule.
 *
 * A reservation (`PUT`) takes one of its client's event-stream slots
 * (`SSE_MAX_STREAMS_PER_CLIENT`) and lasts `SSE_RESERVATION_TTL_MS` unless
 * its stream opens; then it lasts as long as the stream. An expired one is
 * closed with every operation started on it. Every refusal is the gateway's
 * JSON error with an `extensions.code`; nothing answers with a stack. A
 * query with `@defer`/`@stream` sends one `next` event per payload.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, getOperationAST, type ExecutionArgs } from 'graphql';
import type { RequestParams } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/fetch';
import { isAsyncIterable, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Authenticator } from '../auth.ts';
import { noOperationError, operationError } from '../errors.ts';
import type { PerClientLimit } from '../http/limits.ts';
import { routeOfRequest, SSE_PATH } from '../http/routes.ts';
import { csrfRefusal } from './use-csrf-prevention.ts';
import { identify } from './use-auth.ts';
import { alreadyCounted, isEventStream } from './use-stream-cap.ts';
import { carriesOperation, crowded, endingWith, settleSlot, streamOpened, takeSlot, type OperationSlot, type Reservation } from './sse-reservations.ts';
import { jsonErrors, refusal, withCodes } from './sse-answers.ts';
import type { DocumentRequest, TrustedDocuments } from '../trusted-documents.ts';

/** graphql-sse's token header (a cross-origin page sends it, so CORS allows it here) and query parameter. */
export const TOKEN_HEADER = 'x-graphql-event-stream-token';
/** The methods graphql-sse's client sends: a reservation (`PUT`), its stream (`GET`), an operation (`POST`) and an operation's stop (`DELETE`). */
export const SSE_METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const TOKEN_QUERY = 'token';

type ServerContext = { req?: IncomingMessage; res?: ServerResponse };
type Yoga = YogaServerInstance<Record<string, unknown>, Record<string, unknown>>;

/** What the plugin needs. */
export interface GraphQLSseDeps {
  authenticator: Authenticator;
  corsOrigins: readonly string[];
  documents: TrustedDocuments;
  /** The per-client event-stream slots, shared with every other event stream (`use-stream-cap.ts`). */
  streams: PerClientLimit;
  /** The client address of a node request (`TRUSTED_PROXIES`). */
  clientOf: (req: IncomingMessage) => string;
  /** How long a reservation lives unless its stream opens (`SSE_RESERVATION_TTL_MS`). */
  reservationMs: number;
  /**
   * Most operations one reservation carries at once (`WS_MAX_SUBSCRIPTIONS_PER_CONNECTION`, as on a
   * WebSocket): running subscriptions and incremental results, and every result still waiting for
   * the reservation's stream to open (graphql-sse keeps those in memory).
   */
  operationsPerStream: number;
  /** Told about a failure of the handler itself (it is answered as INTERNAL_SERVER_ERROR). */
  onUnexpected: (error: unknown) => void;
}

/** The operation a graphql-sse request carries (GET: the URL's `query`; POST: the JSON body), if any. */
async function operationOf(request: Request, url: URL): Promise<DocumentRequest | undefined> {
  if (request.method === 'GET') {
    const params = url.searchParams;
    if (!params.has('query') && !params.has('documentId') && !params.has('extensions')) return undefined;
    let extensions: unknown;
    try { extensions = JSON.parse(params.get('extensions') ?? 'null'); } catch { extensions = undefined; }
    return { query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions };
  }
  if (request.method !== 'POST') return undefined;
  try {
    const body = await request.clone().json() as DocumentRequest | null;
    return body && typeof body === 'object' ? body : undefined;
  } catch {
    return undefined; // the handler answers what it cannot read
  }
}

/** What the plugin's parts share: its deps, the reservations, and what `onYogaInit` sets. */
interface SseState {
  deps: GraphQLSseDeps;
  reservations: Map<string, Reservation>;
  /** The token minted for a reservation request (`PUT`). */
  minted: WeakMap<Request, string>;
  /** The server context of each request the handler serves. */
  contexts: WeakMap<Request, ServerContext>;
  /** The place on its reservation of each operation request the handler serves. */
  slots: WeakMap<Request, OperationSlot>;
  handler: ((request: Request) => Promise<Response>) | undefined;
  fetchAPI: { Request: typeof Request; Response: typeof Response };
}

/** Forgets a reservation and gives its slot back; an unused one is opened and cancelled, which ends its operations. */
function expire(state: SseState, token: string): void {
  const reservation = state.reservations.get(token);
  if (!reservation) return;
  state.reservations.delete(token);
  clearTimeout(reservation.timer);
  reservation.release();
  if (reservation.open || !state.handler) return;
  void state.handler(new state.fetchAPI.Request(`http://gateway${SSE_PATH}`, { method: 'GET', headers: { accept: 'text/event-stream', [TOKEN_HEADER]: token } }))
    .then((response) => response.body?.cancel(), state.deps.onUnexpected);
}

/** A reservation (`PUT`): one of its client's slots, a minted token, and a timer that expires it unless its stream opens. */
async function reserve(state: SseState, request: Request, serverContext: ServerContext): Promise<Response> {
  const { streams, clientOf, reservationMs } = state.deps;
  const release = streams.take(serverContext.req ? clientOf(serverContext.req) : 'in-process');
  if (!release) {
    return jsonErrors([{ message: `Too many event streams and stream reservations from this address (at most ${streams.max}).`, extensions: { code: 'RATE_LIMITED' } }], 429, state.fetchAPI.Response);
  }
  const fresh = randomUUID();
  state.minted.set(request, fresh);
  const response = await state.handler!(request);
  if (response.status !== 201) {
    release();
    return withCodes(response, state.fetchAPI.Response);
  }
  const reservation: Reservation = { release, timer: undefined, open: false, operations: 0, waiting: [] };
  reservation.timer = setTimeout(() => expire(state, fresh), reservationMs);
  reservation.timer.unref();
  state.reservations.set(fresh, reservation);
  return response;
}

/** Serves one graphql-sse request: a reservation, a stream (on a reservation, or a distinct one) or an operation. */
async function serve(state: SseState, request: Request, serverContext: ServerContext, url: URL): Promise<Response> {
  if (request.method === 'PUT') return reserve(state, request, serverContext);
  const token = request.headers.get(TOKEN_HEADER) ?? url.searchParams.get(TOKEN_QUERY) ?? undefined;
  const reservation = token === undefined ? undefined : state.reservations.get(token);
  if (token !== undefined && !reservation) {
    return jsonErrors([{
      message: `No stream is reserved under this token (a reservation ends when its stream closes, or after ${Math.round(state.deps.reservationMs / 1000)} s unused): reserve a new one with PUT.`,
      extensions: { code: 'NOT_FOUND' },
    }], 404, state.fetchAPI.Response);
  }
  const operation = reservation !== undefined && carriesOperation(request);
  const refused = reservation && operation ? crowded(reservation, state.deps.operationsPerStream) : undefined;
  if (refused) return jsonErrors([{ message: refused, extensions: { code: 'RATE_LIMITED' } }], 429, state.fetchAPI.Response);
  const slot = reservation && operation ? takeSlot(reservation) : undefined;
  if (slot) state.slots.set(request, slot);
  let response: Response;
  try {
    response = await state.handler!(request);
  } catch (error) {
    slot?.release(); // a handler that failed holds no place
    throw error;
  }
  if (slot && reservation) settleSlot(reservation, slot, response.status === 202);
  if (reservation && token !== undefined && !reservation.open && response.status === 200 && isEventStream(response.headers.get('content-type'))) {
    streamOpened(reservation, serverContext.res);
    alreadyCounted(request);
    if (serverContext.res) serverContext.res.once('close', () => expire(state, token));
  }
  return withCodes(response, state.fetchAPI.Response);
}

/**
 * graphql-sse's `onSubscribe`: parse, validate and run through the request's
 * own yoga pipeline. A query's incremental result (`@defer`/`@stream`) goes
 * out as one `next` event per payload. An operation refused before it runs
 * (it does not parse or validate, names no operation, breaks a limit) is
 * answered as a result with its errors, then the end, on the stream it asked
 * for (as graphql-sse's own server answers a document that does not
 * validate): graphql-sse's client aborts a refused request before it reports
 * it, so a 400's JSON body would never reach the page.
 */
async function runOperation(typed: Yoga, state: SseState, request: Request, method: string, params: RequestParams) {
  const enveloped = typed.getEnveloped({ ...state.contexts.get(request), request, params });
  let document;
  try {
    document = enveloped.parse(params.query);
  } catch (error) {
    return refused([operationError(error, 'GRAPHQL_PARSE_FAILED')]);
  }
  let errors: readonly GraphQLError[];
  try {
    errors = enveloped.validate(enveloped.schema, document);
  } catch (error) {
    return refused([operationError(error, 'GRAPHQL_VALIDATION_FAILED')]);
  }
  if (errors.length > 0) return refused(errors.map((error) => operationError(error, 'GRAPHQL_VALIDATION_FAILED')));
  const operation = getOperationAST(document, params.operationName);
  if (!operation) {
    return refused([noOperationError()]);
  }
  if (operation.operation === 'mutation' && method === 'GET') {
    return refusal([new GraphQLError('Mutations are POST-only.', { extensions: { code: 'BAD_USER_INPUT' } })], 405);
  }
  const contextValue = await enveloped.contextFactory();
  const args: ExecutionArgs = {
    schema: enveloped.schema, document, contextValue, variableValues: params.variables ?? null, operationName: params.operationName ?? null,
  };
  const result = await (operation.operation === 'subscription' ? enveloped.subscribe(args) : enveloped.execute(args));
  // a result with errors and no `data` (a plugin's refusal, e.g. the cost limit) is a refusal here:
  // graphql-sse takes only an object with `data` for a result, and would answer "Unable to detect operation AST"
  if (!isAsyncIterable(result) && !('data' in result) && result.errors?.length) {
    return refused(result.errors.map((error: unknown) => (error instanceof GraphQLError ? error : new GraphQLError(String(error), { extensions: { code: 'INTERNAL_SERVER_ERROR' } }))));
  }
  return isAsyncIterable(result) ? running(state, request, result) : result;
}

/** A running result: on a reservation it holds its place there until it ends. */
function running<T>(state: SseState, request: Request, result: AsyncIterable<T>): AsyncIterable<T> {
  const slot = state.slots.get(request);
  if (!slot) return result;
  slot.kept = true;
  return endingWith(result, slot.release);
}

/**
 * An operation refused before it ran, as a result the client reads: its
 * errors, then the end. Not a running result: on a reservation whose stream
 * is not open it waits in memory like any finished result, and keeps its
 * place until the stream opens (`settleSlot`), so refusals cannot pile up.
 */
function refused(errors: readonly GraphQLError[]) {
  return (async function* refusedResult() {
    yield { errors };
  })();
}

/** The refusal of a request before graphql-sse sees it (CSRF, sign-in, trusted documents), if any. */
async function refusalOf(deps: GraphQLSseDeps, request: Request, url: URL, fetchAPI: SseState['fetchAPI']): Promise<Response | undefined> {
  const { Response } = fetchAPI;
  const csrf = csrfRefusal(request, deps.corsOrigins);
  if (csrf) return jsonErrors([{ message: csrf.message, extensions: { code: 'FORBIDDEN' } }], 403, Response);
  const unauthenticated = await identify(request, deps.authenticator, fetchAPI);
  if (unauthenticated) return unauthenticated;
  if (deps.documents.mode === 'off') return undefined;
  // trusted documents: an operation here must be a trusted text (the handler reads the text itself, so no hash alone)
  const operation = await operationOf(request, url);
  const outcome = operation === undefined ? undefined : deps.documents.resolve(operation);
  const untrusted = outcome instanceof GraphQLError ? outcome : outcome && outcome.query !== operation?.query
    ? new GraphQLError(`${SSE_PATH} runs documents sent as text: send the trusted document's text, or use /graphql or the WebSocket to send its hash.`, { extensions: { code: 'BAD_USER_INPUT' } })
    : undefined;
  if (!untrusted) return undefined;
  return jsonErrors([untrusted.toJSON() as unknown as Record<string, unknown>], untrusted.extensions.code === 'FORBIDDEN' ? 403 : 400, Response);
}

/** The plugin: the checks and the graphql-sse handler, for the `graphql-sse` route only. */
export function useGraphQLSse(deps: GraphQLSseDeps): Plugin<Record<string, unknown>, ServerContext> {
  const state: SseState = {
    deps, reservations: new Map(), minted: new WeakMap(), contexts: new WeakMap(), slots: new WeakMap(), handler: undefined, fetchAPI: { Request, Response },
  };
  return {
    onYogaInit({ yoga }) {
      const typed = yoga as unknown as Yoga;
      state.fetchAPI = typed.fetchAPI;
      state.handler = createHandler({
        // the token of a reservation is always minted here, never taken from the client
        authenticate: (req) => state.minted.get(req.raw) ?? req.headers.get(TOKEN_HEADER) ?? new URL(req.url, 'http://gateway').searchParams.get(TOKEN_QUERY) ?? undefined,
        onSubscribe: (req, params) => runOperation(typed, state, req.raw, req.method, params),
      }, typed.fetchAPI);
    },
    // not async: a request to another door passes without waiting for anything
    onRequest({ request, url, serverContext, endResponse }) {
      if (request.method === 'OPTIONS' || routeOfRequest(serverContext, url) !== 'graphql-sse') return undefined;
      return answerSse(state, deps, request, url, serverContext, endResponse);
    },
  };
}

/** A graphql-sse request answered: refused, or served by the handler. */
async function answerSse(state: SseState, deps: GraphQLSseDeps, request: Request, url: URL, serverContext: ServerContext, endResponse: (response: Response) => void): Promise<void> {
  const refused = await refusalOf(deps, request, url, state.fetchAPI);
  if (refused) return endResponse(refused);
  state.contexts.set(request, serverContext);
  try {
    endResponse(await serve(state, request, serverContext, url));
  } catch (error) {
    deps.onUnexpected(error);
    endResponse(jsonErrors([{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }], 500, state.fetchAPI.Response));
  }
}
