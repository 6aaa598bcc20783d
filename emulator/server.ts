/**
 * A local, Arize-compatible REST server for tasks and task runs (v2), for
 * development, tests, demos and benchmarks. It follows
 * `../shared/upstream-api.md`: Bearer auth, query filters, `limit` 1..100,
 * opaque forward cursors, problem+json errors, and runs that move through
 * their states. Knobs for tests live under `/__emulator/` and on the returned
 * {@link Emulator}. This file is the lifecycle and the dispatch; the routes,
 * the knobs, the dialects, the data and its rules have their own files.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Knobs, type Fault, type LoggedRequest, type Settings } from './admin.ts';
import { fromLegacy, toLegacy, type Dialect } from './dialect.ts';
import { EmulatorControl } from './control.ts';
import { ProblemError, badRequest, typeFor } from './problems.ts';
import { apiRoutes, type Route } from './routes.ts';
import type { RunBehaviour } from './run-clock.ts';
import { seed } from './seed.ts';
import { Store } from './store.ts';
import { problem, tryJson, write } from './wire.ts';
import { Holds, type Hold } from './holds.ts';

export { DIALECTS, type Dialect } from './dialect.ts';
export type { Fault, LoggedRequest } from './admin.ts';
export type { Hold } from './holds.ts';

/** Options of {@link startEmulator}; every one has a default. */
export interface EmulatorOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Bearer keys that are accepted. Default `['emulator-key']`. Each key acts
   * as its own user (`created_by_user_id`): the first as `User:1`, the next
   * as `User:2`, and so on.
   */
  apiKeys?: string[];
  /** Keys that may read but not write (403 on POST/PATCH/DELETE). Default none. */
  readOnlyKeys?: string[];
  /** Run timing and outcome. Defaults: pending 2 s, running 8 s, 10% failed, 4 progress steps. */
  runs?: Partial<RunBehaviour>;
  /** Delay added to every API response, ms. Default 0. */
  latencyMs?: number;
  /** Share (0..1) of API requests answered with a 500. Default 0. */
  errorRate?: number;
  /** Seed demo data. Default true. */
  seed?: boolean;
  /** Seed of the pseudo-random ids and outcomes. Default 7. */
  randomSeed?: number;
  /** Most requests kept in the log (oldest dropped first). Default 100,000. */
  maxLog?: number;
  /** The API version spoken. Default `current`. */
  dialect?: Dialect;
}

/** A running emulator, with its knobs for tests. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no `/v2`). */
  url: string;
  /** The first accepted key. */
  apiKey: string;
  /** The data as stored now (a reset replaces it); tests use {@link Emulator.control} instead. */
  readonly store: Store;
  /** The test-control API: what tests may read of the data, and the few ways they may change it (held runs among them). */
  readonly control: EmulatorControl;
  /** Requests served so far, oldest first. */
  readonly requests: LoggedRequest[];
  /** Requests matching `method` and a path test, e.g. `count('GET', (p) => p.startsWith('/v2/task-runs/'))`. */
  count(method: string, path: string | RegExp | ((path: string) => boolean)): number;
  clearLog(): void;
  addFault(fault: Fault): void;
  clearFaults(): void;
  configure(settings: Settings): void;
  /**
   * Holds every matching API request (`method`, a path test) unanswered until
   * `release()`, which serves them in order and stops holding.
   */
  hold(method: string, path: RegExp): Hold;
  /** The API version spoken now. */
  readonly dialect: Dialect;
  stop(): Promise<void>;
}

const DEFAULT_RUNS: RunBehaviour = { pendingMs: 2000, runningMs: 8000, failureRate: 0.1, progressSteps: 4 };
/** The user the `index`th accepted key acts as: `User:1:nNbC` for the first (the demo data's author), then `User:2:nNbC`, ... */
const userOfKey = (index: number) => Buffer.from(`User:${index + 1}:nNbC`).toString('base64');

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** Starts the emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const behaviour: RunBehaviour = { ...DEFAULT_RUNS, ...options.runs };
  const knobs = new Knobs(behaviour, options, options.maxLog ?? 100_000);
  const apiKeys = new Set(options.apiKeys ?? ['emulator-key']);
  const users = new Map([...apiKeys].map((key, index) => [key, userOfKey(index)]));
  const readOnly = new Set(options.readOnlyKeys ?? []);
  const newStore = () => {
    const created = new Store(behaviour, options.randomSeed ?? 7);
    if (options.seed !== false) seed(created);
    return created;
  };
  let store = newStore();
  const control = new EmulatorControl(() => store);
  const reset = () => {
    store.dispose();
    store = newStore();
  };
  const access: Access = { apiKeys, readOnly, routes: apiRoutes(() => store), users };
  const holds = new Holds();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => dispatch(req, res, Buffer.concat(chunks).toString('utf8'), knobs, access, holds, { reset, release: (runId) => control.release(runId) }));
  });
  const { url, stop } = await listen(server, options);
  return {
    url,
    apiKey: [...apiKeys][0] ?? '',
    get store() { return store; },
    control,
    get dialect() { return knobs.dialect; },
    requests: knobs.log,
    count(method, path) {
      const test = typeof path === 'function' ? path : typeof path === 'string' ? (p: string) => p === path : (p: string) => path.test(p);
      return knobs.log.filter((r) => r.method === method && test(r.path)).length;
    },
    clearLog() { knobs.log.length = 0; },
    addFault(fault) { knobs.faults.push({ ...fault }); },
    clearFaults() { knobs.faults = []; },
    configure(settings) { knobs.configure(settings); },
    hold: (method, path) => holds.add(method, path),
    stop: async () => {
      await stop();
      store.dispose();
    },
  };
}

