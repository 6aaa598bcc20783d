/**
 * A local, Arize-compatible REST server for tasks and task runs (v2), for
 * development, tests, demos and benchmarks. It follows
 * `../shared/upstream-api.md`: Bearer auth, query filters, `limit` 1..100,
 * opaque forward cursors, problem+json errors, and runs that move through
 * their states. Knobs for tests live under `/__emulator/` and on the returned
 * {@link Emulator}.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProblemError, Store, badRequest, titleFor, typeFor, type RunBehaviour } from './store.ts';
import { seed } from './seed.ts';
import { RUN_STATUSES, TASK_TYPES } from '../src/upstream/types.ts';

/**
 * Which Arize API the emulator speaks. `current` (default): today's page,
 * uppercase values, the new fields, 404 for an unknown scoping id. `legacy`:
 * the April 2026 API, lowercase values (and only lowercase accepted), none
 * of the new keys, an empty list for an unknown scoping id.
 */
export type Dialect = 'current' | 'legacy';
export const DIALECTS: readonly Dialect[] = ['current', 'legacy'];

/** Options of {@link startEmulator}; every one has a default. */
export interface EmulatorOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Bearer keys that are accepted. Default `['emulator-key']`. */
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

/** A forced failure for matching requests. */
export interface Fault {
  /** HTTP method to match; any when absent. */
  method?: string;
  /** Regular expression (source) tested against the path, e.g. `^/v2/task-runs/`. */
  path: string;
  /** Status to answer, e.g. 503 or 429. */
  status: number;
  /** `Retry-After` seconds sent with the answer. */
  retryAfterSeconds?: number;
  /** How many matching requests to fail; unlimited when absent. */
  times?: number;
  /**
   * `before` (default): answer the fault instead of serving the request.
   * `after`: serve the request (its effects happen), then answer the fault,
   * as when a response is lost on the way back.
   */
  when?: 'before' | 'after';
}

/** One request the emulator served (admin routes are not logged). */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  status: number;
  at: number;
  requestId?: string;
}

export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no `/v2`). */
  url: string;
  /** The first accepted key. */
  apiKey: string;
  store: Store;
  /** Requests served so far, oldest first. */
  readonly requests: LoggedRequest[];
  /** Requests matching `method` and a path test, e.g. `count('GET', (p) => p.startsWith('/v2/task-runs/'))`. */
  count(method: string, path: string | RegExp | ((path: string) => boolean)): number;
  clearLog(): void;
  addFault(fault: Fault): void;
  clearFaults(): void;
  configure(settings: { latencyMs?: number; errorRate?: number; runs?: Partial<RunBehaviour>; dialect?: Dialect }): void;
  /** The API version spoken now. */
  readonly dialect: Dialect;
  stop(): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  handle: (ctx: RequestContext) => { status: number; body?: unknown };
}

interface RequestContext {
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  userId: string | null;
  dialect: Dialect;
}

const DEFAULT_RUNS: RunBehaviour = { pendingMs: 2000, runningMs: 8000, failureRate: 0.1, progressSteps: 4 };

