/** TaskRun and TaskRunStatus; run queries, mutations, and the runStatus subscription. */
import { builder } from './builder.ts';
import { SPACE_ARGUMENT, clientMutationId, cost, pageArgs, payload } from './args.ts';
import { inputOf, lookup } from './cost.ts';
import { ExperimentRef } from './refs.ts';
import { TaskRef } from './task.ts';
import { MAX_POLL_INTERVAL_SECONDS, MAX_WAIT_SECONDS, triggerTaskRunRules, waitArgumentRules } from './rules/task-run.ts';
import {
  cancelTaskRun, loadRun, runOrThrow, runsOfTask, taskRuns, triggerTaskRun, waitForTaskRun, watchRun,
} from '../resolvers/task-run.ts';
import { UNKNOWN, isTerminalStatus, type RunStatus, type TaskRun, type Unknown } from '../upstream/types.ts';

const TaskRunStatusEnum = builder.enumType('TaskRunStatus', {
  description: 'Where a run is in its life. COMPLETED, FAILED and CANCELLED are terminal.',
  values: {
    PENDING: { value: 'PENDING' as RunStatus, description: 'Queued, not started.' },
    RUNNING: { value: 'RUNNING' as RunStatus, description: 'Working; the counters grow.' },
    COMPLETED: { value: 'COMPLETED' as RunStatus, description: 'Finished successfully.' },
    FAILED: { value: 'FAILED' as RunStatus, description: 'Finished with a failure (see failureReason).' },
    CANCELLED: { value: 'CANCELLED' as RunStatus, description: 'Cancelled before it finished (see failureReason).' },
    UNKNOWN: { value: UNKNOWN as Unknown, description: 'A status the Arize API sent that this gateway does not know yet. Not terminal: a watch goes on. Never sent upstream as a filter.' },
  } as const,
});

const TaskRunRef = builder.objectRef<TaskRun>('TaskRun');

TaskRunRef.implement({
  description: 'One asynchronous execution of a task over a window of data.',
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The run\'s global id (`TaskRun:…`).' }),
    taskId: t.exposeID('task_id', { description: 'Id of the task this run belongs to.' }),
    task: t.field({
      type: TaskRef, nullable: true, description: 'The task this run belongs to (fetched only when selected).', extensions: cost(1),
      resolve: (run, _args, ctx) => ctx.loaders.task.load(run.task_id),
    }),
    status: t.field({ type: TaskRunStatusEnum, description: 'The run\'s status.', resolve: (run) => run.status }),
    isTerminal: t.boolean({ description: 'True for COMPLETED, FAILED or CANCELLED (never for UNKNOWN).', resolve: (run) => isTerminalStatus(run.status) }),
    failureReason: t.string({
      nullable: true, description: 'Why the run failed or was cancelled, as the upstream says it (e.g. CANCELLED with 0/0/0 counts when all data already carried labels).',
      resolve: (run) => run.failure_reason,
    }),
    experimentId: t.id({ nullable: true, description: 'The experiment a RUN_EXPERIMENT run records its outputs in, once it exists.', resolve: (run) => run.experiment_id }),
    experiment: t.field({
      type: ExperimentRef, nullable: true, description: 'The experiment of a RUN_EXPERIMENT run (fetched only when selected).',
      extensions: cost(1),
      resolve: (run, _args, ctx) => (run.experiment_id ? ctx.loaders.experiment.load(run.experiment_id) : null),
    }),
    runStartedAt: t.field({ type: 'DateTime', nullable: true, description: 'When processing started.', resolve: (run) => run.run_started_at }),
    runFinishedAt: t.field({ type: 'DateTime', nullable: true, description: 'When processing finished.', resolve: (run) => run.run_finished_at }),
    dataStartTime: t.field({ type: 'DateTime', nullable: true, description: 'Start of the evaluated data window.', resolve: (run) => run.data_start_time }),
    dataEndTime: t.field({ type: 'DateTime', nullable: true, description: 'End of the evaluated data window.', resolve: (run) => run.data_end_time }),
    numSuccesses: t.exposeInt('num_successes', { description: 'Items evaluated successfully so far.' }),
    numErrors: t.exposeInt('num_errors', { description: 'Items whose evaluation failed so far.' }),
    numSkipped: t.exposeInt('num_skipped', { description: 'Items skipped so far.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the run was triggered.', resolve: (run) => run.created_at }),
    createdByUserId: t.id({ nullable: true, description: 'Who triggered the run.', resolve: (run) => run.created_by_user_id }),
  }),
});

