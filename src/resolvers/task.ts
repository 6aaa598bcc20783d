/**
 * What the task fields do: read a task, create, change and delete one. The
 * input's own rules ran before (`schema/rules/`); the ones that need the
 * stored task are checked here (`task-rules.ts`) before the write; a write
 * whose answer was lost is reconciled by reading the upstream back
 * (`reconcile.ts`).
 */
import type { Context } from '../context.ts';
import { badUserInput, conflict, notFound, notFoundMessage } from '../errors.ts';
import { UpstreamError } from '../upstream/errors.ts';
import type { TaskEvaluatorBody, UpdateTaskBody } from '../upstream/requests.ts';
import type { Experiment, Task, TaskType, Unknown } from '../upstream/types.ts';
import type { CreateRunExperimentTaskInput, CreateTaskInput, DeleteTaskInput, UpdateTaskInput } from '../schema/task.ts';
import { createRunExperimentTaskBody, createTaskBody, updateTaskBody } from './bodies.ts';
import { connectionFromUpstream, knownFilter, type Connection } from './connection.ts';
import { explainScopeRefusal } from './data-scope.ts';
import { runMutation } from './mutations.ts';
import { resolveId, scoped } from './name-lookup.ts';
import { CLOCK_SKEW_MS, writeOnce, type OtherWrites } from './reconcile.ts';
import { spaceScope } from './space-lookup.ts';
import { checkUpdateAgainst } from './task-rules.ts';
import { NAME_LOOKUP_PAGES, searchPages } from '../upstream/paginate.ts';

/** The task with `id`, or NOT_FOUND. */
export async function loadTask(ctx: Context, id: string): Promise<Task> {
  const task = await ctx.loaders.task.load(id);
  if (!task) throw notFound(notFoundMessage('Task', id));
  return task;
}

/**
 * The task named exactly `name` in `spaceId`, null when there is none, or
 * `'ambiguous'` when {@link NAME_LOOKUP_PAGES} pages of tasks whose name
 * contains it were read without an end.
 */
async function taskNamed(ctx: Context, name: string, spaceId: string, exceptId?: string): Promise<Task | null | 'ambiguous'> {
  const search = await searchPages(
    (cursor) => ctx.upstream.listTasks({ name, space_id: spaceId, limit: 100, ...(cursor ? { cursor } : {}) }),
    (task) => (task.name === name && task.id !== exceptId ? task : undefined));
  return search.found ?? (search.exhausted ? 'ambiguous' : null);
}

/** CONFLICT when another task in `spaceId` already has `name` (names are unique per space). */
async function assertNameFree(ctx: Context, name: string, spaceId: string, exceptId?: string): Promise<void> {
  const taken = await taskNamed(ctx, name, spaceId, exceptId);
  if (taken === 'ambiguous') {
    throw badUserInput(
      `Cannot tell whether the name ${JSON.stringify(name)} is free: more than ${NAME_LOOKUP_PAGES * 100} tasks in this space have a name containing it. Pick a more distinctive name.`,
      { field: 'input.name' },
    );
  }
  if (taken) throw nameTaken(name);
}

/** A task name a write gives, and the space it must be free in. */
interface NameInSpace { name: string; spaceId: string }

const nameTaken = (name: string) => conflict(`A task named ${JSON.stringify(name)} already exists in this space; task names are unique within a space.`);

/**
 * Rethrows a refused create or rename. After the upstream's 422, the refusal
 * is CONFLICT, as {@link assertNameFree} says before a write, when the name
 * is taken now: another write took it after the check. Told by what the
 * space holds, never by the refusal's text; then the data-scope rule
 * explains the 422 if it can.
 */
async function explainRefusal(ctx: Context, error: unknown, named: NameInSpace | undefined, evaluators: TaskEvaluatorBody[] | undefined, exceptId?: string): Promise<never> {
  if (named && error instanceof UpstreamError && error.kind === 'http' && error.status === 422) {
    const taken = await taskNamed(ctx, named.name, named.spaceId, exceptId).catch(() => null);
    if (taken && taken !== 'ambiguous') throw nameTaken(named.name);
  }
  return explainScopeRefusal(ctx, error, evaluators);
}

/** The space a task's data source belongs to. */
async function spaceOfSource(ctx: Context, source: { project_id?: string | null; dataset_id?: string | null }): Promise<string> {
  if (source.project_id) {
    const project = await ctx.loaders.project.load(source.project_id);
    if (!project) throw notFound(notFoundMessage('Project', source.project_id));
    return project.space_id;
  }
  const dataset = await ctx.loaders.dataset.load(source.dataset_id ?? '');
  if (!dataset) throw notFound(notFoundMessage('Dataset', source.dataset_id ?? ''));
  return dataset.space_id;
}

