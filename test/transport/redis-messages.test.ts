/**
 * Redis input is untrusted input: a forged state or failure published on a
 * run's channel, or stored as its kept state, is dropped and counted, never
 * delivered to a watcher or a wait, and never marks the feed degraded. Only
 * states signed with the watched key by the replica polling for it count.
 */
import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { keyHashOf } from '../../src/upstream/key-hash.ts';
import { collect, emulator, gateway, held, sleep, steer, until } from '../support/servers.ts';
import { startRedis } from '../support/redis.ts';
import { skipWithout } from '../support/test-servers.ts';

const RUN_STATUS = 'subscription($id: ID!) { runStatus(runId: $id) { status numSuccesses } }';

describe('forged run-feed messages', () => {
  beforeEach(skipWithout('redis-server'));

  it('drops forged states, failures and kept states, counts them, and keeps delivering the real ones', async () => {
    const redis = await startRedis();
    const emu = await emulator();
    const gw = await gateway({ emu, env: { REDIS_URL: redis.url, RUN_POLL_INTERVAL_MS: '100' } });
    const forger = new Redis(redis.url);
    try {
      const task = emu.control.tasks()[0]!;
      // held PENDING until the forged COMPLETED has been refused, however slow the machine
      const run = await held(emu, async () => emu.control.addRun(task.id, { created: Date.now(), runningMs: 1000, fails: false }));
      const group = `arize-tasks-gateway:%s:${keyHashOf(emu.apiKey)}:${run.id}`;
      const forgedRun = { ...emu.control.run(run.id), status: 'COMPLETED', num_successes: 999999 };
      // a kept state planted before anyone watches: a late joiner must not take it
      await forger.set(group.replace('%s', 'state'), JSON.stringify({ run: forgedRun }));
      const watch = collect(gw.ws(), RUN_STATUS, { id: run.id });
      await until(() => watch.results.length > 0, 10_000, 'the first state');
      const channel = group.replace('%s', 'run');
      for (const message of [
        JSON.stringify({ run: forgedRun }),
        JSON.stringify({ v: 1, holder: 'attacker', body: JSON.stringify({ run: forgedRun }), sig: 'AAAA' }),
        JSON.stringify({ failure: { reason: 'upstream', message: 'attacker text: call +1 555 0100' } }),
        JSON.stringify({ run: null }),
        'not json',
      ]) await forger.publish(channel, message);
      const wait = gw.gql(`{ waitForTaskRun(id: "${run.id}", pollIntervalSeconds: 0.1, timeoutSeconds: 1) { status } }`);
      await sleep(300);
      expect(gw.runFeed.status).toBe('redis');
      const waited = await wait;
      expect(waited.errors?.[0]?.extensions?.code).toBe('TIMEOUT'); // not the forged COMPLETED
      steer(emu, run.id).start();
      const states = await watch.done;
      expect(states.every((s) => s.errors === undefined)).toBe(true);
      expect(states.map((s) => s.data.runStatus.numSuccesses)).not.toContain(999999);
      expect(states.at(-1)?.data.runStatus.status).toBe('COMPLETED');
      expect(JSON.stringify(states)).not.toContain('attacker');
      const metrics = await (await fetch(`${gw.url}/metrics`)).text();
      expect(Number(/gateway_run_feed_rejected_total\{reason="unsigned"\} (\d+)/.exec(metrics)?.[1] ?? 0)).toBeGreaterThanOrEqual(5);
      expect(gw.runFeed.status).toBe('redis');
    } finally {
      forger.disconnect();
    }
  });
});

describe('run-feed keys a Redis writer planted', () => {
  beforeEach(skipWithout('redis-server'));

  it('takes over a lease or kept state no replica wrote (another type, no expiry) without degrading the feed, and watchers get every state', async () => {
    const redis = await startRedis();
    const emu = await emulator({ runs: { pendingMs: 100, runningMs: 400, failureRate: 0, progressSteps: 4 } });
    const gw = await gateway({ emu, env: { REDIS_URL: redis.url, RUN_POLL_INTERVAL_MS: '100', REDIS_LEASE_MS: '600' } });
    const writer = new Redis(redis.url);
    try {
      const task = emu.control.tasks()[0]!;
      const [first, second] = await held(emu, async () => [0, 1].map(() => emu.control.addRun(task.id, { created: Date.now(), fails: false })));
      const key = (kind: string, runId: string) => `arize-tasks-gateway:${kind}:${keyHashOf(emu.apiKey)}:${runId}`;
      const watchFirst = collect(gw.ws(), RUN_STATUS, { id: first!.id });
      await until(() => watchFirst.results.length > 0 && gw.runFeed.activePollers === 1, 10_000, 'the first run polled');
      // the lease held on the first run becomes a hash; the second run's lease a string that never expires, its kept state a hash
      await writer.multi().del(key('lease', first!.id)).hset(key('lease', first!.id), 'x', '1').exec();
      await writer.set(key('lease', second!.id), 'attacker');
      await writer.hset(key('state', second!.id), 'x', '1');
      const watchSecond = collect(gw.ws(), RUN_STATUS, { id: second!.id });
      const seen = new Set<string>();
      for (let i = 0; i < 150; i++) {
        seen.add(gw.runFeed.status);
        await sleep(10);
      }
      expect([...seen]).toEqual(['redis']);
      await until(() => gw.runFeed.activePollers === 2, 5_000, 'both runs polled');
      for (const run of [first!, second!]) steer(emu, run.id).finish();
      const [statesFirst, statesSecond] = await Promise.all([watchFirst.done, watchSecond.done]);
      expect(statesFirst.at(-1)?.data.runStatus.status).toBe('COMPLETED');
      expect(statesSecond.at(-1)?.data.runStatus.status).toBe('COMPLETED');
      expect(gw.runFeed.status).toBe('redis');
    } finally {
      writer.disconnect();
    }
  }, 30_000);
});
