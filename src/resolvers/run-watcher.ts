/**
 * Watching runs: one shared poller per (run, API key), however many
 * subscribers. A poller reads `GET /v2/task-runs/{id}` at the interval its
 * subscribers want (never more often than the configured floor), sends each
 * subscriber the latest state at once and then every change, and stops when
 * the run ends or its last subscriber leaves. Transient upstream failures
 * (5xx, 429, timeouts, network) back off with jitter and honour
 * `Retry-After`; only an outage longer than the budget ends the watch.
 */
import { createHash } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { gatewayError, upstreamToGraphQLError } from '../schema/errors.ts';
import type { UpstreamClient, UpstreamTransport } from '../upstream/client.ts';
import { UpstreamError } from '../upstream/errors.ts';
import { isTerminalStatus, type TaskRun } from '../upstream/types.ts';
import { safeDelay } from './task-run.ts';

export interface RunWatcherOptions {
  /** Floor and default of the poll interval, ms. */
  pollIntervalMs: number;
  /** How long a run may stay unreadable (transient failures) before the watch ends with UPSTREAM_UNAVAILABLE. */
  outageBudgetMs: number;
  /** Longest backoff between failed polls, ms. Default 30 s. */
  maxBackoffMs?: number;
  /** Called whenever the number of pollers changes (for the metrics gauge). */
  onPollerCount?: (count: number) => void;
}

/** What a watcher delivers: a state of the run, or the error that ends the watch. */
export type RunEvent = { run: TaskRun; error?: undefined } | { run?: undefined; error: GraphQLError };

/** True when the two states differ in status, start/finish times, any counter, the experiment or the failure reason. */
export function runChanged(a: TaskRun, b: TaskRun): boolean {
  return a.status !== b.status || a.run_started_at !== b.run_started_at || a.run_finished_at !== b.run_finished_at ||
    a.num_successes !== b.num_successes || a.num_errors !== b.num_errors || a.num_skipped !== b.num_skipped ||
    a.experiment_id !== b.experiment_id || a.failure_reason !== b.failure_reason;
}

/**
 * A subscriber's queue as an async iterator. `return()` (called by graphql-ws
 * or graphql-js when a client leaves) unsubscribes at once, even while a
 * `next()` is waiting.
 */
class Subscriber implements AsyncIterableIterator<RunEvent> {
  readonly #queue: RunEvent[] = [];
  #waiting: ((result: IteratorResult<RunEvent>) => void) | undefined;
  #ended = false;

  constructor(readonly intervalMs: number, private readonly onLeave: (subscriber: Subscriber) => void) {}

  push(event: RunEvent): void {
    if (this.#ended) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ value: event, done: false });
    } else {
      this.#queue.push(event);
    }
  }

  /** Ends after the queued events have been read. */
  end(): void {
    this.#ended = true;
    if (this.#waiting && this.#queue.length === 0) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<RunEvent>> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => { this.#waiting = resolve; });
  }

  return(): Promise<IteratorResult<RunEvent>> {
    this.#queue.length = 0;
    this.end();
    this.onLeave(this);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<RunEvent> {
    return this;
  }
}

class Poller {
  readonly subscribers = new Set<Subscriber>();
  latest: TaskRun | undefined;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: AbortController | undefined;
  #outageSince: number | undefined;
  #failures = 0;
  #stopped = false;

  readonly #upstream: UpstreamClient;

  constructor(
    private readonly runId: string,
    apiKey: string,
    transport: UpstreamTransport,
    private readonly options: Required<Omit<RunWatcherOptions, 'onPollerCount'>>,
    private readonly onStop: (poller: Poller) => void,
  ) {
    this.#upstream = transport.bind({ apiKey });
  }

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
      const run = await this.#upstream.getRun(this.runId, { retry: false, signal: abort.signal });
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
          this.#fail(gatewayError('UPSTREAM_UNAVAILABLE',
            `The Arize API could not be read for ${Math.round(elapsed / 1000)} s while watching run ${this.runId}; the watch has ended.`));
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
        ? upstreamToGraphQLError(error)
        : gatewayError('INTERNAL_SERVER_ERROR', 'Unexpected error while watching the run.'));
    }
  }

  #fail(error: GraphQLError): void {
    this.#broadcast({ error });
    this.stop();
  }
}

/**
 * The process-wide registry of run pollers. {@link RunWatcher.watch} is what
 * `runStatus` and `waitForTaskRun` use; {@link RunWatcher.activePollers} is
 * the gauge tests and metrics read.
 */
export class RunWatcher {
  readonly #pollers = new Map<string, Poller>();
  readonly #options: Required<Omit<RunWatcherOptions, 'onPollerCount'>>;
  readonly #onPollerCount: RunWatcherOptions['onPollerCount'];

  constructor(private readonly transport: UpstreamTransport, { onPollerCount, ...options }: RunWatcherOptions) {
    this.#options = { maxBackoffMs: 30_000, ...options };
    this.#onPollerCount = onPollerCount;
  }

  /** Number of runs being polled now. */
  get activePollers(): number {
    return this.#pollers.size;
  }

  /**
   * Watches `runId` with `apiKey`: yields the current state at once, then
   * every change, and ends after the terminal state (or after one error
   * event). `intervalMs` is the wanted poll interval (floored at the
   * configured one); pollers are shared per run and key.
   */
  watch(runId: string, apiKey: string, intervalMs = this.#options.pollIntervalMs): AsyncIterableIterator<RunEvent> {
    const key = `${createHash('sha256').update(apiKey).digest('base64url').slice(0, 22)}:${runId}`;
    let poller = this.#pollers.get(key);
    if (!poller) {
      poller = new Poller(runId, apiKey, this.transport, this.#options, (stopped) => {
        if (this.#pollers.get(key) === stopped) {
          this.#pollers.delete(key);
          this.#onPollerCount?.(this.#pollers.size);
        }
      });
      this.#pollers.set(key, poller);
      this.#onPollerCount?.(this.#pollers.size);
    }
    const owner = poller;
    const subscriber = new Subscriber(intervalMs, (leaving) => owner.remove(leaving));
    owner.add(subscriber);
    return subscriber;
  }

  /** Stops every poller and ends every watch (for shutdown). */
  close(): void {
    for (const poller of [...this.#pollers.values()]) poller.stop();
  }
}
