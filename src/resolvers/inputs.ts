/**
 * The upstream's own input rules, checked before any upstream call, and the
 * translation of GraphQL inputs into upstream request bodies. Each function
 * checks every rule of its input and throws all the broken ones at once
 * (BAD_USER_INPUT, one problem per rule, each naming its field), so a form
 * with four mistakes hears of four.
 */
import { InputCheck, badUserInput } from '../errors.ts';
import type { CreateEvaluationTaskBody, TaskEvaluatorBody, TriggerRunBody, UpdateTaskBody } from '../upstream/requests.ts';
import { UNKNOWN, type Task, type TaskType, type Unknown } from '../upstream/types.ts';
import { expectIdKind } from './id-args.ts';

type Maybe<T> = T | null | undefined;
/** A JSON argument's value: anything but null. */
type Json = NonNullable<unknown>;

/*
 * The GraphQL inputs, as TypeScript sees them. The schema declares each input
 * with `builder.inputRef<ThisType>()`, so Pothos checks that its fields match
 * these shapes: one declaration, no casts between parallel types.
 */

/** `ColumnMappingInput`. */
export interface ColumnMappingInput { variable: string; column: string }
/** `TaskEvaluatorInput`. */
export interface TaskEvaluatorInput {
  evaluatorId: string;
  evaluatorVersionId?: Maybe<string>;
  queryFilter?: Maybe<string>;
  columnMappings?: Maybe<ColumnMappingInput[]>;
  queryMappings?: Maybe<Json>;
}

/** Every mutation input's echo. */
interface WithClientMutationId { clientMutationId?: Maybe<string> }
/** A task by id, or by name within `space`. */
interface TaskArgument { task: string; space?: Maybe<string> }

/** `CreateTaskInput`. */
export interface CreateTaskInput extends WithClientMutationId {
  name: string;
  type: TaskType | Unknown;
  evaluators: TaskEvaluatorInput[];
  project?: Maybe<string>;
  dataset?: Maybe<string>;
  space?: Maybe<string>;
  experimentIds?: Maybe<string[]>;
  samplingRate?: Maybe<number>;
  isContinuous?: Maybe<boolean>;
  queryFilter?: Maybe<string>;
  queryFilters?: Maybe<Json>;
}

/** `LlmMessageInput`. */
export interface LlmMessageInput { role: string; content?: Maybe<string>; toolCallId?: Maybe<string>; toolCalls?: Maybe<Json> }
/** `LlmGenerationRunConfigInput`. */
export interface LlmGenerationRunConfigInput {
  aiIntegrationId: string; modelName?: Maybe<string>; messages: LlmMessageInput[]; inputVariableFormat: string;
  invocationParameters?: Maybe<Json>; providerParameters?: Maybe<Json>; toolConfig?: Maybe<Json>; promptVersionId?: Maybe<string>;
}
/** `TemplateEvaluationRunConfigInput`. */
export interface TemplateEvaluationRunConfigInput {
  aiIntegrationId: string; modelName?: Maybe<string>; template: string; provideExplanation: boolean; classificationChoices?: Maybe<Json>;
  columnMapping?: Maybe<Json>; evaluatorVersionId?: Maybe<string>; invocationParameters?: Maybe<Json>; providerParameters?: Maybe<Json>;
}
/** `AgentCallRunConfigInput`. */
export interface AgentCallRunConfigInput { integrationId: string; inputTemplate: Json }
/** `RunConfigurationInput` (`@oneOf`: GraphQL itself refuses none or two branches). */
export interface RunConfigurationInput {
  llmGeneration?: Maybe<LlmGenerationRunConfigInput>;
  templateEvaluation?: Maybe<TemplateEvaluationRunConfigInput>;
  agentCall?: Maybe<AgentCallRunConfigInput>;
}
/** `CreateRunExperimentTaskInput`. */
export interface CreateRunExperimentTaskInput extends WithClientMutationId {
  name: string; dataset: string; space?: Maybe<string>; runConfiguration: RunConfigurationInput;
}

