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


export type CreateTaskMutation = { createTask: { task: { id: string, name: string, type: TaskType, projectId: string | null, datasetId: string | null, isContinuous: boolean, samplingRate: number | null, evaluators: Array<{ evaluatorId: string, evaluatorName: string | null }> } } };

export type UpdateTaskMutationVariables = Exact<{
  input: UpdateTaskInput;
}>;


export type UpdateTaskMutation = { updateTask: { task: { id: string, name: string, samplingRate: number | null, isContinuous: boolean, queryFilter: string | null, queryFilters: unknown } } };

export type DeleteTaskMutationVariables = Exact<{
  task: string;
  space?: string | null | undefined;
}>;


export type DeleteTaskMutation = { deleteTask: { deletedTaskId: string } };

export type ExperimentFormOptionsQueryVariables = Exact<{
  space: string;
}>;


export type ExperimentFormOptionsQuery = { datasets: { nodes: Array<{ id: string, name: string, versions: Array<{ id: string, name: string }> }> }, aiIntegrations: { nodes: Array<{ id: string, name: string, provider: string, modelNames: Array<string> }> }, agents: { nodes: Array<{ id: string, name: string, config: unknown }> } };

export type CreateExperimentTaskMutationVariables = Exact<{
  input: CreateRunExperimentTaskInput;
}>;


export type CreateExperimentTaskMutation = { createRunExperimentTask: { task: { id: string, name: string, runConfiguration:
        | { __typename: 'AgentCallRunConfig', integrationId: string, inputTemplate: unknown }
        | { __typename: 'LlmGenerationRunConfig', aiIntegrationId: string, modelName: string | null, messages: Array<{ role: MessageRole, content: string | null }> }
        | { __typename: 'TemplateEvaluationRunConfig' }
       | null } } };

export type TriggerExperimentMutationVariables = Exact<{
  task: string;
  experimentName: string;
  maxExamples?: number | null | undefined;
  queryFilter?: string | null | undefined;
}>;


export type TriggerExperimentMutation = { triggerTaskRun: { run: { id: string, status: TaskRunStatus } } };

