/**
 * Wire types of Arize's REST API v2 (snake_case, nullable where the API says
 * so) and the one place that reads them tolerantly. See
 * `../shared/upstream-api.md` ("Compatibility") and
 * `../shared/arize-tasks-openapi.yaml`.
 *
 * Reading: enum values in any case (servers before mid-2026 send lowercase);
 * a value this gateway does not know becomes `UNKNOWN` and is reported once
 * through an {@link UnknownValueSink}; unknown keys are dropped; a missing
 * optional key reads as null. Writing: today's uppercase values. The rename to
 * camelCase happens in the GraphQL field definitions and nowhere else.
 */

export const TASK_TYPES = ['TEMPLATE_EVALUATION', 'CODE_EVALUATION', 'RUN_EXPERIMENT'] as const;
/** A task type the gateway knows. */
export type TaskType = (typeof TASK_TYPES)[number];

/** The run statuses the gateway knows, in the order a run moves through them. */
export const RUN_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
/** A run status the gateway knows. */
export type RunStatus = (typeof RUN_STATUSES)[number];

const EVALUATOR_TYPES = ['TEMPLATE', 'CODE', 'HARNESS', 'REMOTE'] as const;
/** An evaluator type the gateway knows. */
export type EvaluatorType = (typeof EVALUATOR_TYPES)[number];

/** The kinds of run configuration of a `RUN_EXPERIMENT` task. */
export const EXPERIMENT_TYPES = ['LLM_GENERATION', 'TEMPLATE_EVALUATION', 'AGENT_CALL'] as const;
/** A kind of run configuration the gateway knows. */
export type ExperimentType = (typeof EXPERIMENT_TYPES)[number];

/** What a value the upstream sent but this gateway does not know reads as. Never terminal, never sent upstream. */
export const UNKNOWN = 'UNKNOWN';
/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** True for `COMPLETED`, `FAILED` and `CANCELLED` (already normalised); `UNKNOWN` is not terminal. */
export function isTerminalStatus(status: RunStatus | Unknown): boolean {
  return (TERMINAL_RUN_STATUSES as readonly string[]).includes(status);
}

/** A list's `pagination`, as the API sends it. */
export interface Pagination {
  has_more: boolean;
  /** Present only when `has_more` is true. */
  next_cursor?: string;
}

/** An evaluator as attached to a task. */
export interface TaskEvaluator {
  evaluator_id: string;
  evaluator_name: string | null;
  /** Null: not pinned, the latest version runs (also what servers before August 2026 mean by leaving it out). */
  evaluator_version_id: string | null;
  query_filter: string | null;
  column_mappings: Record<string, string> | null;
  /** Trace/session-level mappings, the JSON value exactly as received (null on span-level tasks and from servers before September 2026). */
  query_mappings: unknown;
}

/** A `RUN_EXPERIMENT` task's configuration: `experiment_type` and the variant's fields, flat. */
export type RunConfiguration = { experiment_type: ExperimentType | Unknown } & Record<string, unknown>;

/** A task as read (any dialect, normalised). */
export interface Task {
  id: string;
  name: string;
  type: TaskType | Unknown;
  /** `type` exactly as the upstream sent it (`DECISION_JUDGE`, `template_evaluation`, ...). */
  type_name: string;
  project_id: string | null;
  dataset_id: string | null;
  sampling_rate: number | null;
  is_continuous: boolean;
  query_filter: string | null;
  /** Trace/session-level filters, the JSON value exactly as received (null on span-level tasks and from servers before September 2026). */
  query_filters: unknown;
  evaluators: TaskEvaluator[];
  experiment_ids: string[];
  run_configuration: RunConfiguration | null;
  last_run_at: string | null;
  created_at: string;
  updated_at: string;
  created_by_user_id: string | null;
}

