/**
 * The upstream's rules for tasks (`../shared/upstream-api.md`): create,
 * update and delete, with their status codes (input shape 400, unknown
 * referenced ids 404, duplicate names, the custom code evaluator, pinned
 * versions and one data scope per task 422).
 */
import type { TaskEvaluator, TaskType } from '../src/upstream/types.ts';
import { dataScopeOf } from '../src/upstream/wire-values.ts';
import { badRequest, invalid } from './problems.ts';
import {
  checkRunConfiguration, optionalBoolean, optionalObject, optionalRate, optionalString, optionalStringArray, refuseKeys, requireName, requireTaskType,
} from './readers.ts';
import type { Store, Task } from './store.ts';

type Body = Record<string, unknown>;
type NewTask = Omit<Task, 'id'>;

const ONE_CUSTOM_CODE_EVALUATOR = 'Only one custom code evaluator runs per task. Create one task per custom evaluator.';

/** `POST /v2/tasks`: the body's shape is picked by its `type`. */
export function createTask(store: Store, body: Body, userId: string | null): Task {
  refuseKeys(body, ['id', 'created_at', 'updated_at'], 'cannot be set on create');
  const name = requireName(body);
  const type = requireTaskType(body.type);
  const at = new Date(store.now()).toISOString();
  const stamps = { last_run_at: null, created_at: at, updated_at: at, created_by_user_id: userId };
  const task = type === 'RUN_EXPERIMENT' ? experimentTask(store, body, name, stamps) : evaluationTask(store, body, name, type, stamps);
  const { n, id } = store.newId('OnlineTask');
  const created: Task = { id, ...task };
  store.tasks.set(id, { n, value: created });
  return created;
}

type Stamps = Pick<Task, 'last_run_at' | 'created_at' | 'updated_at' | 'created_by_user_id'>;

function experimentTask(store: Store, body: Body, name: string, stamps: Stamps): NewTask {
  refuseKeys(body, ['project_id', 'evaluators', 'experiment_ids', 'sampling_rate', 'is_continuous', 'query_filter', 'query_filters'], 'must be omitted for a RUN_EXPERIMENT task');
  const datasetId = optionalString(body, 'dataset_id');
  if (datasetId === undefined) throw badRequest('dataset_id is required for a RUN_EXPERIMENT task');
  const spaceId = store.get(store.datasets, datasetId, 'dataset').space_id;
  const runConfiguration = runConfigurationOf(store, body.run_configuration);
  checkUniqueName(store, name, spaceId);
  return {
    name, type: 'RUN_EXPERIMENT', project_id: null, dataset_id: datasetId, sampling_rate: null, is_continuous: false, query_filter: null, query_filters: null,
    evaluators: [], experiment_ids: [], run_configuration: runConfiguration, ...stamps,
  };
}

function evaluationTask(store: Store, body: Body, name: string, type: TaskType, stamps: Stamps): NewTask {
  if ('run_configuration' in body) throw badRequest('run_configuration applies to RUN_EXPERIMENT tasks only');
  const evaluators = checkEvaluators(store, body.evaluators, type);
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
    spaceId = store.get(store.datasets, datasetId, 'dataset').space_id;
    if (!experimentIds || experimentIds.length === 0) {
      throw badRequest('experiment_ids must contain at least one entry for a dataset-based task');
    }
    if (isContinuous === true) throw badRequest('is_continuous must be false or omitted for a dataset-based task');
    if (samplingRate !== undefined) throw badRequest('sampling_rate is only supported on project-based tasks');
    checkExperiments(store, experimentIds, datasetId);
  } else {
    spaceId = store.get(store.projects, projectId ?? '', 'project').space_id;
    if (experimentIds && experimentIds.length > 0) {
      throw badRequest('experiment_ids must be omitted or empty for a project-based task');
    }
  }
  checkUniqueName(store, name, spaceId);
  const task: NewTask = {
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
    ...stamps,
  };
  checkOneShape(task);
  return task;
}

/** `PATCH /v2/tasks/{id}`: the shape is picked by the stored task's type; a key of the other type is 400. */
export function updateTask(store: Store, taskId: string, body: Body): Task {
  const task = store.get(store.tasks, taskId, 'task');
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
  const next = patched(store, task, body);
  if (!experimentTask) checkOneShape(next); // judged on the task as it would be after the patch
  next.updated_at = new Date(store.now()).toISOString();
  store.tasks.get(taskId)!.value = next;
  return next;
}

/** The task as `body` would leave it (each key checked against the task's kind). */
function patched(store: Store, task: Task, body: Body): Task {
  const next: Task = { ...task };
  if ('name' in body) {
    next.name = requireName(body);
    if (next.name !== task.name) checkUniqueName(store, next.name, store.spaceOf(task), task.id);
  }
  if ('run_configuration' in body) next.run_configuration = runConfigurationOf(store, body.run_configuration);
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
  if ('evaluators' in body) next.evaluators = checkEvaluators(store, body.evaluators, task.type);
  return next;
}