/** `UpdateTaskInput`. */
export interface UpdateTaskInput extends TaskArgument, WithClientMutationId {
  runConfiguration?: Maybe<RunConfigurationInput>;
  name?: Maybe<string>;
  samplingRate?: Maybe<number>;
  isContinuous?: Maybe<boolean>;
  queryFilter?: Maybe<string>;
  queryFilters?: Maybe<Json>;
  evaluators?: Maybe<TaskEvaluatorInput[]>;
}

/** `DeleteTaskInput`. */
export interface DeleteTaskInput extends TaskArgument, WithClientMutationId {}

/** `CancelTaskRunInput`. */
export interface CancelTaskRunInput extends WithClientMutationId { runId: string }

/** `TriggerTaskRunInput`. */
export interface TriggerTaskRunInput extends TaskArgument, WithClientMutationId {
  dataStartTime?: Maybe<string>;
  dataEndTime?: Maybe<string>;
  maxSpans?: Maybe<number>;
  overrideEvaluations?: Maybe<boolean>;
  experimentIds?: Maybe<string[]>;
  experimentName?: Maybe<string>;
  datasetVersionId?: Maybe<string>;
  exampleIds?: Maybe<string[]>;
  maxExamples?: Maybe<number>;
  queryFilter?: Maybe<string>;
  tracingMetadata?: Maybe<Json>;
  evaluationTaskIds?: Maybe<string[]>;
}

/** Longest evaluation window the upstream accepts. */
const MAX_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

const fail = (field: string, message: string) => badUserInput(`\`${field}\`: ${message}`, { field });
/** Records a problem of `field` in `check`, worded as {@link fail} words it. */
const note = (check: InputCheck, field: string, message: string) => check.add(field, `\`${field}\`: ${message}`);
const given = <T>(value: Maybe<T>): value is T => value !== null && value !== undefined;

function checkName(name: string, field = 'input.name'): string {
  if (name.length === 0) throw fail(field, 'a task name must not be empty.');
  return name;
}

function checkSamplingRate(rate: number, field = 'input.samplingRate'): number {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw fail(field, `the sampling rate must be between 0 and 1 (got ${rate}).`);
  return rate;
}

function checkExperimentIds(ids: string[], field = 'input.experimentIds'): string[] {
  const check = new InputCheck();
  ids.forEach((id, i) => check.attempt(() => expectIdKind(id, 'Experiment', `${field}[${i}]`)));
  if (new Set(ids).size !== ids.length) note(check, field, 'an experiment id is given twice.');
  check.done();
  return ids;
}

/** At least one evaluator, no evaluator id twice, no template variable mapped twice; a pin only when given. */
function evaluatorBodies(evaluators: TaskEvaluatorInput[], field = 'input.evaluators'): TaskEvaluatorBody[] {
  const check = new InputCheck();
  if (evaluators.length === 0) note(check, field, 'at least one evaluator is required.');
  const seen = new Set<string>();
  const bodies = evaluators.map((evaluator, i) => {
    const at = `${field}[${i}]`;
    const id = check.attempt(() => expectIdKind(evaluator.evaluatorId, 'Evaluator', `${at}.evaluatorId`)) ?? evaluator.evaluatorId;
    if (id.trim() === '') note(check, `${at}.evaluatorId`, 'an evaluator id must not be empty.');
    else if (seen.has(id)) note(check, field, `evaluator ${JSON.stringify(id)} is given twice; each evaluator may appear once.`);
    seen.add(id);
    const body: TaskEvaluatorBody = { evaluator_id: id };
    if (given(evaluator.evaluatorVersionId)) {
      const versionField = `${at}.evaluatorVersionId`;
      if (evaluator.evaluatorVersionId.trim() === '') note(check, versionField, 'an evaluator version id must not be empty (leave it out to run the latest version).');
      else check.attempt(() => { body.evaluator_version_id = expectIdKind(evaluator.evaluatorVersionId!, 'EvaluatorVersion', versionField); });
    }
    if (given(evaluator.queryFilter)) body.query_filter = evaluator.queryFilter;
    if (given(evaluator.columnMappings)) {
      const mappings: Record<string, string> = {};
      for (const { variable, column } of evaluator.columnMappings) {
        if (variable in mappings) note(check, `${at}.columnMappings`, `variable ${JSON.stringify(variable)} is mapped twice.`);
        mappings[variable] = column;
      }
      body.column_mappings = mappings;
    }
    if (given(evaluator.queryMappings)) check.attempt(() => { body.query_mappings = jsonObject(evaluator.queryMappings, `${at}.queryMappings`); });
    return body;
  });
  check.done();
  return bodies;
}