/** A task run as read (any dialect, normalised). */
export interface TaskRun {
  id: string;
  task_id: string;
  status: RunStatus | Unknown;
  run_started_at: string | null;
  run_finished_at: string | null;
  data_start_time: string | null;
  data_end_time: string | null;
  num_successes: number;
  num_errors: number;
  num_skipped: number;
  created_at: string;
  created_by_user_id: string | null;
  /** `RUN_EXPERIMENT` runs, once the experiment exists. */
  experiment_id: string | null;
  /** Why the run failed or was cancelled. */
  failure_reason: string | null;
}

/** A space as read. */
export interface Space {
  id: string;
  name: string;
  description: string | null;
  created_at: string;
}

/** A project as read. */
export interface Project {
  id: string;
  name: string;
  space_id: string;
  created_at: string;
}

/** A dataset version as read. */
export interface DatasetVersion {
  id: string;
  name: string;
  dataset_id: string;
  created_at: string;
  updated_at: string;
}

/** A dataset as read. */
export interface Dataset {
  id: string;
  name: string;
  space_id: string;
  created_at: string;
  updated_at: string;
  /** Sent by `GET /v2/datasets/{id}`, not by the list: null when absent. */
  versions: DatasetVersion[] | null;
}

/** An experiment as read. */
export interface Experiment {
  id: string;
  name: string;
  /** Null when the experiment is not tied to a dataset (since mid-2026). */
  dataset_id: string | null;
  /** The space it belongs to; null from servers before August 2026, which did not send it. */
  space_id: string | null;
  dataset_version_id: string | null;
  integration_id: string | null;
  created_at: string;
  updated_at: string;
}

/** An evaluator as read (lists carry no version). */
export interface Evaluator {
  id: string;
  name: string;
  description: string | null;
  type: EvaluatorType | Unknown;
  /** `type` exactly as the upstream sent it. */
  type_name: string;
  space_id: string;
  created_at: string;
  updated_at: string;
  created_by_user_id: string | null;
}

/** An evaluator version as read, its config by type. */
export interface EvaluatorVersion {
  id: string;
  evaluator_id: string;
  type: EvaluatorType | Unknown;
  commit_hash: string;
  commit_message: string | null;
  created_at: string;
  created_by_user_id: string | null;
  /** `TEMPLATE` versions. */
  template_config: Record<string, unknown> | null;
  /** `CODE` versions (`type` `MANAGED` or `CUSTOM` inside). */
  code_config: Record<string, unknown> | null;
}

/** An evaluator with one resolved version, as `GET /v2/evaluators/{id}` sends it. */
export interface EvaluatorWithVersion extends Evaluator {
  version: EvaluatorVersion | null;
}

/** A dataset example: `id`, times, and the user's columns (every other key, kept as sent). */
export interface DatasetExample {
  id: string;
  created_at: string | null;
  updated_at: string | null;
  columns: Record<string, unknown>;
}

/** An experiment run: one example's output or error, annotations, and every other column (evaluations, traces) as sent. */
export interface ExperimentRun {
  id: string;
  /** Null (or absent on the wire) when the experiment has no dataset. */
  example_id: string | null;
  output: unknown;
  error: string | null;
  annotations: unknown;
  columns: Record<string, unknown>;
}

/** An AI integration (an LLM provider a run configuration names by `ai_integration_id`); open keys kept as sent. */
export interface AiIntegration {
  id: string;
  name: string;
  provider: string;
  has_api_key: boolean;
  base_url: string | null;
  model_names: string[];
  enable_default_models: boolean;
  function_calling_enabled: boolean;
  auth_type: string;
  scopings: unknown[];
  created_at: string;
  updated_at: string;
  created_by_user_id: string | null;
}

export const INTEGRATION_TYPES = ['LLM', 'AGENT'] as const;
/** An integration type the gateway knows (`AGENT` integrations back `AGENT_CALL` run configurations). */
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

/** An integration of either type; `config` is an open object (an LLM's provider settings, an agent's endpoint and schema). */
export interface Integration {
  id: string;
  type: IntegrationType | Unknown;
  name: string;
  scopings: unknown[];
  config: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  created_by_user_id: string | null;
}

/** RFC 9457 problem details, as every non-2xx response carries them. */
export interface Problem {
  title: string;
  status: number;
  detail?: string;
  type?: string;
  instance?: string;
  error_code?: string;
}

