/**
 * One door per protocol: the single route test. {@link routeOf} reads the
 * raw request target once and names the handler that serves it; every check
 * (origin, CSRF, sign-in, trusted documents, stream caps) keys off the same
 * decision ({@link routeOfRequest}), and a target that names no handler is
 * answered 404 before anything else runs ({@link withGate}). Paths are
 * compared exactly: `/x/graphql/stream`, `//graphql/stream`,
 * `/graphql/graphql/stream`, `/graphql/` and percent-encoded variants are
 * not doors.
 */
import type http from 'node:http';
import { ASSETS_PATH } from '../plugins/use-graphiql.ts';
import { MISDIRECTED, type ExpectedHosts } from './hosts.ts';

/** Where GraphQL over HTTP (and yoga's own SSE, and GraphiQL's page) is served, and the WebSocket path. */
export const GRAPHQL_PATH = '/graphql';
/** Where graphql-sse clients connect. */
export const SSE_PATH = '/graphql/stream';

/** The handler a request goes to. */
export type Route = 'graphql' | 'graphql-sse' | 'graphiql-asset' | 'health' | 'ready' | 'metrics';

const EXACT: Record<string, Route> = {
  [GRAPHQL_PATH]: 'graphql', [SSE_PATH]: 'graphql-sse', '/health': 'health', '/ready': 'ready', '/metrics': 'metrics',
};

/** The route of a raw request target (`/graphql?query=...`), or undefined when no handler serves it. */
export function routeOf(target: string): Route | undefined {
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  const exact = EXACT[path];
  if (exact) return exact;
  if (path.startsWith(ASSETS_PATH) && /^[\w-]+(?:\.[\w-]+)*$/.test(path.slice(ASSETS_PATH.length))) return 'graphiql-asset';
  return undefined;
}

const decided = new WeakMap<object, Route>();

/**
 * The route decided for a request: the one {@link withGate} decided for its
 * node request, or (for `app.fetch` in-process, where there is none) the
 * same test run on the request's path.
 */
export function routeOfRequest(serverContext: { req?: object } | undefined, url: URL): Route | undefined {
  const nodeRequest = serverContext?.req;
  if (nodeRequest !== undefined) return decided.get(nodeRequest);
  return routeOf(`${url.pathname}${url.search}`);
}

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const json = (res: http.ServerResponse, status: number, message: string, code: string) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    .end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
};

/**
 * The first thing every HTTP request meets: a `Host` the gateway does not
 * serve is 421, a target no handler serves is 404; otherwise the route is
 * decided once, remembered for the request, and `next` runs.
 */
export function withGate(hosts: ExpectedHosts, next: Listener): Listener {
  return (req, res) => {
    const host = req.headers.host;
    if (!hosts.allows(host)) {
      req.resume();
      return json(res, MISDIRECTED.status, MISDIRECTED.message(host ?? ''), 'FORBIDDEN');
    }
    const route = routeOf(req.url ?? '/');
    if (route === undefined) {
      req.resume();
      return json(res, 404, `Nothing is served here: GraphQL is at ${GRAPHQL_PATH} (WebSocket on the same path), graphql-sse at ${SSE_PATH}.`, 'NOT_FOUND');
    }
    decided.set(req, route);
    next(req, res);
  };
}
