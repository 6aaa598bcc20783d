/**
 * Several gateway replicas on one real Redis and the emulator: one poller
 * per run across them, takeover when the holder dies, local polling while
 * Redis is away, late joiners served at once, nothing left after shutdown.
 */
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { collect, emulator, gateway, held, steer, until, type Gateway } from '../support/servers.ts';
import { startRedis } from '../support/redis.ts';
import { skipWithout } from '../support/test-servers.ts';

const INTERVAL = 100;
const RUN_STATUS = 'subscription($id: ID!) { runStatus(runId: $id) { status numSuccesses } }';

async function replicas(count: number, redisUrl: string, emu: Awaited<ReturnType<typeof emulator>>, env: Record<string, string> = {}): Promise<Gateway[]> {
  return Promise.all(Array.from({ length: count }, () => gateway({ emu, env: { REDIS_URL: redisUrl, RUN_POLL_INTERVAL_MS: String(INTERVAL), WS_MAX_CONNECTIONS_PER_CLIENT: '1000', ...env } })));
}

const runGets = (emu: Awaited<ReturnType<typeof emulator>>, runId: string) => emu.requests.filter((r) => r.method === 'GET' && r.path === `/v2/task-runs/${encodeURIComponent(runId)}`);

describe('the run feed on Redis', () => {
  beforeEach(skipWithout('redis-server'));

  it('serves 300 subscribers over 3 runs on 3 replicas with about one upstream GET per run per interval, and every one gets the terminal state', async () => {
    const redis = await startRedis();
    const emu = await emulator({ runs: { pendingMs: 300, runningMs: 1500, failureRate: 0, progressSteps: 5 } });
    const gws = await replicas(3, redis.url, emu);
    const task = emu.control.tasks()[0]!;
    const runs = [0, 1, 2].map(() => emu.control.addRun(task.id, { created: Date.now(), fails: false }));
    emu.clearLog();
    const started = Date.now();
    const watches = Array.from({ length: 30 }, (_, socket) => {
      const client = gws[socket % 3]!.ws();
      return Array.from({ length: 10 }, (_, i) => collect(client, RUN_STATUS, { id: runs[(socket + i) % 3]!.id }));
    }).flat();
    const results = await Promise.all(watches.map((w) => w.done));
    const elapsed = Date.now() - started;
    expect(results.every((states) => states.at(-1)?.data?.runStatus.status === 'COMPLETED')).toBe(true);
    for (const run of runs) {
      const perInterval = runGets(emu, run.id).length / (elapsed / INTERVAL);
      expect(perInterval).toBeLessThan(1.6); // 3 replicas polling alone would make about 3
    }
    const sequences = results.map((states) => states.map((s) => `${s.data?.runStatus.status}:${s.data?.runStatus.numSuccesses}`));
    for (const sequence of sequences) expect(new Set(sequence).size).toBe(sequence.length); // no state twice
  });

  it('serves a late joiner on another replica the current state at once, before the next poll', async () => {
    const redis = await startRedis();
    const emu = await emulator();
    // the next poll is a minute away: what B shows first can only be the kept state
    const [a, b] = await replicas(2, redis.url, emu, { RUN_POLL_INTERVAL_MS: '60000' });
    const task = emu.control.tasks()[0]!;
    const run = emu.control.addRun(task.id, { created: Date.now() - 5000, pendingMs: 1000, runningMs: 600_000, fails: false });
    const first = collect(a!.ws(), RUN_STATUS, { id: run.id });
    await until(() => first.results.length > 0, 10_000, 'the first state on replica A');
    const late = collect(b!.ws(), RUN_STATUS, { id: run.id });
    await until(() => late.results.length > 0, 10_000, 'the state on replica B');
    expect(late.results[0]?.data?.runStatus.status).toBe('RUNNING');
    expect(runGets(emu, run.id)).toHaveLength(1); // B did not poll: it had the kept state
    first.cancel();
    late.cancel();
  });

  it('takes over once the killed lease holder\'s lease runs out, and still delivers the terminal state', async () => {
    const redis = await startRedis();
    const emu = await emulator({ runs: { pendingMs: 200, runningMs: 500, failureRate: 0, progressSteps: 5, holdPending: true } });
    // a lease far longer than a renewal takes, so a busy machine never loses it before the kill
    const LEASE = 2000;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/dev.ts'], {
      env: { ...process.env, PORT: '0', ARIZE_API_URL: emu.url, ARIZE_API_KEY: '', REDIS_URL: redis.url, RUN_POLL_INTERVAL_MS: String(INTERVAL), REDIS_LEASE_MS: String(LEASE), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c) => { output += String(c); });
    try {
      await until(() => /localhost:(\d+)\/graphql/.test(output), 60_000, 'the child replica'); // tsx's start takes seconds on a busy machine
      const port = /localhost:(\d+)\/graphql/.exec(output)![1];
      const [b] = await replicas(1, redis.url, emu, { REDIS_LEASE_MS: String(LEASE) });
      const task = emu.control.tasks()[0]!;
      const run = emu.control.addRun(task.id, { created: Date.now(), fails: false }); // PENDING until released after the takeover
      const { createClient } = await import('graphql-ws');
      const WebSocket = (await import('ws')).default;
      const holderClient = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${emu.apiKey}` } });
      const onHolder = collect(holderClient, RUN_STATUS, { id: run.id });
      onHolder.done.catch(() => undefined); // its socket dies with the holder
      await until(() => onHolder.results.length > 0, 10_000, 'the holder to poll');
      const watcher = collect(b!.ws(), RUN_STATUS, { id: run.id });
      await until(() => watcher.results.length > 0, 10_000, 'replica B to see the run');
      expect(b!.runFeed.activePollers).toBe(0); // B listens; the child holds the lease
      child.kill('SIGKILL');
      const killedAt = Date.now();
      await until(() => b!.runFeed.activePollers === 1, 10_000 + LEASE, 'replica B to take over');
      expect(Date.now() - killedAt).toBeGreaterThanOrEqual(LEASE / 2); // not before the lease could run out
      steer(emu, run.id).start();
      const states = await watcher.done;
      expect(states.at(-1)?.data?.runStatus.status).toBe('COMPLETED');
      const seen = states.map((s) => `${s.data?.runStatus.status}:${s.data?.runStatus.numSuccesses}`);
      expect(new Set(seen).size).toBe(seen.length);
      expect(await b!.metrics.registry.getSingleMetricAsString('gateway_run_feed_takeovers_total')).toMatch(/ 1$/m);
      await Promise.resolve(holderClient.dispose()).catch(() => undefined);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);

  it('keeps watches going on local polling while Redis is away, and rejoins the shared feed when it is back', async () => {
    const redis = await startRedis();
    const emu = await emulator({ runs: { pendingMs: 200, runningMs: 600, failureRate: 0, progressSteps: 6 } });
    const [a, b] = await replicas(2, redis.url, emu);
    const task = emu.control.tasks()[0]!;
    const run = (await held(emu, async () => emu.control.addRun(task.id, { created: Date.now(), fails: false }))); // PENDING until Redis is back
    const watchA = collect(a!.ws(), RUN_STATUS, { id: run.id });
    const watchB = collect(b!.ws(), RUN_STATUS, { id: run.id });
    await until(() => watchA.results.length > 0 && watchB.results.length > 0, 10_000, 'both watchers');
    await redis.stop();
    await until(() => a!.runFeed.status === 'degraded' && b!.runFeed.status === 'degraded', 10_000, 'both replicas to notice');
    expect((await (await fetch(`${a!.url}/ready`)).json()).runFeed).toBe('degraded');
    expect(a!.log.lines.filter((l) => l.includes('Redis is unreachable'))).toHaveLength(1); // logged once
    await until(() => a!.runFeed.activePollers === 1 && b!.runFeed.activePollers === 1, 10_000, 'local polling on both');
    await redis.start();
    await until(() => a!.runFeed.status === 'redis' && b!.runFeed.status === 'redis', 15_000, 'both replicas to rejoin');
    steer(emu, run.id).start();
    const [statesA, statesB] = await Promise.all([watchA.done, watchB.done]);
    expect(statesA.at(-1)?.data?.runStatus.status).toBe('COMPLETED');
    expect(statesB.at(-1)?.data?.runStatus.status).toBe('COMPLETED');
  });

  it('leaves no lease and no Redis connection behind after shutdown', async () => {
    const redis = await startRedis();
    const emu = await emulator();
    const gws = await replicas(2, redis.url, emu);
    const task = emu.control.tasks()[0]!;
    const run = emu.control.addRun(task.id, { created: Date.now(), pendingMs: 60_000 });
    const watches = gws.map((g) => collect(g.ws(), RUN_STATUS, { id: run.id }));
    for (const w of watches) w.done.catch(() => undefined); // the sockets close with 1001 at shutdown
    await until(() => watches.every((w) => w.results.length > 0), 10_000, 'the watchers');
    const checker = new Redis(redis.url);
    expect(await checker.keys('arize-tasks-gateway:lease:*')).toHaveLength(1);
    for (const g of gws) await g.stop();
    await until(async () => (await checker.keys('arize-tasks-gateway:lease:*')).length === 0, 10_000, 'the lease to be released');
    // Redis drops a client's entry once it has read the close: wait for that rather than for a time
    await until(async () => String(await checker.client('LIST')).trim().split('\n').length === 1, 10_000, 'the replicas\' connections to go');
    const clients = String(await checker.client('LIST')).trim().split('\n');
    expect(clients).toHaveLength(1); // the checker itself
    checker.disconnect();
  });
});
