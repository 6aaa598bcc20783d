/**
 * The run feed on Redis when Redis misbehaves without going away: a server
 * that stops answering (paused) and one that refuses commands (out of
 * memory) while its connections stay open. Watchers on every replica keep
 * getting states, `/ready` says `degraded`, and the replicas rejoin the
 * shared feed once Redis answers again.
 */
import net from 'node:net';
import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { collect, emulator, gateway, held, steer, until, type Gateway } from '../support/servers.ts';
import { startRedis } from '../support/redis.ts';
import { skipWithout } from '../support/test-servers.ts';

const INTERVAL = 100;
const LEASE = 600;
const RUN_STATUS = 'subscription($id: ID!) { runStatus(runId: $id) { status numSuccesses } }';

type Emu = Awaited<ReturnType<typeof emulator>>;

async function replicas(count: number, redisUrl: string, emu: Emu): Promise<Gateway[]> {
  return Promise.all(Array.from({ length: count }, () => gateway({
    emu, env: { REDIS_URL: redisUrl, RUN_POLL_INTERVAL_MS: String(INTERVAL), REDIS_LEASE_MS: String(LEASE) },
  })));
}

/** A TCP proxy to `port` that holds every answer `delayMs` before passing it on: a Redis far away, on loopback. */
async function slowProxy(port: number, delayMs: number): Promise<{ url: string; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk) => { setTimeout(() => { if (!client.destroyed) client.write(chunk); }, delayMs); });
    const done = () => { client.destroy(); upstream.destroy(); };
    client.on('close', done).on('error', done);
    upstream.on('close', done).on('error', done);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = server.address() as net.AddressInfo;
  return { url: `redis://127.0.0.1:${proxyPort}`, close: () => { for (const s of sockets) s.destroy(); server.close(); } };
}

const statuses = (results: Array<{ data?: { runStatus: { status: string } } }>) => results.map((r) => r.data?.runStatus.status);

describe('the run feed on a Redis that misbehaves with its connections open', () => {
  beforeEach(skipWithout('redis-server'));

  it('goes degraded when Redis stops answering, keeps every replica\'s watchers fed, and rejoins when it answers again', async () => {
    const redis = await startRedis();
    const emu = await emulator({ runs: { pendingMs: 100, runningMs: 400, failureRate: 0, progressSteps: 4 } });
    const [a, b] = await replicas(2, redis.url, emu);
    const task = emu.control.tasks()[0]!;
    const run = await held(emu, async () => emu.control.addRun(task.id, { created: Date.now(), fails: false }));
    const watchA = collect(a!.ws(), RUN_STATUS, { id: run.id });
    const watchB = collect(b!.ws(), RUN_STATUS, { id: run.id });
    await until(() => watchA.results.length > 0 && watchB.results.length > 0, 10_000, 'both watchers');
    await until(() => a!.runFeed.activePollers + b!.runFeed.activePollers === 1, 10_000, 'one holder');
    redis.pause();
    try {
      await until(() => a!.runFeed.status === 'degraded' && b!.runFeed.status === 'degraded', 10_000, 'both replicas to notice the hung Redis');
      expect((await (await fetch(`${b!.url}/ready`)).json()).runFeed).toBe('degraded');
      steer(emu, run.id).start();
      // the replica that did not hold the lease hears nothing through a hung Redis: it must poll for its own watchers
      await until(() => statuses(watchA.results).includes('RUNNING') && statuses(watchB.results).includes('RUNNING'), 10_000, 'RUNNING on both replicas');
    } finally {
      redis.resume();
    }
    await until(() => a!.runFeed.status === 'redis' && b!.runFeed.status === 'redis', 10_000, 'both replicas to rejoin');
    steer(emu, run.id).finish();
    const [statesA, statesB] = await Promise.all([watchA.done, watchB.done]);
    expect(statuses(statesA).at(-1)).toBe('COMPLETED');
    expect(statuses(statesB).at(-1)).toBe('COMPLETED');
    for (const states of [statesA, statesB]) {
      const seen = states.map((s) => `${s.data?.runStatus.status}:${s.data?.runStatus.numSuccesses}`);
      expect(new Set(seen).size).toBe(seen.length); // no state twice, across the outage and the rejoin
    }
  }, 30_000);

  it('shuts down, releasing what it can, while Redis answers nothing', async () => {
    const redis = await startRedis();
    const emu = await emulator();
    const [a] = await replicas(1, redis.url, emu);
    const task = emu.control.tasks()[0]!;
    const run = emu.control.addRun(task.id, { created: Date.now(), pendingMs: 60_000 });
    const watch = collect(a!.ws(), RUN_STATUS, { id: run.id });
    watch.done.catch(() => undefined); // the socket closes with 1001 at shutdown
    await until(() => watch.results.length > 0 && a!.runFeed.activePollers === 1, 10_000, 'the holder to poll');
    redis.pause();
    try {
      let stopped = false;
      const stopping = a!.stop().then(() => { stopped = true; });
      await until(() => stopped, 15_000, 'the gateway to stop with Redis hung');
      await stopping;
    } finally {
      redis.resume();
    }
  }, 30_000);

  it('rejoins the shared feed once Redis takes writes again after refusing them (out of memory) on open connections', async () => {
    const redis = await startRedis();
    const emu = await emulator({ runs: { pendingMs: 100, runningMs: 400, failureRate: 0, progressSteps: 4 } });
    const [a, b] = await replicas(2, redis.url, emu);
    const admin = new Redis(redis.url);
    try {
      const task = emu.control.tasks()[0]!;
      const run = await held(emu, async () => emu.control.addRun(task.id, { created: Date.now(), fails: false }));
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      await admin.config('SET', 'maxmemory', '1');
      const watchA = collect(a!.ws(), RUN_STATUS, { id: run.id });
      const watchB = collect(b!.ws(), RUN_STATUS, { id: run.id });
      await until(() => a!.runFeed.status === 'degraded' || b!.runFeed.status === 'degraded', 10_000, 'a refused write to degrade the feed');
      await admin.config('SET', 'maxmemory', '0');
      await until(() => a!.runFeed.status === 'redis' && b!.runFeed.status === 'redis', 10_000, 'both replicas to rejoin');
      await until(() => a!.runFeed.activePollers + b!.runFeed.activePollers === 1, 10_000, 'one poller again');
      steer(emu, run.id).finish();
      const [statesA, statesB] = await Promise.all([watchA.done, watchB.done]);
      expect(statuses(statesA).at(-1)).toBe('COMPLETED');
      expect(statuses(statesB).at(-1)).toBe('COMPLETED');
    } finally {
      admin.disconnect();
    }
  }, 30_000);
});