/**
 * One filtering shape per task (`upstream-api.md`, "Span-level or
 * trace/session-level filtering"): span level (`queryFilter`, evaluators'
 * `columnMappings` and `queryFilter`) or trace/session level
 * (`queryFilters`, evaluators' `queryMappings`), never both in one input. A
 * value cleared with null counts as neither (an update that switches shapes
 * clears one side and sets the other). The field named is `queryFilters`
 * when the task-level trace filters take part, else `evaluators`.
 */
function checkOneShape(check: InputCheck, queryFilter: unknown, queryFilters: unknown, evaluators: TaskEvaluatorBody[] | undefined): void {
  const spanParts = [
    ...(queryFilter !== null && queryFilter !== undefined ? ['queryFilter'] : []),
    ...((evaluators ?? []).some((e) => e.column_mappings !== undefined) ? ['evaluators\' columnMappings'] : []),
    ...((evaluators ?? []).some((e) => e.query_filter !== undefined) ? ['evaluators\' queryFilter'] : []),
  ];
  const traceParts = [
    ...(queryFilters !== null && queryFilters !== undefined ? ['queryFilters'] : []),
    ...((evaluators ?? []).some((e) => e.query_mappings !== undefined) ? ['evaluators\' queryMappings'] : []),
  ];
  if (spanParts.length === 0 || traceParts.length === 0) return;
  note(check, traceParts[0] === 'queryFilters' ? 'queryFilters' : 'evaluators',
    `a task filters either per span (queryFilter, evaluators' columnMappings and queryFilter) or per trace/session (queryFilters, evaluators' queryMappings), ` +
    `never both: this input sets ${traceParts.join(' and ')} together with ${spanParts.join(' and ')}.`);
}

/**
 * The create rules that need no upstream call: an evaluation type; exactly
 * one of project and dataset; experiments required for dataset tasks and
 * refused for project tasks; sampling rate 0..1 and only for project tasks;
 * continuity never true for dataset tasks (optional for project tasks, sent
 * only when given); evaluators. Returns the upstream body, less the data
 * source id (resolved by the caller). The one-custom-code-evaluator rule
 * needs the evaluators' code and is the upstream's to enforce.
 */
