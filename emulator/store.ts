/**
 * The emulator's data and rules: what Arize's v2 API stores for tasks, runs
 * and the resources they point at, the validation rules of
 * `../shared/upstream-api.md`, forward cursors, and runs whose state follows
 * the clock (pending -> running with growing counters -> completed/failed).
 */
import type {
  Dataset, DatasetVersion, EvaluatorWithVersion, Experiment, Pagination, Project, RunStatus, Space, Task,
  TaskEvaluator, TaskRun, TaskType,
} from '../src/upstream/types.ts';

/** A 4xx answer with the problem's title and the rule that was broken. */
export class ProblemError extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};
export const titleFor = (status: number) => TITLES[status] ?? 'Error';
export const badRequest = (detail: string) => new ProblemError(400, titleFor(400), detail);
export const invalid = (detail: string) => new ProblemError(422, titleFor(422), detail);
export const notFound = (detail: string) => new ProblemError(404, titleFor(404), detail);

/** Deterministic PRNG (mulberry32) so the seeded data is the same on every start. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SALT_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789?>~';

/** Run timing and outcome knobs. */
export interface RunBehaviour {
  /** How long a new run stays `pending`. */
  pendingMs: number;
  /** How long it then stays `running` while its counters grow. */
  runningMs: number;
  /** Share of runs that end `failed` instead of `completed` (0..1). */
  failureRate: number;
  /** Counters grow in this many visible steps while running. */
  progressSteps: number;
}

interface RunRecord {
  n: number;
  id: string;
  task_id: string;
  created: number;
  pendingMs: number;
  runningMs: number;
  fails: boolean;
  cancelledAt: number | null;
  totals: { successes: number; errors: number; skipped: number };
  data_start_time: string | null;
  data_end_time: string | null;
  created_by_user_id: string | null;
}

interface Record_<T> { n: number; value: T }

export const DEMO_USER_ID = Buffer.from('User:1:nNbC').toString('base64');
const CURSOR_PREFIX = 'emu1';

/** One page of a list: items plus the upstream's `pagination`. */
export interface Page<T> { items: T[]; pagination: Pagination }

export class Store {
  readonly spaces = new Map<string, Record_<Space>>();
  readonly projects = new Map<string, Record_<Project>>();
  readonly datasets = new Map<string, Record_<Dataset & { versions: DatasetVersion[] }>>();
  readonly experiments = new Map<string, Record_<Experiment>>();
  readonly evaluators = new Map<string, Record_<EvaluatorWithVersion>>();
  readonly tasks = new Map<string, Record_<Task>>();
  readonly runs = new Map<string, RunRecord>();
  #counter = 0;
  readonly #random: () => number;

  constructor(readonly behaviour: RunBehaviour, seed = 7, private readonly now: () => number = Date.now) {
    this.#random = rng(seed);
  }