/** `DELETE /v2/tasks/{id}`: the task and its runs. */
export function deleteTask(store: Store, taskId: string): void {
  store.get(store.tasks, taskId, 'task');
  store.tasks.delete(taskId);
  for (const [id, run] of store.runs) {
    if (run.task_id !== taskId) continue;
    store.runs.delete(id);
    store.clock.forget(run);
  }
}

/** The run configuration rules, and the integrations it names exist (an `AGENT_CALL` one must be an AGENT integration). */
function runConfigurationOf(store: Store, value: unknown): Task['run_configuration'] {
  const config = checkRunConfiguration(value)!;
  if (typeof config.ai_integration_id === 'string') store.get(store.aiIntegrations, config.ai_integration_id, 'AI integration');
  if (typeof config.integration_id === 'string') {
    const integration = store.get(store.integrations, config.integration_id, 'integration');
    if (integration.type !== 'AGENT') throw badRequest(`integration '${integration.id}' is an ${integration.type} integration: AGENT_CALL needs an AGENT integration`);
  }
  return config;
}

/** A task's evaluators: each once, known, at most one custom code evaluator on a CODE_EVALUATION task, one data scope for all. */
function checkEvaluators(store: Store, value: unknown, taskType: TaskType | string): TaskEvaluator[] {
  if (!Array.isArray(value)) throw badRequest('evaluators must be an array with at least one evaluator');
  if (value.length === 0) throw badRequest('at least one evaluator is required');
  const seen = new Set<string>();
  const scopes: string[] = [];
  let customCode = 0;
  const evaluators = value.map((entry, index) => {
    const { evaluator, scope, custom } = attached(store, entry, index, seen);
    scopes.push(scope);
    if (custom) customCode += 1;
    return evaluator;
  });
  if (taskType === 'CODE_EVALUATION' && customCode > 1) throw invalid(ONE_CUSTOM_CODE_EVALUATOR);
  const distinct = new Set(scopes.map((s) => s.split(' ')[0]));
  if (distinct.size > 1) {
    throw invalid(`all evaluators on one task must evaluate the same data scope (SPAN, TRACE or SESSION); these evaluate ${scopes.join(', ')}`);
  }
  return evaluators;
}

/** One entry of `evaluators`: the evaluator as the task keeps it, its data scope and whether it is custom code. */
function attached(store: Store, entry: unknown, index: number, seen: Set<string>): { evaluator: TaskEvaluator; scope: string; custom: boolean } {
  if (!entry || typeof entry !== 'object') throw badRequest(`evaluators[${index}] must be an object`);
  const item = entry as Body;
  const evaluatorId = item.evaluator_id;
  if (typeof evaluatorId !== 'string' || evaluatorId === '') throw badRequest(`evaluators[${index}].evaluator_id is required`);
  if (seen.has(evaluatorId)) throw badRequest(`duplicate evaluator id '${evaluatorId}': each evaluator may appear once`);
  seen.add(evaluatorId);
  const evaluator = store.get(store.evaluators, evaluatorId, 'evaluator');
  const versionId = item.evaluator_version_id;
  if (versionId !== undefined && versionId !== null && typeof versionId !== 'string') {
    throw badRequest(`evaluators[${index}].evaluator_version_id must be a string or null`);
  }
  let version = evaluator.versions.at(-1);
  if (typeof versionId === 'string') {
    version = evaluator.versions.find((v) => v.id === versionId);
    if (!version) throw invalid(`evaluator_version_id '${versionId}' is not a version of evaluator '${evaluatorId}'`);
  }
  const custom = (version?.code_config as { type?: string } | null | undefined)?.type === 'CUSTOM';
  const scope = `${version ? dataScopeOf(version) : 'SPAN'} (${evaluator.name})`;
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
    custom, scope,
    evaluator: {
      evaluator_id: evaluatorId,
      evaluator_name: evaluator.name,
      evaluator_version_id: typeof versionId === 'string' ? versionId : null,
      query_filter: (queryFilter as string | undefined) ?? null,
      column_mappings: (mappings as Record<string, string> | undefined) ?? null,
      query_mappings: optionalObject(item, 'query_mappings', `evaluators[${index}].query_mappings`) ?? null,
    },
  };
}

/** Every experiment exists and belongs to the dataset. */
export function checkExperiments(store: Store, experimentIds: string[], datasetId: string): void {
  for (const experimentId of experimentIds) {
    const experiment = store.get(store.experiments, experimentId, 'experiment');
    if (experiment.dataset_id !== datasetId) {
      throw badRequest(`experiment '${experimentId}' does not belong to dataset '${datasetId}'`);
    }
  }
}

function checkUniqueName(store: Store, name: string, spaceId: string, exceptId?: string): void {
  for (const { value } of store.tasks.values()) {
    if (value.name === name && value.id !== exceptId && store.spaceOf(value) === spaceId) {
      throw invalid(`a task named '${name}' already exists in this space: task names are unique within a space`);
    }
  }
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