export function checkCreateTask(input: CreateTaskInput): { source: 'project' | 'dataset'; body: Omit<CreateEvaluationTaskBody, 'project_id' | 'dataset_id'> } {
  const check = new InputCheck();
  if (input.type === 'RUN_EXPERIMENT') {
    note(check, 'input.type', 'RUN_EXPERIMENT tasks are created with the `createRunExperimentTask` mutation; `createTask` makes TEMPLATE_EVALUATION and CODE_EVALUATION tasks.');
  } else if (input.type === UNKNOWN) {
    note(check, 'input.type', 'UNKNOWN only reports a type this gateway does not know; create TEMPLATE_EVALUATION or CODE_EVALUATION tasks.');
  }
  check.attempt(() => checkName(input.name));
  const hasProject = given(input.project) && input.project !== '';
  const hasDataset = given(input.dataset) && input.dataset !== '';
  if (hasProject === hasDataset) {
    note(check, 'input.project', 'give exactly one of `project` (a project-based task) or `dataset` (a dataset-based task).');
  }
  const experiments = input.experimentIds ?? [];
  if (hasProject === hasDataset) {
    // which kind of task is meant is unclear: only the rules of both kinds
    if (given(input.samplingRate)) check.attempt(() => checkSamplingRate(input.samplingRate!));
  } else if (hasDataset) {
    if (experiments.length === 0) note(check, 'input.experimentIds', 'a dataset-based task needs at least one experiment id.');
    if (input.isContinuous === true) note(check, 'input.isContinuous', 'a dataset-based task cannot be continuous.');
    if (given(input.samplingRate)) note(check, 'input.samplingRate', 'a sampling rate applies to project-based tasks only.');
  } else {
    if (experiments.length > 0) note(check, 'input.experimentIds', 'experiment ids apply to dataset-based tasks only.');
    if (given(input.samplingRate)) check.attempt(() => checkSamplingRate(input.samplingRate!));
  }
  check.attempt(() => checkExperimentIds(experiments));
  const evaluators = check.attempt(() => evaluatorBodies(input.evaluators));
  const queryFilters = given(input.queryFilters) ? check.attempt(() => jsonObject(input.queryFilters, 'input.queryFilters')) : undefined;
  if (evaluators) checkOneShape(check, input.queryFilter, queryFilters, evaluators);
  check.done();
  const body: Omit<CreateEvaluationTaskBody, 'project_id' | 'dataset_id'> = { name: input.name, type: input.type as CreateEvaluationTaskBody['type'], evaluators: evaluators! };
  if (experiments.length > 0) body.experiment_ids = experiments;
  if (given(input.samplingRate)) body.sampling_rate = input.samplingRate;
  if (given(input.isContinuous)) body.is_continuous = input.isContinuous;
  if (given(input.queryFilter)) body.query_filter = input.queryFilter;
  if (queryFilters !== undefined) body.query_filters = queryFilters;
  return { source: hasProject ? 'project' : 'dataset', body };
}

/**
 * The update body: only what was given; `queryFilter: null` and
 * `queryFilters: null` clear (sent as JSON null); null for any other field,
 * or no field at all, is refused. graphql-js leaves absent fields out of the
 * input object, so `in` tells null from absent. The input itself uses one
 * filtering shape; a clash with what the stored task holds is the upstream's
 * to refuse.
 */
export function updateBody(input: UpdateTaskInput): UpdateTaskBody {
  const check = new InputCheck();
  const body: UpdateTaskBody = {};
  for (const key of ['name', 'samplingRate', 'isContinuous', 'evaluators', 'runConfiguration'] as const) {
    if (key in input && input[key] === null) {
      note(check, `input.${key}`, 'null is not allowed here (only `queryFilter: null` and `queryFilters: null` clear a value); leave the field out to keep it.');
    }
  }
  if (given(input.name)) check.attempt(() => { body.name = checkName(input.name!); });
  if (given(input.samplingRate)) check.attempt(() => { body.sampling_rate = checkSamplingRate(input.samplingRate!); });
  if (given(input.isContinuous)) body.is_continuous = input.isContinuous;
  if ('queryFilter' in input && input.queryFilter !== undefined) body.query_filter = input.queryFilter;
  if ('queryFilters' in input && input.queryFilters !== undefined) {
    if (input.queryFilters === null) body.query_filters = null;
    else check.attempt(() => { body.query_filters = jsonObject(input.queryFilters, 'input.queryFilters'); });
  }
  if (given(input.evaluators)) check.attempt(() => { body.evaluators = evaluatorBodies(input.evaluators!); });
  if (given(input.runConfiguration)) check.attempt(() => { body.run_configuration = runConfigurationBody(input.runConfiguration!, 'input.runConfiguration'); });
  if (check.ok) checkOneShape(check, body.query_filter, body.query_filters, body.evaluators);
  if (check.ok && Object.keys(body).length === 0) {
    note(check, 'input', 'give at least one field to change: name, samplingRate, isContinuous, queryFilter, queryFilters, evaluators or runConfiguration.');
  }
  check.done();
  return body;
}

const UPDATE_FIELDS: Record<keyof UpdateTaskBody, string> = {
  name: 'name', sampling_rate: 'samplingRate', is_continuous: 'isContinuous', query_filter: 'queryFilter',
  query_filters: 'queryFilters', evaluators: 'evaluators', run_configuration: 'runConfiguration',
};