  /** A global id in Arize's format: base64 of `Type:N:salt`. */
  newId(type: string): { n: number; id: string } {
    const n = ++this.#counter;
    let salt = '';
    for (let i = 0; i < 4; i++) salt += SALT_CHARS[Math.floor(this.#random() * SALT_CHARS.length)];
    return { n, id: Buffer.from(`${type}:${n}:${salt}`).toString('base64') };
  }

  random(): number {
    return this.#random();
  }

  // ------------------------------------------------------------- paging
  /**
   * Pages `items` (already filtered and sorted) after the opaque `cursor`.
   * The cursor names the last item's sequence number: the page resumes right
   * after that item, or, if it was deleted meanwhile, after where it stood
   * (items sorted by sequence, ascending or `descending`).
   */
  page<T>(items: Array<{ n: number; value: T }>, limit: number, cursor: string | undefined, descending = false): Page<T> {
    let start = 0;
    if (cursor !== undefined) {
      const after = decodeCursor(cursor);
      const at = items.findIndex((item) => item.n === after);
      start = at >= 0 ? at + 1 : items.findIndex((item) => (descending ? item.n < after : item.n > after));
      if (start === -1) start = items.length;
    }
    const slice = items.slice(start, start + limit);
    const hasMore = start + limit < items.length;
    const last = slice.at(-1);
    return {
      items: slice.map((item) => item.value),
      pagination: hasMore && last ? { has_more: true, next_cursor: encodeCursor(last.n) } : { has_more: false },
    };
  }

  // ------------------------------------------------------------ lookups
  get<T>(map: Map<string, Record_<T>>, id: string, what: string): T {
    const record = map.get(id);
    if (!record) throw notFound(`${what} '${id}' was not found`);
    return record.value;
  }

  spaceOf(task: Task): string {
    if (task.project_id) return this.get(this.projects, task.project_id, 'project').space_id;
    return this.get(this.datasets, task.dataset_id ?? '', 'dataset').space_id;
  }

  // -------------------------------------------------------------- tasks
  createTask(body: Record<string, unknown>, userId: string | null): Task {
    const name = requireString(body, 'name');
    const type = requireTaskType(body.type);
    const evaluators = this.#evaluators(body.evaluators);
    const projectId = optionalString(body, 'project_id');
    const datasetId = optionalString(body, 'dataset_id');
    const experimentIds = optionalStringArray(body, 'experiment_ids');
    const samplingRate = optionalRate(body);
    const isContinuous = optionalBoolean(body, 'is_continuous');
    const queryFilter = optionalString(body, 'query_filter');
    if ((projectId === undefined) === (datasetId === undefined)) {
      throw invalid('exactly one of project_id or dataset_id is required');
    }
    let spaceId: string;
    if (datasetId !== undefined) {
      spaceId = this.get(this.datasets, datasetId, 'dataset').space_id;
      if (!experimentIds || experimentIds.length === 0) {
        throw invalid('experiment_ids must contain at least one entry for a dataset-based task');
      }
      if (isContinuous === true) throw invalid('is_continuous must be false or omitted for a dataset-based task');
      if (samplingRate !== undefined) throw invalid('sampling_rate is only supported on project-based tasks');
      this.#checkExperiments(experimentIds, datasetId);
    } else {
      spaceId = this.get(this.projects, projectId ?? '', 'project').space_id;
      if (experimentIds && experimentIds.length > 0) {
        throw invalid('experiment_ids must be omitted or empty for a project-based task');
      }
      if (isContinuous === undefined) throw invalid('is_continuous is required for a project-based task');
    }
    this.#checkUniqueName(name, spaceId);
    const { n, id } = this.newId('OnlineTask');
    const at = new Date(this.now()).toISOString();
    const task: Task = {
      id, name, type,
      project_id: projectId ?? null,
      dataset_id: datasetId ?? null,
      sampling_rate: projectId !== undefined ? (samplingRate ?? 1) : null,
      is_continuous: isContinuous ?? false,
      query_filter: queryFilter ?? null,
      evaluators,
      experiment_ids: experimentIds ?? [],
      last_run_at: null,
      created_at: at,
      updated_at: at,
      created_by_user_id: userId,
    };
    this.tasks.set(id, { n, value: task });
    return task;
  }

  updateTask(taskId: string, body: Record<string, unknown>): Task {
    const task = this.get(this.tasks, taskId, 'task');
    const known = ['name', 'sampling_rate', 'is_continuous', 'query_filter', 'evaluators'];
    if (!known.some((key) => key in body)) {
      throw invalid(`at least one field is required: ${known.join(', ')}`);
    }
    for (const key of ['name', 'sampling_rate', 'is_continuous', 'evaluators']) {
      if (key in body && body[key] === null) throw invalid(`${key} must not be null (only query_filter can be cleared)`);
    }
    const next: Task = { ...task };
    if ('name' in body) {
      next.name = requireString(body, 'name');
      if (next.name !== task.name) this.#checkUniqueName(next.name, this.spaceOf(task), task.id);
    }
    const isProject = Boolean(task.project_id);
    if ('sampling_rate' in body) {
      if (!isProject) throw invalid('sampling_rate is only applicable to project-based tasks');
      next.sampling_rate = optionalRate(body) ?? null;
    }
    if ('is_continuous' in body) {
      if (!isProject) throw invalid('is_continuous is only applicable to project-based tasks');
      next.is_continuous = optionalBoolean(body, 'is_continuous') ?? task.is_continuous;
    }
    if ('query_filter' in body) {
      next.query_filter = body.query_filter === null ? null : (optionalString(body, 'query_filter') ?? null);
    }
    if ('evaluators' in body) next.evaluators = this.#evaluators(body.evaluators);
    next.updated_at = new Date(this.now()).toISOString();
    this.tasks.get(taskId)!.value = next;
    return next;
  }

  deleteTask(taskId: string): void {
    this.get(this.tasks, taskId, 'task');
    this.tasks.delete(taskId);
    for (const [id, run] of this.runs) if (run.task_id === taskId) this.runs.delete(id);
  }

  #evaluators(value: unknown): TaskEvaluator[] {
    if (!Array.isArray(value)) throw invalid('evaluators must be an array with at least one evaluator');
    if (value.length === 0) throw invalid('at least one evaluator is required');
    const seen = new Set<string>();
    return value.map((entry, index) => {
      if (!entry || typeof entry !== 'object') throw invalid(`evaluators[${index}] must be an object`);
      const item = entry as Record<string, unknown>;
      const evaluatorId = item.evaluator_id;
      if (typeof evaluatorId !== 'string' || evaluatorId === '') throw invalid(`evaluators[${index}].evaluator_id is required`);
      if (seen.has(evaluatorId)) throw invalid(`duplicate evaluator id '${evaluatorId}': each evaluator may appear once`);
      seen.add(evaluatorId);
      const evaluator = this.get(this.evaluators, evaluatorId, 'evaluator');
      const mappings = item.column_mappings;
      if (mappings !== undefined && mappings !== null) {
        if (typeof mappings !== 'object' || Array.isArray(mappings) || Object.values(mappings).some((v) => typeof v !== 'string')) {
          throw invalid(`evaluators[${index}].column_mappings must map variable names to column names (strings)`);
        }
      }
      const queryFilter = item.query_filter;
      if (queryFilter !== undefined && queryFilter !== null && typeof queryFilter !== 'string') {
        throw invalid(`evaluators[${index}].query_filter must be a string`);
      }
      return {
        evaluator_id: evaluatorId,
        evaluator_name: evaluator.name,
        query_filter: (queryFilter as string | undefined) ?? null,
        column_mappings: (mappings as Record<string, string> | undefined) ?? null,
      };
    });
  }

  #checkExperiments(experimentIds: string[], datasetId: string): void {
    for (const experimentId of experimentIds) {
      const experiment = this.get(this.experiments, experimentId, 'experiment');
      if (experiment.dataset_id !== datasetId) {
        throw invalid(`experiment '${experimentId}' does not belong to dataset '${datasetId}'`);
      }
    }
  }

