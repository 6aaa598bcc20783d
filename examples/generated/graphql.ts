/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Call an agent integration with each dataset example. */
export type AgentCallRunConfigInput = {
  /** A JSON object following the agent's input schema; `{{column}}` placeholders are filled per example. */
  inputTemplate: unknown;
  /** An integration of type AGENT (see `integrations(type: AGENT)`). */
  integrationId: string | number;
};

/** Which data column fills one template variable. */
export type ColumnMappingInput = {
  /** The data column. */
  column: string;
  /** The template variable. */
  variable: string;
};

/** A new RUN_EXPERIMENT task: a run configuration over a dataset's examples. */
export type CreateRunExperimentTaskInput = {
  /** Echoed back in the payload. A retry with the same value from the same caller within a few minutes returns the first result instead of writing again. */
  clientMutationId?: string | null | undefined;
  /** Dataset id or name (a name needs `space`). */
  dataset: string;
  /** The task's name (at least one character), unique within its space. */
  name: string;
  /** What to run over each example: exactly one kind. */
  runConfiguration: RunConfigurationInput;
  /** To look up `dataset` by name. A space id, or a space's exact name (case-sensitive), resolved to one space once per request: no space of that name is NOT_FOUND, two or more are BAD_USER_INPUT (use the id). */
  space?: string | null | undefined;
};

/** A new evaluation task: exactly one of `project` or `dataset` (give `experimentIds`). RUN_EXPERIMENT tasks have their own mutation. */
export type CreateTaskInput = {
  /** Echoed back in the payload. A retry with the same value from the same caller within a few minutes returns the first result instead of writing again. */
  clientMutationId?: string | null | undefined;
  /** Dataset id or name (a name needs `space`): makes a dataset-based task. */
  dataset?: string | null | undefined;
  /** At least one evaluator, none twice. */
  evaluators: Array<TaskEvaluatorInput>;
  /** Experiments to evaluate: at least one for a dataset-based task, none for a project-based one. */
  experimentIds?: Array<string | number> | null | undefined;
  /** Evaluate incoming data continuously (project-based tasks; sent only when given); never true for dataset-based ones. */
  isContinuous?: boolean | null | undefined;
  /** The task's name (at least one character), unique within its space. */
  name: string;
  /** Project id or name (a name needs `space`): makes a project-based task. */
  project?: string | null | undefined;
  /** Span-level filter applied to all the task's data. */
  queryFilter?: string | null | undefined;
  /** Trace/session-level filters: a JSON object, sent upstream exactly as given (`query_filters`). A task filters per span (queryFilter, columnMappings) or per trace/session (queryFilters, queryMappings), never both. */
  queryFilters?: unknown;
  /** Share of data to evaluate, 0..1 (project-based tasks only). */
  samplingRate?: number | null | undefined;
  /** To look up `project` or `dataset` by name. A space id, or a space's exact name (case-sensitive), resolved to one space once per request: no space of that name is NOT_FOUND, two or more are BAD_USER_INPUT (use the id). */
  space?: string | null | undefined;
  /** TEMPLATE_EVALUATION or CODE_EVALUATION. */
  type: TaskType;
};

/** What an evaluator is built from. */
export type EvaluatorType =
  /** Managed (built-in) or custom Python code. */
  | 'CODE'
  /** A test harness evaluator. */
  | 'HARNESS'
  /** A remote evaluator. */
  | 'REMOTE'
  /** An LLM judge built from a prompt template. */
  | 'TEMPLATE'
  /** A type the Arize API sent that this gateway does not know yet. */
  | 'UNKNOWN';

/** How a prompt names dataset columns. */
export type InputVariableFormat =
  /** `{column}`. */
  | 'F_STRING'
  /** `{{column}}`. */
  | 'MUSTACHE'
  /** Deprecated alias of F_STRING. */
  | 'NONE'
  /** A format the Arize API sent that this gateway does not know yet (refused as input). */
  | 'UNKNOWN';

/** Run an LLM prompt against each dataset example. */
export type LlmGenerationRunConfigInput = {
  /** An AI integration (see `aiIntegrations`). */
  aiIntegrationId: string | number;
  /** How the prompt names columns. */
  inputVariableFormat: InputVariableFormat;
  /** A JSON object: temperature, max_tokens, top_p, stop, response_format, ... */
  invocationParameters?: unknown;
  /** The prompt: at least one message. */
  messages: Array<LlmMessageInput>;
  /** The model; the integration's default when left out. */
  modelName?: string | null | undefined;
  /** The Prompt Hub version it comes from. */
  promptVersionId?: string | number | null | undefined;
  /** A JSON object of provider-specific parameters. */
  providerParameters?: unknown;
  /** A JSON object: `tools` and `tool_choice`. */
  toolConfig?: unknown;
};

