import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import got, { HTTPError, RequestError, TimeoutError, type Got, type Method, type RetryObject } from 'got';
import { UpstreamError, isNotFound } from './errors.ts';
import {
  readDataset, readEvaluator, readEvaluatorVersion, readEvaluatorWithVersion, readExperiment, readPage, readProject,
  readSpace, readTask, readTaskRun,
  type CreateTaskBody, type Dataset, type Evaluator, type EvaluatorVersion, type EvaluatorWithVersion, type Experiment,
  type ListExperimentsParams, type ListInSpaceParams, type ListRunsParams, type ListSpacesParams, type ListTasksParams,
  type Page, type PageParams, type Problem, type Project, type Space, type Task, type TaskRun, type TriggerRunBody,
  type UnknownValueSink, type UpdateTaskBody,
} from './types.ts';

/** How the gateway reaches the upstream. Every field has a default in `src/config.ts`. */
export interface UpstreamOptions {
  /** Base URL without `/v2`, e.g. `https://api.arize.com`. */
  baseUrl: string;
  /** Time allowed to open the TCP (and TLS) connection. */
  connectTimeoutMs: number;
  /** Time allowed from sending the request to the response's first byte. */
  responseTimeoutMs: number;
  /** Retries for GET and DELETE (never POST or PATCH). */
  retryLimit: number;
  /** First backoff delay; it doubles per attempt, with full jitter, up to 10x. */
  retryBaseDelayMs: number;
  /** Longest `Retry-After` the client waits for; a longer one fails at once with `RATE_LIMITED`. */
  maxRetryAfterSeconds: number;
  /** Called once per finished call (after its retries), for metrics and logs. Never sees the key. */
  onCall?: (event: UpstreamCallEvent) => void;
  /**
   * Called once per process for each enum value the upstream sent that this
   * gateway does not know (it reads as `UNKNOWN`), e.g. `('TaskRun.status', 'QUEUED')`.
   */
  onUnknownValue?: UnknownValueSink;
}

/** One finished upstream call (after its retries), for metrics and logs; it never holds the key. */
export interface UpstreamCallEvent {
  operation: string;
  method: Method;
  /** HTTP status, or `timeout` / `network` / `protocol`. */
  outcome: number | 'timeout' | 'network' | 'protocol';
  retries: number;
  durationMs: number;
  requestId: string;
}

/** The caller's credentials for one GraphQL request (or one poller). */
export interface UpstreamAuth {
  apiKey: string;
  /** Forwarded as `x-request-id`; generated when absent. */
  requestId?: string;
}

interface CallOptions {
  searchParams?: object;
  json?: unknown;
  /** `false` turns retries off for this call (the run poller backs off by itself). */
  retry?: boolean;
  signal?: AbortSignal;
}

const IDEMPOTENT: Method[] = ['GET', 'DELETE'];
const RETRY_STATUS = [408, 429, 500, 502, 503, 504, 520, 521, 522, 524];
const RETRY_ERROR_CODES = [
  'ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN',
];

/**
 * The shared transport: one got instance with keep-alive agents, timeouts on
 * every call and retries for idempotent methods only. Create one per process
 * and {@link UpstreamTransport.bind} it to each request's key.
 */
export class UpstreamTransport {
  readonly #http: Got;
  readonly #agents: { http: http.Agent; https: https.Agent };
  readonly #onCall: UpstreamOptions['onCall'];
  readonly #unknownSeen = new Set<string>();
  /** Where readers report unknown enum values; each (field, value) reaches `onUnknownValue` once. */
  readonly noteUnknown: UnknownValueSink;

