/**
 * The upstream's own input rules, checked before any upstream call, and the
 * translation of GraphQL inputs into upstream request bodies. Each function
 * throws BAD_USER_INPUT naming the field and the rule.
 */
import { badUserInput } from '../errors.ts';
import {
  UNKNOWN, type CreateEvaluationTaskBody, type Task, type TaskEvaluatorBody, type TaskType, type TriggerRunBody, type Unknown,
  type UpdateTaskBody,
} from '../upstream/types.ts';
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
  tracingMetadata?: Maybe<Json>;
  evaluationTaskIds?: Maybe<string[]>;
}

/** Longest evaluation window the upstream accepts. */
const MAX_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

const fail = (field: string, message: string) => badUserInput(`\`${field}\`: ${message}`, { field });
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
  ids.forEach((id, i) => expectIdKind(id, 'Experiment', `${field}[${i}]`));
  if (new Set(ids).size !== ids.length) throw fail(field, 'an experiment id is given twice.');
  return ids;
}

/** At least one evaluator, no evaluator id twice, no template variable mapped twice; a pin only when given. */
function evaluatorBodies(evaluators: TaskEvaluatorInput[], field = 'input.evaluators'): TaskEvaluatorBody[] {
  if (evaluators.length === 0) throw fail(field, 'at least one evaluator is required.');
  const seen = new Set<string>();
  return evaluators.map((evaluator, i) => {
    const id = expectIdKind(evaluator.evaluatorId, 'Evaluator', `${field}[${i}].evaluatorId`);
    if (id.trim() === '') throw fail(`${field}[${i}].evaluatorId`, 'an evaluator id must not be empty.');
    if (seen.has(id)) throw fail(field, `evaluator ${JSON.stringify(id)} is given twice; each evaluator may appear once.`);
    seen.add(id);
    const body: TaskEvaluatorBody = { evaluator_id: id };
    if (given(evaluator.evaluatorVersionId)) {
      const versionField = `${field}[${i}].evaluatorVersionId`;
      if (evaluator.evaluatorVersionId.trim() === '') throw fail(versionField, 'an evaluator version id must not be empty (leave it out to run the latest version).');
      body.evaluator_version_id = expectIdKind(evaluator.evaluatorVersionId, 'EvaluatorVersion', versionField);
    }
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
 * The create rules that need no upstream call: an evaluation type; exactly
 * one of project and dataset; experiments required for dataset tasks and
 * refused for project tasks; sampling rate 0..1 and only for project tasks;
 * continuity never true for dataset tasks (optional for project tasks, sent
 * only when given); evaluators. Returns the upstream body, less the data
 * source id (resolved by the caller). The one-custom-code-evaluator rule
 * needs the evaluators' code and is the upstream's to enforce.
 */
export function checkCreateTask(input: CreateTaskInput): { source: 'project' | 'dataset'; body: Omit<CreateEvaluationTaskBody, 'project_id' | 'dataset_id'> } {
  if (input.type === 'RUN_EXPERIMENT') {
    throw fail('input.type', 'RUN_EXPERIMENT tasks are created with the `createRunExperimentTask` mutation; `createTask` makes TEMPLATE_EVALUATION and CODE_EVALUATION tasks.');
  }
  if (input.type === UNKNOWN) throw fail('input.type', 'UNKNOWN only reports a type this gateway does not know; create TEMPLATE_EVALUATION or CODE_EVALUATION tasks.');
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
  } else if (experiments.length > 0) {
    throw fail('input.experimentIds', 'experiment ids apply to dataset-based tasks only.');
  }
  if (given(input.samplingRate)) checkSamplingRate(input.samplingRate);
  checkExperimentIds(experiments);
  const body: Omit<CreateEvaluationTaskBody, 'project_id' | 'dataset_id'> = { name: input.name, type: input.type, evaluators: evaluatorBodies(input.evaluators) };
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
  for (const key of ['name', 'samplingRate', 'isContinuous', 'evaluators', 'runConfiguration'] as const) {
    if (key in input && input[key] === null) {
      throw fail(`input.${key}`, 'null is not allowed here (only `queryFilter: null` clears a value); leave the field out to keep it.');
    }
  }
  if (given(input.name)) body.name = checkName(input.name);
  if (given(input.samplingRate)) body.sampling_rate = checkSamplingRate(input.samplingRate);
  if (given(input.isContinuous)) body.is_continuous = input.isContinuous;
  if ('queryFilter' in input && input.queryFilter !== undefined) body.query_filter = input.queryFilter;
  if (given(input.evaluators)) body.evaluators = evaluatorBodies(input.evaluators);
  if (given(input.runConfiguration)) body.run_configuration = runConfigurationBody(input.runConfiguration, 'input.runConfiguration');
  if (Object.keys(body).length === 0) {
    throw fail('input', 'give at least one field to change: name, samplingRate, isContinuous, queryFilter, evaluators or runConfiguration.');
  }
  return body;
}

const UPDATE_FIELDS: Record<keyof UpdateTaskBody, string> = {
  name: 'name', sampling_rate: 'samplingRate', is_continuous: 'isContinuous', query_filter: 'queryFilter',
  evaluators: 'evaluators', run_configuration: 'runConfiguration',
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
  const present = (Object.keys(body) as Array<keyof UpdateTaskBody>);
  if (task.type === 'RUN_EXPERIMENT') {
    const wrong = present.find((key) => key !== 'name' && key !== 'run_configuration');
    if (wrong) throw fail(`input.${UPDATE_FIELDS[wrong]}`, 'applies to evaluation tasks only; a RUN_EXPERIMENT task takes `name` and `runConfiguration`.');
    return;
  }
  if (body.run_configuration !== undefined) throw fail('input.runConfiguration', 'applies to RUN_EXPERIMENT tasks only.');
  if (task.project_id) return;
  if (body.sampling_rate !== undefined) throw fail('input.samplingRate', 'a sampling rate applies to project-based tasks only.');
  if (body.is_continuous !== undefined) throw fail('input.isContinuous', 'continuity applies to project-based tasks only.');
}

const EXPERIMENT_TRIGGER_FIELDS: Array<[keyof TriggerRunBody, string]> = [
  ['experiment_name', 'experimentName'], ['dataset_version_id', 'datasetVersionId'], ['example_ids', 'exampleIds'],
  ['max_examples', 'maxExamples'], ['tracing_metadata', 'tracingMetadata'], ['evaluation_task_ids', 'evaluationTaskIds'],
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
  if (task.type === 'RUN_EXPERIMENT') {
    const wrong = EVALUATION_TRIGGER_FIELDS.find(([key]) => body[key] !== undefined);
    if (wrong) throw fail(`input.${wrong[1]}`, 'applies to evaluation tasks only, not to a RUN_EXPERIMENT task.');
    if (body.experiment_name === undefined) throw fail('input.experimentName', 'a RUN_EXPERIMENT task needs an experiment name to run.');
    return;
  }
  const experimentField = EXPERIMENT_TRIGGER_FIELDS.find(([key]) => body[key] !== undefined);
  if (experimentField) throw fail(`input.${experimentField[1]}`, 'applies to RUN_EXPERIMENT tasks only, not to an evaluation task.');
  if (body.experiment_ids && !task.dataset_id) throw fail('input.experimentIds', 'experiment ids apply to dataset-based tasks only.');
  if (!task.project_id) {
    if (body.data_start_time !== undefined) throw fail('input.dataStartTime', 'a data window applies to project-based tasks only.');
    if (body.data_end_time !== undefined) throw fail('input.dataEndTime', 'a data window applies to project-based tasks only.');
    return;
  }
  if (body.data_start_time !== undefined) return; // checked by triggerBody
  if (task.last_run_at === null) {
    throw fail('input.dataStartTime', 'this project-based task has never run: its first run needs a `dataStartTime` (later runs default to the last run time).');
  }
  checkWindow(task.last_run_at, body.data_end_time, now, true);
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
  const body: TriggerRunBody = {};
  if (given(input.dataStartTime)) body.data_start_time = input.dataStartTime;
  if (given(input.dataEndTime)) body.data_end_time = input.dataEndTime;
  if (body.data_start_time !== undefined) checkWindow(body.data_start_time, body.data_end_time, now);
  if (given(input.maxSpans)) {
    if (!Number.isInteger(input.maxSpans) || input.maxSpans < 1) throw fail('input.maxSpans', `must be a positive integer (got ${input.maxSpans}).`);
    body.max_spans = input.maxSpans;
  }
  if (given(input.overrideEvaluations)) body.override_evaluations = input.overrideEvaluations;
  if (given(input.experimentIds) && input.experimentIds.length > 0) body.experiment_ids = checkExperimentIds(input.experimentIds);
  Object.assign(body, experimentTriggerFields(input));
  return body;
}

/** Longest `timeoutSeconds` of `waitForTaskRun` (an hour; use `runStatus` to watch longer). */
export const MAX_WAIT_SECONDS = 3600;
/** Longest `pollIntervalSeconds` of `waitForTaskRun`. */
export const MAX_POLL_INTERVAL_SECONDS = 600;

/** Wait arguments: positive, finite seconds, at most the bounds above. */
export function checkWait(pollIntervalSeconds: number, timeoutSeconds: number): { intervalMs: number; timeoutMs: number } {
  if (!Number.isFinite(pollIntervalSeconds) || pollIntervalSeconds <= 0 || pollIntervalSeconds > MAX_POLL_INTERVAL_SECONDS) {
    throw fail('pollIntervalSeconds', `must be a number of seconds above 0 and at most ${MAX_POLL_INTERVAL_SECONDS} (got ${pollIntervalSeconds}).`);
  }
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > MAX_WAIT_SECONDS) {
    throw fail('timeoutSeconds', `must be a number of seconds above 0 and at most ${MAX_WAIT_SECONDS} (got ${timeoutSeconds}); watch longer runs with runStatus.`);
  }
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
  const wrong = Object.entries(map).find(([, v]) => typeof v !== kind);
  if (wrong) throw fail(`${field}.${wrong[0]}`, `must be a ${kind}.`);
  return map as Record<string, T>;
}

const REFUSED_UNKNOWN = (value: string, field: string) => {
  if (value === UNKNOWN) throw fail(field, 'UNKNOWN only reports values this gateway does not know; pick a value.');
  return value;
};

/**
 * The upstream `run_configuration` for one `@oneOf` branch, with the
 * upstream's own rules (at least one message, a non-empty template, known
 * formats and roles, objects where the API takes open objects), fields in
 * snake_case and only what was given.
 */
export function runConfigurationBody(input: RunConfigurationInput, field: string): Record<string, unknown> {
  const put = (body: Record<string, unknown>, key: string, value: unknown) => { if (value !== undefined && value !== null) body[key] = value; };
  if (given(input.llmGeneration)) {
    const c = input.llmGeneration;
    const at = `${field}.llmGeneration`;
    if (c.messages.length === 0) throw fail(`${at}.messages`, 'at least one message is required.');
    const body: Record<string, unknown> = {
      experiment_type: 'LLM_GENERATION', ai_integration_id: c.aiIntegrationId,
      messages: c.messages.map((m, i) => {
        const message: Record<string, unknown> = { role: REFUSED_UNKNOWN(m.role, `${at}.messages[${i}].role`) };
        put(message, 'content', m.content);
        put(message, 'tool_call_id', m.toolCallId);
        if (given(m.toolCalls)) {
          if (!Array.isArray(m.toolCalls)) throw fail(`${at}.messages[${i}].toolCalls`, 'must be a JSON list of tool calls.');
          message.tool_calls = m.toolCalls;
        }
        return message;
      }),
      input_variable_format: REFUSED_UNKNOWN(c.inputVariableFormat, `${at}.inputVariableFormat`),
    };
    put(body, 'model_name', c.modelName);
    if (given(c.invocationParameters)) body.invocation_parameters = jsonObject(c.invocationParameters, `${at}.invocationParameters`);
    if (given(c.providerParameters)) body.provider_parameters = jsonObject(c.providerParameters, `${at}.providerParameters`);
    if (given(c.toolConfig)) body.tool_config = jsonObject(c.toolConfig, `${at}.toolConfig`);
    put(body, 'prompt_version_id', c.promptVersionId);
    return body;
  }
  if (given(input.templateEvaluation)) {
    const c = input.templateEvaluation;
    const at = `${field}.templateEvaluation`;
    if (c.template.length === 0) throw fail(`${at}.template`, 'the template must not be empty.');
    const body: Record<string, unknown> = {
      experiment_type: 'TEMPLATE_EVALUATION', ai_integration_id: c.aiIntegrationId, template: c.template, provide_explanation: c.provideExplanation,
    };
    put(body, 'model_name', c.modelName);
    if (given(c.classificationChoices)) body.classification_choices = jsonMap<number>(c.classificationChoices, `${at}.classificationChoices`, 'number');
    if (given(c.columnMapping)) body.column_mapping = jsonMap<string>(c.columnMapping, `${at}.columnMapping`, 'string');
    if (given(c.evaluatorVersionId)) body.evaluator_version_id = expectIdKind(c.evaluatorVersionId, 'EvaluatorVersion', `${at}.evaluatorVersionId`);
    if (given(c.invocationParameters)) body.invocation_parameters = jsonObject(c.invocationParameters, `${at}.invocationParameters`);
    if (given(c.providerParameters)) body.provider_parameters = jsonObject(c.providerParameters, `${at}.providerParameters`);
    return body;
  }
  if (given(input.agentCall)) {
    const c = input.agentCall;
    return { experiment_type: 'AGENT_CALL', integration_id: c.integrationId, input_template: jsonObject(c.inputTemplate, `${field}.agentCall.inputTemplate`) };
  }
  throw fail(field, 'give one of llmGeneration, templateEvaluation or agentCall.');
}

/** The RUN_EXPERIMENT create checks that need no call: a name, and a run configuration. */
export function checkCreateRunExperimentTask(input: CreateRunExperimentTaskInput): { name: string; run_configuration: Record<string, unknown> } {
  return { name: checkName(input.name), run_configuration: runConfigurationBody(input.runConfiguration, 'input.runConfiguration') };
}

/** The RUN_EXPERIMENT trigger fields, checked: a non-empty experiment name, `exampleIds` xor `maxExamples` (at least 1), string metadata. */
function experimentTriggerFields(input: TriggerTaskRunInput): Partial<TriggerRunBody> {
  const body: Partial<TriggerRunBody> = {};
  if (given(input.experimentName)) {
    if (input.experimentName.length === 0) throw fail('input.experimentName', 'the experiment name must not be empty.');
    body.experiment_name = input.experimentName;
  }
  if (given(input.datasetVersionId)) body.dataset_version_id = expectIdKind(input.datasetVersionId, 'DatasetVersion', 'input.datasetVersionId');
  if (given(input.exampleIds) && given(input.maxExamples)) throw fail('input.exampleIds', 'give `exampleIds` or `maxExamples`, not both.');
  if (given(input.exampleIds)) {
    if (input.exampleIds.length === 0) throw fail('input.exampleIds', 'give at least one example id, or leave it out to run every example.');
    body.example_ids = input.exampleIds;
  }
  if (given(input.maxExamples)) {
    if (!Number.isInteger(input.maxExamples) || input.maxExamples < 1) throw fail('input.maxExamples', `must be a positive integer (got ${input.maxExamples}).`);
    body.max_examples = input.maxExamples;
  }
  if (given(input.tracingMetadata)) body.tracing_metadata = jsonMap<string>(input.tracingMetadata, 'input.tracingMetadata', 'string');
  if (given(input.evaluationTaskIds)) body.evaluation_task_ids = input.evaluationTaskIds.map((id, i) => expectIdKind(id, 'Task', `input.evaluationTaskIds[${i}]`));
  return body;
}
