/**
 * The upstream's own input rules, checked before any upstream call, and the
 * translation of GraphQL inputs into upstream request bodies. Each function
 * throws BAD_USER_INPUT naming the field and the rule.
 */
import { badUserInput } from '../schema/errors.ts';
import type { CreateTaskBody, Task, TaskEvaluatorBody, TaskType, TriggerRunBody, UpdateTaskBody } from '../upstream/types.ts';
import { expectIdKind } from './ids.ts';

type Maybe<T> = T | null | undefined;

export interface ColumnMappingInput { variable: string; column: string }
export interface TaskEvaluatorInput { evaluatorId: string; queryFilter?: Maybe<string>; columnMappings?: Maybe<ColumnMappingInput[]> }

export interface CreateTaskInput {
  name: string;
  type: TaskType;
  evaluators: TaskEvaluatorInput[];
  project?: Maybe<string>;
  dataset?: Maybe<string>;
  space?: Maybe<string>;
  experimentIds?: Maybe<string[]>;
  samplingRate?: Maybe<number>;
  isContinuous?: Maybe<boolean>;
  queryFilter?: Maybe<string>;
}

export interface UpdateTaskInput {
  name?: Maybe<string>;
  samplingRate?: Maybe<number>;
  isContinuous?: Maybe<boolean>;
  queryFilter?: Maybe<string>;
  evaluators?: Maybe<TaskEvaluatorInput[]>;
}

export interface TriggerTaskRunInput {
  dataStartTime?: Maybe<string>;
  dataEndTime?: Maybe<string>;
  maxSpans?: Maybe<number>;
  overrideEvaluations?: Maybe<boolean>;
  experimentIds?: Maybe<string[]>;
}

const fail = (field: string, message: string) => badUserInput(`\`${field}\`: ${message}`, { field });
const given = <T>(value: Maybe<T>): value is T => value !== null && value !== undefined;

function checkName(name: string, field = 'input.name'): string {
  if (name.trim() === '') throw fail(field, 'a task name must not be empty.');
  return name;
}

function checkSamplingRate(rate: number, field = 'input.samplingRate'): number {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw fail(field, `the sampling rate must be between 0 and 1 (got ${rate}).`);
  return rate;
}

function checkExperimentIds(ids: string[], field = 'input.experimentIds'): string[] {
  ids.forEach((id, i) => expectIdKind(id, 'Experiment', `${field}[${i}]`));
  if (new Set(ids).size !== ids.length) throw fail(field, 'an experiment id is given twice.');
  return ids;
}

/** At least one evaluator, no evaluator id twice, no template variable mapped twice. */
function evaluatorBodies(evaluators: TaskEvaluatorInput[], field = 'input.evaluators'): TaskEvaluatorBody[] {
  if (evaluators.length === 0) throw fail(field, 'at least one evaluator is required.');
  const seen = new Set<string>();
  return evaluators.map((evaluator, i) => {
    const id = expectIdKind(evaluator.evaluatorId, 'Evaluator', `${field}[${i}].evaluatorId`);
    if (id.trim() === '') throw fail(`${field}[${i}].evaluatorId`, 'an evaluator id must not be empty.');
    if (seen.has(id)) throw fail(field, `evaluator ${JSON.stringify(id)} is given twice; each evaluator may appear once.`);
    seen.add(id);
    const body: TaskEvaluatorBody = { evaluator_id: id };
    if (given(evaluator.queryFilter)) body.query_filter = evaluator.queryFilter;
    if (given(evaluator.columnMappings)) {
      const mappings: Record<string, string> = {};
      for (const { variable, column } of evaluator.columnMappings) {
        if (variable in mappings) throw fail(`${field}[${i}].columnMappings`, `variable ${JSON.stringify(variable)} is mapped twice.`);
        mappings[variable] = column;
      }
      body.column_mappings = mappings;
    }
    return body;
  });
}

/**
 * The create rules that need no upstream call: exactly one of project and
 * dataset; experiments required for dataset tasks and refused for project
 * tasks; sampling rate 0..1 and only for project tasks; continuity given for
 * project tasks and never true for dataset tasks; evaluators. Returns the
 * upstream body, less the data source id (resolved by the caller).
 */