/**
 * Sends a create once. After a lost answer, the task named `name` in
 * `spaceId` is this call's when it was made since the call was sent, with
 * this call's type and data source, by this key's user where the upstream
 * says who (names are unique in a space and the name was free just before),
 * and no other create of that name in this process overlapped; otherwise the
 * outcome is UNKNOWN.
 */
function createOnce(ctx: Context, name: string, spaceId: string, wanted: Pick<Task, 'type' | 'project_id' | 'dataset_id'>, send: () => Promise<Task>): Promise<Task> {
  const sentAt = Date.now();
  return writeOnce(ctx, {
    name: 'createTask',
    target: `create:${spaceId}:${name}`,
    send,
    made: (task) => ({ id: task.id, by: task.created_by_user_id }),
    check: async (others: OtherWrites) => {
      if (others.unsettled) return 'ambiguous';
      const found = await taskNamed(ctx, name, spaceId);
      if (!found || found === 'ambiguous' || others.made.has(found.id) || Date.parse(found.created_at) < sentAt - CLOCK_SKEW_MS) return 'ambiguous';
      if (found.type !== wanted.type || found.project_id !== wanted.project_id || found.dataset_id !== wanted.dataset_id) return 'ambiguous';
      const ours = ctx.writes.userOf(ctx.key?.hash);
      if (found.created_by_user_id !== null && ours !== undefined && found.created_by_user_id !== ours) return 'ambiguous';
      return found;
    },
  });
}

/** Creates an evaluation task; a lost answer is reconciled by {@link createOnce}. */
export function createTask(ctx: Context, input: CreateTaskInput): Promise<{ task: Task; clientMutationId: string | null }> {
  return runMutation(ctx, 'createTask', input, (r) => r?.task.id, async () => {
    const { source, body } = createTaskBody(input);
    const sourceId = await resolveId(ctx, source, input[source] ?? '', input.space, `input.${source}`);
    const link = source === 'project' ? { project_id: sourceId } : { dataset_id: sourceId };
    const spaceId = await spaceOfSource(ctx, link);
    await assertNameFree(ctx, input.name, spaceId);
    const wanted = { type: body.type, project_id: link.project_id ?? null, dataset_id: link.dataset_id ?? null };
    const task = await createOnce(ctx, input.name, spaceId, wanted, () => ctx.upstream.createTask({ ...body, ...link }))
      .catch((error: unknown) => explainRefusal(ctx, error, { name: input.name, spaceId }, body.evaluators));
    ctx.loaders.task.prime(task.id, task);
    return { task, clientMutationId: input.clientMutationId ?? null };
  });
}

/** JSON with object keys sorted, so two values that mean the same compare equal whatever their key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

/** True when `task` shows every change of `body` (an update whose answer was lost did happen). */
function showsUpdate(task: Task, body: UpdateTaskBody): boolean {
  const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
  if (body.name !== undefined && task.name !== body.name) return false;
  if (body.sampling_rate !== undefined && task.sampling_rate !== body.sampling_rate) return false;
  if (body.is_continuous !== undefined && task.is_continuous !== body.is_continuous) return false;
  if (body.query_filter !== undefined && task.query_filter !== body.query_filter) return false;
  if (body.query_filters !== undefined && !same(task.query_filters, body.query_filters)) return false;
  if (body.run_configuration !== undefined && !same({ ...task.run_configuration }, body.run_configuration)) return false;
  if (body.evaluators !== undefined) {
    const wanted = body.evaluators.map((e) => [e.evaluator_id, e.evaluator_version_id ?? null, e.query_filter ?? null, e.column_mappings ?? null, e.query_mappings ?? null]);
    const stored = task.evaluators.map((e) => [e.evaluator_id, e.evaluator_version_id, e.query_filter, e.column_mappings, e.query_mappings]);
    if (!same(wanted, stored)) return false;
  }
  return true;
}

/**
 * Changes a task: reads it first (as Arize's client does) to check the
 * fields against its type, then sends only what was given. After a lost
 * answer, a task read back that shows the change is the answer; otherwise
 * the outcome is UNKNOWN.
 */