  constructor(options: UpstreamOptions) {
    this.noteUnknown = (field, value) => {
      const key = `${field}\u0000${value}`;
      if (this.#unknownSeen.has(key) || this.#unknownSeen.size >= 1000) return;
      this.#unknownSeen.add(key);
      options.onUnknownValue?.(field, value);
    };
    this.#agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
      https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
    };
    this.#onCall = options.onCall;
    const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.#http = got.extend({
      prefixUrl: new URL('v2/', base).toString(),
      agent: this.#agents,
      timeout: { lookup: options.connectTimeoutMs, connect: options.connectTimeoutMs, secureConnect: options.connectTimeoutMs, response: options.responseTimeoutMs },
      throwHttpErrors: true,
      responseType: 'text',
      retry: {
        limit: options.retryLimit,
        methods: IDEMPOTENT,
        statusCodes: RETRY_STATUS,
        errorCodes: RETRY_ERROR_CODES,
        maxRetryAfter: options.maxRetryAfterSeconds * 1000,
        calculateDelay: (retry: RetryObject) => retryDelay(retry, options.retryBaseDelayMs),
      },
      headers: { accept: 'application/json', 'user-agent': 'arize-tasks-gateway' },
    });
  }

  /**
   * A client whose calls carry `auth`'s key and request id. Cheap: no new
   * connections. With no key, every call throws `missingKey()` and nothing is sent.
   */
  bind(auth: UpstreamAuth | { apiKey: undefined; requestId?: string }, missingKey?: () => Error): UpstreamClient {
    return new UpstreamClient(this, auth, missingKey);
  }

  /**
   * Resolves when the upstream answers at all (any status below 500) to an
   * unauthenticated `GET /v2/spaces?limit=1` within `timeoutMs` (default 3 s,
   * shorter than an orchestrator's probe); no key is sent. For `/ready`.
   */
  async probe(timeoutMs = 3000): Promise<void> {
    const response = await this.#http('spaces', {
      searchParams: { limit: 1 }, retry: { limit: 0 }, throwHttpErrors: false, timeout: { request: timeoutMs },
    });
    if (response.statusCode >= 500) throw new Error(`upstream answered ${response.statusCode}`);
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }

  /** @internal Used by {@link UpstreamClient}. */
  async request<T>(operation: string, method: Method, path: string, auth: UpstreamAuth, options: CallOptions = {}): Promise<T> {
    const requestId = auth.requestId ?? randomUUID();
    const started = performance.now();
    let retries = 0;
    let outcome: UpstreamCallEvent['outcome'] = 'network';
    try {
      const response = await this.#http(path, {
        method,
        searchParams: options.searchParams ? definedParams(options.searchParams) : undefined,
        json: options.json,
        headers: { authorization: `Bearer ${auth.apiKey}`, 'x-request-id': requestId },
        ...(options.retry === false ? { retry: { limit: 0 } } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        hooks: { beforeRetry: [() => { retries += 1; }] },
      });
      outcome = response.statusCode;
      const body = response.body as string;
      if (body.length === 0) return undefined as T;
      try {
        return JSON.parse(body) as T;
      } catch {
        throw new UpstreamError({ kind: 'http', operation, status: response.statusCode, retries, detail: 'the answer was not valid JSON' });
      }
    } catch (error) {
      const upstreamError = toUpstreamError(operation, error, retries);
      outcome = upstreamError.kind === 'http' ? (upstreamError.status ?? 0) : upstreamError.kind;
      throw upstreamError;
    } finally {
      this.#onCall?.({ operation, method, outcome, retries, durationMs: performance.now() - started, requestId });
    }
  }
}

/** Exponential backoff with full jitter; a `Retry-After` within the cap is waited for exactly. */
function retryDelay({ computedValue, retryAfter, attemptCount }: RetryObject, baseMs: number): number {
  if (computedValue === 0) return 0; // got's own rules said no: method, status, limit, or Retry-After over the cap
  if (retryAfter !== undefined && retryAfter > 0) return retryAfter;
  const ceiling = Math.min(baseMs * 2 ** (attemptCount - 1), baseMs * 10);
  return Math.max(1, Math.round(ceiling / 2 + Math.random() * (ceiling / 2)));
}

function definedParams(params: object): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) out[key] = value as string | number | boolean;
  }
  return out;
}

