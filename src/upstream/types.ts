/**
 * Arize's REST API v2 as the gateway reads and writes it: each wire type once,
 * as a tolerant schema (`tolerant.ts`) in snake_case, its TypeScript type
 * inferred from it; the queries and bodies the gateway sends as interfaces.
 * See `../shared/upstream-api.md` ("Compatibility") and
 * `../shared/arize-tasks-openapi.yaml`.
 *
 * Reading (`readWire(Schema, raw, sink)`): enum values in any case (servers
 * before mid-2026 send lowercase); a value this gateway does not know becomes
 * `UNKNOWN` and is told to the sink; unknown keys are dropped; a missing
 * optional key reads as null. Writing: today's uppercase values. The rename to
 * camelCase happens in the GraphQL field definitions and nowhere else.
 */
import {
  enumReader, flag, json, jsonList, list, map, num, objectWithColumns, optList, optNum, optRecord, optStr, record, str, stringMap, strings,
  tolerantEnum, tolerantObject, type Infer, type Schema, type Unknown,
} from './tolerant.ts';

export { UNKNOWN, type Unknown, type UnknownValueSink } from './tolerant.ts';

export {
  EVALUATOR_TYPES, EXPERIMENT_TYPES, INTEGRATION_TYPES, RUN_STATUSES, TASK_TYPES, dataScopeOf,
  type EvaluatorType, type ExperimentType, type IntegrationType, type RunStatus, type TaskType,
} from './wire-values.ts';
import { EVALUATOR_TYPES, EXPERIMENT_TYPES, INTEGRATION_TYPES, RUN_STATUSES, TASK_TYPES, type RunStatus } from './wire-values.ts';

const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** True for `COMPLETED`, `FAILED` and `CANCELLED` (already normalised); `UNKNOWN` is not terminal. */
export function isTerminalStatus(status: RunStatus | Unknown): boolean {
  return (TERMINAL_RUN_STATUSES as readonly string[]).includes(status);
}

/** `type` read as one of `known` (told to the sink as `field` when unknown), and kept as sent in `type_name`. */
function withTypeName<const T extends readonly string[]>(known: T, field: string) {
  const read = enumReader(known, field);
  return <O extends { type: string }>(o: O) => Object.assign(o, { type_name: o.type, type: read(o.type) });
}

/** A list's `pagination`: `has_more` only with a `next_cursor` to follow. */
export const Pagination = map(tolerantObject({ has_more: flag(), next_cursor: optStr() }), ({ has_more, next_cursor }) =>
  (has_more && next_cursor ? { has_more: true as const, next_cursor } : { has_more: false as const }));
export type Pagination = Infer<typeof Pagination>;

/** Every list the client returns: the items and the upstream's pagination. */
export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

/** A list answer: the items under `key`, each read with `item`, and its pagination. */
function pageOf<T>(key: string, item: Schema<T>): Schema<Page<T>> {
  const items = list(item);
  return (answer) => {
    const o: Record<string, unknown> = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
    return { items: items(o[key]), pagination: Pagination(o.pagination) };
  };
}

/** An evaluator as attached to a task. */
export const TaskEvaluator = tolerantObject({
  evaluator_id: str(),
  evaluator_name: optStr(),
  /** Null: not pinned, the latest version runs (also what servers before August 2026 mean by leaving it out). */
  evaluator_version_id: optStr(),
  query_filter: optStr(),
  column_mappings: stringMap(),
  /** Trace/session-level mappings, the JSON value exactly as received (null on span-level tasks and from servers before September 2026). */
  query_mappings: json(),
});
export type TaskEvaluator = Infer<typeof TaskEvaluator>;

const experimentType = enumReader(EXPERIMENT_TYPES, 'RunConfiguration.experiment_type');
/** A `RUN_EXPERIMENT` task's configuration: `experiment_type` and the variant's fields, flat, as sent. */
// copied by a spread, not Object.assign: an own `__proto__` key as sent stays a plain key, never the copy's prototype
export const RunConfiguration = map(optRecord(), (o) => (o ? Object.assign({ ...o }, { experiment_type: experimentType(o.experiment_type) }) : null));
export type RunConfiguration = NonNullable<Infer<typeof RunConfiguration>>;

/** A task as read (any dialect, normalised); `type_name` is `type` exactly as sent (`DECISION_JUDGE`, `template_evaluation`, ...). */
export const Task = map(tolerantObject({
  id: str(), name: str(), type: str(),
  project_id: optStr(), dataset_id: optStr(), sampling_rate: optNum(), is_continuous: flag(), query_filter: optStr(),
  /** Trace/session-level filters, the JSON value exactly as received (null on span-level tasks and from servers before September 2026). */
  query_filters: json(),
  evaluators: list(TaskEvaluator),
  experiment_ids: strings(),
  run_configuration: RunConfiguration,
  last_run_at: optStr(), created_at: str(), updated_at: str(), created_by_user_id: optStr(),
}), withTypeName(TASK_TYPES, 'Task.type'));
export type Task = Infer<typeof Task>;

/** A task run as read (any dialect, normalised). */
export const TaskRun = tolerantObject({
  id: str(), task_id: str(), status: tolerantEnum(RUN_STATUSES, 'TaskRun.status'),
  run_started_at: optStr(), run_finished_at: optStr(), data_start_time: optStr(), data_end_time: optStr(),
  num_successes: num(), num_errors: num(), num_skipped: num(), created_at: str(), created_by_user_id: optStr(),
  /** `RUN_EXPERIMENT` runs, once the experiment exists. */
  experiment_id: optStr(),
  /** Why the run failed or was cancelled. */
  failure_reason: optStr(),
});
export type TaskRun = Infer<typeof TaskRun>;