describe('the run feed on Redis under subscriber churn', () => {
  beforeEach(skipWithout('redis-server'));

  it('leaves no lease behind when watchers leave while their replica is still taking it, so another replica polls at once', async () => {
    const redis = await startRedis();
    const emu = await emulator();
    // a long lease: one left behind would keep every other replica from polling for 20 s
    const [a, b] = await Promise.all([0, 1].map(() => gateway({
      emu, env: { REDIS_URL: redis.url, RUN_POLL_INTERVAL_MS: String(INTERVAL), REDIS_LEASE_MS: '20000' },
    })));
    const task = emu.control.tasks()[0]!;
    const checker = new Redis(redis.url);
    try {
      for (let round = 0; round < 40; round++) {
        const run = emu.control.addRun(task.id, { created: Date.now(), pendingMs: 60_000 });
        // leave after 0..3 ms: while the replica is subscribing, reading the kept state or taking the lease
        const watch = a!.runFeed.watch(run.id, emu.apiKey);
        await new Promise((r) => setTimeout(r, round % 4));
        await watch.return?.();
        await until(() => a!.runFeed.activePollers === 0, 10_000, 'replica A to stop polling');
      }
      await until(async () => (await checker.keys('arize-tasks-gateway:lease:*')).length === 0, 10_000, 'no lease left once every watcher left');
    } finally {
      checker.disconnect();
    }
    const run = emu.control.addRun(task.id, { created: Date.now(), pendingMs: 60_000 });
    const churn = a!.runFeed.watch(run.id, emu.apiKey);
    await new Promise((r) => setTimeout(r, 1));
    await churn.return?.();
    const watcher = collect(b!.ws(), RUN_STATUS, { id: run.id });
    await until(() => watcher.results.length > 0, 10_000, 'replica B to poll the run A left');
    watcher.cancel();
  }, 30_000);
});

describe('the run feed on Redis after a blip of its own connection', () => {
  beforeEach(skipWithout('redis-server'));

  it('keeps polling a run whose lease it still holds when it rejoins after its listener reconnected', async () => {
    const redis = await startRedis();
    const emu = await emulator({ runs: { pendingMs: 100, runningMs: 400, failureRate: 0, progressSteps: 4 } });
    // a long lease: a replica that could not take back its own would leave the run unpolled for 20 s
    const a = await gateway({ emu, env: { REDIS_URL: redis.url, RUN_POLL_INTERVAL_MS: String(INTERVAL), REDIS_LEASE_MS: '20000' } });
    const task = emu.control.tasks()[0]!;
    const run = await held(emu, async () => emu.control.addRun(task.id, { created: Date.now(), fails: false }));
    const watch = collect(a.ws(), RUN_STATUS, { id: run.id });
    await until(() => watch.results.length > 0 && a.runFeed.activePollers === 1, 10_000, 'the holder to poll');
    const admin = new Redis(redis.url);
    try {
      await admin.client('KILL', 'TYPE', 'pubsub'); // the listener drops; the lease stays in Redis, still this replica's
      await until(() => a.runFeed.status === 'degraded', 10_000, 'the replica to notice');
      await until(() => a.runFeed.status === 'redis', 10_000, 'the replica to rejoin');
    } finally {
      admin.disconnect();
    }
    steer(emu, run.id).start();
    await until(() => statuses(watch.results).includes('RUNNING'), 10_000, 'RUNNING after the rejoin');
    steer(emu, run.id).finish();
    expect(statuses(await watch.done).at(-1)).toBe('COMPLETED');
  }, 30_000);
});