/** One request: an admin route, or an API request (with its hold, its fault, its log entry and the latency). */
function dispatch(
  req: http.IncomingMessage, res: http.ServerResponse, raw: string, knobs: Knobs, access: Access, holds: Holds,
  admin: { reset: () => void; release: (runId?: string) => number },
): void {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (url.pathname.startsWith('/__emulator/')) return knobs.handle(req.method ?? 'GET', url, raw, res, admin.reset, admin.release);
  const fault = knobs.takeFault(req.method ?? 'GET', url.pathname);
  const handle = () => {
    const answer = serveWithFaults(fault, access, knobs, req, url, raw);
    knobs.record(logEntry(req, url, raw, answer.status));
    const send = () => write(res, answer.status, answer.body, answer.headers);
    if (knobs.latencyMs > 0) setTimeout(send, knobs.latencyMs);
    else send();
  };
  const go = () => (fault?.delayMs !== undefined && fault.delayMs > 0 ? setTimeout(handle, fault.delayMs) : handle());
  if (!holds.queued(req.method ?? 'GET', url.pathname, go)) go();
}

/** Listens on the options' port and host; `stop` closes the server and its open sockets. */
async function listen(server: http.Server, options: EmulatorOptions): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }),
  };
}

interface Access { apiKeys: Set<string>; readOnly: Set<string>; routes: Route[]; users: Map<string, string> }

function logEntry(req: http.IncomingMessage, url: URL, raw: string, status: number): LoggedRequest {
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    status,
    at: Date.now(),
    ...(raw.length > 0 ? { body: tryJson(raw) } : {}),
    ...(typeof req.headers['x-request-id'] === 'string' ? { requestId: req.headers['x-request-id'] } : {}),
    ...(typeof req.headers.traceparent === 'string' ? { traceparent: req.headers.traceparent } : {}),
  };
}

/** A forced fault answers instead of the API (`before`), or after serving it (`after`: a lost answer); one without a status only delayed it. */
function serveWithFaults(fault: Fault | undefined, access: Access, knobs: Knobs, req: http.IncomingMessage, url: URL, raw: string): Answer {
  const method = req.method ?? 'GET';
  const faulted = fault?.status !== undefined && {
    status: fault.status,
    body: problem(fault.status, fault.detail ?? 'fault injected by the emulator', url.pathname),
    ...(fault.retryAfterSeconds !== undefined ? { headers: { 'retry-after': String(fault.retryAfterSeconds) } } : {}),
  };
  if (faulted && fault.when !== 'after') return faulted;
  const answer = serve(knobs, access, req, url, raw, method);
  return faulted || answer;
}

/** One API request: the random error rate, auth, routing, the JSON body, the dialect, and problem+json for refusals. */
function serve(knobs: Knobs, { apiKeys, readOnly, routes, users }: Access, req: http.IncomingMessage, url: URL, raw: string, method: string): Answer {
  if (knobs.errorRate > 0 && Math.random() < knobs.errorRate) {
    return { status: 500, body: problem(500, 'random failure injected by the emulator', url.pathname) };
  }
  const auth = req.headers.authorization;
  const key = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  if (!key || !apiKeys.has(key)) {
    return { status: 401, body: problem(401, key ? 'the API key is not valid' : 'missing Authorization: Bearer <api-key> header', url.pathname) };
  }
  if (readOnly.has(key) && method !== 'GET') return { status: 403, body: problem(403, 'this API key may only read', url.pathname) };
  const candidates = routes.filter((route) => route.pattern.test(url.pathname));
  const route = candidates.find((r) => r.method === method);
  if (!route) {
    return candidates.length > 0
      ? { status: 405, body: problem(405, `${method} is not allowed on ${url.pathname}`, url.pathname) }
      : { status: 404, body: problem(404, `no route for ${url.pathname}`, url.pathname) };
  }
  const dialect: Dialect = knobs.dialect;
  try {
    const body = jsonObject(raw);
    const params = route.pattern.exec(url.pathname)!.slice(1).map((p) => decodeURIComponent(p));
    const query = new URLSearchParams(url.searchParams);
    if (dialect === 'legacy') fromLegacy(query, body);
    const answer = route.handle({ params, query, body, userId: users.get(key) ?? null, dialect });
    return dialect === 'legacy' ? { ...answer, body: toLegacy(answer.body) } : answer;
  } catch (error) {
    if (error instanceof ProblemError) {
      return { status: error.status, body: { type: typeFor(error.status), title: error.title, status: error.status, detail: error.detail, instance: url.pathname } };
    }
    return { status: 500, body: problem(500, 'internal emulator error', url.pathname) };
  }
}

function jsonObject(raw: string): Record<string, unknown> {
  if (raw.trim().length === 0) return {};
  const parsed = tryJson(raw);
  if (parsed === undefined || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('the request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
