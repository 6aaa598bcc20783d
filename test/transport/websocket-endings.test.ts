/**
 * Everything a WebSocket started ends with it: a `waitForTaskRun` sent over
 * the socket stops waiting (and its run stops being polled) when the socket
 * closes, or when the client completes the operation, while the socket and
 * its other operations go on (also on a socket that began with a
 * subscription, where `complete` messages are read from its first wait on).
 */
import { describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { gateway, sleep, until } from '../support/servers.ts';
import { seeded, pendingRun } from '../support/fixtures.ts';

const INTERVAL_MS = 100;

describe('waits started over a WebSocket', async () => {
  const gw = await gateway({ env: { RUN_POLL_INTERVAL_MS: String(INTERVAL_MS), WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '100' } });
  const { emu } = gw;
  const pendingRuns = (count: number) => {
    const task = seeded(emu).firstTask;
    return Array.from({ length: count }, () => pendingRun(emu, task.id, 600_000));
  };
  const client = () => createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: { authorization: `Bearer ${emu.apiKey}` } });
  const wait = (c: ReturnType<typeof client>, runId: string) => c.subscribe(
    { query: `{ waitForTaskRun(id: "${runId}", pollIntervalSeconds: 0.1, timeoutSeconds: 600) { id } }` },
    { next: () => {}, error: () => {}, complete: () => {} },
  );
  const runPolls = () => emu.count('GET', (p) => p.startsWith('/v2/task-runs/'));

  it('stops every wait, and every poll, when the socket closes', async () => {
    const runs = pendingRuns(20);
    const c = client();
    for (const run of runs) wait(c, run.id);
    await until(() => gw.runFeed.activePollers === 20, 10_000, '20 pollers');
    await c.dispose();
    await until(() => gw.runFeed.activePollers === 0, 30 * INTERVAL_MS, '0 pollers after the socket closed');
    // a poll sent just before its poller stopped may still land (much later on a loaded machine): let the log
    // go quiet, then no poll may start
    for (let seen = -1, deadline = Date.now() + 5000; seen !== runPolls() && Date.now() < deadline;) {
      seen = runPolls();
      await sleep(3 * INTERVAL_MS);
    }
    emu.clearLog();
    await sleep(3 * INTERVAL_MS);
    expect(runPolls()).toBe(0);
  });

  it('stops a wait the client completes, and leaves the socket\'s other waits running', async () => {
    const [first, second] = pendingRuns(2);
    const c = client();
    const stopFirst = wait(c, first!.id);
    const stopSecond = wait(c, second!.id);
    await until(() => gw.runFeed.activePollers === 2, 10_000, '2 pollers');
    stopFirst();
    await until(() => gw.runFeed.activePollers === 1, 30 * INTERVAL_MS, 'the completed wait to stop');
    await sleep(3 * INTERVAL_MS);
    expect(gw.runFeed.activePollers).toBe(1);
    stopSecond();
    await until(() => gw.runFeed.activePollers === 0, 30 * INTERVAL_MS, 'the second wait to stop');
    await c.dispose();
  });

  it('stops a wait the client completes on a socket whose first operation was a subscription', async () => {
    const [watched, waited] = pendingRuns(2);
    const c = client();
    const first = new Promise<void>((resolve) => {
      c.subscribe({ query: `subscription { runStatus(runId: "${watched!.id}") { status } }` }, { next: () => resolve(), error: () => resolve(), complete: () => {} });
    });
    await first;
    const stopWait = wait(c, waited!.id);
    await until(() => gw.runFeed.activePollers === 2, 5000, '2 pollers');
    stopWait();
    await until(() => gw.runFeed.activePollers === 1, 30 * INTERVAL_MS, 'the completed wait to stop');
    await sleep(3 * INTERVAL_MS);
    expect(gw.runFeed.activePollers).toBe(1); // the subscription goes on
    await c.dispose();
    await until(() => gw.runFeed.activePollers === 0, 30 * INTERVAL_MS, 'the subscription to stop with its socket');
  });
});