/** Every list the client returns: the items and the upstream's pagination. */
export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

/** The paging query of every list. */
export interface PageParams {
  /** 1..100 (1..500 for examples and experiment runs); the server's default is 50. */
  limit?: number;
  cursor?: string;
}

/**
 * The query of `GET /v2/tasks`. Only `space_id`: the server's `space_name`
 * filter (a substring) is never sent, a space name is resolved first.
 */
export interface ListTasksParams extends PageParams {
  space_id?: string;
  name?: string;
  project_id?: string;
  dataset_id?: string;
  type?: TaskType;
}

/** The query of `GET /v2/tasks/{id}/runs`. */
export interface ListRunsParams extends PageParams {
  status?: RunStatus;
}

/** The query of `GET /v2/spaces`. */
export interface ListSpacesParams extends PageParams {
  org_id?: string;
  name?: string;
}

/** The query of the lists scoped by space (projects, datasets, evaluators, integrations): `space_id` only, as for tasks. */
export interface ListInSpaceParams extends PageParams {
  space_id?: string;
  name?: string;
}

/** The query of `GET /v2/datasets/{id}/examples` (limit up to 500). */
export interface ListExamplesParams extends PageParams {
  dataset_version_id?: string;
}

/** The query of `GET /v2/integrations` (`type` required). */
export interface ListIntegrationsParams extends ListInSpaceParams {
  type: IntegrationType;
}

/** The query of `GET /v2/experiments`: with `dataset_id` the dataset scope wins over `space_id`. */
export interface ListExperimentsParams extends PageParams {
  dataset_id?: string;
  space_id?: string;
  name?: string;
}

/** An evaluator in a create or update body. */
export interface TaskEvaluatorBody {
  evaluator_id: string;
  /** Sent only when pinning. */
  evaluator_version_id?: string;
  query_filter?: string;
  column_mappings?: Record<string, string>;
  /** Trace/session-level mappings, sent exactly as given (an open JSON object). */
  query_mappings?: Record<string, unknown>;
}

/** The evaluation-task variants of the create body (`RUN_EXPERIMENT` has its own). */
export interface CreateEvaluationTaskBody {
  name: string;
  type: 'TEMPLATE_EVALUATION' | 'CODE_EVALUATION';
  evaluators: TaskEvaluatorBody[];
  project_id?: string;
  dataset_id?: string;
  experiment_ids?: string[];
  sampling_rate?: number;
  is_continuous?: boolean;
  query_filter?: string;
  /** Trace/session-level filters, sent exactly as given (an open JSON object). */
  query_filters?: Record<string, unknown>;
}

/** The `RUN_EXPERIMENT` variant of the create body: exactly these keys. */
export interface CreateRunExperimentTaskBody {
  name: string;
  type: 'RUN_EXPERIMENT';
  dataset_id: string;
  run_configuration: Record<string, unknown>;
}

/** The create body, a `oneOf` on `type`. */
export type CreateTaskBody = CreateEvaluationTaskBody | CreateRunExperimentTaskBody;

/** The PATCH body; the upstream picks its shape by the stored task's type. */
export interface UpdateTaskBody {
  name?: string;
  sampling_rate?: number;
  is_continuous?: boolean;
  /** An explicit `null` clears the filter. */
  query_filter?: string | null;
  /** Trace/session-level filters as given; an explicit `null` clears them. */
  query_filters?: Record<string, unknown> | null;
  evaluators?: TaskEvaluatorBody[];
  /** `RUN_EXPERIMENT` tasks only: replaces the stored configuration. */
  run_configuration?: Record<string, unknown>;
}

/** The trigger body; the upstream picks its shape by the stored task's type. */
export interface TriggerRunBody {
  data_start_time?: string;
  data_end_time?: string;
  max_spans?: number;
  override_evaluations?: boolean;
  experiment_ids?: string[];
  experiment_name?: string;
  dataset_version_id?: string;
  example_ids?: string[];
  max_examples?: number;
  /** `RUN_EXPERIMENT` only: run on the examples that match (with `example_ids`, their intersection). */
  query_filter?: string;
  tracing_metadata?: Record<string, string>;
  evaluation_task_ids?: string[];
}