/** Starts the emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const behaviour: RunBehaviour = { ...DEFAULT_RUNS, ...options.runs };
  const apiKeys = new Set(options.apiKeys ?? ['emulator-key']);
  const readOnly = new Set(options.readOnlyKeys ?? []);
  const maxLog = options.maxLog ?? 100_000;
  let store = newStore();
  let latencyMs = options.latencyMs ?? 0;
  let errorRate = options.errorRate ?? 0;
  let faults: Fault[] = [];
  let dialect: Dialect = options.dialect ?? 'current';
  const log: LoggedRequest[] = [];

  function newStore(): Store {
    const created = new Store(behaviour, options.randomSeed ?? 7);
    if (options.seed !== false) seed(created);
    return created;
  }

  const routes = apiRoutes(() => store);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://emulator');
      if (url.pathname.startsWith('/__emulator/')) {
        admin(req.method ?? 'GET', url, raw, res);
        return;
      }
      const answer = serve(req, url, raw);
      const entry: LoggedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        status: answer.status,
        at: Date.now(),
        ...(raw.length > 0 ? { body: tryJson(raw) } : {}),
        ...(typeof req.headers['x-request-id'] === 'string' ? { requestId: req.headers['x-request-id'] } : {}),
      };
      log.push(entry);
      if (log.length > maxLog) log.splice(0, log.length - maxLog);
      const send = () => write(res, answer.status, answer.body, answer.headers);
      if (latencyMs > 0) setTimeout(send, latencyMs);
      else send();
    });
  });

  function serve(req: http.IncomingMessage, url: URL, raw: string): { status: number; body?: unknown; headers?: Record<string, string> } {
    const method = req.method ?? 'GET';
    const fault = faults.find((f) => (!f.method || f.method.toUpperCase() === method) && new RegExp(f.path).test(url.pathname));
    if (fault && fault.times !== undefined && --fault.times <= 0) faults = faults.filter((f) => f !== fault);
    const faulted = fault && {
      status: fault.status,
      body: problem(fault.status, 'fault injected by the emulator', url.pathname),
      ...(fault.retryAfterSeconds !== undefined ? { headers: { 'retry-after': String(fault.retryAfterSeconds) } } : {}),
    };
    if (faulted && fault.when !== 'after') return faulted;
    const answer = handle(req, url, raw, method);
    return faulted ?? answer;
  }

  function handle(req: http.IncomingMessage, url: URL, raw: string, method: string): { status: number; body?: unknown; headers?: Record<string, string> } {
    if (errorRate > 0 && Math.random() < errorRate) {
      return { status: 500, body: problem(500, 'random failure injected by the emulator', url.pathname) };
    }
    const auth = req.headers.authorization;
    const key = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    if (!key || !apiKeys.has(key)) {
      return { status: 401, body: problem(401, key ? 'the API key is not valid' : 'missing Authorization: Bearer <api-key> header', url.pathname) };
    }
    if (readOnly.has(key) && method !== 'GET') {
      return { status: 403, body: problem(403, 'this API key may only read', url.pathname) };
    }
    const candidates = routes.filter((route) => route.pattern.test(url.pathname));
    const route = candidates.find((r) => r.method === method);
    if (!route) {
      return candidates.length > 0
        ? { status: 405, body: problem(405, `${method} is not allowed on ${url.pathname}`, url.pathname) }
        : { status: 404, body: problem(404, `no route for ${url.pathname}`, url.pathname) };
    }
    try {
      let body: Record<string, unknown> = {};
      if (raw.trim().length > 0) {
        const parsed = tryJson(raw);
        if (parsed === undefined || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          throw badRequest('the request body must be a JSON object');
        }
        body = parsed as Record<string, unknown>;
      }
      const params = route.pattern.exec(url.pathname)!.slice(1).map((p) => decodeURIComponent(p));
      const query = new URLSearchParams(url.searchParams);
      if (dialect === 'legacy') fromLegacy(query, body);
      const answer = route.handle({ params, query, body, userId: 'VXNlcjoxOm5OYkM=', dialect });
      return dialect === 'legacy' ? { ...answer, body: toLegacy(answer.body) } : answer;
    } catch (error) {
      if (error instanceof ProblemError) {
        return { status: error.status, body: { type: typeFor(error.status), title: error.title, status: error.status, detail: error.detail, instance: url.pathname } };
      }
      return { status: 500, body: problem(500, 'internal emulator error', url.pathname) };
    }
  }

  function admin(method: string, url: URL, raw: string, res: http.ServerResponse): void {
    const body = (tryJson(raw) ?? {}) as Record<string, unknown>;
    const route = `${method} ${url.pathname}`;
    switch (route) {
      case 'GET /__emulator/requests': {
        const m = url.searchParams.get('method');
        const p = url.searchParams.get('path');
        const selected = log.filter((r) => (!m || r.method === m.toUpperCase()) && (!p || new RegExp(p).test(r.path)));
        return write(res, 200, { count: selected.length, requests: selected });
      }
      case 'DELETE /__emulator/requests':
        log.length = 0;
        return write(res, 204);
      case 'GET /__emulator/faults':
        return write(res, 200, { faults });
      case 'POST /__emulator/faults':
        if (typeof body.path !== 'string' || typeof body.status !== 'number') {
          return write(res, 400, problem(400, 'a fault needs path (regex source) and status (number)', url.pathname));
        }
        faults.push(body as unknown as Fault);
        return write(res, 201, { faults });
      case 'DELETE /__emulator/faults':
        faults = [];
        return write(res, 204);
      case 'GET /__emulator/config':
        return write(res, 200, { latencyMs, errorRate, runs: behaviour, dialect });
      case 'PATCH /__emulator/config':
        if (body.dialect !== undefined && !DIALECTS.includes(body.dialect as Dialect)) {
          return write(res, 400, problem(400, `dialect must be one of ${DIALECTS.join(', ')}`, url.pathname));
        }
        emulator.configure(body as Parameters<Emulator['configure']>[0]);
        return write(res, 200, { latencyMs, errorRate, runs: behaviour, dialect });
      case 'POST /__emulator/reset':
        store = newStore();
        log.length = 0;
        faults = [];
        return write(res, 204);
      default:
        return write(res, 404, problem(404, `no admin route ${route}`, url.pathname));
    }
  }

  const sockets = new Set<import('node:net').Socket>();
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
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  const emulator: Emulator = {
    url: `http://${hostForUrl}:${address.port}`,
    apiKey: [...apiKeys][0] ?? '',
    get store() { return store; },
    get dialect() { return dialect; },
    requests: log,
    count(method, path) {
      const test = typeof path === 'function' ? path : typeof path === 'string' ? (p: string) => p === path : (p: string) => path.test(p);
      return log.filter((r) => r.method === method && test(r.path)).length;
    },
    clearLog() { log.length = 0; },
    addFault(fault) { faults.push({ ...fault }); },
    clearFaults() { faults = []; },
    configure(settings) {
      if (settings.latencyMs !== undefined) latencyMs = settings.latencyMs;
      if (settings.errorRate !== undefined) errorRate = settings.errorRate;
      if (settings.runs) Object.assign(behaviour, settings.runs);
      if (settings.dialect !== undefined) dialect = settings.dialect;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
  return emulator;
}

// ---------------------------------------------------------------- routes
const ID = '([^/]+)';

function apiRoutes(store: () => Store): Route[] {
  const list = <T>(key: string, items: Array<{ n: number; value: T }>, query: URLSearchParams, descending = false, maxLimit = 100) => {
    const page = store().page(items, limitOf(query, maxLimit), query.get('cursor') ?? undefined, descending);
    return { status: 200, body: { [key]: page.items, pagination: page.pagination } };
  };
  /**
   * True when every scoping id in the query exists. An unknown one is a 404
   * today; the legacy API answered an empty list instead (false).
   */
  const scopesExist = (ctx: RequestContext, scopes: Array<[string, Map<string, unknown>, string]>): boolean => {
    for (const [key, map, what] of scopes) {
      const id = ctx.query.get(key);
      if (id && !map.has(id)) {
        if (ctx.dialect === 'legacy') return false;
        throw new ProblemError(404, titleFor(404), `${what} '${id}' was not found`);
      }
    }
    return true;
  };
  const spaceScope = (): [string, Map<string, unknown>, string] => ['space_id', store().spaces, 'space'];
  const inSpace = <T extends { space_id: string; name: string }>(values: Iterable<{ n: number; value: T }>, query: URLSearchParams) => {
    const spaceId = query.get('space_id');
    const spaceName = lowerFilter(query, 'space_name');
    const name = lowerFilter(query, 'name');
    return [...values].filter(({ value }) =>
      (!spaceId || value.space_id === spaceId) &&
      (!spaceName || (store().spaces.get(value.space_id)?.value.name.toLowerCase().includes(spaceName) ?? false)) &&
      (!name || value.name.toLowerCase().includes(name)));
  };
  const empty = (key: string) => ({ status: 200, body: { [key]: [], pagination: { has_more: false } } });

  return [
    // ---- tasks
    {
      method: 'GET', pattern: /^\/v2\/tasks$/, handle: (ctx) => {
        const { query } = ctx;
        const s = store();
        const type = enumFilter(query, 'type', TASK_TYPES);
        const projectId = query.get('project_id');
        const datasetId = query.get('dataset_id');
        const spaceId = query.get('space_id');
        const spaceName = lowerFilter(query, 'space_name');
        const name = lowerFilter(query, 'name');
        limitOf(query);
        if (!scopesExist(ctx, [spaceScope(), ['project_id', s.projects, 'project'], ['dataset_id', s.datasets, 'dataset']])) return empty('tasks');
        const items = [...s.tasks.values()].filter(({ value: t }) => {
          if (type && t.type !== type) return false;
          if (projectId && t.project_id !== projectId) return false;
          if (datasetId && t.dataset_id !== datasetId) return false;
          if (name && !t.name.toLowerCase().includes(name)) return false;
          if (spaceId || spaceName) {
            const space = s.spaces.get(s.spaceOf(t))?.value;
            if (spaceId && space?.id !== spaceId) return false;
            if (spaceName && !space?.name.toLowerCase().includes(spaceName)) return false;
          }
          return true;
        }).map(({ n, value }) => ({ n, value: taskView(value) }));
        return list('tasks', items, query);
      },
    },
    { method: 'POST', pattern: /^\/v2\/tasks$/, handle: ({ body, userId }) => ({ status: 201, body: store().createTask(body, userId) }) },
    { method: 'GET', pattern: new RegExp(`^/v2/tasks/${ID}$`), handle: ({ params }) => ({ status: 200, body: taskView(store().get(store().tasks, params[0]!, 'task')) }) },
    { method: 'PATCH', pattern: new RegExp(`^/v2/tasks/${ID}$`), handle: ({ params, body }) => ({ status: 200, body: taskView(store().updateTask(params[0]!, body)) }) },
    { method: 'DELETE', pattern: new RegExp(`^/v2/tasks/${ID}$`), handle: ({ params }) => { store().deleteTask(params[0]!); return { status: 204 }; } },
    { method: 'POST', pattern: new RegExp(`^/v2/tasks/${ID}/trigger$`), handle: ({ params, body, userId }) => ({ status: 201, body: store().triggerRun(params[0]!, body, userId) }) },
    {
      method: 'GET', pattern: new RegExp(`^/v2/tasks/${ID}/runs$`), handle: ({ params, query }) => {
        const status = enumFilter(query, 'status', RUN_STATUSES);
        limitOf(query);
        return list('task_runs', store().listRuns(params[0]!, status), query, true);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/task-runs/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().getRun(params[0]!) }) },
    { method: 'POST', pattern: new RegExp(`^/v2/task-runs/${ID}/cancel$`), handle: ({ params }) => ({ status: 200, body: store().cancelRun(params[0]!) }) },
    // ---- spaces, projects, datasets, experiments, evaluators
    {
      method: 'GET', pattern: /^\/v2\/spaces$/, handle: ({ query }) => {
        const name = lowerFilter(query, 'name');
        limitOf(query);
        return list('spaces', [...store().spaces.values()].filter(({ value }) => !name || value.name.toLowerCase().includes(name)), query);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/spaces/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().get(store().spaces, params[0]!, 'space') }) },
    {
      method: 'GET', pattern: /^\/v2\/projects$/, handle: (ctx) => {
        limitOf(ctx.query);
        if (!scopesExist(ctx, [spaceScope()])) return empty('projects');
        return list('projects', inSpace(store().projects.values(), ctx.query), ctx.query);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/projects/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().get(store().projects, params[0]!, 'project') }) },
    {
      method: 'GET', pattern: /^\/v2\/datasets$/, handle: (ctx) => {
        limitOf(ctx.query);
        if (!scopesExist(ctx, [spaceScope()])) return empty('datasets');
        // newest first, as the API documents; the list carries no versions
        const items = inSpace(store().datasets.values(), ctx.query).reverse().map(({ n, value: { versions: _versions, ...rest } }) => ({ n, value: rest }));
        return list('datasets', items, ctx.query, true);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/datasets/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().get(store().datasets, params[0]!, 'dataset') }) },
    {
      method: 'GET', pattern: /^\/v2\/experiments$/, handle: (ctx) => {
        const { query } = ctx;
        const datasetId = query.get('dataset_id');
        const name = lowerFilter(query, 'name');
        limitOf(query);
        if (!scopesExist(ctx, [['dataset_id', store().datasets, 'dataset']])) return empty('experiments');
        const items = [...store().experiments.values()].filter(({ value }) =>
          (!datasetId || value.dataset_id === datasetId) && (!name || value.name.toLowerCase().includes(name)));
        return list('experiments', items, query);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/experiments/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().get(store().experiments, params[0]!, 'experiment') }) },
    {
      method: 'GET', pattern: /^\/v2\/evaluators$/, handle: (ctx) => {
        limitOf(ctx.query);
        if (!scopesExist(ctx, [spaceScope()])) return empty('evaluators');
        // most recently updated first, as the API documents
        const items = inSpace(store().evaluators.values(), ctx.query)
          .sort((a, b) => b.value.updated_at.localeCompare(a.value.updated_at) || b.n - a.n)
          .map(({ n, value }) => ({ n, value: store().evaluatorView(value) }));
        return list('evaluators', items, ctx.query, true);
      },
    },
    {
      method: 'GET', pattern: new RegExp(`^/v2/evaluators/${ID}$`), handle: ({ params, query }) =>
        ({ status: 200, body: store().evaluatorWithVersion(params[0]!, query.get('version_id') || undefined) }),
    },
    {
      method: 'GET', pattern: new RegExp(`^/v2/evaluators/${ID}/versions$`), handle: ({ params, query }) => {
        limitOf(query);
        return list('evaluator_versions', store().evaluatorVersions(params[0]!), query, true);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/evaluator-versions/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().evaluatorVersion(params[0]!) }) },
  ];
}