export type ExperimentResultsQueryVariables = Exact<{
  runId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ExperimentResultsQuery = { taskRun: { status: TaskRunStatus, numSuccesses: number, numErrors: number, experiment: { name: string, runs: { edges: Array<{ cursor: string, node: { exampleId: string | null, output: unknown, error: string | null, columns: unknown } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null } | null };

export type ListTasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  name?: string | null | undefined;
  space?: string | null | undefined;
  type?: TaskType | null | undefined;
}>;


export type ListTasksQuery = { tasks: { edges: Array<{ cursor: string, node: { id: string, name: string, type: TaskType, typeName: string, isContinuous: boolean, lastRunAt: string | null, project: { id: string, name: string } | null, dataset: { id: string, name: string } | null, evaluators: Array<{ evaluatorId: string, evaluatorName: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TaskRowFragment = { id: string, name: string, type: TaskType, typeName: string, isContinuous: boolean, lastRunAt: string | null, project: { id: string, name: string } | null, dataset: { id: string, name: string } | null, evaluators: Array<{ evaluatorId: string, evaluatorName: string | null }> };

export type TaskDetailQueryVariables = Exact<{
  task: string;
  space?: string | null | undefined;
  runsFirst?: number | null | undefined;
  runsAfter?: string | null | undefined;
  status?: TaskRunStatus | null | undefined;
}>;


export type TaskDetailQuery = { task: { id: string, name: string, type: TaskType, typeName: string, samplingRate: number | null, isContinuous: boolean, queryFilter: string | null, queryFilters: unknown, lastRunAt: string | null, createdAt: string, updatedAt: string, evaluators: Array<{ evaluatorId: string, queryFilter: string | null, queryMappings: unknown, columnMappings: Array<{ variable: string, column: string }> } & ({ evaluator: { id: string, name: string, type: EvaluatorType, typeName: string, description: string | null } | null } | { evaluator?: never })> } & ({ project: { id: string, name: string } & ({ space: { id: string, name: string } | null } | { space?: never }) | null } | { project?: never }) & ({ dataset: { id: string, name: string } | null } | { dataset?: never }) & ({ experiments: Array<{ id: string, name: string }> } | { experiments?: never }) & ({ runs: { nodes: Array<{ id: string, status: TaskRunStatus, isTerminal: boolean, numSuccesses: number, numErrors: number, numSkipped: number, runStartedAt: string | null, runFinishedAt: string | null, createdAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | { runs?: never }) | null };

export type RunRowFragment = { id: string, status: TaskRunStatus, isTerminal: boolean, numSuccesses: number, numErrors: number, numSkipped: number, runStartedAt: string | null, runFinishedAt: string | null, createdAt: string };

export type TaskFormOptionsQueryVariables = Exact<{
  space?: string | null | undefined;
}>;


export type TaskFormOptionsQuery = { spaces: { nodes: Array<{ id: string, name: string }> }, projects: { nodes: Array<{ id: string, name: string }> }, datasets: { nodes: Array<{ id: string, name: string }> }, evaluators: { nodes: Array<{ id: string, name: string, type: EvaluatorType, typeName: string, description: string | null }> } };

export type DatasetExperimentsQueryVariables = Exact<{
  dataset: string;
  space?: string | null | undefined;
}>;


export type DatasetExperimentsQuery = { experiments: { nodes: Array<{ id: string, name: string, createdAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SpaceExperimentsQueryVariables = Exact<{
  space: string;
  first?: number | null | undefined;
}>;


export type SpaceExperimentsQuery = { experiments: { nodes: Array<{ id: string, name: string, datasetId: string | null, spaceId: string | null, createdAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TriggerRunMutationVariables = Exact<{
  input: TriggerTaskRunInput;
}>;


export type TriggerRunMutation = { triggerTaskRun: { run: { id: string, status: TaskRunStatus, createdAt: string } } };

export type WatchRunSubscriptionVariables = Exact<{
  runId: string | number;
}>;


export type WatchRunSubscription = { runStatus: { id: string, status: TaskRunStatus, isTerminal: boolean, numSuccesses: number, numErrors: number, numSkipped: number, runStartedAt: string | null, runFinishedAt: string | null } };

export type CancelRunMutationVariables = Exact<{
  runId: string | number;
}>;


export type CancelRunMutation = { cancelTaskRun: { run: { id: string, status: TaskRunStatus } } };

export type WaitForRunQueryVariables = Exact<{
  runId: string | number;
}>;


export type WaitForRunQuery = { waitForTaskRun: { id: string, status: TaskRunStatus, numSuccesses: number, numErrors: number } };

export const TaskRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"isContinuous"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evaluators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluatorId"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatorName"}}]}}]}}]} as unknown as DocumentNode<TaskRowFragment, unknown>;
export const RunRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TaskRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"numSuccesses"}},{"kind":"Field","name":{"kind":"Name","value":"numErrors"}},{"kind":"Field","name":{"kind":"Name","value":"numSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"runStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"runFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<RunRowFragment, unknown>;
export const CreateTaskDocument = {"__meta__":{"hash":"sha256:a9671cb836101699038d9731379754534223da7f24f8ccab99c2de1ed19ef2b5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"projectId"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"isContinuous"}},{"kind":"Field","name":{"kind":"Name","value":"samplingRate"}},{"kind":"Field","name":{"kind":"Name","value":"evaluators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluatorId"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatorName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateTaskMutation, CreateTaskMutationVariables>;
export const UpdateTaskDocument = {"__meta__":{"hash":"sha256:e04eeaf2fcea1feabc52868dc9a7ca25066340a87fe2651c1bb5e4fa1523a8d3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"samplingRate"}},{"kind":"Field","name":{"kind":"Name","value":"isContinuous"}},{"kind":"Field","name":{"kind":"Name","value":"queryFilter"}},{"kind":"Field","name":{"kind":"Name","value":"queryFilters"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateTaskMutation, UpdateTaskMutationVariables>;
export const DeleteTaskDocument = {"__meta__":{"hash":"sha256:25996155f8719e151042b26a8aeced518545b3c4c34c0eef284329866cdf8e91"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"task"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"task"},"value":{"kind":"Variable","name":{"kind":"Name","value":"task"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedTaskId"}}]}}]}}]} as unknown as DocumentNode<DeleteTaskMutation, DeleteTaskMutationVariables>;
export const ExperimentFormOptionsDocument = {"__meta__":{"hash":"sha256:2c4795a499ec319f4a13f99d18da04390fe4e3f27b03c6f421859fe8d6d78d4a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExperimentFormOptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"aiIntegrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"modelNames"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"agents"},"name":{"kind":"Name","value":"integrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"EnumValue","value":"AGENT"}},{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"config"}}]}}]}}]}}]} as unknown as DocumentNode<ExperimentFormOptionsQuery, ExperimentFormOptionsQueryVariables>;
export const CreateExperimentTaskDocument = {"__meta__":{"hash":"sha256:f17701927eb6b23c3d356afe37ac1c416a29cf0b39e142fe706a1117282ff917"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateExperimentTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRunExperimentTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRunExperimentTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"runConfiguration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LlmGenerationRunConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aiIntegrationId"}},{"kind":"Field","name":{"kind":"Name","value":"modelName"}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgentCallRunConfig"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"integrationId"}},{"kind":"Field","name":{"kind":"Name","value":"inputTemplate"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateExperimentTaskMutation, CreateExperimentTaskMutationVariables>;
export const TriggerExperimentDocument = {"__meta__":{"hash":"sha256:14ee9c35f86035255e63fefe87a26ec44fe628a638bfe6fd9cfe3c9dbb0c9093"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TriggerExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"task"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"experimentName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxExamples"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queryFilter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"triggerTaskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"task"},"value":{"kind":"Variable","name":{"kind":"Name","value":"task"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"experimentName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"experimentName"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"maxExamples"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxExamples"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"queryFilter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queryFilter"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<TriggerExperimentMutation, TriggerExperimentMutationVariables>;
export const ExperimentResultsDocument = {"__meta__":{"hash":"sha256:24b77fbaf477341a83e9fd21b1fb18122ee25a80ebe5fd83739cd23ac49d8375"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExperimentResults"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"100"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numSuccesses"}},{"kind":"Field","name":{"kind":"Name","value":"numErrors"}},{"kind":"Field","name":{"kind":"Name","value":"experiment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exampleId"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExperimentResultsQuery, ExperimentResultsQueryVariables>;
export const ListTasksDocument = {"__meta__":{"hash":"sha256:281a54f9113f1fb14df0f5e359df8a8bd06cd61841dec46194ccc78e590a708c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskType"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskRow"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"isContinuous"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evaluators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluatorId"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatorName"}}]}}]}}]} as unknown as DocumentNode<ListTasksQuery, ListTasksQueryVariables>;
export const TaskDetailDocument = {"__meta__":{"hash":"sha256:e883c1df56812b5941071fbcc943e3482e283a1600d90212dddbd2256bbe99a8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"task"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runsFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runsAfter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskRunStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"task"},"value":{"kind":"Variable","name":{"kind":"Name","value":"task"}}},{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"samplingRate"}},{"kind":"Field","name":{"kind":"Name","value":"isContinuous"}},{"kind":"Field","name":{"kind":"Name","value":"queryFilter"}},{"kind":"Field","name":{"kind":"Name","value":"queryFilters"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"evaluators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluatorId"}},{"kind":"Field","name":{"kind":"Name","value":"queryFilter"}},{"kind":"Field","name":{"kind":"Name","value":"columnMappings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"variable"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queryMappings"}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"evaluator","block":false}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"related","block":false}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"space","block":false}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"space"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"experiments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runsFirst"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runsAfter"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRow"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TaskRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"numSuccesses"}},{"kind":"Field","name":{"kind":"Name","value":"numErrors"}},{"kind":"Field","name":{"kind":"Name","value":"numSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"runStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"runFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<TaskDetailQuery, TaskDetailQueryVariables>;
export const TaskFormOptionsDocument = {"__meta__":{"hash":"sha256:936d13d8ea8a51c3d05bb38e0dd8168d5b58df735f2bca4e2b03070b2e57839e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskFormOptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"spaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"projects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evaluators"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]} as unknown as DocumentNode<TaskFormOptionsQuery, TaskFormOptionsQueryVariables>;
export const DatasetExperimentsDocument = {"__meta__":{"hash":"sha256:ab43ca552a85c53331524605471296b5b66152b5c16014b21a3053696aef8d56"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DatasetExperiments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dataset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experiments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dataset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dataset"}}},{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DatasetExperimentsQuery, DatasetExperimentsQueryVariables>;
export const SpaceExperimentsDocument = {"__meta__":{"hash":"sha256:ed016618d172fe7bd5ef4e75fe591045b3fab1750d796a4049700b9a0e061f6d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SpaceExperiments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"space"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experiments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"space"},"value":{"kind":"Variable","name":{"kind":"Name","value":"space"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"spaceId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SpaceExperimentsQuery, SpaceExperimentsQueryVariables>;
export const TriggerRunDocument = {"__meta__":{"hash":"sha256:fe058d479ab9f0a4f739a098eb93ea8625bf8df4f5f5eb015a348dfed38959dc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TriggerRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TriggerTaskRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"triggerTaskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<TriggerRunMutation, TriggerRunMutationVariables>;
export const WatchRunDocument = {"__meta__":{"hash":"sha256:195e39ed6e3c8e5229b0281c68c1d4922637d1bae7a23001e67f19d9cca37bf3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WatchRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"numSuccesses"}},{"kind":"Field","name":{"kind":"Name","value":"numErrors"}},{"kind":"Field","name":{"kind":"Name","value":"numSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"runStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"runFinishedAt"}}]}}]}}]} as unknown as DocumentNode<WatchRunSubscription, WatchRunSubscriptionVariables>;
export const CancelRunDocument = {"__meta__":{"hash":"sha256:cf32fcedd76b84e1190f74f3cebca130825b3214721f37538e13e053bdb5a2d8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelTaskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<CancelRunMutation, CancelRunMutationVariables>;
export const WaitForRunDocument = {"__meta__":{"hash":"sha256:63d0b738acb45bfa8c373716de099e3ea43530b374d6df1bdc4c1e45fc6ed16e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WaitForRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"waitForTaskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"pollIntervalSeconds"},"value":{"kind":"IntValue","value":"2"}},{"kind":"Argument","name":{"kind":"Name","value":"timeoutSeconds"},"value":{"kind":"IntValue","value":"120"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numSuccesses"}},{"kind":"Field","name":{"kind":"Name","value":"numErrors"}}]}}]}}]} as unknown as DocumentNode<WaitForRunQuery, WaitForRunQueryVariables>;