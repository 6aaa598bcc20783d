/** Task, TaskEvaluator, ColumnMapping and TaskType; the task queries and mutations. */
import { builder } from './builder.ts';
import { SPACE_ARGUMENT, clientMutationId, cost, pageArgs, payload, nameFilterArg } from './args.ts';
import { countOf, inSpace, inputOf, lookup, plus } from './cost.ts';
import { createRunExperimentTaskRules, createTaskRules, updateTaskRules } from './rules/task.ts';
import { NAME_LOOKUP_PAGES } from '../upstream/paginate.ts';
import { DatasetRef, EvaluatorRef, EvaluatorVersionRef, ExperimentRef, ProjectRef } from './refs.ts';
import { RunConfigurationInputRef, RunConfigurationRef } from './run-configuration.ts';
import { knownRunConfiguration } from '../resolvers/run-configuration.ts';
import { createRunExperimentTask, createTask, deleteTask, experimentsOfTask, findTask, listTasks, updateTask } from '../resolvers/task.ts';
import { UNKNOWN, type Task, type TaskEvaluator, type TaskType, type Unknown } from '../upstream/types.ts';

const TaskTypeEnum = builder.enumType('TaskType', {
  description: 'What kind of work a task does.',
  values: {
    TEMPLATE_EVALUATION: { value: 'TEMPLATE_EVALUATION' as TaskType, description: 'LLM-as-a-judge evaluators built from a prompt template.' },
    CODE_EVALUATION: { value: 'CODE_EVALUATION' as TaskType, description: 'Evaluators written as code.' },
    RUN_EXPERIMENT: { value: 'RUN_EXPERIMENT' as TaskType, description: 'Runs a prompt, a template evaluation or an agent over a dataset\'s examples and records the outputs as an experiment.' },
    UNKNOWN: { value: UNKNOWN as Unknown, description: 'A type the Arize API sent that this gateway does not know yet. Never an error; never sent upstream as a filter.' },
  } as const,
});

/** The `Task` object, backed by the upstream's task. */
export const TaskRef = builder.objectRef<Task>('Task');
const TaskEvaluatorRef = builder.objectRef<TaskEvaluator>('TaskEvaluator');
const ColumnMappingRef = builder.objectRef<{ variable: string; column: string }>('ColumnMapping');

ColumnMappingRef.implement({
  description: 'Which data column fills one template variable of an evaluator.',
  fields: (t) => ({
    variable: t.exposeString('variable', { description: 'The evaluator template\'s variable name.' }),
    column: t.exposeString('column', { description: 'The data source column that fills it.' }),
  }),
});

TaskEvaluatorRef.implement({
  description: 'An evaluator as attached to a task, with its per-task filter and column mappings (span level) or query mappings (trace/session level).',
  fields: (t) => ({
    evaluatorId: t.exposeID('evaluator_id', { description: 'Id of the attached evaluator.' }),
    evaluatorName: t.string({ nullable: true, description: 'The evaluator\'s name, as the task lists it (no extra call).', resolve: (e) => e.evaluator_name }),
    evaluator: t.field({
      type: EvaluatorRef, nullable: true, description: 'The evaluator itself (fetched only when selected, once per request).', extensions: cost(1),
      resolve: (e, _args, ctx) => ctx.loaders.evaluator.load(e.evaluator_id),
    }),
    evaluatorVersionId: t.id({
      nullable: true, description: 'The evaluator version this attachment is pinned to; null: not pinned, the latest version runs.',
      resolve: (e) => e.evaluator_version_id,
    }),
    evaluatorVersion: t.field({
      type: EvaluatorVersionRef, nullable: true, description: 'The pinned evaluator version (null when not pinned; fetched only when selected).', extensions: cost(1),
      resolve: (e, _args, ctx) => (e.evaluator_version_id ? ctx.loaders.evaluatorVersion.load(e.evaluator_version_id) : null),
    }),
    queryFilter: t.string({ nullable: true, description: 'Span-level filter for this evaluator, AND-ed with the task\'s filter.', resolve: (e) => e.query_filter ?? null }),
    columnMappings: t.field({
      type: [ColumnMappingRef], description: 'Span-level template variable -> column mappings (empty when none, and on trace/session-level tasks).',
      resolve: (e) => Object.entries(e.column_mappings ?? {}).map(([variable, column]) => ({ variable, column })),
    }),
    queryMappings: t.field({
      type: 'JSON', nullable: true,
      description: 'Trace/session-level mappings of this evaluator, the upstream\'s JSON object exactly as received (keys and null members kept); null on span-level tasks.',
      resolve: (e) => e.query_mappings ?? null,
    }),
  }),
});