/**
 * The update rules that need the stored task, picked by its type as the
 * upstream does: a RUN_EXPERIMENT task takes only `name` and
 * `runConfiguration`; an evaluation task takes no `runConfiguration`, and
 * sampling rate and continuity only when it is project-based. A task of a
 * type this gateway does not know is left to the upstream's rules.
 */
export function checkUpdateAgainst(task: Task, body: UpdateTaskBody): void {
  if (task.type === UNKNOWN) return;
  const check = new InputCheck();
  const present = (Object.keys(body) as Array<keyof UpdateTaskBody>);
  if (task.type === 'RUN_EXPERIMENT') {
    for (const wrong of present.filter((key) => key !== 'name' && key !== 'run_configuration')) {
      note(check, `input.${UPDATE_FIELDS[wrong]}`, 'applies to evaluation tasks only; a RUN_EXPERIMENT task takes `name` and `runConfiguration`.');
    }
  } else {
    if (body.run_configuration !== undefined) note(check, 'input.runConfiguration', 'applies to RUN_EXPERIMENT tasks only.');
    if (!task.project_id) {
      if (body.sampling_rate !== undefined) note(check, 'input.samplingRate', 'a sampling rate applies to project-based tasks only.');
      if (body.is_continuous !== undefined) note(check, 'input.isContinuous', 'continuity applies to project-based tasks only.');
    }
  }
  check.done();
}

const EXPERIMENT_TRIGGER_FIELDS: Array<[keyof TriggerRunBody, string]> = [
  ['experiment_name', 'experimentName'], ['dataset_version_id', 'datasetVersionId'], ['example_ids', 'exampleIds'],
  ['max_examples', 'maxExamples'], ['query_filter', 'queryFilter'], ['tracing_metadata', 'tracingMetadata'], ['evaluation_task_ids', 'evaluationTaskIds'],
];

const EVALUATION_TRIGGER_FIELDS: Array<[keyof TriggerRunBody, string]> = [
  ['data_start_time', 'dataStartTime'], ['data_end_time', 'dataEndTime'], ['max_spans', 'maxSpans'],
  ['override_evaluations', 'overrideEvaluations'], ['experiment_ids', 'experimentIds'],
];

/**
 * The trigger rules that need the stored task, picked by its type as the
 * upstream does. Evaluation tasks: the window applies to project-based tasks
 * only, needs a start on the task's first run (afterwards it defaults to the
 * last run time), and spans at most 30 days with the start before the end
 * (default now); experiment ids apply to dataset-based tasks only.
 * RUN_EXPERIMENT tasks take no evaluation field and need an experiment name.
 */
export function checkTriggerAgainst(task: Task, body: TriggerRunBody, now = Date.now()): void {
  if (task.type === UNKNOWN) return;
  const check = new InputCheck();
  if (task.type === 'RUN_EXPERIMENT') {
    for (const [key, name] of EVALUATION_TRIGGER_FIELDS) {
      if (body[key] !== undefined) note(check, `input.${name}`, 'applies to evaluation tasks only, not to a RUN_EXPERIMENT task.');
    }
    if (body.experiment_name === undefined) note(check, 'input.experimentName', 'a RUN_EXPERIMENT task needs an experiment name to run.');
    check.done();
    return;
  }
  for (const [key, name] of EXPERIMENT_TRIGGER_FIELDS) {
    if (body[key] !== undefined) note(check, `input.${name}`, 'applies to RUN_EXPERIMENT tasks only, not to an evaluation task.');
  }
  if (body.experiment_ids && !task.dataset_id) note(check, 'input.experimentIds', 'experiment ids apply to dataset-based tasks only.');
  if (!task.project_id) {
    if (body.data_start_time !== undefined) note(check, 'input.dataStartTime', 'a data window applies to project-based tasks only.');
    if (body.data_end_time !== undefined) note(check, 'input.dataEndTime', 'a data window applies to project-based tasks only.');
  } else if (body.data_start_time === undefined) { // a given start was checked by triggerBody
    if (task.last_run_at === null) {
      note(check, 'input.dataStartTime', 'this project-based task has never run: its first run needs a `dataStartTime` (later runs default to the last run time).');
    } else {
      const lastRun = task.last_run_at;
      check.attempt(() => checkWindow(lastRun, body.data_end_time, now, true));
    }
  }
  check.done();
}

