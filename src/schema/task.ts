/** Task, TaskEvaluator, ColumnMapping and TaskType; the task queries and mutations. */
import { builder } from './builder.ts';
import { badUserInput } from '../errors.ts';
import { DatasetRef, EvaluatorRef, EvaluatorVersionRef, ExperimentRef, ProjectRef } from './related.ts';
import { resolveId, scoped, spaceFilter } from '../resolvers/name-lookup.ts';
import { connectionFromUpstream } from '../resolvers/connection.ts';
import { createTask, deleteTask, loadTask, updateTask } from '../resolvers/task.ts';
import { UNKNOWN, type Task, type TaskEvaluator, type TaskType, type Unknown } from '../upstream/types.ts';

export const TaskTypeEnum = builder.enumType('TaskType', {
  description: 'What kind of work a task does.',
  values: {
    TEMPLATE_EVALUATION: { value: 'TEMPLATE_EVALUATION' as TaskType, description: 'LLM-as-a-judge evaluators built from a prompt template.' },
    CODE_EVALUATION: { value: 'CODE_EVALUATION' as TaskType, description: 'Evaluators written as code.' },
    RUN_EXPERIMENT: { value: 'RUN_EXPERIMENT' as TaskType, description: 'Runs a prompt, a template evaluation or an agent over a dataset\'s examples and records the outputs as an experiment.' },
    UNKNOWN: { value: UNKNOWN as Unknown, description: 'A type the Arize API sent that this gateway does not know yet. Never an error; never sent upstream as a filter.' },
  } as const,
});

/** Refuses `UNKNOWN` as a filter value: it names no value the upstream knows. */
export function knownFilter<T extends string>(value: T | Unknown | null | undefined, argument: string): T | undefined {
  if (value === UNKNOWN) throw badUserInput(`\`${argument}\`: UNKNOWN only reports values this gateway does not know; it cannot be used as a filter.`, { argument });
  return value ?? undefined;
}

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
  description: 'An evaluator as attached to a task, with its per-task filter and column mappings.',
  fields: (t) => ({
    evaluatorId: t.exposeID('evaluator_id', { description: 'Id of the attached evaluator.' }),
    evaluatorName: t.string({ nullable: true, description: 'The evaluator\'s name, as the task lists it (no extra call).', resolve: (e) => e.evaluator_name }),
    evaluator: t.field({
      type: EvaluatorRef, nullable: true, description: 'The evaluator itself (fetched only when selected, once per request).',
      resolve: (e, _args, ctx) => ctx.loaders.evaluator.load(e.evaluator_id),
    }),
    evaluatorVersionId: t.id({
      nullable: true, description: 'The evaluator version this attachment is pinned to; null: not pinned, the latest version runs.',
      resolve: (e) => e.evaluator_version_id,
    }),
    evaluatorVersion: t.field({
      type: EvaluatorVersionRef, nullable: true, description: 'The pinned evaluator version (null when not pinned; fetched only when selected).',
      resolve: (e, _args, ctx) => (e.evaluator_version_id ? ctx.loaders.evaluatorVersion.load(e.evaluator_version_id) : null),
    }),
    queryFilter: t.string({ nullable: true, description: 'Filter for this evaluator, AND-ed with the task\'s filter.', resolve: (e) => e.query_filter ?? null }),
    columnMappings: t.field({
      type: [ColumnMappingRef], description: 'Template variable -> column mappings (empty when none).',
      resolve: (e) => Object.entries(e.column_mappings ?? {}).map(([variable, column]) => ({ variable, column })),
    }),
  }),
});