const TaskRunConnectionRef = builder.connectionObject(
  { type: TaskRunRef, name: 'TaskRunConnection', description: 'A forward-only page of runs, newest first.' },
  { name: 'TaskRunEdge', description: 'A run and the cursor to continue right after it.' },
);

builder.objectField(TaskRef, 'runs', (t) =>
  t.field({
    type: TaskRunConnectionRef,
    description: 'This task\'s runs, newest first, paged forward.',
    args: {
      ...pageArgs(t.arg),
      status: t.arg({ type: TaskRunStatusEnum, description: 'Only runs in this status.' }),
    },
    extensions: cost(1, 'first'),
    resolve: (task, args, ctx) => runsOfTask(ctx, task, args),
  }),
);

builder.queryFields((t) => ({
  taskRuns: t.field({
    type: TaskRunConnectionRef,
    description: 'A task\'s runs (task by id, or by name within `space`), newest first, paged forward.',
    args: {
      task: t.arg.string({ required: true, description: 'Task id or name.' }),
      space: t.arg.string({ description: `Needed when \`task\` is a name (not looked up for an id). ${SPACE_ARGUMENT}` }),
      status: t.arg({ type: TaskRunStatusEnum, description: 'Only runs in this status.' }),
      ...pageArgs(t.arg),
    },
    extensions: cost(1, 'first', (a) => lookup(a.task, a.space)),
    resolve: (_root, args, ctx) => taskRuns(ctx, args),
  }),
  taskRun: t.field({
    type: TaskRunRef,
    nullable: true,
    description: 'One run by id. Null with NOT_FOUND when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The run\'s id.' }) },
    extensions: cost(1),
    resolve: (_root, args, ctx) => loadRun(ctx, args.id),
  }),
  waitForTaskRun: t.field({
    type: TaskRunRef,
    description: 'Waits until the run is COMPLETED, FAILED or CANCELLED and returns it; TIMEOUT when `timeoutSeconds` pass first. Shares the run pollers of `runStatus`.',
    args: {
      id: t.arg.id({ required: true, description: 'The run\'s id.' }),
      pollIntervalSeconds: t.arg.float({ defaultValue: 5, description: `How often to read the run, seconds (above 0, at most ${MAX_POLL_INTERVAL_SECONDS}; never more often than the server's poll interval).` }),
      timeoutSeconds: t.arg.float({ defaultValue: 600, description: `How long to wait, seconds (above 0, at most ${MAX_WAIT_SECONDS}; watch longer with runStatus).` }),
    },
    validate: waitArgumentRules,
    extensions: cost(1),
    resolve: (_root, args, ctx) => waitForTaskRun(ctx, args),
  }),
}));