export function updateTask(ctx: Context, input: UpdateTaskInput): Promise<{ task: Task; clientMutationId: string | null }> {
  let taskId: string | undefined;
  return runMutation(ctx, 'updateTask', input, (r) => r?.task.id ?? taskId, async () => {
    const body = updateTaskBody(input);
    const id = await resolveId(ctx, 'task', input.task, input.space, 'input.task');
    taskId = id;
    const current = await loadTask(ctx, id);
    checkUpdateAgainst(current, body);
    const rename: NameInSpace | undefined = body.name !== undefined && body.name !== current.name ? { name: body.name, spaceId: await spaceOfSource(ctx, current) } : undefined;
    if (rename) await assertNameFree(ctx, rename.name, rename.spaceId, current.id);
    const task = await writeOnce(ctx, {
      name: 'updateTask',
      target: `task:${id}`,
      send: () => ctx.upstream.updateTask(id, body),
      made: (updated) => ({ id: updated.id, by: null }),
      // the task showing every change is the change made; not showing it yet proves nothing
      check: async () => {
        const now = await ctx.upstream.getTask(id);
        return showsUpdate(now, body) ? now : 'ambiguous';
      },
    }).catch((error: unknown) => explainRefusal(ctx, error, rename, body.evaluators, current.id));
    ctx.loaders.task.clear(id).prime(task.id, task); // later fields of this request see the new state
    return { task, clientMutationId: input.clientMutationId ?? null };
  });
}

/** Deletes a task and its runs (a DELETE is retried; a lost answer then reads as done). */
export function deleteTask(ctx: Context, input: DeleteTaskInput): Promise<{ deletedTaskId: string; clientMutationId: string | null }> {
  let taskId: string | undefined;
  return runMutation(ctx, 'deleteTask', input, () => taskId, async () => {
    taskId = await resolveId(ctx, 'task', input.task, input.space, 'input.task');
    await ctx.upstream.deleteTask(taskId);
    ctx.loaders.task.clear(taskId);
    return { deletedTaskId: taskId, clientMutationId: input.clientMutationId ?? null };
  });
}

/** The `tasks` arguments. */
export interface TasksArgs {
  first?: number | null; after?: string | null; name?: string | null; project?: string | null;
  dataset?: string | null; space?: string | null; type?: TaskType | Unknown | null;
}

/**
 * A page of tasks, filtered; the space, project and dataset names resolve
 * inside the fetch, so `first`, `after` and `type` are checked before any
 * lookup. A `space` is always sent (as `space_id`) when given, beside a
 * project or dataset. Listed tasks are primed into the request's loader.
 */
export function listTasks(ctx: Context, args: TasksArgs): Promise<Connection<Task>> {
  const type = knownFilter(args.type, 'type');
  return connectionFromUpstream(async (cursor, limit) => {
    const space = await spaceScope(ctx, args.space);
    const projectId = args.project ? await resolveId(ctx, 'project', args.project, args.space) : undefined;
    const datasetId = args.dataset ? await resolveId(ctx, 'dataset', args.dataset, args.space) : undefined;
    const page = await scoped(ctx.upstream.listTasks({
      name: args.name ?? undefined, type, ...space, project_id: projectId, dataset_id: datasetId, limit, ...(cursor ? { cursor } : {}),
    }), { space: space.space_id, project: projectId, dataset: datasetId });
    ctx.loaders.primeWith('task', page.items);
    return page;
  }, args, 'tasks');
}

/** One task by id, or by name within `space`; NOT_FOUND when there is none. */
export async function findTask(ctx: Context, args: { task: string; space?: string | null }): Promise<Task> {
  return loadTask(ctx, await resolveId(ctx, 'task', args.task, args.space));
}

/** The experiments of a dataset-based task, read once per request; missing ones are left out. */
export async function experimentsOfTask(ctx: Context, task: Task): Promise<Experiment[]> {
  const loaded = await ctx.loaders.experiment.loadMany(task.experiment_ids);
  return loaded.filter((e): e is Experiment => e !== null && !(e instanceof Error));
}

/**
 * Creates a RUN_EXPERIMENT task: the dataset by id or by name within
 * `space`, a name free in the dataset's space, then exactly `{name, type,
 * dataset_id, run_configuration}`. A lost answer is reconciled as for
 * `createTask`.
 */
export function createRunExperimentTask(ctx: Context, input: CreateRunExperimentTaskInput): Promise<{ task: Task; clientMutationId: string | null }> {
  return runMutation(ctx, 'createRunExperimentTask', input, (r) => r?.task.id, async () => {
    const { name, run_configuration } = createRunExperimentTaskBody(input);
    const datasetId = await resolveId(ctx, 'dataset', input.dataset, input.space, 'input.dataset');
    const spaceId = await spaceOfSource(ctx, { dataset_id: datasetId });
    await assertNameFree(ctx, name, spaceId);
    const task = await createOnce(ctx, name, spaceId, { type: 'RUN_EXPERIMENT', project_id: null, dataset_id: datasetId },
      () => ctx.upstream.createTask({ name, type: 'RUN_EXPERIMENT', dataset_id: datasetId, run_configuration }))
      .catch((error: unknown) => explainRefusal(ctx, error, { name, spaceId }, undefined));
    ctx.loaders.task.prime(task.id, task);
    return { task, clientMutationId: input.clientMutationId ?? null };
  });
}
