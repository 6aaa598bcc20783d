/**
 * What the run fields do: trigger and cancel runs (reconciled after a lost
 * answer), wait for one to finish, and watch one live until it ends or the
 * caller's sign-in expires.
 */
import type { Context } from '../context.ts';
import { notFound, notFoundMessage, runFailureToGraphQLError } from '../errors.ts';
import { RunFailure, type RunEvent } from '../runs/feed.ts';
import { safeDelay } from '../runs/wait.ts';
import type { RunStatus, Task, TaskRun, Unknown } from '../upstream/types.ts';
import { connectionFromUpstream, type Connection } from './connection.ts';
import { requireId } from './id-args.ts';
import { checkTriggerAgainst, checkWait, knownFilter, triggerBody, type CancelTaskRunInput, type TriggerTaskRunInput } from './inputs.ts';
import { runMutation, writeOnce } from './mutations.ts';
import { resolveId } from './name-lookup.ts';
import { loadTask } from './task.ts';

/** How far the upstream's clock may be behind ours when telling which runs a lost trigger made. */
const CLOCK_SKEW_MS = 2000;

/**
 * Starts a run (never retried). The task is read first, as Arize's client
 * does, to check the fields against its type. After a lost answer, a single
 * run of the task created since the call was sent is the one it started;
 * none means nothing was started; more than one cannot be told apart.
 */
export function triggerTaskRun(ctx: Context, input: TriggerTaskRunInput):
  Promise<{ run: TaskRun; clientMutationId: string | null }> {
  let taskId: string | undefined;
  return runMutation(ctx, 'triggerTaskRun', input, (r) => r?.run.id ?? taskId, async () => {
    const body = triggerBody(input);
    const id = await resolveId(ctx, 'task', input.task, input.space, 'input.task');
    taskId = id;
    checkTriggerAgainst(await loadTask(ctx, id), body);
    const sentAt = Date.now();
    const run = await writeOnce(ctx, 'triggerTaskRun', () => ctx.upstream.triggerRun(id, body), async () => {
      const recent = (await ctx.upstream.listRuns(id, { limit: 20 })).items.filter((r) => Date.parse(r.created_at) >= sentAt - CLOCK_SKEW_MS);
      return recent.length === 0 ? null : recent.length === 1 ? recent[0]! : 'ambiguous';
    });
    ctx.loaders.run.prime(run.id, run);
    return { run, clientMutationId: input.clientMutationId ?? null };
  });
}

/** Cancels a PENDING or RUNNING run; after a lost answer, a run that reads CANCELLED was cancelled. */
export function cancelTaskRun(ctx: Context, input: CancelTaskRunInput): Promise<{ run: TaskRun; clientMutationId: string | null }> {
  return runMutation(ctx, 'cancelTaskRun', input, (r) => r?.run.id ?? input.runId, async () => {
    const runId = requireId(input.runId, 'TaskRun', 'input.runId');
    const run = await writeOnce(ctx, 'cancelTaskRun', () => ctx.upstream.cancelRun(runId), async () => {
      const now = await ctx.upstream.getRun(runId);
      return now.status === 'CANCELLED' ? now : null;
    });
    ctx.loaders.run.clear(run.id).prime(run.id, run);
    return { run, clientMutationId: input.clientMutationId ?? null };
  });
}

/**
 * Waits until the run is terminal and returns it, sharing the run pollers of
 * `runStatus`. TIMEOUT after `timeoutSeconds`; the wait ends at once when
 * the HTTP client goes away.
 */
export async function waitForTaskRun(ctx: Context, args: { id: string; pollIntervalSeconds?: number | null; timeoutSeconds?: number | null }): Promise<TaskRun> {
  const runId = requireId(args.id, 'TaskRun', 'id');
  const { intervalMs, timeoutMs } = checkWait(args.pollIntervalSeconds ?? 5, args.timeoutSeconds ?? 600);
  try {
    return await ctx.runFeed.waitForTerminal(runId, ctx.requireApiKey(), { intervalMs, timeoutMs, signal: ctx.signal });
  } catch (error) {
    throw error instanceof RunFailure ? runFailureToGraphQLError(error) : error;
  }
}

