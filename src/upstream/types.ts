/**
 * Wire types of Arize's REST API v2, exactly as it sends and receives them
 * (snake_case, nullable where the API says so). See `../shared/upstream-api.md`
 * and `../shared/arize-tasks-openapi.yaml`. The rename to camelCase happens in
 * the GraphQL field definitions and nowhere else.
 */

export const TASK_TYPES = ['template_evaluation', 'code_evaluation'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const RUN_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

/** True for `completed`, `failed` and `cancelled`. */
export function isTerminalStatus(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}

export interface Pagination {
  has_more: boolean;
  /** Present only when `has_more` is true. */
  next_cursor?: string;
}

export interface TaskEvaluator {
  evaluator_id: string;
  evaluator_name: string;
  query_filter: string | null;
  column_mappings: Record<string, string> | null;
}

export interface Task {
  id: string;
  name: string;
  type: TaskType;
  project_id?: string | null;
  dataset_id?: string | null;
  sampling_rate?: number | null;
  is_continuous: boolean;
  query_filter: string | null;
  evaluators: TaskEvaluator[];
  experiment_ids: string[];
  last_run_at: string | null;
  created_at: string;
  updated_at: string;
  created_by_user_id: string | null;
}

export interface TaskRun {
  id: string;
  task_id: string;
  status: RunStatus;
  run_started_at: string | null;
  run_finished_at: string | null;
  data_start_time: string | null;
  data_end_time: string | null;
  num_successes: number;
  num_errors: number;
  num_skipped: number;
  created_at: string;
  created_by_user_id: string | null;
}

export interface Space {
  id: string;
  name: string;
  description: string | null;
  created_at: string;
}

export interface Project {
  id: string;
  name: string;
  space_id: string;
  created_at: string;
}

export interface DatasetVersion {
  id: string;
  name: string;
  dataset_id: string;
  created_at: string;
  updated_at: string;
}

export interface Dataset {
  id: string;
  name: string;
  space_id: string;
  created_at: string;
  updated_at: string;
  /** Included by `GET /v2/datasets/{id}`, not by the list. */
  versions?: DatasetVersion[];
}

export interface Experiment {
  id: string;
  name: string;
  dataset_id: string;
  dataset_version_id: string;
  created_at: string;
  updated_at: string;
  experiment_traces_project_id?: string;
}

export interface Evaluator {
  id: string;
  name: string;
  description?: string | null;
  type: 'template' | 'code';
  space_id: string;
  created_at: string;
  updated_at: string;
  created_by_user_id: string | null;
}

export interface EvaluatorVersion {
  id: string;
  evaluator_id: string;
  commit_hash: string;
  commit_message: string | null;
  template_config: Record<string, unknown>;
  created_at: string;
  created_by_user_id: string | null;
}

export interface EvaluatorWithVersion extends Evaluator {
  version: EvaluatorVersion;
}

/** RFC 9457 problem details, as every non-2xx response carries them. */
export interface Problem {
  title: string;
  status: number;
  detail?: string;
  type?: string;
  instance?: string;
}

export interface TaskList { tasks: Task[]; pagination: Pagination }
export interface TaskRunList { task_runs: TaskRun[]; pagination: Pagination }
export interface SpaceList { spaces: Space[]; pagination: Pagination }
export interface ProjectList { projects: Project[]; pagination: Pagination }
export interface DatasetList { datasets: Dataset[]; pagination: Pagination }
export interface ExperimentList { experiments: Experiment[]; pagination: Pagination }
export interface EvaluatorList { evaluators: Evaluator[]; pagination: Pagination }

export interface PageParams {
  /** 1..100; the server's default is 50. */
  limit?: number;
  cursor?: string;
}

export interface ListTasksParams extends PageParams {
  space_id?: string;
  space_name?: string;
  name?: string;
  project_id?: string;
  dataset_id?: string;
  type?: TaskType;
}

export interface ListRunsParams extends PageParams {
  status?: RunStatus;
}

export interface ListSpacesParams extends PageParams {
  org_id?: string;
  name?: string;
}

export interface ListInSpaceParams extends PageParams {
  space_id?: string;
  space_name?: string;
  name?: string;
}

export interface ListExperimentsParams extends PageParams {
  dataset_id?: string;
  name?: string;
}

export interface TaskEvaluatorBody {
  evaluator_id: string;
  query_filter?: string;
  column_mappings?: Record<string, string>;
}

export interface CreateTaskBody {
  name: string;
  type: TaskType;
  evaluators: TaskEvaluatorBody[];
  project_id?: string;
  dataset_id?: string;
  experiment_ids?: string[];
  sampling_rate?: number;
  is_continuous?: boolean;
  query_filter?: string;
}

export interface UpdateTaskBody {
  name?: string;
  sampling_rate?: number;
  is_continuous?: boolean;
  /** An explicit `null` clears the filter. */
  query_filter?: string | null;
  evaluators?: TaskEvaluatorBody[];
}

export interface TriggerRunBody {
  data_start_time?: string;
  data_end_time?: string;
  max_spans?: number;
  override_evaluations?: boolean;
  experiment_ids?: string[];
}