TaskRef.implement({
  description: 'A task: evaluators tied to a data source (a project, or a dataset with experiments), or a RUN_EXPERIMENT task that runs a configuration over a dataset.',
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The task\'s global id (`OnlineTask:…`).' }),
    name: t.exposeString('name', { description: 'The task\'s name, unique within its space.' }),
    type: t.field({ type: TaskTypeEnum, description: 'Template evaluation, code evaluation or run experiment (UNKNOWN for a type this gateway does not know; see typeName).', resolve: (task) => task.type }),
    typeName: t.string({
      description: 'The type exactly as the upstream sent it, in its case (`DECISION_JUDGE`, `template_evaluation` from an older server, ...): what to show when `type` is UNKNOWN.',
      resolve: (task) => task.type_name,
    }),
    projectId: t.id({ nullable: true, description: 'The project of a project-based task.', resolve: (task) => task.project_id }),
    project: t.field({
      type: ProjectRef, nullable: true, description: 'The project of a project-based task (fetched only when selected, batched per request).', extensions: cost(1),
      resolve: (task, _args, ctx) => (task.project_id ? ctx.loaders.project.load(task.project_id) : null),
    }),
    datasetId: t.id({ nullable: true, description: 'The dataset of a dataset-based or RUN_EXPERIMENT task.', resolve: (task) => task.dataset_id }),
    dataset: t.field({
      type: DatasetRef, nullable: true, description: 'The dataset of a dataset-based task (fetched only when selected).', extensions: cost(1),
      resolve: (task, _args, ctx) => (task.dataset_id ? ctx.loaders.dataset.load(task.dataset_id) : null),
    }),
    samplingRate: t.float({ nullable: true, description: 'Share of data evaluated, 0..1 (project-based tasks).', resolve: (task) => task.sampling_rate }),
    isContinuous: t.exposeBoolean('is_continuous', { description: 'Whether the task evaluates incoming data continuously (never for RUN_EXPERIMENT tasks).' }),
    queryFilter: t.string({ nullable: true, description: 'Span-level filter applied to all the task\'s data; null on trace/session-level tasks.', resolve: (task) => task.query_filter }),
    queryFilters: t.field({
      type: 'JSON', nullable: true,
      description: 'Trace/session-level filters, the upstream\'s JSON object exactly as received (keys and null members kept); null on span-level tasks.',
      resolve: (task) => task.query_filters ?? null,
    }),
    evaluators: t.field({ type: [TaskEvaluatorRef], description: 'The evaluators the task runs (empty for RUN_EXPERIMENT tasks).', extensions: cost(0, 5), resolve: (task) => task.evaluators }),
    experimentIds: t.idList({ description: 'Experiments of a dataset-based task.', resolve: (task) => task.experiment_ids }),
    experiments: t.field({
      type: [ExperimentRef], description: 'The experiments of a dataset-based task (fetched only when selected; missing ones are left out).',
      extensions: cost(5, 5),
      resolve: (task, _args, ctx) => experimentsOfTask(ctx, task),
    }),
    runConfiguration: t.field({
      type: RunConfigurationRef, nullable: true,
      description: 'What a RUN_EXPERIMENT task runs over each example (null for evaluation tasks, and for a kind this gateway does not know yet).',
      resolve: (task) => knownRunConfiguration(task.run_configuration),
    }),
    lastRunAt: t.field({ type: 'DateTime', nullable: true, description: 'When the task last ran.', resolve: (task) => task.last_run_at }),
    createdAt: t.field({ type: 'DateTime', description: 'When the task was created.', resolve: (task) => task.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the task was last changed.', resolve: (task) => task.updated_at }),
    createdByUserId: t.id({ nullable: true, description: 'Who created the task.', resolve: (task) => task.created_by_user_id }),
  }),
});

