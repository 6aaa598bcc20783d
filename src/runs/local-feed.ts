/**
 * The local run feed: one shared poller per (run, API key) in this process,
 * however many watchers. A poller reads `GET /v2/task-runs/{id}` at the interval its
 * subscribers want (never more often than the configured floor), sends each
 * subscriber the latest state at once and then every change, and stops when
 * the run ends or its last subscriber leaves. Transient upstream failures
 * (5xx, 429, timeouts, network) back off with jitter and honour
 * `Retry-After`; only an outage longer than the budget ends the watch.
 */
import { keyHashOf } from '../upstream/key-hash.ts';
import { UpstreamError } from '../upstream/errors.ts';
import { isTerminalStatus, type TaskRun } from '../upstream/types.ts';
import { RunFailure, type RunEvent, type RunFeed, type WaitOptions, type WatchOptions } from './feed.ts';
import { Subscriber, type SubscriberOwner } from './subscriber.ts';
import { safeDelay, waitForTerminal } from './wait.ts';

/**
 * Reads run `runId` once with `apiKey`, as `GET /v2/task-runs/{id}` (the
 * upstream client's `getRun`): not retried (the poller backs off on its
 * own), and abandoned when `signal` aborts.
 */
export type FetchRun = (runId: string, apiKey: string, options: { retry: false; signal: AbortSignal }) => Promise<TaskRun>;

/** Settings of the {@link LocalRunFeed}; each has a default in `src/config.ts`. */
export interface LocalRunFeedOptions {
  /** Floor and default of the poll interval, ms. */
  pollIntervalMs: number;
  /** How long a run may stay unreadable (transient failures) before the watch ends with UPSTREAM_UNAVAILABLE. */
  outageBudgetMs: number;
  /** Longest backoff between failed polls, ms. Default 30 s. */
  maxBackoffMs?: number;
  /** Called whenever the number of pollers changes (for the metrics gauge). */
  onPollerCount?: (count: number) => void;
}

/** True when the two states differ in status, start/finish times, any counter, the experiment or the failure reason. */
function runChanged(a: TaskRun, b: TaskRun): boolean {
  return a.status !== b.status || a.run_started_at !== b.run_started_at || a.run_finished_at !== b.run_finished_at ||
    a.num_successes !== b.num_successes || a.num_errors !== b.num_errors || a.num_skipped !== b.num_skipped ||
    a.experiment_id !== b.experiment_id || a.failure_reason !== b.failure_reason;
}

class Poller implements SubscriberOwner {
  readonly subscribers = new Set<Subscriber>();
  latest: TaskRun | undefined;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: AbortController | undefined;
  #outageSince: number | undefined;
  #failures = 0;
  #stopped = false;