TaskRef.implement({
  description: 'A task: evaluators tied to a data source (a project, or a dataset with experiments), or a RUN_EXPERIMENT task that runs a configuration over a dataset.',
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The task\'s global id (`OnlineTask:…`).' }),
    name: t.exposeString('name', { description: 'The task\'s name, unique within its space.' }),
    type: t.field({ type: TaskTypeEnum, description: 'Template evaluation, code evaluation or run experiment (UNKNOWN for a type this gateway does not know).', resolve: (task) => task.type }),
    projectId: t.id({ nullable: true, description: 'The project of a project-based task.', resolve: (task) => task.project_id }),
    project: t.field({
      type: ProjectRef, nullable: true, description: 'The project of a project-based task (fetched only when selected, batched per request).',
      resolve: (task, _args, ctx) => (task.project_id ? ctx.loaders.project.load(task.project_id) : null),
    }),
    datasetId: t.id({ nullable: true, description: 'The dataset of a dataset-based or RUN_EXPERIMENT task.', resolve: (task) => task.dataset_id }),
    dataset: t.field({
      type: DatasetRef, nullable: true, description: 'The dataset of a dataset-based task (fetched only when selected).',
      resolve: (task, _args, ctx) => (task.dataset_id ? ctx.loaders.dataset.load(task.dataset_id) : null),
    }),
    samplingRate: t.float({ nullable: true, description: 'Share of data evaluated, 0..1 (project-based tasks).', resolve: (task) => task.sampling_rate }),
    isContinuous: t.exposeBoolean('is_continuous', { description: 'Whether the task evaluates incoming data continuously (never for RUN_EXPERIMENT tasks).' }),
    queryFilter: t.string({ nullable: true, description: 'Filter applied to all the task\'s data.', resolve: (task) => task.query_filter }),
    evaluators: t.field({ type: [TaskEvaluatorRef], description: 'The evaluators the task runs (empty for RUN_EXPERIMENT tasks).', resolve: (task) => task.evaluators }),
    experimentIds: t.idList({ description: 'Experiments of a dataset-based task.', resolve: (task) => task.experiment_ids }),
    experiments: t.field({
      type: [ExperimentRef], description: 'The experiments of a dataset-based task (fetched only when selected; missing ones are left out).',
      resolve: async (task, _args, ctx) => {
        const loaded = await ctx.loaders.experiment.loadMany(task.experiment_ids);
        return loaded.filter((e): e is Exclude<typeof e, Error | null> => e !== null && !(e instanceof Error));
      },
    }),
    lastRunAt: t.field({ type: 'DateTime', nullable: true, description: 'When the task last ran.', resolve: (task) => task.last_run_at }),
    createdAt: t.field({ type: 'DateTime', description: 'When the task was created.', resolve: (task) => task.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the task was last changed.', resolve: (task) => task.updated_at }),
    createdByUserId: t.id({ nullable: true, description: 'Who created the task.', resolve: (task) => task.created_by_user_id }),
  }),
});

export const TaskConnectionRef = builder.connectionObject(
  { type: TaskRef, name: 'TaskConnection', description: 'A forward-only page of tasks.' },
  { name: 'TaskEdge', description: 'A task and the cursor to continue right after it.' },
);