/** A space as read. */
export const Space = tolerantObject({ id: str(), name: str(), description: optStr(), created_at: str() });
export type Space = Infer<typeof Space>;

/** A project as read. */
export const Project = tolerantObject({ id: str(), name: str(), space_id: str(), created_at: str() });
export type Project = Infer<typeof Project>;

/** A dataset version as read. */
export const DatasetVersion = tolerantObject({ id: str(), name: str(), dataset_id: str(), created_at: str(), updated_at: str() });
export type DatasetVersion = Infer<typeof DatasetVersion>;

/** A dataset as read; `versions` is sent by `GET /v2/datasets/{id}`, not by the list (null when absent). */
export const Dataset = tolerantObject({ id: str(), name: str(), space_id: str(), created_at: str(), updated_at: str(), versions: optList(DatasetVersion) });
export type Dataset = Infer<typeof Dataset>;

/** An experiment as read. */
export const Experiment = tolerantObject({
  id: str(), name: str(),
  /** Null when the experiment is not tied to a dataset (since mid-2026). */
  dataset_id: optStr(),
  /** The space it belongs to; null from servers before August 2026, which did not send it. */
  space_id: optStr(),
  dataset_version_id: optStr(), integration_id: optStr(), created_at: str(), updated_at: str(),
});
export type Experiment = Infer<typeof Experiment>;

const evaluatorEntries = {
  id: str(), name: str(), description: optStr(), type: str(), space_id: str(), created_at: str(), updated_at: str(), created_by_user_id: optStr(),
};
const evaluatorType = withTypeName(EVALUATOR_TYPES, 'Evaluator.type');
/** An evaluator as read (lists carry no version); `type_name` is `type` exactly as sent. */
export const Evaluator = map(tolerantObject(evaluatorEntries), evaluatorType);
export type Evaluator = Infer<typeof Evaluator>;

const versionType = enumReader(EVALUATOR_TYPES, 'EvaluatorVersion.type');
/**
 * An evaluator version as read, its config by type. Servers before mid-2026
 * sent no `type` and always a `template_config`: the type is then taken from
 * which config is present.
 */
export const EvaluatorVersion = map(tolerantObject({
  id: str(), evaluator_id: str(), type: json(), commit_hash: str(), commit_message: optStr(), created_at: str(), created_by_user_id: optStr(),
  /** `TEMPLATE` versions. */
  template_config: optRecord(),
  /** `CODE` versions (`type` `MANAGED` or `CUSTOM` inside). */
  code_config: optRecord(),
}), (o) => Object.assign(o, {
  type: versionType(o.type ?? (o.template_config ? 'TEMPLATE' : o.code_config ? 'CODE' : undefined)),
}));
export type EvaluatorVersion = Infer<typeof EvaluatorVersion>;

/** An evaluator with one resolved version, as `GET /v2/evaluators/{id}` sends it. */
export const EvaluatorWithVersion = map(tolerantObject({
  ...evaluatorEntries,
  version: (sent: unknown) => (sent ? EvaluatorVersion(sent) : null),
}), evaluatorType);
export type EvaluatorWithVersion = Infer<typeof EvaluatorWithVersion>;

/** A dataset example: `id`, times, and the user's columns (every other key, kept as sent). */
export const DatasetExample = objectWithColumns({ id: str(), created_at: optStr(), updated_at: optStr() });
export type DatasetExample = Infer<typeof DatasetExample>;

/** An experiment run: one example's output or error, annotations, and every other column (evaluations, traces) as sent. */
export const ExperimentRun = objectWithColumns({
  id: str(),
  /** Null (or absent on the wire) when the experiment has no dataset. */
  example_id: optStr(),
  output: json(), error: optStr(), annotations: json(),
});
export type ExperimentRun = Infer<typeof ExperimentRun>;

/** An AI integration (an LLM provider a run configuration names by `ai_integration_id`). */
export const AiIntegration = tolerantObject({
  id: str(), name: str(), provider: str(), has_api_key: flag(), base_url: optStr(), model_names: strings(), enable_default_models: flag(),
  function_calling_enabled: flag(), auth_type: str(), scopings: jsonList(), created_at: str(), updated_at: str(), created_by_user_id: optStr(),
});
export type AiIntegration = Infer<typeof AiIntegration>;

/** An integration of either type; `config` is an open object (an LLM's provider settings, an agent's endpoint and schema). */
export const Integration = tolerantObject({
  id: str(), type: tolerantEnum(INTEGRATION_TYPES, 'Integration.type'), name: str(), scopings: jsonList(), config: record(),
  created_at: str(), updated_at: str(), created_by_user_id: optStr(),
});
export type Integration = Infer<typeof Integration>;

/** The list answers, each read as one {@link Page} (the items under the list's own key). */
export const TaskPage = pageOf('tasks', Task);
export const TaskRunPage = pageOf('task_runs', TaskRun);
export const SpacePage = pageOf('spaces', Space);
export const ProjectPage = pageOf('projects', Project);
export const DatasetPage = pageOf('datasets', Dataset);
export const ExperimentPage = pageOf('experiments', Experiment);
export const EvaluatorPage = pageOf('evaluators', Evaluator);
export const EvaluatorVersionPage = pageOf('evaluator_versions', EvaluatorVersion);
export const ExamplePage = pageOf('examples', DatasetExample);
export const ExperimentRunPage = pageOf('experiment_runs', ExperimentRun);
export const AiIntegrationPage = pageOf('ai_integrations', AiIntegration);
export const IntegrationPage = pageOf('integrations', Integration);

/** RFC 9457 problem details, as every non-2xx response carries them. */
export const Problem = tolerantObject({ title: optStr(), status: optNum(), detail: optStr(), type: optStr(), instance: optStr(), error_code: optStr() });
export type Problem = Infer<typeof Problem>;

