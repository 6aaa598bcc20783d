/**
 * Live run state, with no GraphQL in it: a {@link RunFeed} turns any number
 * of watchers of a run into one upstream poll per interval and hands each
 * watcher plain {@link RunEvent}s. The fields turn a failure into a GraphQL
 * error. Today's feed is local to the process (`local-feed.ts`); a shared one
 * can stand behind the same interface.
 */
import type { UpstreamError } from '../upstream/errors.ts';
import type { TaskRun } from '../upstream/types.ts';

/**
 * Why a watch or a wait ended without a terminal state: `upstream` (an
 * answer that ends it: 401, 403, 404, ...; see `upstream`), `outage` (the
 * run stayed unreadable past the outage budget), `timeout` (a wait ran out),
 * `aborted` (its client left), `closed` (the feed shut down), `expired` (the
 * watcher's sign-in ran out) or `internal`.
 */
export class RunFailure extends Error {
  override readonly name = 'RunFailure';
  constructor(
    readonly reason: 'upstream' | 'outage' | 'timeout' | 'aborted' | 'closed' | 'expired' | 'internal',
    message: string,
    readonly upstream?: UpstreamError,
  ) {
    super(message);
  }
}

/** What a watch delivers: a state of the run, or the failure that ends the watch. */
export type RunEvent = { run: TaskRun; failure?: undefined } | { run?: undefined; failure: RunFailure };

/** How to watch: the wanted poll interval (never below the feed's floor). */
export interface WatchOptions {
  intervalMs?: number;
}

/** How to wait: the wanted poll interval, the longest wait, and a signal that ends it early. */
export interface WaitOptions {
  intervalMs?: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** Live run state shared by every watcher of a run: `runStatus` and `waitForTaskRun` read it. */
export interface RunFeed {
  /**
   * Watches `runId` with `apiKey`: the current state at once, then every
   * change, ending after the terminal state or after one failure event.
   * Leaving (`return()`) unsubscribes at once.
   */
  watch(runId: string, apiKey: string, options?: WatchOptions): AsyncIterableIterator<RunEvent>;
  /** The run once it is terminal; rejects with a {@link RunFailure} (`timeout`, `aborted`, `closed`, ...). */
  waitForTerminal(runId: string, apiKey: string, options: WaitOptions): Promise<TaskRun>;
  /** Runs being polled by this process now. */
  readonly activePollers: number;
  /** `local` (one poller per run in this process), `redis` (shared by the replicas) or `degraded` (shared, but Redis is unreachable). */
  readonly status: 'local' | 'redis' | 'degraded';
  /** Stops every poll and ends every watch (for shutdown); a shared feed also gives up its leases and connections. */
  close(): void | Promise<void>;
}