/** One message of an LLM prompt. */
export type LlmMessageInput = {
  /** The text, with dataset placeholders in the configuration's format. */
  content?: string | null | undefined;
  /** Who speaks it. */
  role: MessageRole;
  /** For a TOOL message: the call it answers. */
  toolCallId?: string | null | undefined;
  /** For an ASSISTANT message: a JSON list of tool calls. */
  toolCalls?: unknown;
};

/** Who speaks a message of an LLM prompt. */
export type MessageRole =
  /** The model. */
  | 'ASSISTANT'
  /** System instructions. */
  | 'SYSTEM'
  /** A tool's answer. */
  | 'TOOL'
  /** A role the Arize API sent that this gateway does not know yet (refused as input). */
  | 'UNKNOWN'
  /** The user. */
  | 'USER';

/** Exactly one kind of run configuration. */
export type RunConfigurationInput =
  {   /** Call an agent. */
  agentCall: AgentCallRunConfigInput; llmGeneration?: never; templateEvaluation?: never; }
  |  { agentCall?: never;   /** Run an LLM prompt. */
  llmGeneration: LlmGenerationRunConfigInput; templateEvaluation?: never; }
  |  { agentCall?: never; llmGeneration?: never;   /** Run a template evaluation. */
  templateEvaluation: TemplateEvaluationRunConfigInput; };

/** An evaluator to attach to a task. Each evaluator may appear once. */
export type TaskEvaluatorInput = {
  /** Span-level template variable -> column mappings. */
  columnMappings?: Array<ColumnMappingInput> | null | undefined;
  /** The evaluator's id. */
  evaluatorId: string | number;
  /** Pin this evaluator to one of its versions; leave out (or null) to run the latest version. An update replaces the list, so leaving it out unpins. */
  evaluatorVersionId?: string | number | null | undefined;
  /** Span-level filter for this evaluator, AND-ed with the task's filter. */
  queryFilter?: string | null | undefined;
  /** Trace/session-level mappings: a JSON object, sent upstream exactly as given (`query_mappings`). Not with span-level fields on the same task. */
  queryMappings?: unknown;
};

/** Where a run is in its life. COMPLETED, FAILED and CANCELLED are terminal. */
export type TaskRunStatus =
  /** Cancelled before it finished (see failureReason). */
  | 'CANCELLED'
  /** Finished successfully. */
  | 'COMPLETED'
  /** Finished with a failure (see failureReason). */
  | 'FAILED'
  /** Queued, not started. */
  | 'PENDING'
  /** Working; the counters grow. */
  | 'RUNNING'
  /** A status the Arize API sent that this gateway does not know yet. Not terminal: a watch goes on. Never sent upstream as a filter. */
  | 'UNKNOWN';

/** What kind of work a task does. */
export type TaskType =
  /** Evaluators written as code. */
  | 'CODE_EVALUATION'
  /** Runs a prompt, a template evaluation or an agent over a dataset's examples and records the outputs as an experiment. */
  | 'RUN_EXPERIMENT'
  /** LLM-as-a-judge evaluators built from a prompt template. */
  | 'TEMPLATE_EVALUATION'
  /** A type the Arize API sent that this gateway does not know yet. Never an error; never sent upstream as a filter. */
  | 'UNKNOWN';

/** Run a template-based LLM evaluator against each dataset example. */
export type TemplateEvaluationRunConfigInput = {
  /** An AI integration (see `aiIntegrations`). */
  aiIntegrationId: string | number;
  /** A JSON object: label -> score. */
  classificationChoices?: unknown;
  /** A JSON object: template variable -> dataset column path. */
  columnMapping?: unknown;
  /** The Eval Hub evaluator version it comes from. */
  evaluatorVersionId?: string | number | null | undefined;
  /** A JSON object of invocation parameters. */
  invocationParameters?: unknown;
  /** The judging model; the integration's default when left out. */
  modelName?: string | null | undefined;
  /** Whether the judge explains its label. */
  provideExplanation: boolean;
  /** A JSON object of provider-specific parameters. */
  providerParameters?: unknown;
  /** The evaluation prompt (not empty), with `{{variable}}` placeholders. */
  template: string;
};

