/** Waiting for a run to end, over any {@link RunFeed}'s watch. */
import { MAX_TIMER_MS } from '../config/parsers.ts';
import { isTerminalStatus, type TaskRun } from '../upstream/types.ts';
import { RunFailure, type RunFeed, type WaitOptions } from './feed.ts';

/** A delay a Node timer keeps as it is: 1 ms .. 2^31-1 ms (a longer one would fire at once). */
export const safeDelay = (ms: number): number => Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(Number.isFinite(ms) ? ms : MAX_TIMER_MS)));

/**
 * The run once it is terminal, watched through `feed`; rejects with a
 * {@link RunFailure}: `timeout` after `timeoutMs`, `aborted` when `signal`
 * fires, `closed` when the feed shuts down, or the watch's own failure.
 */
export async function waitForTerminal(feed: Pick<RunFeed, 'watch'>, runId: string, apiKey: string, { intervalMs, timeoutMs, signal }: WaitOptions): Promise<TaskRun> {
  const events = feed.watch(runId, apiKey, intervalMs !== undefined ? { intervalMs } : {});
  let last: TaskRun | undefined;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<'timeout' | 'aborted'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), safeDelay(timeoutMs));
    onAbort = () => resolve('aborted');
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      const next = await Promise.race([events.next(), stopped]);
      if (next === 'timeout') {
        throw new RunFailure('timeout', `Run ${runId} did not finish within ${timeoutMs / 1000} s${last ? ` (last status: ${last.status})` : ''}.`);
      }
      if (next === 'aborted') throw new RunFailure('aborted', `Stopped waiting for run ${runId}: the client went away.`);
      if (next.done) break;
      if (next.value.failure) throw next.value.failure;
      last = next.value.run;
      if (isTerminalStatus(last.status)) return last;
    }
    throw new RunFailure('closed', `Stopped waiting for run ${runId} before it finished (the gateway is shutting down); wait again.`);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await events.return?.();
  }
}