/** A task as the API sends it: `run_configuration` only on RUN_EXPERIMENT tasks. */
function taskView<T extends { run_configuration?: unknown }>(task: T): T {
  if (task.run_configuration !== null && task.run_configuration !== undefined) return task;
  const { run_configuration: _omitted, ...rest } = task;
  return rest as T;
}

/** Keys the April 2026 API did not have. */
const NEW_KEYS = new Set([
  'run_configuration', 'experiment_id', 'failure_reason', 'evaluator_version_id', 'integration_id', 'use_structured_output', 'error_code',
]);
const ENUM_KEYS = new Set(['type', 'status']);

/** A response as the April 2026 API sent it: lowercase enum values, none of the new keys, versions without `type`. */
function toLegacy(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => toLegacy(item));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (NEW_KEYS.has(k) || (key === 'version' && k === 'type')) continue;
      out[k] = toLegacy(v, k);
    }
    return out;
  }
  return typeof value === 'string' && key !== undefined && ENUM_KEYS.has(key) && /^[A-Z_]+$/.test(value) ? value.toLowerCase() : value;
}

/** A legacy request: lowercase enum values in `type` and `status` only; they are stored uppercase. */
function fromLegacy(query: URLSearchParams, body: Record<string, unknown>): void {
  const lower = (where: string, value: unknown): string => {
    if (typeof value !== 'string' || value !== value.toLowerCase()) {
      throw badRequest(`${where} must be a lowercase value, e.g. template_evaluation or pending (got '${String(value)}')`);
    }
    return value.toUpperCase();
  };
  for (const key of ['type', 'status']) {
    const value = query.get(key);
    if (value) query.set(key, lower(key, value));
  }
  if (body.type !== undefined) body.type = lower('type', body.type);
}

function limitOf(query: URLSearchParams, max = 100): number {
  const raw = query.get('limit');
  if (raw === null) return 50;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw badRequest(`limit must be an integer between 1 and ${max} (got '${raw}')`);
  }
  return Number(raw);
}

function lowerFilter(query: URLSearchParams, key: string): string | undefined {
  const value = query.get(key);
  if (value === null || value === '') return undefined;
  if (value.length > 255) throw badRequest(`${key} must be at most 255 characters`);
  return value.toLowerCase();
}

function enumFilter<T extends string>(query: URLSearchParams, key: string, allowed: readonly T[]): T | undefined {
  // values are checked exactly: today's API takes uppercase (a legacy request was uppercased before)
  const value = query.get(key);
  if (value === null || value === '') return undefined;
  if (!allowed.includes(value as T)) throw badRequest(`${key} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

function problem(status: number, detail: string, instance: string) {
  return { type: typeFor(status), title: titleFor(status), status, detail, instance };
}

function tryJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function write(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'content-type': type, ...headers }).end(JSON.stringify(body));
}
