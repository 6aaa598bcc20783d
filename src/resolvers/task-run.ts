/**
 * What the run fields do: trigger and cancel runs (reconciled after a lost
 * answer), wait for one to finish, and watch one live until it ends or the
 * caller's sign-in expires.
 */
import type { Context } from '../context.ts';
import { notFound, notFoundMessage, rateLimited, runFailureToGraphQLError } from '../errors.ts';
import { RunFailure, type RunEvent } from '../runs/feed.ts';
import { safeDelay } from '../runs/wait.ts';
import type { TriggerRunBody } from '../upstream/requests.ts';
import { isTerminalStatus, type RunStatus, type Task, type TaskRun, type Unknown } from '../upstream/types.ts';
import type { CancelTaskRunInput, TriggerTaskRunInput } from '../schema/task-run.ts';
import { connectionFromUpstream, knownFilter, type Connection } from './connection.ts';
import { requireId } from './id-args.ts';
import { triggerRunBody } from './bodies.ts';
import { checkTriggerAgainst } from './task-rules.ts';
import { runMutation } from './mutations.ts';
import { resolveId } from './name-lookup.ts';
import { CLOCK_SKEW_MS, writeOnce, type OtherWrites } from './reconcile.ts';
import { loadTask } from './task.ts';

/** How many of a task's newest runs are read before a trigger, to know which runs are new after a lost answer. */
const RUNS_BEFORE = 100;

/** True when `run`'s data window is the one `body` asked for (what the body left out, or the run does not show, is not compared). */
function sameWindow(run: TaskRun, body: TriggerRunBody): boolean {
  const same = (shown: string | null, asked: string | undefined) => shown === null || asked === undefined || Date.parse(shown) === Date.parse(asked);
  return same(run.data_start_time, body.data_start_time) && same(run.data_end_time, body.data_end_time);
}

/**
 * Starts a run (never retried). The task is read first, as Arize's client
 * does, to check the fields against its type, and so are its newest runs.
 * After a lost answer, a run is this call's only when it is the single run
 * that was not there before, made since the call was sent, with this call's
 * window, by this key's user where the upstream says who, while no other
 * trigger of the task in this process could have made it. Anything else is
 * UNKNOWN: a run that may be another caller's is never returned as ours.
 */
export function triggerTaskRun(ctx: Context, input: TriggerTaskRunInput):
  Promise<{ run: TaskRun; clientMutationId: string | null }> {
  let taskId: string | undefined;
  return runMutation(ctx, 'triggerTaskRun', input, (r) => r?.run.id ?? taskId, async () => {
    const body = triggerRunBody(input);
    const id = await resolveId(ctx, 'task', input.task, input.space, 'input.task');
    taskId = id;
    checkTriggerAgainst(await loadTask(ctx, id), body);
    const before = await ctx.upstream.listRuns(id, { limit: RUNS_BEFORE }).then((page) => new Set(page.items.map((r) => r.id)), () => undefined);
    const sentAt = Date.now();
    const run = await writeOnce(ctx, {
      name: 'triggerTaskRun',
      target: `trigger:${id}`,
      send: () => ctx.upstream.triggerRun(id, body),
      made: (made) => ({ id: made.id, by: made.created_by_user_id }),
      check: async (others: OtherWrites) => {
        if (before === undefined || others.unsettled) return 'ambiguous';
        const ours = ctx.writes.userOf(ctx.key?.hash);
        const fresh = (await ctx.upstream.listRuns(id, { limit: RUNS_BEFORE })).items.filter((r) =>
          !before.has(r.id) && !others.made.has(r.id) && Date.parse(r.created_at) >= sentAt - CLOCK_SKEW_MS && sameWindow(r, body)
          && !(r.created_by_user_id !== null && ours !== undefined && r.created_by_user_id !== ours));
        const [only] = fresh;
        if (fresh.length !== 1 || !only) return 'ambiguous';
        return only.created_by_user_id !== null && ours === undefined ? 'ambiguous' : only;
      },
    });
    ctx.loaders.run.prime(run.id, run);
    return { run, clientMutationId: input.clientMutationId ?? null };
  });
}

/**
 * Cancels a PENDING or RUNNING run. After a lost answer, a run that reads
 * CANCELLED is the answer; one that finished otherwise can never be
 * cancelled (NOT_APPLIED); one still going may yet be (UNKNOWN).
 */