/** Start before end (default now), and at most {@link MAX_WINDOW_DAYS} days apart. */
function checkWindow(start: string, end: string | undefined, now: number, startIsLastRun = false): void {
  const startMs = Date.parse(start);
  const endMs = end !== undefined ? Date.parse(end) : now;
  const field = startIsLastRun ? 'input.dataEndTime' : 'input.dataStartTime';
  const from = startIsLastRun ? `the last run time (${start}, the default start)` : 'dataStartTime';
  if (startMs >= endMs) {
    throw fail(field, end !== undefined ? `${from} must be before dataEndTime.` : `${from} must be in the past (dataEndTime defaults to now).`);
  }
  if (endMs - startMs > MAX_WINDOW_DAYS * DAY_MS) {
    const days = Math.ceil((endMs - startMs) / DAY_MS);
    throw fail(field, `the data window spans ${days} days, more than ${MAX_WINDOW_DAYS}: from ${from} to ${end !== undefined ? 'dataEndTime' : 'now'}. Give a window of at most ${MAX_WINDOW_DAYS} days.`);
  }
}

/**
 * The trigger body, with the rules that need no task: a given start before
 * the end (default now) and at most 30 days from it, a positive `maxSpans`,
 * experiment ids of the right kind.
 */
export function triggerBody(input: TriggerTaskRunInput, now = Date.now()): TriggerRunBody {
  const check = new InputCheck();
  const body: TriggerRunBody = {};
  if (given(input.dataStartTime)) body.data_start_time = input.dataStartTime;
  if (given(input.dataEndTime)) body.data_end_time = input.dataEndTime;
  if (body.data_start_time !== undefined) check.attempt(() => checkWindow(body.data_start_time!, body.data_end_time, now));
  if (given(input.maxSpans)) {
    if (!Number.isInteger(input.maxSpans) || input.maxSpans < 1) note(check, 'input.maxSpans', `must be a positive integer (got ${input.maxSpans}).`);
    body.max_spans = input.maxSpans;
  }
  if (given(input.overrideEvaluations)) body.override_evaluations = input.overrideEvaluations;
  if (given(input.experimentIds) && input.experimentIds.length > 0) {
    body.experiment_ids = input.experimentIds;
    check.attempt(() => checkExperimentIds(input.experimentIds!));
  }
  const experiment = check.attempt(() => experimentTriggerFields(input));
  check.done();
  return Object.assign(body, experiment);
}

/** Longest `timeoutSeconds` of `waitForTaskRun` (an hour; use `runStatus` to watch longer). */
export const MAX_WAIT_SECONDS = 3600;
/** Longest `pollIntervalSeconds` of `waitForTaskRun`. */
export const MAX_POLL_INTERVAL_SECONDS = 600;

/** Wait arguments: positive, finite seconds, at most the bounds above. */
export function checkWait(pollIntervalSeconds: number, timeoutSeconds: number): { intervalMs: number; timeoutMs: number } {
  const check = new InputCheck();
  if (!Number.isFinite(pollIntervalSeconds) || pollIntervalSeconds <= 0 || pollIntervalSeconds > MAX_POLL_INTERVAL_SECONDS) {
    note(check, 'pollIntervalSeconds', `must be a number of seconds above 0 and at most ${MAX_POLL_INTERVAL_SECONDS} (got ${pollIntervalSeconds}).`);
  }
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > MAX_WAIT_SECONDS) {
    note(check, 'timeoutSeconds', `must be a number of seconds above 0 and at most ${MAX_WAIT_SECONDS} (got ${timeoutSeconds}); watch longer runs with runStatus.`);
  }
  check.done();
  return { intervalMs: pollIntervalSeconds * 1000, timeoutMs: timeoutSeconds * 1000 };
}