/** Starts a run of a task. Evaluation tasks take the window, `maxSpans`, `overrideEvaluations` and `experimentIds`; RUN_EXPERIMENT tasks take `experimentName` and the example choice. The upstream fills defaults. */
export type TriggerTaskRunInput = {
  /** Echoed back in the payload. A retry with the same value from the same caller within a few minutes returns the first result instead of writing again. */
  clientMutationId?: string | null | undefined;
  /** End of the data window (project-based tasks; default: now). */
  dataEndTime?: string | null | undefined;
  /** Start of the data window (project-based tasks): before its end, at most 30 days before it; required on a task's first run, later it defaults to the last run time. */
  dataStartTime?: string | null | undefined;
  /** RUN_EXPERIMENT tasks: the dataset version to run over (default: the latest). */
  datasetVersionId?: string | number | null | undefined;
  /** RUN_EXPERIMENT tasks: evaluation tasks to trigger once the experiment completes. */
  evaluationTaskIds?: Array<string | number> | null | undefined;
  /** RUN_EXPERIMENT tasks: only these examples (not with `maxExamples`; neither means all). */
  exampleIds?: Array<string | number> | null | undefined;
  /** Experiments to run against (dataset-based evaluation tasks only). */
  experimentIds?: Array<string | number> | null | undefined;
  /** RUN_EXPERIMENT tasks (required there): the experiment to create, a name unused in the dataset (else CONFLICT). */
  experimentName?: string | null | undefined;
  /** RUN_EXPERIMENT tasks: at most this many examples, in dataset order (not with `exampleIds`; with `queryFilter`, counted after filtering). */
  maxExamples?: number | null | undefined;
  /** Most spans to process, > 0 (default 10000). */
  maxSpans?: number | null | undefined;
  /** Re-evaluate data that already has labels (default false). */
  overrideEvaluations?: boolean | null | undefined;
  /** RUN_EXPERIMENT tasks: run only on the examples that match this filter (sent as `query_filter`); with `exampleIds`, their intersection. Refused on an evaluation task. */
  queryFilter?: string | null | undefined;
  /** To look up `task` by name. A space id, or a space's exact name (case-sensitive), resolved to one space once per request: no space of that name is NOT_FOUND, two or more are BAD_USER_INPUT (use the id). */
  space?: string | null | undefined;
  /** Task id or name (a name needs `space`). */
  task: string;
  /** RUN_EXPERIMENT tasks: a JSON object of string values; giving it turns tracing on. */
  tracingMetadata?: unknown;
};

/** Changes to a task: only the fields given are sent; at least one is needed. */
export type UpdateTaskInput = {
  /** Echoed back in the payload. A retry with the same value from the same caller within a few minutes returns the first result instead of writing again. */
  clientMutationId?: string | null | undefined;
  /** Replaces the whole evaluator list (at least one; evaluation tasks). */
  evaluators?: Array<TaskEvaluatorInput> | null | undefined;
  /** Continuous or not (project-based tasks only). */
  isContinuous?: boolean | null | undefined;
  /** A new name, unique within the space. */
  name?: string | null | undefined;
  /** A new span-level filter; explicit null clears it, absent leaves it alone. */
  queryFilter?: string | null | undefined;
  /** New trace/session-level filters (a JSON object, sent exactly as given); explicit null clears them (`"query_filters": null`), absent leaves them alone. To switch shapes, clear one side and set the other. */
  queryFilters?: unknown;
  /** Replaces the run configuration (RUN_EXPERIMENT tasks only). */
  runConfiguration?: RunConfigurationInput | null | undefined;
  /** A new sampling rate, 0..1 (project-based tasks only). */
  samplingRate?: number | null | undefined;
  /** To look up `task` by name. A space id, or a space's exact name (case-sensitive), resolved to one space once per request: no space of that name is NOT_FOUND, two or more are BAD_USER_INPUT (use the id). */
  space?: string | null | undefined;
  /** Task id or name (a name needs `space`). */
  task: string;
};

export type CreateTaskMutationVariables = Exact<{
  input: CreateTaskInput;
}>;