// ------------------------------------------------------------------ reading

/** Told once per (field, value) the gateway does not know, e.g. `('TaskRun.status', 'QUEUED')`. */
export type UnknownValueSink = (field: string, value: string) => void;

type Raw = Record<string, unknown>;

const asObject = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const str = (o: Raw, key: string): string => (typeof o[key] === 'string' ? (o[key] as string) : o[key] == null ? '' : String(o[key]));
const optStr = (o: Raw, key: string): string | null => (typeof o[key] === 'string' ? (o[key] as string) : null);
const num = (o: Raw, key: string): number => (typeof o[key] === 'number' && Number.isFinite(o[key]) ? (o[key] as number) : 0);
const optNum = (o: Raw, key: string): number | null => (typeof o[key] === 'number' && Number.isFinite(o[key]) ? (o[key] as number) : null);
const optObject = (o: Raw, key: string): Raw | null => (o[key] && typeof o[key] === 'object' && !Array.isArray(o[key]) ? (o[key] as Raw) : null);
const strings = (o: Raw, key: string): string[] => (Array.isArray(o[key]) ? (o[key] as unknown[]).filter((v): v is string => typeof v === 'string') : []);

/**
 * `value` as one of `known`, compared case-insensitively, or `UNKNOWN` (told
 * to `sink` with the value as sent). A missing value is `UNKNOWN` too.
 */
function readEnum<T extends string>(known: readonly T[], value: unknown, field: string, sink: UnknownValueSink): T | Unknown {
  const text = typeof value === 'string' ? value : value == null ? '' : String(value);
  const upper = text.toUpperCase();
  if ((known as readonly string[]).includes(upper)) return upper as T;
  sink(field, text);
  return UNKNOWN;
}

function readStringMap(value: unknown): Record<string, string> | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Raw)) if (typeof v === 'string') out[k] = v;
  return out;
}

function readPagination(value: unknown): Pagination {
  const o = asObject(value);
  const cursor = optStr(o, 'next_cursor');
  const hasMore = o.has_more === true && cursor !== null && cursor !== '';
  return hasMore ? { has_more: true, next_cursor: cursor } : { has_more: false };
}

/** A list response: the items under `key`, each read with `read`. */
export function readPage<T>(value: unknown, key: string, read: (raw: unknown) => T): Page<T> {
  const o = asObject(value);
  const items = Array.isArray(o[key]) ? (o[key] as unknown[]).map(read) : [];
  return { items, pagination: readPagination(o.pagination) };
}

function readTaskEvaluator(value: unknown): TaskEvaluator {
  const o = asObject(value);
  return {
    evaluator_id: str(o, 'evaluator_id'),
    evaluator_name: optStr(o, 'evaluator_name'),
    evaluator_version_id: optStr(o, 'evaluator_version_id'),
    query_filter: optStr(o, 'query_filter'),
    column_mappings: readStringMap(o.column_mappings),
    query_mappings: o.query_mappings ?? null,
  };
}

function readRunConfiguration(value: unknown, sink: UnknownValueSink): RunConfiguration | null {
  const o = optObject({ value }, 'value');
  if (!o) return null;
  return { ...o, experiment_type: readEnum(EXPERIMENT_TYPES, o.experiment_type, 'RunConfiguration.experiment_type', sink) };
}

/** A task from any dialect; unknown values are told to `sink`. */
export function readTask(value: unknown, sink: UnknownValueSink): Task {
  const o = asObject(value);
  return {
    id: str(o, 'id'),
    name: str(o, 'name'),
    type: readEnum(TASK_TYPES, o.type, 'Task.type', sink),
    type_name: str(o, 'type'),
    project_id: optStr(o, 'project_id'),
    dataset_id: optStr(o, 'dataset_id'),
    sampling_rate: optNum(o, 'sampling_rate'),
    is_continuous: o.is_continuous === true,
    query_filter: optStr(o, 'query_filter'),
    query_filters: o.query_filters ?? null,
    evaluators: Array.isArray(o.evaluators) ? o.evaluators.map(readTaskEvaluator) : [],
    experiment_ids: strings(o, 'experiment_ids'),
    run_configuration: readRunConfiguration(o.run_configuration, sink),
    last_run_at: optStr(o, 'last_run_at'),
    created_at: str(o, 'created_at'),
    updated_at: str(o, 'updated_at'),
    created_by_user_id: optStr(o, 'created_by_user_id'),
  };
}