function toUpstreamError(operation: string, error: unknown, retries: number): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const common = { operation, retries };
  if (error instanceof HTTPError) {
    const { statusCode, headers } = error.response;
    const problem = parseProblem(error.response.body);
    const retryAfter = parseRetryAfter(headers['retry-after']);
    return new UpstreamError({
      kind: 'http',
      ...common,
      status: statusCode,
      title: problem?.title ?? error.response.statusMessage,
      ...(problem?.detail !== undefined ? { detail: problem.detail } : {}),
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    });
  }
  if (error instanceof TimeoutError) {
    return new UpstreamError({ kind: 'timeout', ...common, networkCode: error.code });
  }
  if (error instanceof RequestError) {
    return new UpstreamError({ kind: 'network', ...common, networkCode: error.code });
  }
  return new UpstreamError({ kind: 'network', ...common });
}

function parseProblem(body: unknown): Partial<Problem> | undefined {
  if (typeof body !== 'string' || body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const { title, detail } = parsed as Record<string, unknown>;
      return {
        ...(typeof title === 'string' ? { title } : {}),
        ...(typeof detail === 'string' ? { detail } : {}),
      };
    }
  } catch {
    // not JSON: keep the status text only
  }
  return undefined;
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

const enc = encodeURIComponent;

/**
 * One typed method per upstream operation, bound to one caller's key. This is
 * the gateway's whole data layer: resolvers call it directly.
 */
export class UpstreamClient {
  readonly #transport: UpstreamTransport;
  readonly #auth: UpstreamAuth | undefined;
  readonly #missingKey: () => Error;

  constructor(transport: UpstreamTransport, auth: { apiKey: string | undefined; requestId?: string }, missingKey?: () => Error) {
    this.#transport = transport;
    this.#auth = auth.apiKey === undefined ? undefined : { apiKey: auth.apiKey, ...(auth.requestId ? { requestId: auth.requestId } : {}) };
    this.#missingKey = missingKey ?? (() => new Error('no API key'));
  }

  #call<T>(operation: string, method: Method, path: string, options?: CallOptions): Promise<T> {
    if (!this.#auth) return Promise.reject(this.#missingKey());
    return this.#transport.request<T>(operation, method, path, this.#auth, options);
  }

