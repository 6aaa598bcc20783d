/**
 * The emulator's data and rules: what Arize's v2 API stores for tasks, runs
 * and the resources they point at, the validation rules of
 * `../shared/upstream-api.md` (with its status codes: input shape 400,
 * unknown referenced ids 404, duplicate names, trigger windows, the custom
 * code evaluator and pinned version rules 422, a reused experiment name 409),
 * forward cursors, and runs whose state follows the clock (PENDING -> RUNNING
 * with growing counters -> COMPLETED/FAILED, or CANCELLED).
 *
 * Values are stored as today's API writes them (uppercase); the server turns
 * them into the legacy dialect when asked.
 */
import type {
  AiIntegration, Dataset, DatasetVersion, Evaluator, EvaluatorType, EvaluatorVersion, Experiment, Pagination, Project, Space,
  Task as ReadTask, TaskEvaluator, TaskRun, TaskType,
} from '../src/upstream/types.ts';
import { EXPERIMENT_TYPES, TASK_TYPES, dataScopeOf } from '../src/upstream/wire-values.ts';

/** The Decision Judge kind's type string in this emulator (Arize has not published its own). */
export const DECISION_JUDGE = 'DECISION_JUDGE';

/** A task as the emulator stores and sends it (today's wire shape; `type` may be a kind the contract does not list). */
export type Task = Omit<ReadTask, 'type' | 'type_name'> & { type: TaskType | typeof DECISION_JUDGE };
/** An evaluator version as stored and sent. */
export type WireEvaluatorVersion = Omit<EvaluatorVersion, 'type'> & { type: EvaluatorType | typeof DECISION_JUDGE };
/** An evaluator as the API sends it. */
export type WireEvaluator = Omit<Evaluator, 'type' | 'type_name'> & { type: EvaluatorType | typeof DECISION_JUDGE };
/** An evaluator with one resolved version, as `GET /v2/evaluators/{id}` sends it. */
export type WireEvaluatorWithVersion = WireEvaluator & { version: WireEvaluatorVersion };

/** A 4xx answer with the problem's title and the rule that was broken. */
export class ProblemError extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Invalid request parameters', 401: 'Authentication required', 403: 'Access forbidden', 404: 'Resource not found',
  405: 'Method Not Allowed', 409: 'Resource conflict', 422: 'Unprocessable Entity', 429: 'Rate limit exceeded',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
const SLUGS: Record<number, string> = {
  400: 'invalid-request', 401: 'authentication-required', 403: 'access-forbidden', 404: 'resource-not-found',
  409: 'resource-conflict', 422: 'unprocessable-entity', 429: 'rate-limit-exceeded', 503: 'service-unavailable',
};
/** The problem `title` for a status, as the spec's examples write it. */
export const titleFor = (status: number) => TITLES[status] ?? 'Error';
/** The problem `type` URI of Arize's error reference for a status. */
export const typeFor = (status: number) => (SLUGS[status] ? `https://arize.com/docs/ax/rest-reference/errors#${SLUGS[status]}` : 'about:blank');
/** A 400: the input's shape breaks a rule. */
export const badRequest = (detail: string) => new ProblemError(400, titleFor(400), detail);
/** A 422: well-formed input that breaks a rule (names, windows, evaluators). */
export const invalid = (detail: string) => new ProblemError(422, titleFor(422), detail);
/** A 404: an unknown or unreadable id. */
export const notFound = (detail: string) => new ProblemError(404, titleFor(404), detail);
/** A 409: a reused experiment name. */
export const conflict = (detail: string) => new ProblemError(409, titleFor(409), detail);