const TaskConnectionRef = builder.connectionObject(
  { type: TaskRef, name: 'TaskConnection', description: 'A forward-only page of tasks.' },
  { name: 'TaskEdge', description: 'A task and the cursor to continue right after it.' },
);

// ---------------------------------------------------------------- queries
builder.queryFields((t) => ({
  tasks: t.field({
    type: TaskConnectionRef,
    description: 'Tasks, filtered and paged forward (`first` 1..100, `after` any edge cursor).',
    args: {
      ...pageArgs(t.arg),
      name: nameFilterArg(t.arg, 'Case-insensitive substring of the task name.'),
      project: t.arg.string({ description: 'Project id or name (a name needs `space`).' }),
      dataset: t.arg.string({ description: 'Dataset id or name (a name needs `space`).' }),
      space: t.arg.string({ description: `Only tasks of this space. ${SPACE_ARGUMENT}` }),
      type: t.arg({ type: TaskTypeEnum, description: 'Only tasks of this type (not UNKNOWN, which names no upstream value).' }),
    },
    extensions: cost(1, 'first', (a) => plus(lookup(a.project, a.space), lookup(a.dataset, a.space), inSpace(a.space))),
    resolve: (_root, args, ctx) => listTasks(ctx, args),
  }),
  task: t.field({
    type: TaskRef,
    nullable: true,
    description: 'One task by id, or by name within `space`. Null with NOT_FOUND when there is none.',
    args: {
      task: t.arg.string({ required: true, description: 'Task id or name.' }),
      space: t.arg.string({ description: `Needed when \`task\` is a name (not looked up for an id). ${SPACE_ARGUMENT}` }),
    },
    extensions: cost(1, undefined, (a) => lookup(a.task, a.space)),
    resolve: (_root, args, ctx) => findTask(ctx, args),
  }),
}));

// -------------------------------------------------------------- mutations
const ColumnMappingInput = builder.inputType('ColumnMappingInput', {
  description: 'Which data column fills one template variable.',
  fields: (t) => ({
    variable: t.string({ required: true, description: 'The template variable.' }),
    column: t.string({ required: true, description: 'The data column.' }),
  }),
});

const TaskEvaluatorInputRef = builder.inputType('TaskEvaluatorInput', {
  description: 'An evaluator to attach to a task. Each evaluator may appear once.',
  fields: (t) => ({
    evaluatorId: t.id({ required: true, description: 'The evaluator\'s id.' }),
    evaluatorVersionId: t.id({ description: 'Pin this evaluator to one of its versions; leave out (or null) to run the latest version. An update replaces the list, so leaving it out unpins.' }),
    queryFilter: t.string({ description: 'Span-level filter for this evaluator, AND-ed with the task\'s filter.' }),
    columnMappings: t.field({ type: [ColumnMappingInput], description: 'Span-level template variable -> column mappings.' }),
    queryMappings: t.field({
      type: 'JSON',
      description: 'Trace/session-level mappings: a JSON object, sent upstream exactly as given (`query_mappings`). Not with span-level fields on the same task.',
    }),
  }),
});