/** A watch's event as the `runStatus` field returns it: the run, or its failure as a GraphQL error. */
export function runOrThrow(event: RunEvent): TaskRun {
  if (event.failure) throw runFailureToGraphQLError(event.failure);
  return event.run;
}

/**
 * `runStatus`: the run's state at once, then every change, until it ends.
 * With end-user authentication the watch ends with UNAUTHENTICATED when the
 * caller's token expires.
 */
export function watchRun(ctx: Context, runIdArg: string): AsyncIterableIterator<RunEvent> {
  const runId = requireId(runIdArg, 'TaskRun', 'runId');
  if (ctx.expiresAt !== undefined && ctx.expiresAt <= Date.now()) throw runFailureToGraphQLError(expired());
  const events = ctx.runFeed.watch(runId, ctx.requireApiKey());
  return ctx.expiresAt === undefined ? events : new UntilExpiry(events, ctx.expiresAt);
}

const expired = () => new RunFailure('expired', 'The sign-in token expired: sign in again and resubscribe.');

/** Passes `events` on until `expiresAt`, then sends one UNAUTHENTICATED event and ends; leaving ends it at once. */
class UntilExpiry implements AsyncIterableIterator<RunEvent> {
  readonly #timer: NodeJS.Timeout;
  #expired = false;
  #done = false;
  #wake: (() => void) | undefined;

  constructor(private readonly events: AsyncIterableIterator<RunEvent>, expiresAt: number) {
    this.#timer = setTimeout(() => {
      this.#expired = true;
      this.#wake?.();
    }, safeDelay(expiresAt - Date.now()));
  }

  async next(): Promise<IteratorResult<RunEvent>> {
    if (this.#done) return { value: undefined, done: true };
    const woken = new Promise<'expired'>((resolve) => { this.#wake = () => resolve('expired'); });
    const next = this.#expired ? 'expired' : await Promise.race([this.events.next(), woken]);
    if (next === 'expired') {
      await this.return();
      return { value: { failure: expired() }, done: false };
    }
    if (next.done) await this.return();
    return next;
  }

  async return(): Promise<IteratorResult<RunEvent>> {
    if (!this.#done) {
      this.#done = true;
      clearTimeout(this.#timer);
      await this.events.return?.();
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<RunEvent> {
    return this;
  }
}

/** The run with `id`, or NOT_FOUND. */
export async function loadRun(ctx: Context, id: string): Promise<TaskRun> {
  const run = await ctx.loaders.run.load(requireId(id, 'TaskRun', 'id'));
  if (!run) throw notFound(notFoundMessage('Task run', id));
  return run;
}

/** The runs arguments. */
export interface RunsArgs { first?: number | null; after?: string | null; status?: RunStatus | Unknown | null }

/**
 * A page of a task's runs, newest first. `task.id()` gives the task's id
 * inside the fetch (name lookups are memoised per request), so `first`,
 * `after` and `status` are checked before any lookup.
 */
function runsConnection(ctx: Context, task: { scope: string; id: () => Promise<string> }, args: RunsArgs): Promise<Connection<TaskRun>> {
  const status = knownFilter(args.status, 'status');
  return connectionFromUpstream(async (cursor, limit) => {
    const id = await task.id();
    const page = await ctx.upstream.listRuns(id, { limit, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
    for (const run of page.items) ctx.loaders.run.prime(run.id, run);
    return page;
  }, args, `runs:${task.scope}`);
}

/** `Task.runs`. */
export const runsOfTask = (ctx: Context, task: Task, args: RunsArgs) => runsConnection(ctx, { scope: task.id, id: () => Promise.resolve(task.id) }, args);

/** `taskRuns(task, space)`: the task by id or by name. */
export const taskRuns = (ctx: Context, args: RunsArgs & { task: string; space?: string | null }) =>
  runsConnection(ctx, { scope: `${args.task}\u0000${args.space ?? ''}`, id: () => resolveId(ctx, 'task', args.task, args.space) }, args);