/** A filter argument's value, refusing `UNKNOWN` (it names no value the upstream knows). */
export function knownFilter<T extends string>(value: T | Unknown | null | undefined, argument: string): T | undefined {
  if (value === UNKNOWN) throw badUserInput(`\`${argument}\`: UNKNOWN only reports values this gateway does not know; it cannot be used as a filter.`, { argument });
  return value ?? undefined;
}

/** A JSON argument that must be an object (an open upstream object). */
function jsonObject(value: unknown, field: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw fail(field, 'must be a JSON object.');
  return value as Record<string, unknown>;
}

/** A JSON argument that must map strings to values of one kind. */
function jsonMap<T>(value: unknown, field: string, kind: 'string' | 'number'): Record<string, T> {
  const map = jsonObject(value, field);
  const check = new InputCheck();
  for (const [key, v] of Object.entries(map)) if (typeof v !== kind) note(check, `${field}.${key}`, `must be a ${kind}.`);
  check.done();
  return map as Record<string, T>;
}

const refuseUnknown = (check: InputCheck, value: string, field: string) => {
  if (value === UNKNOWN) note(check, field, 'UNKNOWN only reports values this gateway does not know; pick a value.');
  return value;
};

/**
 * The upstream `run_configuration` for one `@oneOf` branch, with the
 * upstream's own rules (at least one message, a non-empty template, known
 * formats and roles, objects where the API takes open objects), fields in
 * snake_case and only what was given.
 */
export function runConfigurationBody(input: RunConfigurationInput, field: string): Record<string, unknown> {
  const check = new InputCheck();
  const put = (body: Record<string, unknown>, key: string, value: unknown) => { if (value !== undefined && value !== null) body[key] = value; };
  /** Sets `key` to `read()` when `value` is given, recording a problem `read` throws. */
  const putChecked = (body: Record<string, unknown>, key: string, value: unknown, read: () => unknown) => {
    if (given(value)) check.attempt(() => { body[key] = read(); });
  };
  let body: Record<string, unknown>;
  if (given(input.llmGeneration)) {
    const c = input.llmGeneration;
    const at = `${field}.llmGeneration`;
    if (c.messages.length === 0) note(check, `${at}.messages`, 'at least one message is required.');
    body = {
      experiment_type: 'LLM_GENERATION', ai_integration_id: c.aiIntegrationId,
      messages: c.messages.map((m, i) => {
        const message: Record<string, unknown> = { role: refuseUnknown(check, m.role, `${at}.messages[${i}].role`) };
        put(message, 'content', m.content);
        put(message, 'tool_call_id', m.toolCallId);
        if (given(m.toolCalls)) {
          if (!Array.isArray(m.toolCalls)) note(check, `${at}.messages[${i}].toolCalls`, 'must be a JSON list of tool calls.');
          message.tool_calls = m.toolCalls;
        }
        return message;
      }),
      input_variable_format: refuseUnknown(check, c.inputVariableFormat, `${at}.inputVariableFormat`),
    };
    put(body, 'model_name', c.modelName);
    putChecked(body, 'invocation_parameters', c.invocationParameters, () => jsonObject(c.invocationParameters, `${at}.invocationParameters`));
    putChecked(body, 'provider_parameters', c.providerParameters, () => jsonObject(c.providerParameters, `${at}.providerParameters`));
    putChecked(body, 'tool_config', c.toolConfig, () => jsonObject(c.toolConfig, `${at}.toolConfig`));
    put(body, 'prompt_version_id', c.promptVersionId);
  } else if (given(input.templateEvaluation)) {
    const c = input.templateEvaluation;
    const at = `${field}.templateEvaluation`;
    if (c.template.length === 0) note(check, `${at}.template`, 'the template must not be empty.');
    body = { experiment_type: 'TEMPLATE_EVALUATION', ai_integration_id: c.aiIntegrationId, template: c.template, provide_explanation: c.provideExplanation };
    put(body, 'model_name', c.modelName);
    putChecked(body, 'classification_choices', c.classificationChoices, () => jsonMap<number>(c.classificationChoices, `${at}.classificationChoices`, 'number'));
    putChecked(body, 'column_mapping', c.columnMapping, () => jsonMap<string>(c.columnMapping, `${at}.columnMapping`, 'string'));
    putChecked(body, 'evaluator_version_id', c.evaluatorVersionId, () => expectIdKind(c.evaluatorVersionId!, 'EvaluatorVersion', `${at}.evaluatorVersionId`));
    putChecked(body, 'invocation_parameters', c.invocationParameters, () => jsonObject(c.invocationParameters, `${at}.invocationParameters`));
    putChecked(body, 'provider_parameters', c.providerParameters, () => jsonObject(c.providerParameters, `${at}.providerParameters`));
  } else if (given(input.agentCall)) {
    const c = input.agentCall;
    body = { experiment_type: 'AGENT_CALL', integration_id: c.integrationId };
    check.attempt(() => { body.input_template = jsonObject(c.inputTemplate, `${field}.agentCall.inputTemplate`); });
  } else {
    throw fail(field, 'give one of llmGeneration, templateEvaluation or agentCall.');
  }
  check.done();
  return body;
}