  #checkUniqueName(name: string, spaceId: string, exceptId?: string): void {
    for (const { value } of this.tasks.values()) {
      if (value.name === name && value.id !== exceptId && this.spaceOf(value) === spaceId) {
        throw invalid(`a task named '${name}' already exists in this space: task names are unique within a space`);
      }
    }
  }

  // --------------------------------------------------------------- runs
  triggerRun(taskId: string, body: Record<string, unknown>, userId: string | null): TaskRun {
    const task = this.get(this.tasks, taskId, 'task');
    const start = optionalTime(body, 'data_start_time');
    const end = optionalTime(body, 'data_end_time') ?? new Date(this.now()).toISOString();
    if (start !== undefined && Date.parse(start) >= Date.parse(end)) {
      throw invalid('data_start_time must be before data_end_time');
    }
    if ('max_spans' in body) {
      const maxSpans = body.max_spans;
      if (typeof maxSpans !== 'number' || !Number.isInteger(maxSpans) || maxSpans < 1) {
        throw invalid('max_spans must be a positive integer');
      }
    }
    optionalBoolean(body, 'override_evaluations');
    const experimentIds = optionalStringArray(body, 'experiment_ids');
    if (experimentIds !== undefined && experimentIds.length > 0) {
      if (!task.dataset_id) throw invalid('experiment_ids is only applicable to dataset-based tasks');
      this.#checkExperiments(experimentIds, task.dataset_id);
    }
    const run = this.addRun(task.id, {
      created: this.now(),
      data_start_time: start ?? null,
      data_end_time: end,
      created_by_user_id: userId,
    });
    task.last_run_at = new Date(run.created).toISOString();
    return this.view(run);
  }

  /** Adds a run; timings and outcome default to {@link RunBehaviour}. */
  addRun(taskId: string, init: Partial<Omit<RunRecord, 'n' | 'id' | 'task_id'>> & { created: number }): RunRecord {
    const { n, id } = this.newId('TaskRun');
    const run: RunRecord = {
      n, id, task_id: taskId,
      pendingMs: this.behaviour.pendingMs,
      runningMs: this.behaviour.runningMs,
      fails: this.#random() < this.behaviour.failureRate,
      cancelledAt: null,
      totals: { successes: 40 + Math.floor(this.#random() * 160), errors: Math.floor(this.#random() * 8), skipped: Math.floor(this.#random() * 12) },
      data_start_time: null,
      data_end_time: null,
      created_by_user_id: DEMO_USER_ID,
      ...init,
    };
    this.runs.set(id, run);
    return run;
  }

  getRun(runId: string): TaskRun {
    const run = this.runs.get(runId);
    if (!run) throw notFound(`task run '${runId}' was not found`);
    return this.view(run);
  }

  cancelRun(runId: string): TaskRun {
    const run = this.runs.get(runId);
    if (!run) throw notFound(`task run '${runId}' was not found`);
    const current = this.view(run);
    if (current.status !== 'pending' && current.status !== 'running') {
      throw badRequest(`run is already ${current.status}; only a pending or running run can be cancelled`);
    }
    run.cancelledAt = this.now();
    return this.view(run);
  }

  listRuns(taskId: string, status: RunStatus | undefined): Array<{ n: number; value: TaskRun }> {
    this.get(this.tasks, taskId, 'task');
    return [...this.runs.values()]
      .filter((run) => run.task_id === taskId)
      .sort((a, b) => b.n - a.n)
      .map((run) => ({ n: run.n, value: this.view(run) }))
      .filter((item) => status === undefined || item.value.status === status);
  }

  /** A run as the API shows it at this moment. */
  view(run: RunRecord): TaskRun {
    const now = run.cancelledAt ?? this.now();
    const startedAt = run.created + run.pendingMs;
    const finishedAt = startedAt + run.runningMs;
    let status: RunStatus;
    let progress: number;
    if (now < startedAt) {
      status = 'pending';
      progress = 0;
    } else if (now < finishedAt) {
      status = 'running';
      const steps = Math.max(1, this.behaviour.progressSteps);
      progress = Math.floor(((now - startedAt) / Math.max(1, run.runningMs)) * steps) / steps;
    } else {
      status = run.fails ? 'failed' : 'completed';
      progress = run.fails ? 0.5 : 1;
    }
    if (run.cancelledAt !== null) status = 'cancelled';
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      id: run.id,
      task_id: run.task_id,
      status,
      run_started_at: now >= startedAt ? iso(startedAt) : null,
      run_finished_at: run.cancelledAt !== null ? iso(run.cancelledAt) : now >= finishedAt ? iso(finishedAt) : null,
      data_start_time: run.data_start_time,
      data_end_time: run.data_end_time,
      num_successes: Math.round(run.totals.successes * progress),
      num_errors: Math.round(run.totals.errors * progress) + (status === 'failed' ? 25 : 0),
      num_skipped: Math.round(run.totals.skipped * progress),
      created_at: iso(run.created),
      created_by_user_id: run.created_by_user_id,
    };
  }
}