/** A run from any dialect; unknown values are told to `sink`. */
export function readTaskRun(value: unknown, sink: UnknownValueSink): TaskRun {
  const o = asObject(value);
  return {
    id: str(o, 'id'),
    task_id: str(o, 'task_id'),
    status: readEnum(RUN_STATUSES, o.status, 'TaskRun.status', sink),
    run_started_at: optStr(o, 'run_started_at'),
    run_finished_at: optStr(o, 'run_finished_at'),
    data_start_time: optStr(o, 'data_start_time'),
    data_end_time: optStr(o, 'data_end_time'),
    num_successes: num(o, 'num_successes'),
    num_errors: num(o, 'num_errors'),
    num_skipped: num(o, 'num_skipped'),
    created_at: str(o, 'created_at'),
    created_by_user_id: optStr(o, 'created_by_user_id'),
    experiment_id: optStr(o, 'experiment_id'),
    failure_reason: optStr(o, 'failure_reason'),
  };
}

/** A space, with missing keys as null or empty. */
export function readSpace(value: unknown): Space {
  const o = asObject(value);
  return { id: str(o, 'id'), name: str(o, 'name'), description: optStr(o, 'description'), created_at: str(o, 'created_at') };
}

/** A project, with missing keys as null or empty. */
export function readProject(value: unknown): Project {
  const o = asObject(value);
  return { id: str(o, 'id'), name: str(o, 'name'), space_id: str(o, 'space_id'), created_at: str(o, 'created_at') };
}

function readDatasetVersion(value: unknown): DatasetVersion {
  const o = asObject(value);
  return {
    id: str(o, 'id'), name: str(o, 'name'), dataset_id: str(o, 'dataset_id'),
    created_at: str(o, 'created_at'), updated_at: str(o, 'updated_at'),
  };
}

/** A dataset, with its versions when the answer carries them. */
export function readDataset(value: unknown): Dataset {
  const o = asObject(value);
  return {
    id: str(o, 'id'), name: str(o, 'name'), space_id: str(o, 'space_id'),
    created_at: str(o, 'created_at'), updated_at: str(o, 'updated_at'),
    versions: Array.isArray(o.versions) ? o.versions.map(readDatasetVersion) : null,
  };
}

/** An experiment; `dataset_id` and the new keys may be absent or null. */
export function readExperiment(value: unknown): Experiment {
  const o = asObject(value);
  return {
    id: str(o, 'id'), name: str(o, 'name'),
    dataset_id: optStr(o, 'dataset_id'),
    space_id: optStr(o, 'space_id'),
    dataset_version_id: optStr(o, 'dataset_version_id'),
    integration_id: optStr(o, 'integration_id'),
    created_at: str(o, 'created_at'), updated_at: str(o, 'updated_at'),
  };
}

/** An evaluator from any dialect; unknown types are told to `sink`. */
export function readEvaluator(value: unknown, sink: UnknownValueSink): Evaluator {
  const o = asObject(value);
  return {
    id: str(o, 'id'), name: str(o, 'name'), description: optStr(o, 'description'),
    type: readEnum(EVALUATOR_TYPES, o.type, 'Evaluator.type', sink),
    type_name: str(o, 'type'),
    space_id: str(o, 'space_id'),
    created_at: str(o, 'created_at'), updated_at: str(o, 'updated_at'),
    created_by_user_id: optStr(o, 'created_by_user_id'),
  };
}

/**
 * A version, dispatched on its `type`. Servers before mid-2026 sent no `type`
 * and always a `template_config`: the type is then taken from which config
 * is present.
 */
