/**
 * The run clock: a run's state is computed from its timestamps whenever it
 * is read (PENDING -> RUNNING with growing counters -> COMPLETED/FAILED, or
 * CANCELLED), so a read never changes anything. What must happen when a run
 * ends (a RUN_EXPERIMENT run's follow-up evaluation tasks) is done by the
 * clock's own ticker, not by whoever reads the run. Held runs
 * ({@link RunBehaviour.holdPending}) stay PENDING until released.
 */
import type { TaskRun } from '../src/upstream/types.ts';

/** Run timing and outcome knobs. */
export interface RunBehaviour {
  /** How long a new run stays `PENDING`. */
  pendingMs: number;
  /** How long it then stays `RUNNING` while its counters grow. */
  runningMs: number;
  /** Share of runs that end `FAILED` instead of `COMPLETED` (0..1). */
  failureRate: number;
  /** Counters grow in this many visible steps while running. */
  progressSteps: number;
  /**
   * New runs stay `PENDING` until released ({@link RunClock.release}), then
   * run for `runningMs`: for tests that must see `PENDING` first however
   * loaded the machine is. Default false.
   */
  holdPending?: boolean;
}

/** A run as the emulator keeps it: its clock and its outcome; {@link RunClock.view} shows it. */
export interface RunRecord {
  n: number;
  id: string;
  task_id: string;
  created: number;
  pendingMs: number;
  runningMs: number;
  fails: boolean;
  cancelledAt: number | null;
  totals: { successes: number; errors: number; skipped: number };
  data_start_time: string | null;
  data_end_time: string | null;
  created_by_user_id: string | null;
  /** The window had already been evaluated: the run ends CANCELLED, 0/0/0, with a failure reason. */
  alreadyLabelled?: boolean;
  /** RUN_EXPERIMENT runs: the experiment they record into (shown once the run leaves PENDING). */
  experimentId?: string;
  /** For tests of tolerant clients: the status shown while pending, e.g. `QUEUED` (default `PENDING`). */
  pendingStatus?: string;
  /** RUN_EXPERIMENT runs: the dataset examples it runs over, in order (its counters follow them). */
  examples?: string[];
  /** RUN_EXPERIMENT runs: evaluation tasks to trigger once it completes (done once, by the clock). */
  evaluationTaskIds?: string[];
  /** Made while {@link RunBehaviour.holdPending} was on: `PENDING` until released. */
  held?: boolean;
}

/** Said by a run that found every matching item already labelled. */
const ALREADY_LABELLED =
  'All data in the requested window already has evaluation labels from a previous run. Re-trigger the task with override_evaluations set to true to evaluate it again.';
/** How often the clock looks at runs that have something to do when they complete. */
const TICK_MS = 20;

type Phase = { status: string; progress: number; failureReason: string | null };

/** The runs' clock: their state at any moment, the held-run controls, and what happens when a run completes. */
export class RunClock {
  readonly #onComplete = new Map<RunRecord, () => void>();
  #ticker: NodeJS.Timeout | undefined;

  constructor(readonly behaviour: RunBehaviour, readonly now: () => number = Date.now) {}

  /** A run as the API shows it at this moment; reading changes nothing. */
  view(run: RunRecord): TaskRun {
    const now = run.cancelledAt ?? this.now();
    const startedAt = run.held ? Infinity : run.created + run.pendingMs;
    const finishedAt = run.alreadyLabelled ? startedAt : startedAt + run.runningMs;
    const { status, progress, failureReason } = this.#phase(run, now, startedAt, finishedAt);
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      id: run.id,
      task_id: run.task_id,
      status: status as TaskRun['status'],
      run_started_at: now >= startedAt ? iso(startedAt) : null,
      run_finished_at: run.cancelledAt !== null ? iso(run.cancelledAt) : now >= finishedAt ? iso(finishedAt) : null,
      data_start_time: run.data_start_time,
      data_end_time: run.data_end_time,
      ...counts(run, status, progress),
      created_at: iso(run.created),
      created_by_user_id: run.created_by_user_id,
      experiment_id: run.experimentId !== undefined && now >= startedAt ? run.experimentId : null,
      failure_reason: failureReason,
    };
  }

  #phase(run: RunRecord, now: number, startedAt: number, finishedAt: number): Phase {
    let phase: Phase;
    if (now < startedAt) phase = { status: run.pendingStatus ?? 'PENDING', progress: 0, failureReason: null };
    else if (now < finishedAt) {
      const steps = Math.max(1, this.behaviour.progressSteps);
      phase = { status: 'RUNNING', progress: Math.floor(((now - startedAt) / Math.max(1, run.runningMs)) * steps) / steps, failureReason: null };
    } else if (run.alreadyLabelled) phase = { status: 'CANCELLED', progress: 0, failureReason: ALREADY_LABELLED };
    else if (run.fails) phase = { status: 'FAILED', progress: 0.5, failureReason: 'The evaluation model returned errors for too many items; the run stopped.' };
    else phase = { status: 'COMPLETED', progress: 1, failureReason: null };
    if (run.cancelledAt !== null) return { ...phase, status: 'CANCELLED', failureReason: 'The run was cancelled by a user.' };
    return phase;
  }

  /**
   * Releases held runs: each starts `RUNNING` now and finishes `runningMs`
   * later. Returns how many of `runs` were held.
   */
  release(runs: Iterable<RunRecord>): number {
    let released = 0;
    for (const run of runs) {
      if (!run.held) continue;
      run.held = false;
      run.pendingMs = Math.max(0, this.now() - run.created);
      released++;
    }
    return released;
  }

  /** Moves a run's own clock on by `ms` (as if it had been made `ms` earlier). */
  advance(run: RunRecord, ms: number): void {
    run.created -= ms;
  }

  /** Ends a run now: released if held, then moved past its running time. */
  finish(run: RunRecord): void {
    this.release([run]);
    this.advance(run, run.runningMs);
  }

  /** Does `action` once, soon after `run` is seen `COMPLETED` by the clock's ticker (never if it fails or is cancelled). */
  whenCompleted(run: RunRecord, action: () => void): void {
    this.#onComplete.set(run, action);
    this.#ticker ??= setInterval(() => this.#tick(), TICK_MS).unref();
  }

  /** Drops what was to happen when `run` completes (its task was deleted). */
  forget(run: RunRecord): void {
    this.#onComplete.delete(run);
  }

  #tick(): void {
    for (const [run, action] of [...this.#onComplete]) {
      const { status } = this.view(run);
      if (status === 'PENDING' || status === 'RUNNING' || status === run.pendingStatus) continue;
      this.#onComplete.delete(run);
      if (status === 'COMPLETED') action();
    }
    if (this.#onComplete.size === 0) this.stop();
  }

  /** Stops the ticker; nothing scheduled runs any more. */
  stop(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
    this.#onComplete.clear();
  }
}

/** The counters at `progress`: a share of the run's totals, or, for an experiment run, the examples it has reached (every seventh errs). */
function counts(run: RunRecord, status: string, progress: number): Pick<TaskRun, 'num_successes' | 'num_errors' | 'num_skipped'> {
  if (run.examples) {
    const reached = Math.floor(run.examples.length * progress);
    const errors = Math.floor((reached + 1) / 7);
    return { num_successes: reached - errors, num_errors: errors, num_skipped: 0 };
  }
  return {
    num_successes: Math.round(run.totals.successes * progress),
    num_errors: Math.round(run.totals.errors * progress) + (status === 'FAILED' ? 25 : 0),
    num_skipped: Math.round(run.totals.skipped * progress),
  };
}