// ------------------------------------------------------------- cursors
function encodeCursor(n: number): string {
  return Buffer.from(`${CURSOR_PREFIX}:${n}:${(n * 2654435761) % 9973}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const [prefix, n, check] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const value = Number(n);
  if (prefix !== CURSOR_PREFIX || !Number.isInteger(value) || String((value * 2654435761) % 9973) !== check) {
    throw badRequest('cursor is not valid: pass pagination.next_cursor from a previous response unchanged');
  }
  return value;
}

// -------------------------------------------------------- body checks
function requireString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${key} is required and must be a non-empty string`);
  return value;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`${key} must be a string`);
  return value;
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(`${key} must be a boolean`);
  return value;
}

function optionalStringArray(body: Record<string, unknown>, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalid(`${key} must be an array of ids`);
  return value as string[];
}

function optionalRate(body: Record<string, unknown>): number | undefined {
  const value = body.sampling_rate;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw invalid('sampling_rate must be a number between 0 and 1');
  }
  return value;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function optionalTime(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(`${key} must be an ISO 8601 date-time with a zone`);
  }
  return value;
}

function requireTaskType(value: unknown): TaskType {
  if (value !== 'template_evaluation' && value !== 'code_evaluation') {
    throw invalid('type must be template_evaluation or code_evaluation');
  }
  return value;
}