// -------------------------------------------------------------- mutations
const TriggerTaskRunInputRef = builder.inputType('TriggerTaskRunInput', {
  description: 'Starts a run of a task. Evaluation tasks take the window, `maxSpans`, `overrideEvaluations` and `experimentIds`; RUN_EXPERIMENT tasks take `experimentName` and the example choice. The upstream fills defaults.',
  fields: (t) => ({
    task: t.string({ required: true, description: 'Task id or name (a name needs `space`).' }),
    space: t.string({ description: `To look up \`task\` by name. ${SPACE_ARGUMENT}` }),
    dataStartTime: t.field({ type: 'DateTime', description: 'Start of the data window (project-based tasks): before its end, at most 30 days before it; required on a task\'s first run, later it defaults to the last run time.' }),
    dataEndTime: t.field({ type: 'DateTime', description: 'End of the data window (project-based tasks; default: now).' }),
    maxSpans: t.int({ description: 'Most spans to process, > 0 (default 10000).' }),
    overrideEvaluations: t.boolean({ description: 'Re-evaluate data that already has labels (default false).' }),
    experimentIds: t.idList({ description: 'Experiments to run against (dataset-based evaluation tasks only).' }),
    experimentName: t.string({ description: 'RUN_EXPERIMENT tasks (required there): the experiment to create, a name unused in the dataset (else CONFLICT).' }),
    datasetVersionId: t.id({ description: 'RUN_EXPERIMENT tasks: the dataset version to run over (default: the latest).' }),
    exampleIds: t.idList({ description: 'RUN_EXPERIMENT tasks: only these examples (not with `maxExamples`; neither means all).' }),
    maxExamples: t.int({ description: 'RUN_EXPERIMENT tasks: at most this many examples, in dataset order (not with `exampleIds`; with `queryFilter`, counted after filtering).' }),
    queryFilter: t.string({ description: 'RUN_EXPERIMENT tasks: run only on the examples that match this filter (sent as `query_filter`); with `exampleIds`, their intersection. Refused on an evaluation task.' }),
    tracingMetadata: t.field({ type: 'JSON', description: 'RUN_EXPERIMENT tasks: a JSON object of string values; giving it turns tracing on.' }),
    evaluationTaskIds: t.idList({ description: 'RUN_EXPERIMENT tasks: evaluation tasks to trigger once the experiment completes.' }),
    clientMutationId: clientMutationId(t),
  }),
});

const CancelTaskRunInputRef = builder.inputType('CancelTaskRunInput', {
  description: 'The run to cancel; only a PENDING or RUNNING run can be cancelled.',
  fields: (t) => ({
    runId: t.id({ required: true, description: 'The run\'s id.' }),
    clientMutationId: clientMutationId(t),
  }),
});

// the rules are typed by the input they check, so they are attached once it exists
TriggerTaskRunInputRef.validate(triggerTaskRunRules());

/** `TriggerTaskRunInput`, as the schema declares it. */
export type TriggerTaskRunInput = typeof TriggerTaskRunInputRef.$inferInput;
/** `CancelTaskRunInput`, as the schema declares it. */
export type CancelTaskRunInput = typeof CancelTaskRunInputRef.$inferInput;

const runField = { name: 'run', ref: TaskRunRef, description: 'The run as the upstream returned it.' } as const;
const TriggerTaskRunPayload = payload('TriggerTaskRunPayload', 'The new run (PENDING). Watch it with `runStatus` or `waitForTaskRun`.', runField);
const CancelTaskRunPayload = payload('CancelTaskRunPayload', 'The cancelled run.', runField);

builder.mutationFields((t) => ({
  triggerTaskRun: t.field({
    type: TriggerTaskRunPayload,
    description: 'Starts a run. Never retried: a failed call never starts two runs.',
    args: { input: t.arg({ type: TriggerTaskRunInputRef, required: true, description: 'What to do; see the input type.' }) },
    // the task's GET, the POST, and a lost answer's look at the runs
    extensions: cost(3, undefined, (a) => lookup(inputOf(a).task, inputOf(a).space)),
    resolve: (_root, { input }, ctx) => triggerTaskRun(ctx, input),
  }),
  cancelTaskRun: t.field({
    type: CancelTaskRunPayload,
    description: 'Cancels a PENDING or RUNNING run; a finished run is BAD_USER_INPUT.',
    args: { input: t.arg({ type: CancelTaskRunInputRef, required: true, description: 'What to do; see the input type.' }) },
    // the POST, and a lost answer's GET
    extensions: cost(2),
    resolve: (_root, { input }, ctx) => cancelTaskRun(ctx, input),
  }),
}));

// ----------------------------------------------------------- subscription
builder.subscriptionField('runStatus', (t) =>
  t.field({
    type: TaskRunRef,
    description: 'The run\'s current state at once, then every change of status, times or counters, then completes right after the terminal state. Watchers of one run share one upstream poll.',
    args: { runId: t.arg.id({ required: true, description: 'The run\'s id.' }) },
    extensions: cost(1),
    subscribe: (_root, args, ctx) => watchRun(ctx, args.runId),
    resolve: runOrThrow,
  }),
);
