/**
 * Honest outcomes across replicas: a replica cannot see another replica's
 * writes, so a run found after a lost answer may be one a caller of another
 * replica started with the same server key at the same moment. It is never
 * returned as ours; a caller's own key is theirs alone.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { emulator, gateway, until } from '../support/servers.ts';
import { startRedis } from '../support/redis.ts';
import { skipWithout } from '../support/test-servers.ts';

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const TRIGGER = 'mutation($i: TriggerTaskRunInput!) { triggerTaskRun(input: $i) { run { id } clientMutationId } }';

describe('two replicas on one Redis, one server key', () => {
  beforeEach(skipWithout('redis-server'));

  it('never tells a caller of one replica that the run another replica\'s caller started is theirs', async () => {
    const redis = await startRedis();
    const emu = await emulator({ apiKeys: ['server-key', 'own-key'], runs: { pendingMs: 60_000, runningMs: 1000, failureRate: 0, progressSteps: 4 } });
    const env = { REDIS_URL: redis.url };
    const [a, b] = await Promise.all([gateway({ emu, serverKey: true, env }), gateway({ emu, serverKey: true, env })]);
    const [task, another] = emu.control.tasks().filter((t) => t.project_id);
    const heldFault = () => until(async () => (await (await fetch(`${emu.url}/__emulator/faults`)).json()).faults.length === 0, 10_000, 'the first trigger to take the held 503');

    // replica A has learned the server key's Arize user from an answer to one of its own writes
    expect((await a.gql(TRIGGER, { i: { task: another!.id, dataStartTime: hourAgo() } }, { key: null })).errors).toBeUndefined();
    // A's trigger is held, then refused with 503 without being served; a caller of replica B triggers the same task, same window, meanwhile
    const window = hourAgo();
    emu.addFault({ method: 'POST', path: '/trigger$', status: 503, delayMs: 400, times: 1 });
    const first = a.gql(TRIGGER, { i: { task: task!.id, dataStartTime: window, clientMutationId: 'replica-a' } }, { key: null });
    await heldFault();
    const other = await b.gql(TRIGGER, { i: { task: task!.id, dataStartTime: window } }, { key: null });
    expect(other.errors).toBeUndefined();
    const answer = await first;
    expect(answer.data?.triggerTaskRun?.run?.id).toBeUndefined();
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE', outcome: 'UNKNOWN' } });

    // on another task, with the caller's own key (whose Arize user an earlier answer told), the one new run is the caller's
    expect((await a.gql(TRIGGER, { i: { task: another!.id, dataStartTime: hourAgo() } }, { key: 'own-key' })).errors).toBeUndefined();
    emu.addFault({ method: 'POST', path: '/trigger$', status: 503, when: 'after', times: 1 });
    const own = await a.gql(TRIGGER, { i: { task: another!.id, dataStartTime: hourAgo() } }, { key: 'own-key' });
    expect(own.errors).toBeUndefined();
    expect(own.data.triggerTaskRun.run.id).toEqual(expect.any(String));
  });

  it('never tells a caller who sends the server key as their own that another replica\'s run is theirs', async () => {
    const redis = await startRedis();
    const emu = await emulator({ apiKeys: ['server-key'], runs: { pendingMs: 60_000, runningMs: 1000, failureRate: 0, progressSteps: 4 } });
    const env = { REDIS_URL: redis.url };
    const [a, b] = await Promise.all([gateway({ emu, serverKey: true, env }), gateway({ emu, serverKey: true, env })]);
    const [task, another] = emu.control.tasks().filter((t) => t.project_id);
    // replica A's caller sends the server's key as their own; A learns its Arize user from an answer
    expect((await a.gql(TRIGGER, { i: { task: another!.id, dataStartTime: hourAgo() } }, { key: 'server-key' })).errors).toBeUndefined();
    const window = hourAgo();
    emu.addFault({ method: 'POST', path: '/trigger$', status: 503, delayMs: 400, times: 1 });
    const first = a.gql(TRIGGER, { i: { task: task!.id, dataStartTime: window } }, { key: 'server-key' });
    await until(async () => (await (await fetch(`${emu.url}/__emulator/faults`)).json()).faults.length === 0, 10_000, 'the held 503');
    // an anonymous caller of replica B (the same server key) triggers the same task and window meanwhile
    expect((await b.gql(TRIGGER, { i: { task: task!.id, dataStartTime: window } }, { key: null })).errors).toBeUndefined();
    const answer = await first;
    expect(answer.data?.triggerTaskRun?.run?.id).toBeUndefined();
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE', outcome: 'UNKNOWN' } });
  });
});