describe('the run feed on a Redis far away', () => {
  beforeEach(skipWithout('redis-server'));

  it('keeps every lease it holds when renewing them one after the other would outlast a lease', async () => {
    const redis = await startRedis();
    const proxy = await slowProxy(redis.port, 25);
    try {
      const emu = await emulator();
      // 40 runs x 25 ms per answer: renewed one by one, a round takes 1 s, past the lease; at once, 25 ms
      const a = await gateway({ emu, env: { REDIS_URL: proxy.url, RUN_POLL_INTERVAL_MS: '60000', REDIS_LEASE_MS: '600' } });
      const task = emu.control.tasks()[0]!;
      const runs = Array.from({ length: 40 }, () => emu.control.addRun(task.id, { created: Date.now(), pendingMs: 600_000 }));
      const watches = runs.map((run) => a.runFeed.watch(run.id, emu.apiKey));
      try {
        await until(() => a.runFeed.activePollers === runs.length, 10_000, 'a lease on every run');
        // for several leases, not one run may go unpolled: a lapsed lease stops the holder's poll until it takes it back
        for (let i = 0; i < 200; i++) {
          expect(a.runFeed.activePollers).toBe(runs.length);
          await new Promise((r) => setTimeout(r, 10));
        }
      } finally {
        await Promise.all(watches.map((w) => w.return?.()));
      }
    } finally {
      proxy.close();
    }
  }, 30_000);
});

/** A TCP proxy to `port` that can hold every answer until told to pass them on: a Redis that stalls, then answers. */
async function stallingProxy(port: number): Promise<{ url: string; stall(): void; release(): void; close(): void }> {
  const sockets = new Set<net.Socket>();
  let held: Array<() => void> | undefined;
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk) => {
      const pass = () => { if (!client.destroyed) client.write(chunk); };
      if (held) held.push(pass);
      else pass();
    });
    const done = () => { client.destroy(); upstream.destroy(); };
    client.on('close', done).on('error', done);
    upstream.on('close', done).on('error', done);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${proxyPort}`,
    stall: () => { held ??= []; },
    release: () => { const passing = held ?? []; held = undefined; for (const pass of passing) pass(); },
    close: () => { for (const s of sockets) s.destroy(); server.close(); },
  };
}

describe('the run feed on Redis when a lease is granted after the feed went degraded', () => {
  beforeEach(skipWithout('redis-server'));

  it('polls a run once it rejoins when its lease was granted while a timed-out renewal had degraded the feed', async () => {
    const redis = await startRedis();
    const proxy = await stallingProxy(redis.port);
    try {
      const emu = await emulator({ runs: { pendingMs: 100, runningMs: 400, failureRate: 0, progressSteps: 4 } });
      // a lease of 600 ms: a command unanswered for 1 s fails
      const a = await gateway({ emu, env: { REDIS_URL: proxy.url, RUN_POLL_INTERVAL_MS: String(INTERVAL), REDIS_LEASE_MS: String(LEASE) } });
      const task = emu.control.tasks()[0]!;
      const first = emu.control.addRun(task.id, { created: Date.now(), pendingMs: 600_000 });
      const held1 = a.runFeed.watch(first.id, emu.apiKey);
      await until(() => a.runFeed.activePollers === 1, 10_000, 'the holder of the first run to poll');
      const second = await held(emu, async () => emu.control.addRun(task.id, { created: Date.now(), fails: false }));
      proxy.stall();
      // a watcher joins while Redis stalls: its lease is asked for once Redis answers, after a renewal timed out
      await new Promise((r) => setTimeout(r, 400));
      const watch = collect(a.ws(), RUN_STATUS, { id: second.id });
      await until(() => a.runFeed.status === 'degraded', 10_000, 'a renewal to time out');
      proxy.release();
      await until(() => a.runFeed.status === 'redis', 10_000, 'the replica to rejoin');
      // the only replica holds both leases: it must poll both runs
      await until(() => a.runFeed.activePollers === 2, 5_000, 'the replica to poll both runs it holds the leases of');
      steer(emu, second.id).finish();
      expect(statuses(await watch.done).at(-1)).toBe('COMPLETED');
      await held1.return?.();
    } finally {
      proxy.close();
    }
  }, 30_000);
});