export function readEvaluatorVersion(value: unknown, sink: UnknownValueSink): EvaluatorVersion {
  const o = asObject(value);
  const templateConfig = optObject(o, 'template_config');
  const codeConfig = optObject(o, 'code_config');
  const sent = o.type ?? (templateConfig ? 'TEMPLATE' : codeConfig ? 'CODE' : undefined);
  return {
    id: str(o, 'id'), evaluator_id: str(o, 'evaluator_id'),
    type: readEnum(EVALUATOR_TYPES, sent, 'EvaluatorVersion.type', sink),
    commit_hash: str(o, 'commit_hash'), commit_message: optStr(o, 'commit_message'),
    created_at: str(o, 'created_at'), created_by_user_id: optStr(o, 'created_by_user_id'),
    template_config: templateConfig,
    code_config: codeConfig,
  };
}

/** An evaluator with its resolved version, from any dialect. */
export function readEvaluatorWithVersion(value: unknown, sink: UnknownValueSink): EvaluatorWithVersion {
  const o = asObject(value);
  return { ...readEvaluator(o, sink), version: o.version ? readEvaluatorVersion(o.version, sink) : null };
}

const rest = (o: Raw, known: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([key]) => !known.includes(key)));

/** A dataset example; every key but the system ones is a user column. */
export function readDatasetExample(value: unknown): DatasetExample {
  const o = asObject(value);
  return { id: str(o, 'id'), created_at: optStr(o, 'created_at'), updated_at: optStr(o, 'updated_at'), columns: rest(o, ['id', 'created_at', 'updated_at']) };
}

/** An experiment run; every key but the listed ones is a column (evaluations, trace metadata). */
export function readExperimentRun(value: unknown): ExperimentRun {
  const o = asObject(value);
  return {
    id: str(o, 'id'), example_id: optStr(o, 'example_id'), output: o.output ?? null, error: optStr(o, 'error'), annotations: o.annotations ?? null,
    columns: rest(o, ['id', 'example_id', 'output', 'error', 'annotations']),
  };
}

/** An AI integration, with missing keys as null or empty. */
export function readAiIntegration(value: unknown): AiIntegration {
  const o = asObject(value);
  return {
    id: str(o, 'id'), name: str(o, 'name'), provider: str(o, 'provider'), has_api_key: o.has_api_key === true, base_url: optStr(o, 'base_url'),
    model_names: strings(o, 'model_names'), enable_default_models: o.enable_default_models === true, function_calling_enabled: o.function_calling_enabled === true,
    auth_type: str(o, 'auth_type'), scopings: Array.isArray(o.scopings) ? o.scopings : [],
    created_at: str(o, 'created_at'), updated_at: str(o, 'updated_at'), created_by_user_id: optStr(o, 'created_by_user_id'),
  };
}

/** An integration of either type; an unknown type is told to `sink`. */
export function readIntegration(value: unknown, sink: UnknownValueSink): Integration {
  const o = asObject(value);
  return {
    id: str(o, 'id'), type: readEnum(INTEGRATION_TYPES, o.type, 'Integration.type', sink), name: str(o, 'name'),
    scopings: Array.isArray(o.scopings) ? o.scopings : [], config: optObject(o, 'config') ?? {},
    created_at: str(o, 'created_at'), updated_at: str(o, 'updated_at'), created_by_user_id: optStr(o, 'created_by_user_id'),
  };
}

/**
 * The data scope a version evaluates (`SPAN`, `TRACE` or `SESSION`): its
 * config's `data_granularity`, upper-cased; null, absent, or a version with
 * no config (`HARNESS`, `REMOTE`, kinds this gateway does not know) counts as
 * `SPAN`, as the upstream's same-scope rule reads it.
 */
export function dataScopeOf(version: Pick<EvaluatorVersion, 'template_config' | 'code_config'>): string {
  const granularity = (version.template_config ?? version.code_config)?.data_granularity;
  return typeof granularity === 'string' && granularity !== '' ? granularity.toUpperCase() : 'SPAN';
}