export function checkCreateTask(input: CreateTaskInput): { source: 'project' | 'dataset'; body: Omit<CreateTaskBody, 'project_id' | 'dataset_id'> } {
  checkName(input.name);
  const hasProject = given(input.project) && input.project !== '';
  const hasDataset = given(input.dataset) && input.dataset !== '';
  if (hasProject === hasDataset) {
    throw fail('input.project', 'give exactly one of `project` (a project-based task) or `dataset` (a dataset-based task).');
  }
  const experiments = input.experimentIds ?? [];
  if (hasDataset) {
    if (experiments.length === 0) throw fail('input.experimentIds', 'a dataset-based task needs at least one experiment id.');
    if (input.isContinuous === true) throw fail('input.isContinuous', 'a dataset-based task cannot be continuous.');
    if (given(input.samplingRate)) throw fail('input.samplingRate', 'a sampling rate applies to project-based tasks only.');
  } else {
    if (experiments.length > 0) throw fail('input.experimentIds', 'experiment ids apply to dataset-based tasks only.');
    if (!given(input.isContinuous)) throw fail('input.isContinuous', 'a project-based task needs `isContinuous` (true or false).');
  }
  if (given(input.samplingRate)) checkSamplingRate(input.samplingRate);
  checkExperimentIds(experiments);
  const body: Omit<CreateTaskBody, 'project_id' | 'dataset_id'> = { name: input.name, type: input.type, evaluators: evaluatorBodies(input.evaluators) };
  if (experiments.length > 0) body.experiment_ids = experiments;
  if (given(input.samplingRate)) body.sampling_rate = input.samplingRate;
  if (given(input.isContinuous)) body.is_continuous = input.isContinuous;
  if (given(input.queryFilter)) body.query_filter = input.queryFilter;
  return { source: hasProject ? 'project' : 'dataset', body };
}

/**
 * The update body: only what was given; `queryFilter: null` clears (sent as
 * JSON null); null for any other field, or no field at all, is refused.
 * graphql-js leaves absent fields out of the input object, so `in` tells
 * null from absent.
 */
export function updateBody(input: UpdateTaskInput): UpdateTaskBody {
  const body: UpdateTaskBody = {};
  for (const key of ['name', 'samplingRate', 'isContinuous', 'evaluators'] as const) {
    if (key in input && input[key] === null) {
      throw fail(`input.${key}`, 'null is not allowed here (only `queryFilter: null` clears a value); leave the field out to keep it.');
    }
  }
  if (given(input.name)) body.name = checkName(input.name);
  if (given(input.samplingRate)) body.sampling_rate = checkSamplingRate(input.samplingRate);
  if (given(input.isContinuous)) body.is_continuous = input.isContinuous;
  if ('queryFilter' in input && input.queryFilter !== undefined) body.query_filter = input.queryFilter;
  if (given(input.evaluators)) body.evaluators = evaluatorBodies(input.evaluators);
  if (Object.keys(body).length === 0) {
    throw fail('input', 'give at least one field to change: name, samplingRate, isContinuous, queryFilter or evaluators.');
  }
  return body;
}

/** The update rules that need the current task: sampling rate and continuity apply to project-based tasks only. */
export function checkUpdateAgainst(task: Task, body: UpdateTaskBody): void {
  if (task.project_id) return;
  if (body.sampling_rate !== undefined) throw fail('input.samplingRate', 'a sampling rate applies to project-based tasks only.');
  if (body.is_continuous !== undefined) throw fail('input.isContinuous', 'continuity applies to project-based tasks only.');
}

/** The trigger rule that needs the current task: experiment ids apply to dataset-based tasks only. */
export function checkTriggerAgainst(task: Task, body: TriggerRunBody): void {
  if (body.experiment_ids && !task.dataset_id) throw fail('input.experimentIds', 'experiment ids apply to dataset-based tasks only.');
}

/** The trigger body: a data window whose start is before its end (default now), a positive `maxSpans`. */
export function triggerBody(input: TriggerTaskRunInput, now = Date.now()): TriggerRunBody {
  const body: TriggerRunBody = {};
  if (given(input.dataStartTime)) body.data_start_time = input.dataStartTime;
  if (given(input.dataEndTime)) body.data_end_time = input.dataEndTime;
  if (body.data_start_time !== undefined) {
    const end = body.data_end_time !== undefined ? Date.parse(body.data_end_time) : now;
    if (Date.parse(body.data_start_time) >= end) {
      throw fail('input.dataStartTime', body.data_end_time !== undefined
        ? 'dataStartTime must be before dataEndTime.'
        : 'dataStartTime must be in the past (dataEndTime defaults to now).');
    }
  }
  if (given(input.maxSpans)) {
    if (!Number.isInteger(input.maxSpans) || input.maxSpans < 1) throw fail('input.maxSpans', `must be a positive integer (got ${input.maxSpans}).`);
    body.max_spans = input.maxSpans;
  }
  if (given(input.overrideEvaluations)) body.override_evaluations = input.overrideEvaluations;
  if (given(input.experimentIds) && input.experimentIds.length > 0) body.experiment_ids = checkExperimentIds(input.experimentIds);
  return body;
}

/** Wait arguments: positive, finite seconds. */
export function checkWait(pollIntervalSeconds: number, timeoutSeconds: number): { intervalMs: number; timeoutMs: number } {
  if (!Number.isFinite(pollIntervalSeconds) || pollIntervalSeconds <= 0) {
    throw fail('pollIntervalSeconds', `must be a positive number of seconds (got ${pollIntervalSeconds}).`);
  }
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw fail('timeoutSeconds', `must be a positive number of seconds (got ${timeoutSeconds}).`);
  }
  return { intervalMs: pollIntervalSeconds * 1000, timeoutMs: timeoutSeconds * 1000 };
}