  #get<T>(operation: string, path: string, read: (raw: unknown) => T, searchParams?: object, options?: Pick<CallOptions, 'retry' | 'signal'>): Promise<T> {
    return this.#call<unknown>(operation, 'GET', path, { searchParams, ...options }).then(read);
  }

  #list<T>(operation: string, path: string, key: string, read: (raw: unknown) => T, params: PageParams): Promise<Page<T>> {
    return this.#get(operation, path, (raw) => readPage(raw, key, read), params);
  }

  readonly #task = (raw: unknown) => readTask(raw, this.#transport.noteUnknown);
  readonly #run = (raw: unknown) => readTaskRun(raw, this.#transport.noteUnknown);
  readonly #evaluator = (raw: unknown) => readEvaluator(raw, this.#transport.noteUnknown);
  readonly #evaluatorVersion = (raw: unknown) => readEvaluatorVersion(raw, this.#transport.noteUnknown);

  // ---- tasks
  listTasks(params: ListTasksParams = {}): Promise<Page<Task>> { return this.#list('listTasks', 'tasks', 'tasks', this.#task, params); }
  getTask(taskId: string): Promise<Task> { return this.#get('getTask', `tasks/${enc(taskId)}`, this.#task); }
  createTask(body: CreateTaskBody): Promise<Task> {
    return this.#call<unknown>('createTask', 'POST', 'tasks', { json: body }).then(this.#task);
  }
  updateTask(taskId: string, body: UpdateTaskBody): Promise<Task> {
    return this.#call<unknown>('updateTask', 'PATCH', `tasks/${enc(taskId)}`, { json: body }).then(this.#task);
  }
  /**
   * Deletes a task. A 404 after a retry means an earlier attempt did delete
   * it (its answer was lost), so that counts as done.
   */
  async deleteTask(taskId: string): Promise<void> {
    try {
      await this.#call<void>('deleteTask', 'DELETE', `tasks/${enc(taskId)}`);
    } catch (error) {
      if (!(isNotFound(error) && (error as UpstreamError).retries > 0)) throw error;
    }
  }
  /** Starts a run; always sends a body (`{}` at least), as the reference client does. Never retried. */
  triggerRun(taskId: string, body: TriggerRunBody = {}): Promise<TaskRun> {
    return this.#call<unknown>('triggerRun', 'POST', `tasks/${enc(taskId)}/trigger`, { json: body }).then(this.#run);
  }
  listRuns(taskId: string, params: ListRunsParams = {}): Promise<Page<TaskRun>> {
    return this.#list('listRuns', `tasks/${enc(taskId)}/runs`, 'task_runs', this.#run, params);
  }
  /** `retry: false` for pollers that back off by themselves; `signal` aborts the call. */
  getRun(runId: string, options?: Pick<CallOptions, 'retry' | 'signal'>): Promise<TaskRun> {
    return this.#get('getRun', `task-runs/${enc(runId)}`, this.#run, undefined, options);
  }
  cancelRun(runId: string): Promise<TaskRun> {
    return this.#call<unknown>('cancelRun', 'POST', `task-runs/${enc(runId)}/cancel`).then(this.#run);
  }

  // ---- what tasks point at
  listSpaces(params: ListSpacesParams = {}): Promise<Page<Space>> { return this.#list('listSpaces', 'spaces', 'spaces', readSpace, params); }
  getSpace(spaceId: string): Promise<Space> { return this.#get('getSpace', `spaces/${enc(spaceId)}`, readSpace); }
  listProjects(params: ListInSpaceParams = {}): Promise<Page<Project>> { return this.#list('listProjects', 'projects', 'projects', readProject, params); }
  getProject(projectId: string): Promise<Project> { return this.#get('getProject', `projects/${enc(projectId)}`, readProject); }
  listDatasets(params: ListInSpaceParams = {}): Promise<Page<Dataset>> { return this.#list('listDatasets', 'datasets', 'datasets', readDataset, params); }
  /** A dataset with its `versions`, newest first. */
  getDataset(datasetId: string): Promise<Dataset> { return this.#get('getDataset', `datasets/${enc(datasetId)}`, readDataset); }
  listExperiments(params: ListExperimentsParams = {}): Promise<Page<Experiment>> {
    return this.#list('listExperiments', 'experiments', 'experiments', readExperiment, params);
  }
  getExperiment(experimentId: string): Promise<Experiment> { return this.#get('getExperiment', `experiments/${enc(experimentId)}`, readExperiment); }
  listEvaluators(params: ListInSpaceParams = {}): Promise<Page<Evaluator>> {
    return this.#list('listEvaluators', 'evaluators', 'evaluators', this.#evaluator, params);
  }
  /** An evaluator with one resolved version: the latest, or `version_id`'s. */
  getEvaluator(evaluatorId: string, params: { version_id?: string } = {}): Promise<EvaluatorWithVersion> {
    return this.#get('getEvaluator', `evaluators/${enc(evaluatorId)}`, (raw) => readEvaluatorWithVersion(raw, this.#transport.noteUnknown), params);
  }
  listEvaluatorVersions(evaluatorId: string, params: PageParams = {}): Promise<Page<EvaluatorVersion>> {
    return this.#list('listEvaluatorVersions', `evaluators/${enc(evaluatorId)}/versions`, 'evaluator_versions', this.#evaluatorVersion, params);
  }
  getEvaluatorVersion(versionId: string): Promise<EvaluatorVersion> {
    return this.#get('getEvaluatorVersion', `evaluator-versions/${enc(versionId)}`, this.#evaluatorVersion);
  }
}
