/** Identical upstream GETs in flight at once for one key are made once and shared; never across keys, never for writes. */
import { describe, expect, it } from 'vitest';
import { api, emulator, until } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const LIST = '{ tasks(first: 20) { nodes { id name } } }';

describe('sharing identical GETs in flight', async () => {
  const emu = await emulator({ apiKeys: ['key-a', 'key-b'], latencyMs: 150 });
  const gw = await api({ emu });
  const listCalls = () => emu.count('GET', '/v2/tasks');

  it('makes 32 concurrent identical list queries with one key cost one upstream call, all with the same answer', async () => {
    emu.clearLog();
    const results = await Promise.all(Array.from({ length: 32 }, () => gw.gql(LIST, undefined, { key: 'key-a' })));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(listCalls()).toBe(1);
    expect(await gw.metrics.registry.getSingleMetricAsString('gateway_upstream_shared_total')).toMatch(/operation="listTasks"} 31/);
  });

  it('never shares across keys, and forgets a call once it settled', async () => {
    emu.clearLog();
    await Promise.all([gw.gql(LIST, undefined, { key: 'key-a' }), gw.gql(LIST, undefined, { key: 'key-b' })]);
    expect(listCalls()).toBe(2);
    await gw.gql(LIST, undefined, { key: 'key-a' });
    expect(listCalls()).toBe(3);
  });

  it('reads its own writes: a read after a change never joins a GET that began before it', async () => {
    const first = (await gw.gql(LIST, undefined, { key: 'key-a' })).data.tasks.nodes[0];
    emu.clearLog();
    emu.configure({ latencyMs: 600 });
    const before = gw.gql(LIST, undefined, { key: 'key-a' });
    await until(() => listCalls() === 1, 10_000, 'the first list to arrive');
    emu.configure({ latencyMs: 0 });
    const renamed = await gw.gql('mutation($id: String!) { updateTask(input: { task: $id, name: "renamed-while-listed" }) { task { name } } }', { id: first.id }, { key: 'key-a' });
    expect(renamed.errors).toBeUndefined();
    const after = await gw.gql(LIST, undefined, { key: 'key-a' });
    expect(after.data.tasks.nodes[0]).toEqual({ id: first.id, name: 'renamed-while-listed' });
    expect((await before).data.tasks.nodes[0]).toEqual(first);
    emu.configure({ latencyMs: 150 });
  });

  it('never shares writes: two identical triggers are two POSTs', async () => {
    const task = seeded(emu).firstTask;
    emu.clearLog();
    const trigger = `mutation { triggerTaskRun(input: { task: "${task.id}", dataStartTime: "${new Date(Date.now() - 3_600_000).toISOString()}" }) { run { id } } }`;
    const [a, b] = await Promise.all([gw.gql(trigger, undefined, { key: 'key-a' }), gw.gql(trigger, undefined, { key: 'key-a' })]);
    expect(emu.count('POST', (p) => p.endsWith('/trigger'))).toBe(2);
    expect(a.data.triggerTaskRun.run.id).not.toBe(b.data.triggerTaskRun.run.id);
  });

  it('never answers a look-alike key with a GET fetched with another key', async () => {
    const hold = emu.hold('GET', /^\/v2\/tasks$/);
    const [own, longer, shorter] = [gw.gql(LIST, undefined, { key: 'key-a' }), gw.gql(LIST, undefined, { key: 'key-a-x' }), gw.gql(LIST, undefined, { key: 'key-' })];
    await until(() => hold.waiting === 3, 10_000, 'three separate upstream calls');
    hold.release();
    expect((await own).errors).toBeUndefined();
    // the emulator knows neither key: had either joined key-a's call, it would have key-a's tasks
    expect((await longer).data?.tasks ?? null).toBeNull();
    expect((await shorter).data?.tasks ?? null).toBeNull();
  });

  for (const status of [503, 500, 409] as const) {
    it(`reads its own writes when the write fails with ${status}: a read after it is its own upstream call`, async () => {
      const SPACES = '{ spaces(first: 5) { nodes { id name } } }';
      const first = (await gw.gql(LIST, undefined, { key: 'key-a' })).data.tasks.nodes[0];
      // spaces, not tasks, are held: updateTask lists tasks itself to check the new name
      const hold = emu.hold('GET', /^\/v2\/spaces$/);
      const before = gw.gql(SPACES, undefined, { key: 'key-a' });
      await until(() => hold.waiting === 1, 5_000, 'the first list at the upstream');
      emu.addFault({ method: 'PATCH', path: '^/v2/tasks/', status, times: 1 });
      const write = await gw.gql('mutation($id: String!) { updateTask(input: { task: $id, name: "never-renamed" }) { task { name } } }', { id: first.id }, { key: 'key-a' });
      expect(write.errors?.length).toBe(1);
      const after = gw.gql(SPACES, undefined, { key: 'key-a' });
      await until(() => hold.waiting === 2, 5_000, 'a second list at the upstream');
      hold.release();
      expect((await before).errors).toBeUndefined();
      expect((await after).errors).toBeUndefined();
      emu.clearFaults();
    });
  }
});