const CreateTaskInputRef = builder.inputType('CreateTaskInput', {
  description: 'A new evaluation task: exactly one of `project` or `dataset` (give `experimentIds`). RUN_EXPERIMENT tasks have their own mutation.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The task\'s name (at least one character), unique within its space.' }),
    type: t.field({ type: TaskTypeEnum, required: true, description: 'TEMPLATE_EVALUATION or CODE_EVALUATION.' }),
    evaluators: t.field({ type: [TaskEvaluatorInputRef], required: true, description: 'At least one evaluator, none twice.' }),
    project: t.string({ description: 'Project id or name (a name needs `space`): makes a project-based task.' }),
    dataset: t.string({ description: 'Dataset id or name (a name needs `space`): makes a dataset-based task.' }),
    space: t.string({ description: `To look up \`project\` or \`dataset\` by name. ${SPACE_ARGUMENT}` }),
    experimentIds: t.idList({ description: 'Experiments to evaluate: at least one for a dataset-based task, none for a project-based one.' }),
    samplingRate: t.float({ description: 'Share of data to evaluate, 0..1 (project-based tasks only).' }),
    isContinuous: t.boolean({ description: 'Evaluate incoming data continuously (project-based tasks; sent only when given); never true for dataset-based ones.' }),
    queryFilter: t.string({ description: 'Span-level filter applied to all the task\'s data.' }),
    queryFilters: t.field({
      type: 'JSON',
      description: 'Trace/session-level filters: a JSON object, sent upstream exactly as given (`query_filters`). A task filters per span (queryFilter, columnMappings) or per trace/session (queryFilters, queryMappings), never both.',
    }),
    clientMutationId: clientMutationId(t),
  }),
});

const UpdateTaskInputRef = builder.inputType('UpdateTaskInput', {
  description: 'Changes to a task: only the fields given are sent; at least one is needed.',
  fields: (t) => ({
    task: t.string({ required: true, description: 'Task id or name (a name needs `space`).' }),
    space: t.string({ description: `To look up \`task\` by name. ${SPACE_ARGUMENT}` }),
    name: t.string({ description: 'A new name, unique within the space.' }),
    samplingRate: t.float({ description: 'A new sampling rate, 0..1 (project-based tasks only).' }),
    isContinuous: t.boolean({ description: 'Continuous or not (project-based tasks only).' }),
    queryFilter: t.string({ description: 'A new span-level filter; explicit null clears it, absent leaves it alone.' }),
    queryFilters: t.field({
      type: 'JSON',
      description: 'New trace/session-level filters (a JSON object, sent exactly as given); explicit null clears them (`"query_filters": null`), absent leaves them alone. To switch shapes, clear one side and set the other.',
    }),
    evaluators: t.field({ type: [TaskEvaluatorInputRef], description: 'Replaces the whole evaluator list (at least one; evaluation tasks).' }),
    runConfiguration: t.field({ type: RunConfigurationInputRef, description: 'Replaces the run configuration (RUN_EXPERIMENT tasks only).' }),
    clientMutationId: clientMutationId(t),
  }),
});

const DeleteTaskInputRef = builder.inputType('DeleteTaskInput', {
  description: 'The task to delete, with its runs.',
  fields: (t) => ({
    task: t.string({ required: true, description: 'Task id or name (a name needs `space`).' }),
    space: t.string({ description: `To look up \`task\` by name. ${SPACE_ARGUMENT}` }),
    clientMutationId: clientMutationId(t),
  }),
});

const CreateRunExperimentTaskInputRef = builder.inputType('CreateRunExperimentTaskInput', {
  description: 'A new RUN_EXPERIMENT task: a run configuration over a dataset\'s examples.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The task\'s name (at least one character), unique within its space.' }),
    dataset: t.string({ required: true, description: 'Dataset id or name (a name needs `space`).' }),
    space: t.string({ description: `To look up \`dataset\` by name. ${SPACE_ARGUMENT}` }),
    runConfiguration: t.field({ type: RunConfigurationInputRef, required: true, description: 'What to run over each example: exactly one kind.' }),
    clientMutationId: clientMutationId(t),
  }),
});

// the rules are typed by the inputs they check, so they are attached once the inputs exist
CreateTaskInputRef.validate(createTaskRules);
UpdateTaskInputRef.validate(updateTaskRules);
CreateRunExperimentTaskInputRef.validate(createRunExperimentTaskRules);