export function cancelTaskRun(ctx: Context, input: CancelTaskRunInput): Promise<{ run: TaskRun; clientMutationId: string | null }> {
  return runMutation(ctx, 'cancelTaskRun', input, (r) => r?.run.id ?? input.runId, async () => {
    const runId = requireId(input.runId, 'TaskRun', 'input.runId');
    const run = await writeOnce(ctx, {
      name: 'cancelTaskRun',
      target: `run:${runId}`,
      send: () => ctx.upstream.cancelRun(runId),
      made: (cancelled) => ({ id: cancelled.id, by: null }),
      check: async () => {
        const now = await ctx.upstream.getRun(runId);
        if (now.status === 'CANCELLED') return now;
        return isTerminalStatus(now.status) ? null : 'ambiguous';
      },
    });
    ctx.loaders.run.clear(run.id).prime(run.id, run);
    return { run, clientMutationId: input.clientMutationId ?? null };
  });
}

/**
 * Waits until the run is terminal and returns it, sharing the run pollers of
 * `runStatus`. At `timeoutSeconds` the run is read once more, as
 * `wait_for_run` polls at its deadline: a run that ended since the last poll
 * is returned; otherwise TIMEOUT (the arguments' bounds are their rules).
 * The wait ends at once when the HTTP client goes away. Over HTTP it holds
 * one of its client's places for long-lived answers while it waits
 * (`SSE_MAX_STREAMS_PER_CLIENT`): past them, RATE_LIMITED and no wait.
 */
export async function waitForTaskRun(ctx: Context, args: { id: string; pollIntervalSeconds?: number | null; timeoutSeconds?: number | null }): Promise<TaskRun> {
  const runId = requireId(args.id, 'TaskRun', 'id');
  const intervalMs = (args.pollIntervalSeconds ?? 5) * 1000;
  const timeoutMs = (args.timeoutSeconds ?? 600) * 1000;
  const apiKey = ctx.requireApiKey();
  const release = ctx.holdOpen?.();
  if (ctx.holdOpen && !release) {
    throw rateLimited(`Too many long-lived requests from this address (at most ${ctx.config.limits.sseStreamsPerClient} waits and event streams, SSE_MAX_STREAMS_PER_CLIENT): let one end, or watch the run with runStatus.`);
  }
  try {
    return await ctx.runFeed.waitForTerminal(runId, apiKey, { intervalMs, timeoutMs, signal: ctx.gone?.signal });
  } catch (error) {
    if (!(error instanceof RunFailure)) throw error;
    if (error.reason === 'timeout') {
      const atDeadline = await ctx.upstream.getRun(runId, { retry: false }).catch(() => undefined);
      if (atDeadline && isTerminalStatus(atDeadline.status)) return atDeadline;
    }
    throw runFailureToGraphQLError(error);
  } finally {
    release?.();
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
  const events = new UntilTerminal(ctx.runFeed.watch(runId, ctx.requireApiKey()), runId);
  return ctx.expiresAt === undefined ? events : new UntilExpiry(events, ctx.expiresAt);
}

/**
 * Passes `events` on; when they end before a terminal state or a failure (the
 * gateway is shutting down and its run feed closed), it sends one `closed`
 * failure first, so no transport reports a completion the run never reached.
 * Leaving ends it at once, with nothing more.
 */
class UntilTerminal implements AsyncIterableIterator<RunEvent> {
  #finished = false;
  #left = false;

  constructor(private readonly events: AsyncIterableIterator<RunEvent>, private readonly runId: string) {}

  async next(): Promise<IteratorResult<RunEvent>> {
    if (this.#left) return { value: undefined, done: true };
    const next = await this.events.next();
    if (!next.done) {
      if (next.value.failure || isTerminalStatus(next.value.run.status)) this.#finished = true;
      return next;
    }
    if (this.#finished || this.#left) return next;
    this.#finished = true;
    const failure = new RunFailure('closed', `Stopped watching run ${this.runId} before it finished (the gateway is shutting down); subscribe again.`);
    return { value: { failure }, done: false };
  }

  async return(): Promise<IteratorResult<RunEvent>> {
    this.#left = true;
    await this.events.return?.();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<RunEvent> {
    return this;
  }
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
    ctx.loaders.primeWith('run', page.items);
    return page;
  }, args, `runs:${task.scope}`);
}

/** `Task.runs`. */
export const runsOfTask = (ctx: Context, task: Task, args: RunsArgs) => runsConnection(ctx, { scope: task.id, id: () => Promise.resolve(task.id) }, args);

/** `taskRuns(task, space)`: the task by id or by name. */
export const taskRuns = (ctx: Context, args: RunsArgs & { task: string; space?: string | null }) =>
  runsConnection(ctx, { scope: `${args.task}\u0000${args.space ?? ''}`, id: () => resolveId(ctx, 'task', args.task, args.space) }, args);
