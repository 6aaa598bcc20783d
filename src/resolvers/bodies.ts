/**
 * The GraphQL inputs as the upstream's request bodies: snake_case, only
 * what was given, today's values. No checks here: the input rules ran
 * before the field resolved (`schema/rules/`), and the ones that need the
 * stored task are `task-rules.ts`'s.
 */
import type { RunConfigurationInput } from '../schema/run-configuration.ts';
import type { TriggerTaskRunInput } from '../schema/task-run.ts';
import type { CreateRunExperimentTaskInput, CreateTaskInput, TaskEvaluatorInput, UpdateTaskInput } from '../schema/task.ts';
import type { CreateEvaluationTaskBody, TaskEvaluatorBody, TriggerRunBody, UpdateTaskBody } from '../upstream/requests.ts';

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;
/** A JSON argument the rules found to be an object. */
const object = (value: unknown) => value as Record<string, unknown>;

/** One evaluator entry: its id, a pin only when given, its filter and mappings as given (a variable mapped twice cannot pass the rules). */
export function evaluatorBody(evaluator: TaskEvaluatorInput): TaskEvaluatorBody {
  const body: TaskEvaluatorBody = { evaluator_id: evaluator.evaluatorId };
  if (given(evaluator.evaluatorVersionId)) body.evaluator_version_id = evaluator.evaluatorVersionId;
  if (given(evaluator.queryFilter)) body.query_filter = evaluator.queryFilter;
  if (given(evaluator.columnMappings)) body.column_mappings = Object.fromEntries(evaluator.columnMappings.map((m) => [m.variable, m.column]));
  if (given(evaluator.queryMappings)) body.query_mappings = object(evaluator.queryMappings);
  return body;
}

/** An evaluation task's create body, less its data source's id, and which source (`project` or `dataset`) the input names. */
export function createTaskBody(input: CreateTaskInput): { source: 'project' | 'dataset'; body: Omit<CreateEvaluationTaskBody, 'project_id' | 'dataset_id'> } {
  const body: Omit<CreateEvaluationTaskBody, 'project_id' | 'dataset_id'> = {
    name: input.name, type: input.type as CreateEvaluationTaskBody['type'], evaluators: input.evaluators.map(evaluatorBody),
  };
  if (given(input.experimentIds) && input.experimentIds.length > 0) body.experiment_ids = input.experimentIds;
  if (given(input.samplingRate)) body.sampling_rate = input.samplingRate;
  if (given(input.isContinuous)) body.is_continuous = input.isContinuous;
  if (given(input.queryFilter)) body.query_filter = input.queryFilter;
  if (given(input.queryFilters)) body.query_filters = object(input.queryFilters);
  return { source: given(input.project) && input.project !== '' ? 'project' : 'dataset', body };
}

/** A RUN_EXPERIMENT task's create body, less its dataset's id. */
export function createRunExperimentTaskBody(input: CreateRunExperimentTaskInput): { name: string; run_configuration: Record<string, unknown> } {
  return { name: input.name, run_configuration: runConfigurationBody(input.runConfiguration) };
}

/** The update body: only what was given; `queryFilter: null` and `queryFilters: null` are sent as JSON null (they clear). */
export function updateTaskBody(input: UpdateTaskInput): UpdateTaskBody {
  const body: UpdateTaskBody = {};
  if (given(input.name)) body.name = input.name;
  if (given(input.samplingRate)) body.sampling_rate = input.samplingRate;
  if (given(input.isContinuous)) body.is_continuous = input.isContinuous;
  if (input.queryFilter !== undefined) body.query_filter = input.queryFilter;
  if (input.queryFilters !== undefined) body.query_filters = input.queryFilters === null ? null : object(input.queryFilters);
  if (given(input.evaluators)) body.evaluators = input.evaluators.map(evaluatorBody);
  if (given(input.runConfiguration)) body.run_configuration = runConfigurationBody(input.runConfiguration);
  return body;
}

/** The trigger body: every field given (experiment ids only when there are some). */
export function triggerRunBody(input: TriggerTaskRunInput): TriggerRunBody {
  const body: TriggerRunBody = {};
  if (given(input.dataStartTime)) body.data_start_time = input.dataStartTime;
  if (given(input.dataEndTime)) body.data_end_time = input.dataEndTime;
  if (given(input.maxSpans)) body.max_spans = input.maxSpans;
  if (given(input.overrideEvaluations)) body.override_evaluations = input.overrideEvaluations;
  if (given(input.experimentIds) && input.experimentIds.length > 0) body.experiment_ids = input.experimentIds;
  if (given(input.experimentName)) body.experiment_name = input.experimentName;
  if (given(input.datasetVersionId)) body.dataset_version_id = input.datasetVersionId;
  if (given(input.exampleIds)) body.example_ids = input.exampleIds;
  if (given(input.maxExamples)) body.max_examples = input.maxExamples;
  if (given(input.queryFilter)) body.query_filter = input.queryFilter;
  if (given(input.tracingMetadata)) body.tracing_metadata = object(input.tracingMetadata) as Record<string, string>;
  if (given(input.evaluationTaskIds)) body.evaluation_task_ids = input.evaluationTaskIds;
  return body;
}

/** Copies the entries of `from` whose value is given into `body`, under the upstream's names. */
function put(body: Record<string, unknown>, from: object, names: Record<string, string>): Record<string, unknown> {
  for (const [key, wire] of Object.entries(names)) {
    const value = (from as Record<string, unknown>)[key];
    if (given(value)) body[wire] = value;
  }
  return body;
}

/** The upstream `run_configuration` of the one `@oneOf` branch given, in snake_case, only what was given. */
export function runConfigurationBody(input: RunConfigurationInput): Record<string, unknown> {
  if (given(input.llmGeneration)) {
    const c = input.llmGeneration;
    const body: Record<string, unknown> = {
      experiment_type: 'LLM_GENERATION', ai_integration_id: c.aiIntegrationId,
      messages: c.messages.map((m) => put({ role: m.role }, m, { content: 'content', toolCallId: 'tool_call_id', toolCalls: 'tool_calls' })),
      input_variable_format: c.inputVariableFormat,
    };
    return put(body, c, {
      modelName: 'model_name', invocationParameters: 'invocation_parameters', providerParameters: 'provider_parameters',
      toolConfig: 'tool_config', promptVersionId: 'prompt_version_id',
    });
  }
  if (given(input.templateEvaluation)) {
    const c = input.templateEvaluation;
    const body = { experiment_type: 'TEMPLATE_EVALUATION', ai_integration_id: c.aiIntegrationId, template: c.template, provide_explanation: c.provideExplanation };
    return put(body, c, {
      modelName: 'model_name', classificationChoices: 'classification_choices', columnMapping: 'column_mapping',
      evaluatorVersionId: 'evaluator_version_id', invocationParameters: 'invocation_parameters', providerParameters: 'provider_parameters',
    });
  }
  const c = input.agentCall!;
  return { experiment_type: 'AGENT_CALL', integration_id: c.integrationId, input_template: c.inputTemplate };
}