export type CreateTaskMutation = { __typename: 'Mutation', createTask: { __typename: 'CreateTaskPayload', task: { __typename: 'Task', id: string, name: string, type: TaskType, projectId: string | null, datasetId: string | null, isContinuous: boolean, samplingRate: number | null, evaluators: Array<{ __typename: 'TaskEvaluator', evaluatorId: string, evaluatorName: string | null }> } } };

export type UpdateTaskMutationVariables = Exact<{
  input: UpdateTaskInput;
}>;


export type UpdateTaskMutation = { __typename: 'Mutation', updateTask: { __typename: 'UpdateTaskPayload', task: { __typename: 'Task', id: string, name: string, samplingRate: number | null, isContinuous: boolean, queryFilter: string | null, queryFilters: unknown } } };

export type DeleteTaskMutationVariables = Exact<{
  task: string;
  space?: string | null | undefined;
}>;


export type DeleteTaskMutation = { __typename: 'Mutation', deleteTask: { __typename: 'DeleteTaskPayload', deletedTaskId: string } };

export type ExperimentFormOptionsQueryVariables = Exact<{
  space: string;
}>;


export type ExperimentFormOptionsQuery = { __typename: 'Query', datasets: { __typename: 'DatasetConnection', nodes: Array<{ __typename: 'Dataset', id: string, name: string, versions: Array<{ __typename: 'DatasetVersion', id: string, name: string }> }> }, aiIntegrations: { __typename: 'AiIntegrationConnection', nodes: Array<{ __typename: 'AiIntegration', id: string, name: string, provider: string, modelNames: Array<string> }> }, agents: { __typename: 'IntegrationConnection', nodes: Array<{ __typename: 'Integration', id: string, name: string, config: unknown }> } };

export type CreateExperimentTaskMutationVariables = Exact<{
  input: CreateRunExperimentTaskInput;
}>;


export type CreateExperimentTaskMutation = { __typename: 'Mutation', createRunExperimentTask: { __typename: 'CreateTaskPayload', task: { __typename: 'Task', id: string, name: string, runConfiguration:
        | { __typename: 'AgentCallRunConfig', integrationId: string, inputTemplate: unknown }
        | { __typename: 'LlmGenerationRunConfig', aiIntegrationId: string, modelName: string | null, messages: Array<{ __typename: 'LlmMessage', role: MessageRole, content: string | null }> }
        | { __typename: 'TemplateEvaluationRunConfig' }
       | null } } };

export type TriggerExperimentMutationVariables = Exact<{
  task: string;
  experimentName: string;
  maxExamples?: number | null | undefined;
  queryFilter?: string | null | undefined;
}>;


export type TriggerExperimentMutation = { __typename: 'Mutation', triggerTaskRun: { __typename: 'TriggerTaskRunPayload', run: { __typename: 'TaskRun', id: string, status: TaskRunStatus } } };

