/**
 * What a write's answer says is proven: a write the upstream commits after
 * the gateway stopped waiting is UNKNOWN, never "nothing was changed"; a run
 * another caller started in the same moment is never returned as ours; a
 * write that never left is NOT_APPLIED; `clientMutationId` replays belong to
 * one caller and one key.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { emulator, gateway, until } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const CREATE = 'mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id name } clientMutationId } }';
const TRIGGER = 'mutation($i: TriggerTaskRunInput!) { triggerTaskRun(input: $i) { run { id } clientMutationId } }';

describe('a write the upstream commits after the gateway stopped waiting', async () => {
  const emu = await emulator({ runs: { pendingMs: 60_000, runningMs: 1000, failureRate: 0, progressSteps: 4 } });
  const gw = await gateway({ emu, env: { UPSTREAM_RESPONSE_TIMEOUT_MS: '800' } });
  const project = seeded(emu).firstProject;
  const evaluator = seeded(emu).firstEvaluator;

  it('answers a trigger that lands after the timeout UNKNOWN, and the run does land', async () => {
    const task = emu.control.tasks().find((t) => t.project_id === project.id)!;
    const before = emu.control.runs(task.id).length;
    emu.addFault({ method: 'POST', path: '/trigger$', delayMs: 1600, times: 1 });
    const result = await gw.gql(TRIGGER, { i: { task: task.id, dataStartTime: hourAgo() } });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE', outcome: 'UNKNOWN' }, message: expect.stringMatching(/may have been made/) });
    await until(() => emu.control.runs(task.id).length === before + 1, 10_000, 'the late trigger to land');
  });

  it('answers a create that lands after the timeout UNKNOWN, and the task does land', async () => {
    const name = `late-create-${Date.now()}`;
    emu.addFault({ method: 'POST', path: '^/v2/tasks$', delayMs: 1600, times: 1 });
    const result = await gw.gql(CREATE, { i: { name, type: 'TEMPLATE_EVALUATION', project: project.id, evaluators: [{ evaluatorId: evaluator.id }] } });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE', outcome: 'UNKNOWN' } });
    await until(() => emu.control.tasks().some((t) => t.name === name), 10_000, 'the late create to land');
  });
});

describe('two callers on one task', async () => {
  const emu = await emulator({ apiKeys: ['key-a', 'key-b'], runs: { pendingMs: 60_000, runningMs: 1000, failureRate: 0, progressSteps: 4 } });
  const gw = await gateway({ emu, serverKey: true, env: { TRUSTED_PROXIES: '127.0.0.1,::1' } });
  const project = seeded(emu).firstProject;
  const evaluator = seeded(emu).firstEvaluator;
  const audits = () => gw.log.lines.map((l) => JSON.parse(l)).filter((l) => l.audit);
  let n = 0;
  const newTask = async (key: string) => (await gw.gql(CREATE, {
    i: { name: `shared-${n++}-${Date.now()}`, type: 'TEMPLATE_EVALUATION', project: project.id, evaluators: [{ evaluatorId: evaluator.id }] },
  }, { key })).data.createTask.task.id as string;

  it('never tells A that B\'s run (another key, another user) is A\'s', async () => {
    const taskId = await newTask('key-a');
    // A's trigger is held, then refused with 503 without being served; B's lands in the meantime
    emu.addFault({ method: 'POST', path: '/trigger$', status: 503, delayMs: 400, times: 1 });
    const a = gw.gql(TRIGGER, { i: { task: taskId, dataStartTime: hourAgo(), clientMutationId: 'a-1' } }, { key: 'key-a' });
    await until(async () => (await (await fetch(`${emu.url}/__emulator/faults`)).json()).faults.length === 0, 10_000, 'the first trigger to take the held 503');
    const b = await gw.gql(TRIGGER, { i: { task: taskId, dataStartTime: hourAgo() } }, { key: 'key-b' });
    expect(b.errors).toBeUndefined();
    const resultA = await a;
    expect(resultA.data?.triggerTaskRun?.run?.id).toBeUndefined();
    expect(resultA.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE', outcome: 'UNKNOWN' } });
    expect(audits().filter((l) => l.mutation === 'triggerTaskRun').map((l) => [l.outcome, l.writeOutcome])).toContainEqual(['UPSTREAM_UNAVAILABLE', 'UNKNOWN']);
    // A retries with the same clientMutationId: a new attempt, never B's run replayed
    const again = await gw.gql(TRIGGER, { i: { task: taskId, dataStartTime: hourAgo(), clientMutationId: 'a-1' } }, { key: 'key-a' });
    expect(again.data.triggerTaskRun.run.id).not.toBe(b.data.triggerTaskRun.run.id);
  });

  it('never tells one anonymous caller on the server key that another\'s run is theirs', async () => {
    const taskId = await newTask('key-a');
    emu.addFault({ method: 'POST', path: '/trigger$', status: 503, delayMs: 400, times: 1 });
    const first = gw.gql(TRIGGER, { i: { task: taskId, dataStartTime: hourAgo() } }, { key: null, headers: { 'x-forwarded-for': '203.0.113.1' } });
    await until(async () => (await (await fetch(`${emu.url}/__emulator/faults`)).json()).faults.length === 0, 10_000, 'the first trigger to take the held 503');
    const second = await gw.gql(TRIGGER, { i: { task: taskId, dataStartTime: hourAgo() } }, { key: null, headers: { 'x-forwarded-for': '203.0.113.2' } });
    expect(second.errors).toBeUndefined();
    const answer = await first;
    expect(answer.errors?.[0]).toMatchObject({ extensions: { outcome: 'UNKNOWN' } });
    expect(answer.data?.triggerTaskRun?.run?.id).toBeUndefined();
  });

  it('keeps clientMutationId replays apart for anonymous callers at different addresses', async () => {
    const taskId = await newTask('key-a');
    const start = hourAgo();
    const from = (address: string, maxSpans: number) => gw.gql(TRIGGER, { i: { task: taskId, dataStartTime: start, maxSpans, clientMutationId: 'same-id' } }, {
      key: null, headers: { 'x-forwarded-for': address },
    });
    const a = await from('203.0.113.10', 10);
    const b = await from('203.0.113.11', 20);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined(); // not refused as "used for a different input"
    expect(b.data.triggerTaskRun.run.id).not.toBe(a.data.triggerTaskRun.run.id); // nor handed A's answer
    expect((await from('203.0.113.10', 10)).data.triggerTaskRun.run.id).toBe(a.data.triggerTaskRun.run.id); // A's own retry replays
  });

  it('keeps replays apart for one user acting with two keys', async () => {
    const taskId = await newTask('key-a');
    const i = { task: taskId, dataStartTime: hourAgo(), clientMutationId: 'per-key' };
    const a = await gw.gql(TRIGGER, { i }, { key: 'key-a' });
    const b = await gw.gql(TRIGGER, { i }, { key: 'key-b' });
    expect(b.data.triggerTaskRun.run.id).not.toBe(a.data.triggerTaskRun.run.id);
  });
});

describe('a write that never left', async () => {
  // a port nothing listens on: every connection is refused
  const closed = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const emu = await emulator();
  const gw = await gateway({ emu, env: { ARIZE_API_URL: `http://127.0.0.1:${closed}`, UPSTREAM_RETRY_LIMIT: '0' } });

  it('is NOT_APPLIED: the connection was refused, so nothing reached the upstream', async () => {
    const result = await gw.gql('mutation { cancelTaskRun(input: { runId: "VGFza1J1bjo5OTpxUndY" }) { run { id } } }');
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE', outcome: 'NOT_APPLIED' }, message: expect.stringMatching(/safe to try again/) });
  });
});

describe('a write the upstream applied whose answer cannot be read', async () => {
  const emu = await emulator({ runs: { pendingMs: 60_000, runningMs: 1000, failureRate: 0, progressSteps: 4 } });
  // a tiny upstream in front of the emulator: every request is served by it, but the answer to a write is replaced by `garbled`
  let garbled: string | undefined;
  const proxy = http.createServer((req, res) => {
    const sent: Buffer[] = [];
    req.on('data', (chunk: Buffer) => sent.push(chunk)).on('end', () => {
      const forward = http.request(`${emu.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => body.push(chunk)).on('end', () => {
          const write = req.method !== 'GET' && garbled !== undefined;
          res.writeHead(answer.statusCode ?? 502, write ? { 'content-type': 'application/json' } : answer.headers).end(write ? garbled : Buffer.concat(body));
        });
      });
      forward.end(Buffer.concat(sent));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
  const gw = await gateway({ emu, env: { ARIZE_API_URL: `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}` } });
  const project = seeded(emu).firstProject;
  const evaluator = seeded(emu).firstEvaluator;

  it.each([['not JSON', '<html>ok</html>'], ['JSON naming no id', '{}']])('returns the run a trigger made when its answer is %s, never a refusal a client would retry', async (_what, answer) => {
    const task = emu.control.tasks().find((t) => t.project_id === project.id)!;
    // a trigger answered in full first: the gateway learns which Arize user this key is (the upstream names who made each run)
    const first = await gw.gql(TRIGGER, { i: { task: task.id, dataStartTime: new Date(Date.now() - 7_200_000 - emu.control.runs(task.id).length * 1000).toISOString() } });
    expect(first.errors).toBeUndefined();
    const before = new Set(emu.control.runs(task.id).map((r) => r.id));
    garbled = answer;
    const result = await gw.gql(TRIGGER, { i: { task: task.id, dataStartTime: new Date(Date.now() - 3_600_000 - before.size * 1000).toISOString() } });
    garbled = undefined;
    const made = emu.control.runs(task.id).filter((r) => !before.has(r.id));
    expect(made).toHaveLength(1);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data.triggerTaskRun.run.id).toBe(made[0]!.id);
  });

  it('returns the task a create made when its answer is not JSON', async () => {
    const name = `garbled-create-${Date.now()}`;
    garbled = 'not json';
    const result = await gw.gql(CREATE, { i: { name, type: 'TEMPLATE_EVALUATION', project: project.id, evaluators: [{ evaluatorId: evaluator.id }] } });
    garbled = undefined;
    const made = emu.control.tasks().find((t) => t.name === name);
    expect(made).toBeDefined();
    expect(result.errors).toBeUndefined();
    expect(result.data.createTask.task).toEqual({ id: made!.id, name });
  });
});

describe('a refusal whose answer is larger than UPSTREAM_MAX_ANSWER_BYTES', async () => {
  const emu = await emulator();
  const gw = await gateway({ emu, env: { UPSTREAM_MAX_ANSWER_BYTES: String(64 * 1024) } });
  const project = seeded(emu).firstProject;
  const evaluator = seeded(emu).firstEvaluator;

  it('is still a refusal, by its status: a 4xx wrote nothing, so no UNKNOWN outcome and no read-back', async () => {
    const name = `refused-loudly-${Date.now()}`;
    emu.addFault({ method: 'POST', path: '^/v2/tasks$', status: 422, detail: 'x'.repeat(256 * 1024), times: 1 });
    const result = await gw.gql(CREATE, { i: { name, type: 'TEMPLATE_EVALUATION', project: project.id, evaluators: [{ evaluatorId: evaluator.id }] } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.outcome).not.toBe('UNKNOWN');
    expect(emu.control.tasks().some((t) => t.name === name)).toBe(false);
  });
});