/** `TaskEvaluatorInput`, as the schema declares it. */
export type TaskEvaluatorInput = typeof TaskEvaluatorInputRef.$inferInput;
/** `CreateTaskInput`, as the schema declares it. */
export type CreateTaskInput = typeof CreateTaskInputRef.$inferInput;
/** `UpdateTaskInput`, as the schema declares it. */
export type UpdateTaskInput = typeof UpdateTaskInputRef.$inferInput;
/** `DeleteTaskInput`, as the schema declares it. */
export type DeleteTaskInput = typeof DeleteTaskInputRef.$inferInput;
/** `CreateRunExperimentTaskInput`, as the schema declares it. */
export type CreateRunExperimentTaskInput = typeof CreateRunExperimentTaskInputRef.$inferInput;

const taskField = { name: 'task', ref: TaskRef, description: 'The task as the upstream now has it.' } as const;
const CreateTaskPayload = payload('CreateTaskPayload', 'The created task.', taskField);
const UpdateTaskPayload = payload('UpdateTaskPayload', 'The updated task.', taskField);

const DeleteTaskPayload = builder.objectRef<{ deletedTaskId: string; clientMutationId: string | null }>('DeleteTaskPayload').implement({
  description: 'Which task was deleted.',
  fields: (t) => ({
    deletedTaskId: t.exposeID('deletedTaskId', { description: 'Id of the deleted task.' }),
    clientMutationId: t.string({ nullable: true, description: 'The input\'s clientMutationId.', resolve: (p) => p.clientMutationId }),
  }),
});

builder.mutationFields((t) => ({
  createTask: t.field({
    type: CreateTaskPayload,
    description: 'Creates a task. Inputs are checked with the upstream\'s rules first; a name already used in the space is CONFLICT.',
    args: { input: t.arg({ type: CreateTaskInputRef, required: true, description: 'What to do; see the input type.' }) },
    // the source's GET and the POST; the name's check, then a lost answer's search or a 422's scope reads
    extensions: cost(2, undefined, (a) => {
      const input = inputOf(a);
      return plus(lookup(input.project, input.space), lookup(input.dataset, input.space),
        { calls: NAME_LOOKUP_PAGES + Math.max(NAME_LOOKUP_PAGES, countOf(input.evaluators)) });
    }),
    resolve: (_root, { input }, ctx) => createTask(ctx, input),
  }),
  createRunExperimentTask: t.field({
    type: CreateTaskPayload,
    description: 'Creates a RUN_EXPERIMENT task. The configuration is checked with the upstream\'s rules first; a name already used in the space is CONFLICT.',
    args: { input: t.arg({ type: CreateRunExperimentTaskInputRef, required: true, description: 'What to do; see the input type.' }) },
    // the dataset's GET and the POST; the name's check, then a lost answer's search
    extensions: cost(2 + 2 * NAME_LOOKUP_PAGES, undefined, (a) => lookup(inputOf(a).dataset, inputOf(a).space)),
    resolve: (_root, { input }, ctx) => createRunExperimentTask(ctx, input),
  }),
  updateTask: t.field({
    type: UpdateTaskPayload,
    description: 'Changes a task: sends only the fields given; `queryFilter: null` clears the filter; `evaluators` replaces the list.',
    args: { input: t.arg({ type: UpdateTaskInputRef, required: true, description: 'What to do; see the input type.' }) },
    // the task's GET and the PATCH; a new name's check (and its source's GET); a lost answer's GET or a 422's scope reads
    extensions: cost(2, undefined, (a) => {
      const input = inputOf(a);
      return plus(lookup(input.task, input.space),
        { calls: (typeof input.name === 'string' ? 1 + NAME_LOOKUP_PAGES : 0) + Math.max(1, countOf(input.evaluators)) });
    }),
    resolve: (_root, { input }, ctx) => updateTask(ctx, input),
  }),
  deleteTask: t.field({
    type: DeleteTaskPayload,
    description: 'Deletes a task and all its runs. Irreversible.',
    args: { input: t.arg({ type: DeleteTaskInputRef, required: true, description: 'What to do; see the input type.' }) },
    extensions: cost(1, undefined, (a) => lookup(inputOf(a).task, inputOf(a).space)),
    resolve: (_root, { input }, ctx) => deleteTask(ctx, input),
  }),
}));