// ---------------------------------------------------------------- queries
builder.queryFields((t) => ({
  tasks: t.field({
    type: TaskConnectionRef,
    description: 'Tasks, filtered and paged forward (`first` 1..100, `after` any edge cursor).',
    args: {
      first: t.arg.int({ defaultValue: 100, description: 'Page size, 1..100.' }),
      after: t.arg.string({ description: 'Continue right after the edge with this cursor.' }),
      name: t.arg.string({ description: 'Case-insensitive substring of the task name.' }),
      project: t.arg.string({ description: 'Project id or name (a name needs `space`).' }),
      dataset: t.arg.string({ description: 'Dataset id or name (a name needs `space`).' }),
      space: t.arg.string({ description: 'Space id, or a case-insensitive substring of the space name.' }),
      type: t.arg({ type: TaskTypeEnum, description: 'Only tasks of this type.' }),
    },
    // names resolve inside the fetch (memoised per request by resolveId), so first/after are checked before any lookup
    resolve: (_root, args, ctx) =>
      connectionFromUpstream(async (cursor, limit) => {
        const space = spaceFilter(args.space);
        const projectId = args.project ? await resolveId(ctx, 'project', args.project, args.space) : undefined;
        const datasetId = args.dataset ? await resolveId(ctx, 'dataset', args.dataset, args.space) : undefined;
        const page = await scoped(ctx.upstream.listTasks({
          name: args.name ?? undefined,
          type: knownFilter(args.type, 'type'),
          ...space,
          project_id: projectId,
          dataset_id: datasetId,
          limit,
          ...(cursor ? { cursor } : {}),
        }), { space: space.space_id, project: projectId, dataset: datasetId });
        for (const task of page.items) ctx.loaders.task.prime(task.id, task);
        return page;
      }, args, { q: 'tasks', name: args.name, project: args.project, dataset: args.dataset, space: args.space, type: knownFilter(args.type, 'type') }),
  }),
  task: t.field({
    type: TaskRef,
    nullable: true,
    description: 'One task by id, or by name within `space`. Null with NOT_FOUND when there is none.',
    args: {
      task: t.arg.string({ required: true, description: 'Task id or name.' }),
      space: t.arg.string({ description: 'Space id or name; needed when `task` is a name.' }),
    },
    resolve: async (_root, args, ctx) => loadTask(ctx, await resolveId(ctx, 'task', args.task, args.space)),
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

export const TaskEvaluatorInputRef = builder.inputType('TaskEvaluatorInput', {
  description: 'An evaluator to attach to a task. Each evaluator may appear once.',
  fields: (t) => ({
    evaluatorId: t.id({ required: true, description: 'The evaluator\'s id.' }),
    evaluatorVersionId: t.id({ description: 'Pin this evaluator to one of its versions; leave out (or null) to run the latest version. An update replaces the list, so leaving it out unpins.' }),
    queryFilter: t.string({ description: 'Filter for this evaluator, AND-ed with the task\'s filter.' }),
    columnMappings: t.field({ type: [ColumnMappingInput], description: 'Template variable -> column mappings.' }),
  }),
});

const CreateTaskInput = builder.inputType('CreateTaskInput', {
  description: 'A new evaluation task: exactly one of `project` or `dataset` (give `experimentIds`). RUN_EXPERIMENT tasks have their own mutation.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The task\'s name (at least one character), unique within its space.' }),
    type: t.field({ type: TaskTypeEnum, required: true, description: 'TEMPLATE_EVALUATION or CODE_EVALUATION.' }),
    evaluators: t.field({ type: [TaskEvaluatorInputRef], required: true, description: 'At least one evaluator, none twice.' }),
    project: t.string({ description: 'Project id or name (a name needs `space`): makes a project-based task.' }),
    dataset: t.string({ description: 'Dataset id or name (a name needs `space`): makes a dataset-based task.' }),
    space: t.string({ description: 'Space id or name, to look up `project` or `dataset` by name.' }),
    experimentIds: t.idList({ description: 'Experiments to evaluate: at least one for a dataset-based task, none for a project-based one.' }),
    samplingRate: t.float({ description: 'Share of data to evaluate, 0..1 (project-based tasks only).' }),
    isContinuous: t.boolean({ description: 'Evaluate incoming data continuously (project-based tasks; sent only when given); never true for dataset-based ones.' }),
    queryFilter: t.string({ description: 'Filter applied to all the task\'s data.' }),
    clientMutationId: t.string({ description: 'Echoed back in the payload. A retry with the same value from the same caller within a few minutes returns the first result instead of writing again.' }),
  }),
});

const UpdateTaskInput = builder.inputType('UpdateTaskInput', {
  description: 'Changes to a task: only the fields given are sent; at least one is needed.',
  fields: (t) => ({
    task: t.string({ required: true, description: 'Task id or name (a name needs `space`).' }),
    space: t.string({ description: 'Space id or name, to look up `task` by name.' }),
    name: t.string({ description: 'A new name, unique within the space.' }),
    samplingRate: t.float({ description: 'A new sampling rate, 0..1 (project-based tasks only).' }),
    isContinuous: t.boolean({ description: 'Continuous or not (project-based tasks only).' }),
    queryFilter: t.string({ description: 'A new filter; explicit null clears it, absent leaves it alone.' }),
    evaluators: t.field({ type: [TaskEvaluatorInputRef], description: 'Replaces the whole evaluator list (at least one).' }),
    clientMutationId: t.string({ description: 'Echoed back in the payload. A retry with the same value from the same caller within a few minutes returns the first result instead of writing again.' }),
  }),
});

const DeleteTaskInput = builder.inputType('DeleteTaskInput', {
  description: 'The task to delete, with its runs.',
  fields: (t) => ({
    task: t.string({ required: true, description: 'Task id or name (a name needs `space`).' }),
    space: t.string({ description: 'Space id or name, to look up `task` by name.' }),
    clientMutationId: t.string({ description: 'Echoed back in the payload. A retry with the same value from the same caller within a few minutes returns the first result instead of writing again.' }),
  }),
});

const taskPayload = (name: string, description: string) =>
  builder.objectRef<{ task: Task; clientMutationId: string | null }>(name).implement({
    description,
    fields: (t) => ({
      task: t.field({ type: TaskRef, description: 'The task as the upstream now has it.', resolve: (p) => p.task }),
      clientMutationId: t.string({ nullable: true, description: 'The input\'s clientMutationId.', resolve: (p) => p.clientMutationId }),
    }),
  });

const CreateTaskPayload = taskPayload('CreateTaskPayload', 'The created task.');
const UpdateTaskPayload = taskPayload('UpdateTaskPayload', 'The updated task.');

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
    args: { input: t.arg({ type: CreateTaskInput, required: true, description: 'What to do; see the input type.' }) },
    resolve: (_root, { input }, ctx) => createTask(ctx, input as Parameters<typeof createTask>[1]),
  }),
  updateTask: t.field({
    type: UpdateTaskPayload,
    description: 'Changes a task: sends only the fields given; `queryFilter: null` clears the filter; `evaluators` replaces the list.',
    args: { input: t.arg({ type: UpdateTaskInput, required: true, description: 'What to do; see the input type.' }) },
    resolve: (_root, { input }, ctx) => updateTask(ctx, input as Parameters<typeof updateTask>[1]),
  }),
  deleteTask: t.field({
    type: DeleteTaskPayload,
    description: 'Deletes a task and all its runs. Irreversible.',
    args: { input: t.arg({ type: DeleteTaskInput, required: true, description: 'What to do; see the input type.' }) },
    resolve: (_root, { input }, ctx) => deleteTask(ctx, input),
  }),
}));