export type ExperimentResultsQueryVariables = Exact<{
  runId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ExperimentResultsQuery = { __typename: 'Query', taskRun: { __typename: 'TaskRun', status: TaskRunStatus, numSuccesses: number, numErrors: number, experiment: { __typename: 'Experiment', name: string, runs: { __typename: 'ExperimentRunConnection', edges: Array<{ __typename: 'ExperimentRunEdge', cursor: string, node: { __typename: 'ExperimentRun', exampleId: string | null, output: unknown, error: string | null, columns: unknown } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } } | null } | null };

export type ListTasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  name?: string | null | undefined;
  space?: string | null | undefined;
  type?: TaskType | null | undefined;
}>;


export type ListTasksQuery = { __typename: 'Query', tasks: { __typename: 'TaskConnection', edges: Array<{ __typename: 'TaskEdge', cursor: string, node: { __typename: 'Task', id: string, name: string, type: TaskType, typeName: string, isContinuous: boolean, lastRunAt: string | null, project: { __typename: 'Project', id: string, name: string } | null, dataset: { __typename: 'Dataset', id: string, name: string } | null, evaluators: Array<{ __typename: 'TaskEvaluator', evaluatorId: string, evaluatorName: string | null }> } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type TaskRowFragment = { __typename: 'Task', id: string, name: string, type: TaskType, typeName: string, isContinuous: boolean, lastRunAt: string | null, project: { __typename: 'Project', id: string, name: string } | null, dataset: { __typename: 'Dataset', id: string, name: string } | null, evaluators: Array<{ __typename: 'TaskEvaluator', evaluatorId: string, evaluatorName: string | null }> };

export type TaskDetailQueryVariables = Exact<{
  task: string;
  space?: string | null | undefined;
  runsFirst?: number | null | undefined;
  runsAfter?: string | null | undefined;
  status?: TaskRunStatus | null | undefined;
}>;


export type TaskDetailQuery = { __typename: 'Query', task: { __typename: 'Task', id: string, name: string, type: TaskType, typeName: string, samplingRate: number | null, isContinuous: boolean, queryFilter: string | null, queryFilters: unknown, lastRunAt: string | null, createdAt: string, updatedAt: string, evaluators: Array<{ __typename: 'TaskEvaluator', evaluatorId: string, queryFilter: string | null, queryMappings: unknown, columnMappings: Array<{ __typename: 'ColumnMapping', variable: string, column: string }> } & ({ __typename: 'TaskEvaluator' } | { __typename: 'TaskEvaluator' }) & ({ evaluator: { __typename: 'Evaluator', id: string, name: string, type: EvaluatorType, typeName: string, description: string | null } | null } | { evaluator?: never })> } & ({ __typename: 'Task' } | { __typename: 'Task' }) & ({ project: { __typename: 'Project', id: string, name: string } & ({ __typename: 'Project' } | { __typename: 'Project' }) & ({ space: { __typename: 'Space', id: string, name: string } | null } | { space?: never }) | null } | { project?: never }) & ({ dataset: { __typename: 'Dataset', id: string, name: string } | null } | { dataset?: never }) & ({ experiments: Array<{ __typename: 'Experiment', id: string, name: string }> } | { experiments?: never }) & ({ runs: { __typename: 'TaskRunConnection', nodes: Array<{ __typename: 'TaskRun', id: string, status: TaskRunStatus, isTerminal: boolean, numSuccesses: number, numErrors: number, numSkipped: number, runStartedAt: string | null, runFinishedAt: string | null, createdAt: string }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } } | { runs?: never }) | null };

export type RunRowFragment = { __typename: 'TaskRun', id: string, status: TaskRunStatus, isTerminal: boolean, numSuccesses: number, numErrors: number, numSkipped: number, runStartedAt: string | null, runFinishedAt: string | null, createdAt: string };

export type TaskFormOptionsQueryVariables = Exact<{
  space?: string | null | undefined;
}>;


export type TaskFormOptionsQuery = { __typename: 'Query', spaces: { __typename: 'SpaceConnection', nodes: Array<{ __typename: 'Space', id: string, name: string }> }, projects: { __typename: 'ProjectConnection', nodes: Array<{ __typename: 'Project', id: string, name: string }> }, datasets: { __typename: 'DatasetConnection', nodes: Array<{ __typename: 'Dataset', id: string, name: string }> }, evaluators: { __typename: 'EvaluatorConnection', nodes: Array<{ __typename: 'Evaluator', id: string, name: string, type: EvaluatorType, typeName: string, description: string | null }> } };

export type DatasetExperimentsQueryVariables = Exact<{
  dataset: string;
  space?: string | null | undefined;
}>;


export type DatasetExperimentsQuery = { __typename: 'Query', experiments: { __typename: 'ExperimentConnection', nodes: Array<{ __typename: 'Experiment', id: string, name: string, createdAt: string }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type SpaceExperimentsQueryVariables = Exact<{
  space: string;
  first?: number | null | undefined;
}>;


export type SpaceExperimentsQuery = { __typename: 'Query', experiments: { __typename: 'ExperimentConnection', nodes: Array<{ __typename: 'Experiment', id: string, name: string, datasetId: string | null, spaceId: string | null, createdAt: string }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type TriggerRunMutationVariables = Exact<{
  input: TriggerTaskRunInput;
}>;


export type TriggerRunMutation = { __typename: 'Mutation', triggerTaskRun: { __typename: 'TriggerTaskRunPayload', run: { __typename: 'TaskRun', id: string, status: TaskRunStatus, createdAt: string } } };

export type WatchRunSubscriptionVariables = Exact<{
  runId: string | number;
}>;


export type WatchRunSubscription = { runStatus: { __typename: 'TaskRun', id: string, status: TaskRunStatus, isTerminal: boolean, numSuccesses: number, numErrors: number, numSkipped: number, runStartedAt: string | null, runFinishedAt: string | null } };

export type CancelRunMutationVariables = Exact<{
  runId: string | number;
}>;


export type CancelRunMutation = { __typename: 'Mutation', cancelTaskRun: { __typename: 'CancelTaskRunPayload', run: { __typename: 'TaskRun', id: string, status: TaskRunStatus } } };

export type WaitForRunQueryVariables = Exact<{
  runId: string | number;
}>;


export type WaitForRunQuery = { __typename: 'Query', waitForTaskRun: { __typename: 'TaskRun', id: string, status: TaskRunStatus, numSuccesses: number, numErrors: number } };

export const TaskRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"isContinuous"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evaluators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatorId"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatorName"}}]}}]}}]} as unknown as DocumentNode<TaskRowFragment, unknown>;
export const RunRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TaskRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"numSuccesses"}},{"kind":"Field","name":{"kind":"Name","value":"numErrors"}},{"kind":"Field","name":{"kind":"Name","value":"numSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"runStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"runFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<RunRowFragment, unknown>;
export const CreateTaskDocument = {"__meta__":{"hash":"sha256:751160c0e4a315bad6245823bc126e03c7e7072b73602c274f573b2fb6ffb73c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"projectId"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"isContinuous"}},{"kind":"Field","name":{"kind":"Name","value":"samplingRate"}},{"kind":"Field","name":{"kind":"Name","value":"evaluators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatorId"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatorName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateTaskMutation, CreateTaskMutationVariables>;
export const UpdateTaskDocument = {"__meta__":{"hash":"sha256:6512018fcd4fbc8ad4122eeed87fe85dacfca8e10cfd036f7056cffc9cb1dd39"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"updateTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"samplingRate"}},{"kind":"Field","name":{"kind":"Name","value":"isContinuous"}},{"kind":"Field","name":{"kind":"Name","value":"queryFilter"}},{"kind":"Field","name":{"kind":"Name","value":"queryFilters"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateTaskMutation, UpdateTaskMutationVariables>;
export const DeleteTaskDocument = {"__meta__":{"hash":"sha256:0493be3bcd399bc60cef94b13144a25e45871671cb7a752409880be58f283e1d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"task"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deleteTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"task"},"value":{"kind":"Variable","name":{"kind":"Name","value":"task"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deletedTaskId"}}]}}]}}]} as unknown as DocumentNode<DeleteTaskMutation, DeleteTaskMutationVariables>;
export const ExperimentFormOptionsDocument = {"__meta__":{"hash":"sha256:4c8da108efe2d10f28f09bad689a53852883173fc354a770dc5c721964cf82a4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExperimentFormOptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"aiIntegrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"modelNames"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"agents"},"name":{"kind":"Name","value":"integrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"EnumValue","value":"AGENT"}},{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"config"}}]}}]}}]}}]} as unknown as DocumentNode<ExperimentFormOptionsQuery, ExperimentFormOptionsQueryVariables>;
export const CreateExperimentTaskDocument = {"__meta__":{"hash":"sha256:c63f19b083e408d98844da4a959b50f8d1ee665b9b155c16cbf99b05d9acbb70"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateExperimentTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRunExperimentTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createRunExperimentTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"runConfiguration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LlmGenerationRunConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"aiIntegrationId"}},{"kind":"Field","name":{"kind":"Name","value":"modelName"}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgentCallRunConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"integrationId"}},{"kind":"Field","name":{"kind":"Name","value":"inputTemplate"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateExperimentTaskMutation, CreateExperimentTaskMutationVariables>;
export const TriggerExperimentDocument = {"__meta__":{"hash":"sha256:50165806020d709fe3267c572100105bdc8b4ae633e338845306e771cfc283bc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TriggerExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"task"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"experimentName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxExamples"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queryFilter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"triggerTaskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"task"},"value":{"kind":"Variable","name":{"kind":"Name","value":"task"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"experimentName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"experimentName"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"maxExamples"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxExamples"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"queryFilter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queryFilter"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<TriggerExperimentMutation, TriggerExperimentMutationVariables>;
export const ExperimentResultsDocument = {"__meta__":{"hash":"sha256:3473c87cbbfdac9b1a1b7b4c3e0803c3e398770722953c20a54bf2e5b1937372"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExperimentResults"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"100"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"taskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numSuccesses"}},{"kind":"Field","name":{"kind":"Name","value":"numErrors"}},{"kind":"Field","name":{"kind":"Name","value":"experiment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"exampleId"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExperimentResultsQuery, ExperimentResultsQueryVariables>;
export const ListTasksDocument = {"__meta__":{"hash":"sha256:78bb4f3a8b051d6bba9656e006c361caff6b6f7b5619f0a2c6f9eac1e1eb3018"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskType"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskRow"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"isContinuous"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evaluators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatorId"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatorName"}}]}}]}}]} as unknown as DocumentNode<ListTasksQuery, ListTasksQueryVariables>;
export const TaskDetailDocument = {"__meta__":{"hash":"sha256:7351394ee1350cd32d1cab3bf125e7acbaf2c848600e4123b9009578c33ae39a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"task"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runsFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runsAfter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskRunStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"task"},"value":{"kind":"Variable","name":{"kind":"Name","value":"task"}}},{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"samplingRate"}},{"kind":"Field","name":{"kind":"Name","value":"isContinuous"}},{"kind":"Field","name":{"kind":"Name","value":"queryFilter"}},{"kind":"Field","name":{"kind":"Name","value":"queryFilters"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"evaluators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatorId"}},{"kind":"Field","name":{"kind":"Name","value":"queryFilter"}},{"kind":"Field","name":{"kind":"Name","value":"columnMappings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"variable"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queryMappings"}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"evaluator","block":false}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"evaluator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"related","block":false}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"space","block":false}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"space"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"experiments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runsFirst"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runsAfter"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRow"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TaskRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"numSuccesses"}},{"kind":"Field","name":{"kind":"Name","value":"numErrors"}},{"kind":"Field","name":{"kind":"Name","value":"numSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"runStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"runFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<TaskDetailQuery, TaskDetailQueryVariables>;
export const TaskFormOptionsDocument = {"__meta__":{"hash":"sha256:926a5be09c89378a904529376ff9f6282616240523438750c3b98bd2696a03b7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskFormOptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"spaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"projects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evaluators"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]} as unknown as DocumentNode<TaskFormOptionsQuery, TaskFormOptionsQueryVariables>;
export const DatasetExperimentsDocument = {"__meta__":{"hash":"sha256:91f6f20308550a0ce1e66a6569fa88cb11058a4b87a5bbb55359a15f35ebb23a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DatasetExperiments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dataset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"experiments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dataset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dataset"}}},{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DatasetExperimentsQuery, DatasetExperimentsQueryVariables>;
export const SpaceExperimentsDocument = {"__meta__":{"hash":"sha256:d34c66cd05ba34264bd44d32d9cf07af05b2347a6b6ff149c3a3aad46aec68af"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SpaceExperiments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"experiments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"spaceId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SpaceExperimentsQuery, SpaceExperimentsQueryVariables>;
export const TriggerRunDocument = {"__meta__":{"hash":"sha256:2f45d5c0134b9424bb1ba9ebef2cefb2c8d64d01f0d907529f1a8dec48f18315"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TriggerRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TriggerTaskRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"triggerTaskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<TriggerRunMutation, TriggerRunMutationVariables>;
export const WatchRunDocument = {"__meta__":{"hash":"sha256:3b529086bd98e7df65bc8a132d7ccce376750d4e7293ffe118800a9de1f6d5c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WatchRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"numSuccesses"}},{"kind":"Field","name":{"kind":"Name","value":"numErrors"}},{"kind":"Field","name":{"kind":"Name","value":"numSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"runStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"runFinishedAt"}}]}}]}}]} as unknown as DocumentNode<WatchRunSubscription, WatchRunSubscriptionVariables>;
export const CancelRunDocument = {"__meta__":{"hash":"sha256:1c116fc67b64bb3237f946593a430aaa275f85f1e94100e0d1bef067de08c895"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cancelTaskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<CancelRunMutation, CancelRunMutationVariables>;
export const WaitForRunDocument = {"__meta__":{"hash":"sha256:c3dfc82a05690a80c757dabad887f16a7f5b9087a8419342184145d8323a741a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WaitForRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"waitForTaskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"pollIntervalSeconds"},"value":{"kind":"IntValue","value":"2"}},{"kind":"Argument","name":{"kind":"Name","value":"timeoutSeconds"},"value":{"kind":"IntValue","value":"120"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numSuccesses"}},{"kind":"Field","name":{"kind":"Name","value":"numErrors"}}]}}]}}]} as unknown as DocumentNode<WaitForRunQuery, WaitForRunQueryVariables>;