/** The RUN_EXPERIMENT create checks that need no call: a name, and a run configuration. */
export function checkCreateRunExperimentTask(input: CreateRunExperimentTaskInput): { name: string; run_configuration: Record<string, unknown> } {
  const check = new InputCheck();
  check.attempt(() => checkName(input.name));
  const runConfiguration = check.attempt(() => runConfigurationBody(input.runConfiguration, 'input.runConfiguration'));
  check.done();
  return { name: input.name, run_configuration: runConfiguration! };
}

/**
 * The RUN_EXPERIMENT trigger fields, checked: a non-empty experiment name,
 * `exampleIds` xor `maxExamples` (at least 1), a non-empty `queryFilter`
 * (sent as `query_filter`: the run covers the examples that match, with
 * `exampleIds` their intersection), string metadata.
 */
function experimentTriggerFields(input: TriggerTaskRunInput): Partial<TriggerRunBody> {
  const check = new InputCheck();
  const body: Partial<TriggerRunBody> = {};
  if (given(input.experimentName)) {
    if (input.experimentName.length === 0) note(check, 'input.experimentName', 'the experiment name must not be empty.');
    body.experiment_name = input.experimentName;
  }
  if (given(input.datasetVersionId)) {
    check.attempt(() => { body.dataset_version_id = expectIdKind(input.datasetVersionId!, 'DatasetVersion', 'input.datasetVersionId'); });
  }
  if (given(input.exampleIds) && given(input.maxExamples)) note(check, 'input.exampleIds', 'give `exampleIds` or `maxExamples`, not both.');
  if (given(input.exampleIds)) {
    if (input.exampleIds.length === 0) note(check, 'input.exampleIds', 'give at least one example id, or leave it out to run every example.');
    body.example_ids = input.exampleIds;
  }
  if (given(input.maxExamples)) {
    if (!Number.isInteger(input.maxExamples) || input.maxExamples < 1) note(check, 'input.maxExamples', `must be a positive integer (got ${input.maxExamples}).`);
    body.max_examples = input.maxExamples;
  }
  if (given(input.queryFilter)) {
    if (input.queryFilter.trim() === '') note(check, 'input.queryFilter', 'the filter must not be empty (leave it out to run every chosen example).');
    body.query_filter = input.queryFilter;
  }
  if (given(input.tracingMetadata)) {
    check.attempt(() => { body.tracing_metadata = jsonMap<string>(input.tracingMetadata, 'input.tracingMetadata', 'string'); });
  }
  if (given(input.evaluationTaskIds)) {
    body.evaluation_task_ids = input.evaluationTaskIds;
    input.evaluationTaskIds.forEach((id, i) => check.attempt(() => expectIdKind(id, 'Task', `input.evaluationTaskIds[${i}]`)));
  }
  check.done();
  return body;
}