  constructor(
    private readonly runId: string,
    private readonly apiKey: string,
    private readonly fetchRun: FetchRun,
    private readonly options: Required<Omit<LocalRunFeedOptions, 'onPollerCount'>>,
    private readonly onStop: (poller: Poller) => void,
  ) {}

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    if (this.latest) subscriber.push({ run: this.latest });
    if (this.subscribers.size === 1 && !this.#inFlight && !this.#timer) void this.poll();
  }

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stop();
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#inFlight?.abort();
    this.#inFlight = undefined;
    for (const subscriber of this.subscribers) subscriber.end();
    this.subscribers.clear();
    this.onStop(this);
  }

  #intervalMs(): number {
    let interval = Number.POSITIVE_INFINITY;
    for (const subscriber of this.subscribers) interval = Math.min(interval, subscriber.intervalMs);
    return Math.max(this.options.pollIntervalMs, Number.isFinite(interval) ? interval : this.options.pollIntervalMs);
  }

  #broadcast(event: RunEvent): void {
    for (const subscriber of this.subscribers) subscriber.push(event);
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.poll();
    }, safeDelay(delayMs));
  }

  async poll(): Promise<void> {
    const abort = new AbortController();
    this.#inFlight = abort;
    try {
      const run = await this.fetchRun(this.runId, this.apiKey, { retry: false, signal: abort.signal });
      if (this.#stopped) return;
      this.#inFlight = undefined;
      this.#outageSince = undefined;
      this.#failures = 0;
      if (!this.latest || runChanged(this.latest, run)) {
        this.latest = run;
        this.#broadcast({ run });
      }
      if (isTerminalStatus(run.status)) this.stop();
      else this.#schedule(this.#intervalMs());
    } catch (error) {
      if (this.#stopped) return;
      this.#inFlight = undefined;
      if (error instanceof UpstreamError && error.isTransient) {
        const now = Date.now();
        this.#outageSince ??= now;
        this.#failures += 1;
        const elapsed = now - this.#outageSince;
        if (elapsed >= this.options.outageBudgetMs) {
          this.#fail(new RunFailure('outage',
            `The Arize API could not be read for ${Math.round(elapsed / 1000)} s while watching run ${this.runId}; the watch has ended.`, error));
          return;
        }
        const ceiling = Math.min(this.#intervalMs() * 2 ** this.#failures, this.options.maxBackoffMs);
        const backoff = ceiling / 2 + Math.random() * (ceiling / 2);
        const retryAfter = (error.retryAfterSeconds ?? 0) * 1000;
        const remaining = this.options.outageBudgetMs - elapsed;
        this.#schedule(Math.max(1, Math.min(Math.max(backoff, retryAfter), remaining)));
        return;
      }
      this.#fail(error instanceof UpstreamError
        ? new RunFailure('upstream', error.message, error)
        : new RunFailure('internal', 'Unexpected error while watching the run.'));
    }
  }

  #fail(failure: RunFailure): void {
    this.#broadcast({ failure });
    this.stop();
  }
}

/**
 * The process-wide registry of run pollers, behind the {@link RunFeed}
 * interface: what `runStatus` and `waitForTaskRun` use when no shared feed
 * is configured.
 */
export class LocalRunFeed implements RunFeed {
  readonly #pollers = new Map<string, Poller>();
  readonly #options: Required<Omit<LocalRunFeedOptions, 'onPollerCount'>>;
  readonly #onPollerCount: LocalRunFeedOptions['onPollerCount'];
  #closed = false;

  /** `fetchRun`: how a poller reads the run (the upstream client's `getRun`, with the watcher's key). */
  constructor(private readonly fetchRun: FetchRun, { onPollerCount, ...options }: LocalRunFeedOptions) {
    this.#options = { maxBackoffMs: 30_000, ...options };
    this.#onPollerCount = onPollerCount;
  }

  get activePollers(): number {
    return this.#pollers.size;
  }

  readonly status = 'local';

  watch(runId: string, apiKey: string, options: WatchOptions = {}): AsyncIterableIterator<RunEvent> {
    const key = `${keyHashOf(apiKey)}:${runId}`;
    let poller = this.#pollers.get(key);
    if (!poller) {
      poller = new Poller(runId, apiKey, this.fetchRun, this.#options, (stopped) => {
        if (this.#pollers.get(key) === stopped) {
          this.#pollers.delete(key);
          this.#onPollerCount?.(this.#pollers.size);
        }
      });
      this.#pollers.set(key, poller);
      this.#onPollerCount?.(this.#pollers.size);
    }
    const subscriber = new Subscriber(options.intervalMs ?? this.#options.pollIntervalMs, poller);
    poller.add(subscriber);
    if (this.#closed) poller.stop();
    return subscriber;
  }

  waitForTerminal(runId: string, apiKey: string, options: WaitOptions): Promise<TaskRun> {
    return waitForTerminal(this, runId, apiKey, options);
  }

  close(): void {
    this.#closed = true;
    for (const poller of [...this.#pollers.values()]) poller.stop();
  }
}
