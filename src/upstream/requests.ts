/**
 * What the gateway sends to Arize's REST API v2: the query of each list and
 * the body of each write, snake_case, in today's uppercase values. Answers are
 * read with the schemas of `types.ts`.
 */
import type { IntegrationType, RunStatus, TaskType } from './types.ts';

/** The longest `name` a list's filter takes (the spec's `NameFilter`: maxLength 255); a longer one is answered 400. */
export const MAX_NAME_FILTER_LENGTH = 255;

/**
 * The length of `value` as the upstream counts it against a `maxLength`:
 * in characters (Unicode code points, as JSON Schema and Python's `len` count),
 * not UTF-16 code units (an emoji is one character, two units).
 */
export function characterCount(value: string): number {
  let pairs = 0;
  for (let i = 0; i < value.length - 1; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { pairs += 1; i += 1; }
    }
  }
  return value.length - pairs;
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
