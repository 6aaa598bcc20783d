/**
 * The local run feed with a scripted run reader (a plain function standing
 * for the Arize API's `GET /v2/task-runs/{id}`) and fake timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunFailure, type RunEvent } from '../../src/runs/feed.ts';
import { LocalRunFeed, type FetchRun } from '../../src/runs/local-feed.ts';
import { UpstreamError } from '../../src/upstream/errors.ts';
import type { TaskRun } from '../../src/upstream/types.ts';

const INTERVAL = 1000;

function run(status: TaskRun['status'], successes = 0): TaskRun {
  return {
    id: 'r1', task_id: 't1', status, run_started_at: null, run_finished_at: null, data_start_time: null, data_end_time: null,
    num_successes: successes, num_errors: 0, num_skipped: 0, created_at: '', created_by_user_id: null, experiment_id: null, failure_reason: null,
  };
}

/** A run reader that answers each read with the next scripted state (or failure); the last one repeats. */
function scripted(script: Array<TaskRun | UpstreamError>) {
  const calls: Array<{ key: string; runId: string }> = [];
  const fetchRun: FetchRun = async (runId, apiKey) => {
    calls.push({ key: apiKey, runId });
    const next = script.length > 1 ? script.shift()! : script[0]!;
    if (next instanceof UpstreamError) throw next;
    return next;
  };
  return { fetchRun, calls };
}

async function drain(events: AsyncIterableIterator<RunEvent>, steps: number): Promise<RunEvent[]> {
  const seen: RunEvent[] = [];
  const reading = (async () => { for await (const event of events) seen.push(event); })();
  for (let i = 0; i < steps; i++) await vi.advanceTimersByTimeAsync(INTERVAL);
  await reading;
  return seen;
}

describe('the local run feed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shares one poller among watchers of a run with one key, sends each change once, and ends at the terminal state', async () => {
    const { fetchRun, calls } = scripted([run('PENDING'), run('RUNNING', 5), run('RUNNING', 5), run('COMPLETED', 9)]);
    const feed = new LocalRunFeed(fetchRun, { pollIntervalMs: INTERVAL, outageBudgetMs: 60_000 });
    const a = feed.watch('r1', 'k');
    const b = feed.watch('r1', 'k');
    expect(feed.activePollers).toBe(1);
    const [seenA, seenB] = await Promise.all([drain(a, 5), drain(b, 0)]);
    const states = (events: RunEvent[]) => events.map((e) => `${e.run?.status}:${e.run?.num_successes}`);
    expect(states(seenA)).toEqual(['PENDING:0', 'RUNNING:5', 'COMPLETED:9']);
    expect(states(seenB)).toEqual(states(seenA));
    expect(calls).toHaveLength(4);
    expect(feed.activePollers).toBe(0);
  });

  it('keeps polling through an UNKNOWN status, which is not terminal', async () => {
    const { fetchRun } = scripted([run('UNKNOWN'), run('COMPLETED')]);
    const feed = new LocalRunFeed(fetchRun, { pollIntervalMs: INTERVAL, outageBudgetMs: 60_000 });
    expect((await drain(feed.watch('r1', 'k'), 2)).map((e) => e.run?.status)).toEqual(['UNKNOWN', 'COMPLETED']);
  });

  it('polls separately per key, and stops a poller when its last watcher leaves', async () => {
    const { fetchRun, calls } = scripted([run('RUNNING')]);
    const feed = new LocalRunFeed(fetchRun, { pollIntervalMs: INTERVAL, outageBudgetMs: 60_000 });
    const a = feed.watch('r1', 'k1');
    const b = feed.watch('r1', 'k2');
    expect(feed.activePollers).toBe(2);
    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    await a.return!();
    await b.return!();
    expect(feed.activePollers).toBe(0);
    const before = calls.length;
    await vi.advanceTimersByTimeAsync(INTERVAL * 5);
    expect(calls.length).toBe(before);
    expect(new Set(calls.map((c) => c.key))).toEqual(new Set(['k1', 'k2']));
  });

  it('rides out transient failures, and ends with an outage failure past the budget', async () => {
    const down = new UpstreamError({ kind: 'http', operation: 'getRun', status: 503 });
    const { fetchRun } = scripted([run('RUNNING'), down]);
    const feed = new LocalRunFeed(fetchRun, { pollIntervalMs: INTERVAL, outageBudgetMs: 10_000, maxBackoffMs: 2000 });
    const seen = await drain(feed.watch('r1', 'k'), 20);
    expect(seen[0]?.run?.status).toBe('RUNNING');
    expect(seen.at(-1)?.failure).toBeInstanceOf(RunFailure);
    expect(seen.at(-1)?.failure?.reason).toBe('outage');
  });

  it('ends a watch with the upstream failure that ends it (a 404)', async () => {
    const { fetchRun } = scripted([new UpstreamError({ kind: 'http', operation: 'getRun', status: 404 })]);
    const feed = new LocalRunFeed(fetchRun, { pollIntervalMs: INTERVAL, outageBudgetMs: 10_000 });
    const [event] = await drain(feed.watch('r1', 'k'), 1);
    expect(event?.failure).toMatchObject({ reason: 'upstream', upstream: { status: 404 } });
  });

  it('waits for the terminal state, times out, or stops when its signal aborts', async () => {
    const feed = new LocalRunFeed(scripted([run('PENDING'), run('COMPLETED')]).fetchRun, { pollIntervalMs: INTERVAL, outageBudgetMs: 10_000 });
    const done = feed.waitForTerminal('r1', 'k', { timeoutMs: 10_000 });
    await vi.advanceTimersByTimeAsync(INTERVAL * 2);
    expect((await done).status).toBe('COMPLETED');

    const stuck = new LocalRunFeed(scripted([run('RUNNING')]).fetchRun, { pollIntervalMs: INTERVAL, outageBudgetMs: 10_000 });
    const timedOut = stuck.waitForTerminal('r1', 'k', { timeoutMs: 2500 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3000);
    expect(await timedOut).toMatchObject({ reason: 'timeout', message: expect.stringMatching(/last status: RUNNING/) });
    const controller = new AbortController();
    const aborted = stuck.waitForTerminal('r1', 'k', { timeoutMs: 60_000, signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    controller.abort();
    expect(await aborted).toMatchObject({ reason: 'aborted' });
    expect(stuck.activePollers).toBe(0);
  });
});