/** Deterministic PRNG (mulberry32) so the seeded data is the same on every start. */
function rng(seed: number): () => number {
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
const DAY_MS = 86_400_000;
const MAX_WINDOW_MS = 30 * DAY_MS;

/** Said by a run that found every matching item already labelled. */
const ALREADY_LABELLED =
  'All data in the requested window already has evaluation labels from a previous run. Re-trigger the task with override_evaluations set to true to evaluate it again.';
const ONE_CUSTOM_CODE_EVALUATOR = 'Only one custom code evaluator runs per task. Create one task per custom evaluator.';

/** Run timing and outcome knobs. */
export interface RunBehaviour {
  /** How long a new run stays `PENDING`. */
  pendingMs: number;
  /** How long it then stays `RUNNING` while its counters grow. */
  runningMs: number;
  /** Share of runs that end `FAILED` instead of `COMPLETED` (0..1). */
  failureRate: number;
  /** Counters grow in this many visible steps while running. */
  progressSteps: number;
  /**
   * New runs stay `PENDING` until released ({@link Store.releaseRuns}), then
   * run for `runningMs`: for tests that must see `PENDING` first however
   * loaded the machine is. Default false.
   */
  holdPending?: boolean;
}

/** A run as the emulator keeps it: its clock and its outcome; {@link Store.view} shows it. */
export interface RunRecord {
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
  /** The window had already been evaluated: the run ends CANCELLED, 0/0/0, with a failure reason. */
  alreadyLabelled?: boolean;
  /** RUN_EXPERIMENT runs: the experiment they record into (shown once the run leaves PENDING). */
  experimentId?: string;
  /** For tests of tolerant clients: the status shown while pending, e.g. `QUEUED` (default `PENDING`). */
  pendingStatus?: string;
  /** RUN_EXPERIMENT runs: the dataset examples it runs over, in order (its counters follow them). */
  examples?: string[];
  /** RUN_EXPERIMENT runs: evaluation tasks to trigger once it completes (done once). */
  evaluationTaskIds?: string[];
  followUpsTriggered?: boolean;
  /** Made while {@link RunBehaviour.holdPending} was on: `PENDING` until released. */
  held?: boolean;
}

/** A dataset example as the emulator keeps it: the system keys and the user's columns, flat. */
export type ExampleRecord = { id: string; created_at: string; updated_at: string } & Record<string, unknown>;

/** An integration as the API sends it (either type). */
export interface IntegrationRecord {
  id: string; type: 'LLM' | 'AGENT'; name: string; scopings: Array<{ organization_id: string | null; space_id: string | null }>;
  created_at: string; updated_at: string; created_by_user_id: string | null; config: Record<string, unknown>;
}

interface Record_<T> { n: number; value: T }

/** An evaluator with its version history, oldest first (the last is the latest). */
export interface EvaluatorRecord extends WireEvaluator { versions: WireEvaluatorVersion[] }

/** The demo user every seeded object was created by. */
export const DEMO_USER_ID = Buffer.from('User:1:nNbC').toString('base64');
const CURSOR_PREFIX = 'emu1';

/** One page of a list: items plus the upstream's `pagination`. */
export interface Page<T> { items: T[]; pagination: Pagination }

/** The emulator's data and the API's rules over it. */
export class Store {
  readonly spaces = new Map<string, Record_<Space>>();
  readonly projects = new Map<string, Record_<Project>>();
  readonly datasets = new Map<string, Record_<Dataset & { versions: DatasetVersion[] }>>();
  readonly experiments = new Map<string, Record_<Experiment>>();
  readonly evaluators = new Map<string, Record_<EvaluatorRecord>>();
  readonly tasks = new Map<string, Record_<Task>>();
  readonly runs = new Map<string, RunRecord>();
  readonly aiIntegrations = new Map<string, Record_<AiIntegration>>();
  readonly integrations = new Map<string, Record_<IntegrationRecord>>();
  /** Examples by dataset version id, oldest first. */
  readonly examples = new Map<string, Array<Record_<ExampleRecord>>>();
  /** Runs of standalone experiments (no dataset, so no task run made them), by experiment id, in insertion order. */
  readonly standaloneRuns = new Map<string, Array<Record<string, unknown>>>();
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

  /** An evaluator as the API shows it: without its history. */
  evaluatorView(record: EvaluatorRecord): WireEvaluator {
    const { versions: _versions, ...evaluator } = record;
    return evaluator;
  }

  /** `GET /v2/evaluators/{id}`: the evaluator and its latest version, or `versionId`'s (404 when it has no such version). */
  evaluatorWithVersion(evaluatorId: string, versionId?: string): WireEvaluatorWithVersion {
    const record = this.get(this.evaluators, evaluatorId, 'evaluator');
    const version = versionId ? record.versions.find((v) => v.id === versionId) : record.versions.at(-1);
    if (!version) throw notFound(`evaluator version '${versionId}' was not found for evaluator '${evaluatorId}'`);
    return { ...this.evaluatorView(record), version };
  }

  evaluatorVersion(versionId: string): WireEvaluatorVersion {
    for (const { value } of this.evaluators.values()) {
      const version = value.versions.find((v) => v.id === versionId);
      if (version) return version;
    }
    throw notFound(`evaluator version '${versionId}' was not found`);
  }

  /** Versions of an evaluator, newest first, for paging. */
  evaluatorVersions(evaluatorId: string): Array<{ n: number; value: WireEvaluatorVersion }> {
    const record = this.get(this.evaluators, evaluatorId, 'evaluator');
    return record.versions.map((value, n) => ({ n: n + 1, value })).reverse();
  }

  // -------------------------------------------------------------- tasks
  createTask(body: Record<string, unknown>, userId: string | null): Task {
    refuseKeys(body, ['id', 'created_at', 'updated_at'], 'cannot be set on create');
    const name = requireName(body);
    const type = requireTaskType(body.type);
    const at = new Date(this.now()).toISOString();
    let task: Omit<Task, 'id'>;
    if (type === 'RUN_EXPERIMENT') {
      refuseKeys(body, ['project_id', 'evaluators', 'experiment_ids', 'sampling_rate', 'is_continuous', 'query_filter', 'query_filters'], 'must be omitted for a RUN_EXPERIMENT task');
      const datasetId = optionalString(body, 'dataset_id');
      if (datasetId === undefined) throw badRequest('dataset_id is required for a RUN_EXPERIMENT task');
      const spaceId = this.get(this.datasets, datasetId, 'dataset').space_id;
      const runConfiguration = this.#runConfiguration(body.run_configuration);
      this.#checkUniqueName(name, spaceId);
      task = {
        name, type, project_id: null, dataset_id: datasetId, sampling_rate: null, is_continuous: false, query_filter: null, query_filters: null,
        evaluators: [], experiment_ids: [], run_configuration: runConfiguration,
        last_run_at: null, created_at: at, updated_at: at, created_by_user_id: userId,
      };
    } else {
      if ('run_configuration' in body) throw badRequest('run_configuration applies to RUN_EXPERIMENT tasks only');
      const evaluators = this.#evaluators(body.evaluators, type);
      const projectId = optionalString(body, 'project_id');
      const datasetId = optionalString(body, 'dataset_id');
      const experimentIds = optionalStringArray(body, 'experiment_ids');
      const samplingRate = optionalRate(body);
      const isContinuous = optionalBoolean(body, 'is_continuous');
      const queryFilter = optionalString(body, 'query_filter');
      const queryFilters = optionalObject(body, 'query_filters');
      if ((projectId === undefined) === (datasetId === undefined)) {
        throw badRequest('exactly one of project_id or dataset_id is required');
      }
      let spaceId: string;
      if (datasetId !== undefined) {
        spaceId = this.get(this.datasets, datasetId, 'dataset').space_id;
        if (!experimentIds || experimentIds.length === 0) {
          throw badRequest('experiment_ids must contain at least one entry for a dataset-based task');
        }
        if (isContinuous === true) throw badRequest('is_continuous must be false or omitted for a dataset-based task');
        if (samplingRate !== undefined) throw badRequest('sampling_rate is only supported on project-based tasks');
        this.#checkExperiments(experimentIds, datasetId);
      } else {
        spaceId = this.get(this.projects, projectId ?? '', 'project').space_id;
        if (experimentIds && experimentIds.length > 0) {
          throw badRequest('experiment_ids must be omitted or empty for a project-based task');
        }
      }
      this.#checkUniqueName(name, spaceId);
      task = {
        name, type,
        project_id: projectId ?? null,
        dataset_id: datasetId ?? null,
        sampling_rate: projectId !== undefined ? (samplingRate ?? 1) : null,
        is_continuous: isContinuous ?? false,
        query_filter: queryFilter ?? null,
        query_filters: queryFilters ?? null,
        evaluators,
        experiment_ids: experimentIds ?? [],
        run_configuration: null,
        last_run_at: null,
        created_at: at,
        updated_at: at,
        created_by_user_id: userId,
      };
      checkOneShape(task);
    }
    const { n, id } = this.newId('OnlineTask');
    const created: Task = { id, ...task };
    this.tasks.set(id, { n, value: created });
    return created;
  }

  /** PATCH: the shape is picked by the stored task's type; a key of the other type is 400. */
  updateTask(taskId: string, body: Record<string, unknown>): Task {
    const task = this.get(this.tasks, taskId, 'task');
    refuseKeys(body, ['id', 'type', 'created_at', 'updated_at'], 'cannot be changed');
    const experimentTask = task.type === 'RUN_EXPERIMENT';
    const known = experimentTask ? ['name', 'run_configuration'] : ['name', 'sampling_rate', 'is_continuous', 'query_filter', 'query_filters', 'evaluators'];
    const clearable = ['query_filter', 'query_filters'];
    const other = Object.keys(body).find((key) => !known.includes(key));
    if (other !== undefined) {
      throw badRequest(`${other} is not valid for a ${task.type} task; it accepts ${known.join(', ')}`);
    }
    if (Object.keys(body).length === 0) throw badRequest(`at least one field is required: ${known.join(', ')}`);
    for (const key of known.filter((k) => !clearable.includes(k))) {
      if (key in body && body[key] === null) throw badRequest(`${key} must not be null (only query_filter and query_filters can be cleared)`);
    }
    const next: Task = { ...task };
    if ('name' in body) {
      next.name = requireName(body);
      if (next.name !== task.name) this.#checkUniqueName(next.name, this.spaceOf(task), task.id);
    }
    if ('run_configuration' in body) next.run_configuration = this.#runConfiguration(body.run_configuration);
    const isProject = Boolean(task.project_id);
    if ('sampling_rate' in body) {
      if (!isProject) throw badRequest('sampling_rate is only applicable to project-based tasks');
      next.sampling_rate = optionalRate(body) ?? null;
    }
    if ('is_continuous' in body) {
      if (!isProject) throw badRequest('is_continuous is only applicable to project-based tasks');
      next.is_continuous = optionalBoolean(body, 'is_continuous') ?? task.is_continuous;
    }
    if ('query_filter' in body) {
      next.query_filter = body.query_filter === null ? null : (optionalString(body, 'query_filter') ?? null);
    }
    if ('query_filters' in body) next.query_filters = optionalObject(body, 'query_filters') ?? null;
    if ('evaluators' in body) next.evaluators = this.#evaluators(body.evaluators, task.type);
    if (!experimentTask) checkOneShape(next); // judged on the task as it would be after the patch
    next.updated_at = new Date(this.now()).toISOString();
    this.tasks.get(taskId)!.value = next;
    return next;
  }

  /** The run configuration rules, and the integrations it names exist (an `AGENT_CALL` one must be an AGENT integration). */
  #runConfiguration(value: unknown): Task['run_configuration'] {
    const config = checkRunConfiguration(value)!;
    if (typeof config.ai_integration_id === 'string') this.get(this.aiIntegrations, config.ai_integration_id, 'AI integration');
    if (typeof config.integration_id === 'string') {
      const integration = this.get(this.integrations, config.integration_id, 'integration');
      if (integration.type !== 'AGENT') throw badRequest(`integration '${integration.id}' is an ${integration.type} integration: AGENT_CALL needs an AGENT integration`);
    }
    return config;
  }

  deleteTask(taskId: string): void {
    this.get(this.tasks, taskId, 'task');
    this.tasks.delete(taskId);
    for (const [id, run] of this.runs) if (run.task_id === taskId) this.runs.delete(id);
  }

  #evaluators(value: unknown, taskType: TaskType | string): TaskEvaluator[] {
    if (!Array.isArray(value)) throw badRequest('evaluators must be an array with at least one evaluator');
    if (value.length === 0) throw badRequest('at least one evaluator is required');
    const seen = new Set<string>();
    let customCode = 0;
    const scopes: string[] = [];
    const evaluators = value.map((entry, index) => {
      if (!entry || typeof entry !== 'object') throw badRequest(`evaluators[${index}] must be an object`);
      const item = entry as Record<string, unknown>;
      const evaluatorId = item.evaluator_id;
      if (typeof evaluatorId !== 'string' || evaluatorId === '') throw badRequest(`evaluators[${index}].evaluator_id is required`);
      if (seen.has(evaluatorId)) throw badRequest(`duplicate evaluator id '${evaluatorId}': each evaluator may appear once`);
      seen.add(evaluatorId);
      const evaluator = this.get(this.evaluators, evaluatorId, 'evaluator');
      const versionId = item.evaluator_version_id;
      if (versionId !== undefined && versionId !== null && typeof versionId !== 'string') {
        throw badRequest(`evaluators[${index}].evaluator_version_id must be a string or null`);
      }
      let version = evaluator.versions.at(-1);
      if (typeof versionId === 'string') {
        version = evaluator.versions.find((v) => v.id === versionId);
        if (!version) throw invalid(`evaluator_version_id '${versionId}' is not a version of evaluator '${evaluatorId}'`);
      }
      if ((version?.code_config as { type?: string } | null | undefined)?.type === 'CUSTOM') customCode += 1;
      scopes.push(`${version ? dataScopeOf(version) : 'SPAN'} (${evaluator.name})`);
      const mappings = item.column_mappings;
      if (mappings !== undefined && mappings !== null) {
        if (typeof mappings !== 'object' || Array.isArray(mappings) || Object.values(mappings).some((v) => typeof v !== 'string')) {
          throw badRequest(`evaluators[${index}].column_mappings must map variable names to column names (strings)`);
        }
      }
      const queryFilter = item.query_filter;
      if (queryFilter !== undefined && queryFilter !== null && typeof queryFilter !== 'string') {
        throw badRequest(`evaluators[${index}].query_filter must be a string`);
      }
      return {
        evaluator_id: evaluatorId,
        evaluator_name: evaluator.name,
        evaluator_version_id: typeof versionId === 'string' ? versionId : null,
        query_filter: (queryFilter as string | undefined) ?? null,
        column_mappings: (mappings as Record<string, string> | undefined) ?? null,
        query_mappings: optionalObject(item, 'query_mappings', `evaluators[${index}].query_mappings`) ?? null,
      };
    });
    if (taskType === 'CODE_EVALUATION' && customCode > 1) throw invalid(ONE_CUSTOM_CODE_EVALUATOR);
    const distinct = new Set(scopes.map((s) => s.split(' ')[0]));
    if (distinct.size > 1) {
      throw invalid(`all evaluators on one task must evaluate the same data scope (SPAN, TRACE or SESSION); these evaluate ${scopes.join(', ')}`);
    }
    return evaluators;
  }

  #checkExperiments(experimentIds: string[], datasetId: string): void {
    for (const experimentId of experimentIds) {
      const experiment = this.get(this.experiments, experimentId, 'experiment');
      if (experiment.dataset_id !== datasetId) {
        throw badRequest(`experiment '${experimentId}' does not belong to dataset '${datasetId}'`);
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
  /** Trigger: the body's shape is picked by the stored task's type. */
  triggerRun(taskId: string, body: Record<string, unknown>, userId: string | null): TaskRun {
    const task = this.get(this.tasks, taskId, 'task');
    const run = task.type === 'RUN_EXPERIMENT' ? this.#triggerExperiment(task, body, userId) : this.#triggerEvaluation(task, body, userId);
    task.last_run_at = new Date(run.created).toISOString();
    return this.view(run);
  }

  #triggerEvaluation(task: Task, body: Record<string, unknown>, userId: string | null): RunRecord {
    const experimentFields = ['experiment_name', 'dataset_version_id', 'example_ids', 'max_examples', 'query_filter', 'tracing_metadata', 'evaluation_task_ids'];
    const wrong = Object.keys(body).find((key) => experimentFields.includes(key));
    if (wrong) throw badRequest(`${wrong} applies to RUN_EXPERIMENT tasks only`);
    const start = optionalTime(body, 'data_start_time');
    const end = optionalTime(body, 'data_end_time');
    if ('max_spans' in body) {
      const maxSpans = body.max_spans;
      if (typeof maxSpans !== 'number' || !Number.isInteger(maxSpans) || maxSpans < 1) {
        throw badRequest('max_spans must be a positive integer');
      }
    }
    const override = optionalBoolean(body, 'override_evaluations') ?? false;
    const experimentIds = optionalStringArray(body, 'experiment_ids');
    const now = this.now();
    let window: { start: string; end: string } | undefined;
    if (task.project_id) {
      if (experimentIds !== undefined && experimentIds.length > 0) throw badRequest('experiment_ids is only applicable to dataset-based tasks');
      const from = start ?? task.last_run_at ?? undefined;
      if (from === undefined) throw invalid('data_start_time is required on the first run of a project-based task');
      const to = end ?? new Date(now).toISOString();
      if (Date.parse(from) >= Date.parse(to)) throw invalid('data_start_time must be before data_end_time');
      if (Date.parse(to) - Date.parse(from) > MAX_WINDOW_MS) throw invalid('the data window must span no more than 30 days');
      window = { start: from, end: to };
    } else {
      if (start !== undefined || end !== undefined) throw badRequest('data_start_time and data_end_time apply to project-based tasks only');
      if (experimentIds !== undefined && experimentIds.length > 0) this.#checkExperiments(experimentIds, task.dataset_id ?? '');
    }
    const alreadyLabelled = window !== undefined && !override && this.#evaluated(task.id, window);
    return this.addRun(task.id, {
      created: now,
      data_start_time: window?.start ?? null,
      data_end_time: window?.end ?? null,
      created_by_user_id: userId,
      ...(alreadyLabelled ? { alreadyLabelled } : {}),
    });
  }

  /** True when an earlier run of the task that did not fail or get cancelled covered `window`. */
  #evaluated(taskId: string, window: { start: string; end: string }): boolean {
    return [...this.runs.values()].some((run) => {
      if (run.task_id !== taskId || run.data_start_time === null || run.data_end_time === null) return false;
      const status = this.view(run).status;
      if (status === 'FAILED' || status === 'CANCELLED') return false;
      return Date.parse(run.data_start_time) <= Date.parse(window.start) && Date.parse(run.data_end_time) >= Date.parse(window.end);
    });
  }

  #triggerExperiment(task: Task, body: Record<string, unknown>, userId: string | null): RunRecord {
    const evaluationFields = ['data_start_time', 'data_end_time', 'max_spans', 'override_evaluations', 'experiment_ids'];
    const wrong = Object.keys(body).find((key) => evaluationFields.includes(key));
    if (wrong) throw badRequest(`${wrong} applies to evaluation tasks only, not to a RUN_EXPERIMENT task`);
    const name = body.experiment_name;
    if (typeof name !== 'string' || name === '') throw badRequest('experiment_name is required for a RUN_EXPERIMENT task');
    if ('example_ids' in body && 'max_examples' in body) throw badRequest('example_ids and max_examples are mutually exclusive');
    optionalStringArray(body, 'example_ids');
    if ('max_examples' in body) {
      const max = body.max_examples;
      if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) throw badRequest('max_examples must be an integer of at least 1');
    }
    const filter = optionalString(body, 'query_filter');
    const matches = filter === undefined ? () => true : exampleFilter(filter);
    const tracing = body.tracing_metadata;
    if (tracing !== undefined && (!tracing || typeof tracing !== 'object' || Array.isArray(tracing) || Object.values(tracing).some((v) => typeof v !== 'string'))) {
      throw badRequest('tracing_metadata must map strings to strings');
    }
    const evaluationTaskIds = optionalStringArray(body, 'evaluation_task_ids') ?? [];
    for (const id of evaluationTaskIds) {
      const follow = this.get(this.tasks, id, 'evaluation task');
      if (follow.type === 'RUN_EXPERIMENT') throw badRequest(`evaluation_task_ids: '${id}' is a RUN_EXPERIMENT task, not an evaluation task`);
    }
    const dataset = this.get(this.datasets, task.dataset_id ?? '', 'dataset');
    const versionId = optionalString(body, 'dataset_version_id');
    if (versionId !== undefined && !dataset.versions.some((v) => v.id === versionId)) {
      throw notFound(`dataset version '${versionId}' was not found in dataset '${dataset.id}'`);
    }
    const version = versionId ?? dataset.versions[0]?.id ?? '';
    const examples = (this.examples.get(version) ?? []).map((e) => e.value);
    const available = examples.map((e) => e.id);
    const exampleIds = optionalStringArray(body, 'example_ids');
    for (const id of exampleIds ?? []) if (!available.includes(id)) throw notFound(`example '${id}' was not found in dataset version '${version}'`);
    // the filter first; then the intersection with example_ids, or max_examples counted after filtering
    const matching = examples.filter(matches).map((e) => e.id);
    const chosen = exampleIds ? exampleIds.filter((id) => matching.includes(id))
      : typeof body.max_examples === 'number' ? matching.slice(0, body.max_examples) : matching;
    for (const { value } of this.experiments.values()) {
      if (value.dataset_id === dataset.id && value.name === name) {
        throw conflict(`an experiment named '${name}' already exists for this dataset: experiment names are unique within a dataset`);
      }
    }
    const now = this.now();
    const experiment = this.addExperiment({
      name, dataset_id: dataset.id, dataset_version_id: version || null, space_id: dataset.space_id,
      integration_id: task.run_configuration?.experiment_type === 'AGENT_CALL' ? String(task.run_configuration.integration_id ?? '') || null : null,
    }, now);
    return this.addRun(task.id, { created: now, created_by_user_id: userId, experimentId: experiment.id, examples: chosen, evaluationTaskIds });
  }

  /** An experiment's runs so far: one per example its task run has reached, in order; every seventh errs. */
  experimentRuns(experimentId: string): Array<{ n: number; value: Record<string, unknown> }> {
    this.get(this.experiments, experimentId, 'experiment');
    const standalone = this.standaloneRuns.get(experimentId);
    if (standalone) return standalone.map((value, i) => ({ n: i + 1, value }));
    const run = [...this.runs.values()].find((r) => r.experimentId === experimentId);
    if (!run?.examples) return [];
    const done = this.#examplesDone(run);
    const byId = new Map([...this.examples.values()].flat().map((e) => [e.value.id, e.value]));
    return run.examples.slice(0, done).map((exampleId, i) => {
      const example = byId.get(exampleId);
      const failed = i % 7 === 6;
      return {
        n: i + 1,
        value: {
          id: `${experimentId.slice(0, 8)}-run-${i + 1}`, example_id: exampleId,
          output: failed ? null : `Answer to: ${String(example?.question ?? exampleId)}`,
          error: failed ? 'The model timed out for this example.' : null,
          annotations: [],
          'eval.correctness.label': failed ? null : i % 3 === 0 ? 'incorrect' : 'correct',
          'eval.correctness.score': failed ? null : i % 3 === 0 ? 0 : 1,
          'trace.latency_ms': 400 + 37 * i,
        },
      };
    });
  }

  /** How many of an experiment run's examples it has reached now. */
  #examplesDone(run: RunRecord): number {
    const view = this.view(run);
    const total = run.examples?.length ?? 0;
    return Math.min(total, view.num_successes + view.num_errors);
  }

  /** Once an experiment run completes, its evaluation tasks run over its experiment (dataset tasks) or from their last run (project tasks). */
  #triggerFollowUps(run: RunRecord): void {
    for (const id of run.evaluationTaskIds ?? []) {
      const follow = this.tasks.get(id)?.value;
      if (!follow) continue;
      try {
        this.triggerRun(id, follow.dataset_id && run.experimentId ? { experiment_ids: [run.experimentId] } : {}, run.created_by_user_id);
      } catch {
        // a follow-up the rules refuse is skipped, as a server would log and move on
      }
    }
  }

  /** Adds an experiment created at `at` (ms): of a dataset, or standalone in a space (`dataset_id` null). */
  addExperiment(fields: Pick<Experiment, 'name' | 'dataset_id' | 'dataset_version_id' | 'integration_id'> & { space_id: string }, at: number): Experiment {
    const { n, id } = this.newId('Experiment');
    const iso = new Date(at).toISOString();
    const experiment: Experiment = { id, ...fields, created_at: iso, updated_at: iso };
    this.experiments.set(id, { n, value: experiment });
    return experiment;
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
      ...(this.behaviour.holdPending ? { held: true } : {}),
      ...init,
    };
    this.runs.set(id, run);
    return run;
  }

  /**
   * Releases held runs ({@link RunBehaviour.holdPending}): each starts
   * `RUNNING` now and finishes `runningMs` later. `runId` releases one run;
   * without it, every held run. Returns how many were released.
   */
  releaseRuns(runId?: string): number {
    let released = 0;
    for (const run of runId === undefined ? this.runs.values() : [this.runs.get(runId)].filter((r) => r !== undefined)) {
      if (!run.held) continue;
      run.held = false;
      run.pendingMs = Math.max(0, this.now() - run.created);
      released++;
    }
    return released;
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
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(current.status)) {
      throw badRequest(`run is already ${current.status}; only a PENDING or RUNNING run can be cancelled`);
    }
    run.cancelledAt = this.now();
    return this.view(run);
  }

  listRuns(taskId: string, status: string | undefined): Array<{ n: number; value: TaskRun }> {
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
    const startedAt = run.held ? Infinity : run.created + run.pendingMs;
    const finishedAt = run.alreadyLabelled ? startedAt : startedAt + run.runningMs;
    let status: string;
    let progress: number;
    let failureReason: string | null = null;
    if (now < startedAt) {
      status = run.pendingStatus ?? 'PENDING';
      progress = 0;
    } else if (now < finishedAt) {
      status = 'RUNNING';
      const steps = Math.max(1, this.behaviour.progressSteps);
      progress = Math.floor(((now - startedAt) / Math.max(1, run.runningMs)) * steps) / steps;
    } else if (run.alreadyLabelled) {
      status = 'CANCELLED';
      progress = 0;
      failureReason = ALREADY_LABELLED;
    } else {
      status = run.fails ? 'FAILED' : 'COMPLETED';
      progress = run.fails ? 0.5 : 1;
      if (run.fails) failureReason = 'The evaluation model returned errors for too many items; the run stopped.';
    }
    if (run.cancelledAt !== null) {
      status = 'CANCELLED';
      failureReason = 'The run was cancelled by a user.';
    }
    const iso = (ms: number) => new Date(ms).toISOString();
    let counts = {
      num_successes: Math.round(run.totals.successes * progress),
      num_errors: Math.round(run.totals.errors * progress) + (status === 'FAILED' ? 25 : 0),
      num_skipped: Math.round(run.totals.skipped * progress),
    };
    if (run.examples) {
      const reached = Math.floor(run.examples.length * progress);
      const errors = Math.floor((reached + 1) / 7);
      counts = { num_successes: reached - errors, num_errors: errors, num_skipped: 0 };
    }
    if (status === 'COMPLETED' && run.evaluationTaskIds?.length && !run.followUpsTriggered) {
      run.followUpsTriggered = true;
      queueMicrotask(() => this.#triggerFollowUps(run));
    }
    return {
      id: run.id,
      task_id: run.task_id,
      status: status as TaskRun['status'],
      run_started_at: now >= startedAt ? iso(startedAt) : null,
      run_finished_at: run.cancelledAt !== null ? iso(run.cancelledAt) : now >= finishedAt ? iso(finishedAt) : null,
      data_start_time: run.data_start_time,
      data_end_time: run.data_end_time,
      ...counts,
      created_at: iso(run.created),
      created_by_user_id: run.created_by_user_id,
      experiment_id: run.experimentId !== undefined && now >= startedAt ? run.experimentId : null,
      failure_reason: failureReason,
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
function refuseKeys(body: Record<string, unknown>, keys: string[], why: string): void {
  const present = keys.find((key) => key in body);
  if (present !== undefined) throw badRequest(`${present} ${why}`);
}

function requireName(body: Record<string, unknown>): string {
  const value = body.name;
  if (typeof value !== 'string' || value.length === 0) throw badRequest('name is required and must be a string of at least one character');
  return value;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${key} must be a string`);
  return value;
}

/** An open JSON object (`query_filters`, `query_mappings`): absent or null as undefined, anything but an object 400. Kept exactly as sent. */
function optionalObject(body: Record<string, unknown>, key: string, where = key): Record<string, unknown> | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${where} must be a JSON object or null`);
  return value as Record<string, unknown>;
}

/**
 * One filtering shape per evaluation task: span level (`query_filter`,
 * evaluators' `column_mappings` / `query_filter`) or trace/session level
 * (`query_filters`, evaluators' `query_mappings`); both set is 400.
 */
function checkOneShape(task: Pick<Task, 'query_filter' | 'query_filters' | 'evaluators'>): void {
  const span = task.query_filter !== null || task.evaluators.some((e) => e.column_mappings !== null || e.query_filter !== null);
  const trace = task.query_filters !== null || task.evaluators.some((e) => e.query_mappings !== null);
  if (span && trace) {
    throw badRequest('a task filters either at span level (query_filter, evaluators\' column_mappings and query_filter) or at trace/session level ' +
      '(query_filters, evaluators\' query_mappings), not both: clear one side to use the other');
  }
}

/**
 * A small part of Arize's filter language, enough for an emulator:
 * `column = 'text'`, `column != 'text'` or a number, joined by `and`. What it
 * cannot read is 400 rather than a guess.
 */
function exampleFilter(filter: string): (example: Record<string, unknown>) => boolean {
  const clauses = filter.split(/\s+and\s+/i).map((clause) => {
    const match = /^\s*([A-Za-z_][\w.]*)\s*(==|=|!=)\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?))\s*$/.exec(clause);
    if (!match) throw badRequest(`query_filter: cannot read ${JSON.stringify(clause.trim())} (this emulator understands column = 'text', column != 'text' and numbers, joined by and)`);
    const [, column, op, single, double, number] = match;
    const equal = (example: Record<string, unknown>) => (number !== undefined
      ? Number(example[column!]) === Number(number)
      : example[column!] !== undefined && example[column!] !== null && String(example[column!]) === (single ?? double));
    return op === '!=' ? (example: Record<string, unknown>) => !equal(example) : equal;
  });
  return (example) => clauses.every((clause) => clause(example));
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${key} must be a boolean`);
  return value;
}

function optionalStringArray(body: Record<string, unknown>, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw badRequest(`${key} must be an array of ids`);
  return value as string[];
}

function optionalRate(body: Record<string, unknown>): number | undefined {
  const value = body.sampling_rate;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw badRequest('sampling_rate must be a number between 0 and 1');
  }
  return value;
}

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function optionalTime(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? ISO_WITH_ZONE.exec(value) : null;
  const [year, month, day] = (match ?? []).slice(1, 4).map(Number);
  const realDay = match !== null && month! >= 1 && month! <= 12 && day! >= 1 && day! <= new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (!realDay || Number.isNaN(Date.parse(value as string))) {
    throw badRequest(`${key} must be an ISO 8601 date-time with a zone`);
  }
  return value as string;
}

function requireTaskType(value: unknown): TaskType {
  if (!(TASK_TYPES as readonly unknown[]).includes(value)) throw badRequest(`type must be one of ${TASK_TYPES.join(', ')}`);
  return value as TaskType;
}

const INPUT_VARIABLE_FORMATS = ['F_STRING', 'MUSTACHE', 'NONE'];
const MESSAGE_ROLES = ['USER', 'ASSISTANT', 'SYSTEM', 'TOOL'];

/** The `RunConfiguration` rules: a known `experiment_type` and each variant's required fields. */
function checkRunConfiguration(value: unknown): Task['run_configuration'] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('run_configuration is required and must be an object');
  const config = value as Record<string, unknown>;
  const type = config.experiment_type;
  if (!(EXPERIMENT_TYPES as readonly unknown[]).includes(type)) {
    throw badRequest(`run_configuration.experiment_type must be one of ${EXPERIMENT_TYPES.join(', ')}`);
  }
  const need = (key: string, ok: (v: unknown) => boolean, what: string) => {
    if (!ok(config[key])) throw badRequest(`run_configuration.${key} ${what}`);
  };
  const text = (v: unknown) => typeof v === 'string' && v.length > 0;
  const object = (v: unknown) => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  const optional = (key: string, ok: (v: unknown) => boolean, what: string) => {
    if (config[key] !== undefined) need(key, ok, what);
  };
  if (type === 'LLM_GENERATION') {
    need('ai_integration_id', text, 'is required');
    need('messages', (v) => Array.isArray(v) && v.length > 0 && v.every((m) => object(m) && MESSAGE_ROLES.includes((m as { role?: string }).role ?? '')),
      `must hold at least one message with a role of ${MESSAGE_ROLES.join(', ')}`);
    need('input_variable_format', (v) => INPUT_VARIABLE_FORMATS.includes(v as string), `must be one of ${INPUT_VARIABLE_FORMATS.join(', ')}`);
  } else if (type === 'TEMPLATE_EVALUATION') {
    need('ai_integration_id', text, 'is required');
    need('template', text, 'is required and must not be empty');
    need('provide_explanation', (v) => typeof v === 'boolean', 'is required (true or false)');
    optional('classification_choices', (v) => object(v) && Object.values(v as object).every((n) => typeof n === 'number'), 'must map labels to numbers');
    optional('column_mapping', (v) => object(v) && Object.values(v as object).every((n) => typeof n === 'string'), 'must map variables to columns');
  } else {
    need('integration_id', text, 'is required');
    need('input_template', object, 'is required and must be an object');
  }
  for (const key of ['invocation_parameters', 'provider_parameters', 'tool_config']) optional(key, object, 'must be an object');
  if (type === 'AGENT_CALL') return { ...config, experiment_type: type, input_template: normaliseTemplate(config.input_template) as Record<string, unknown> };
  return { ...config, experiment_type: type as never };
}

/** `{{dataset.column}}` is accepted and echoed back as `{{column}}`. */
function normaliseTemplate(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\{\{\s*dataset\./g, '{{');
  if (Array.isArray(value)) return value.map(normaliseTemplate);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseTemplate(v)]));
  return value;
}
