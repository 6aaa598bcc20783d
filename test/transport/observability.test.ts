import { describe, expect, it } from 'vitest';
import { MAX_OPERATION_LABELS } from '../../src/plugins/use-observability.ts';
import { collect, emulator, gateway, sleep, until } from '../support/servers.ts';

const gw = await gateway();
const { emu } = gw;

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('request ids', () => {
  it('takes x-request-id from the request, returns it, and forwards it upstream', async () => {
    emu.clearLog();
    const result = await gw.gql('{ tasks(first: 1) { nodes { id } } }', {}, { headers: { 'x-request-id': 'frontend-req-42' } });
    expect(result.headers.get('x-request-id')).toBe('frontend-req-42');
    expect(emu.requests[0]?.requestId).toBe('frontend-req-42');
  });

  it('generates one when absent or malformed', async () => {
    const result = await gw.gql('{ __typename }', {}, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(result.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('logs', () => {
  it('are JSON lines with the request id and never the key', async () => {
    const secret = 'sk-live-abcdef123456';
    await gw.gql('{ tasks(first: 1) { nodes { id } } }', {}, { key: secret, headers: { 'x-request-id': 'log-check-1' } });
    const lines = gw.log.lines.filter((l) => l.includes('log-check-1'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.some((l) => JSON.parse(l).msg === 'graphql operation')).toBe(true);
    expect(gw.log.text()).not.toContain(secret);
  });

  it('tell of a refused operation in its own line, with its request id and code, and never echo its document above debug', async () => {
    const before = gw.log.lines.length;
    const marker = 'refusedDocMarker7';
    const id = Buffer.from('OnlineTask:424242:log').toString('base64');
    emu.addFault({ method: 'GET', path: '^/v2/tasks/', status: 503 });
    const result = await gw.gql(`query Refused { ${marker}: task(task: "${id}") { id } }`, {}, { headers: { 'x-request-id': 'log-check-2' } }).finally(() => emu.clearFaults());
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    const lines = gw.log.lines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown> & { level: number });
    const aboveDebug = lines.filter((l) => l.level > 20);
    expect(aboveDebug.filter((l) => l.msg === 'graphql operation' && l.requestId === 'log-check-2')).toHaveLength(1);
    expect(aboveDebug.filter((l) => JSON.stringify(l).includes(marker))).toEqual([]);
  });
});

describe('/metrics', () => {
  it('counts operations by name and outcome, and upstream calls by upstream operation and status', async () => {
    const ops = await metric('gateway_operations_total', { operation: 'CountMe', outcome: 'ok' });
    const calls = await metric('gateway_upstream_requests_total', { operation: 'listTasks', method: 'GET', status: '200' });
    await gw.gql('query CountMe { tasks(first: 1) { nodes { id } } }');
    expect(await metric('gateway_operations_total', { operation: 'CountMe', outcome: 'ok' })).toBe(ops + 1);
    expect(await metric('gateway_upstream_requests_total', { operation: 'listTasks', method: 'GET', status: '200' })).toBe(calls + 1);
    await gw.gql('query CountMe { task(task: "T25saW5lVGFzazo5OTk5OTpxUndY") { id } }');
    expect(await metric('gateway_operations_total', { operation: 'CountMe', outcome: 'NOT_FOUND' })).toBe(1);
    // an upstream failure counts by the code the client gets, not as a bare ERROR
    emu.addFault({ method: 'GET', path: '^/v2/tasks$', status: 503, times: 10 });
    const failed = await gw.gql('query CountMe { tasks(first: 1) { nodes { id } } }');
    emu.clearFaults();
    expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await metric('gateway_operations_total', { operation: 'CountMe', outcome: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    for (const name of ['gateway_operation_duration_seconds_bucket', 'gateway_upstream_request_duration_seconds_bucket', 'gateway_run_pollers', 'gateway_websocket_connections', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(text).toContain(name);
    }
  });
});

describe('/metrics for subscriptions', () => {
  const gauge = async (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(await (await fetch(`${gw.url}/metrics`)).text())?.[1] ?? NaN);
  const taskIds = emu.control.tasks().map((t) => t.id);
  const pendingRun = () => emu.control.addRun(taskIds[0]!, { pendingMs: 600_000 }).id;
  const watch = (name: string, runId: string, client = gw.ws()) =>
    collect(client, `subscription ${name}($id: ID!) { runStatus(runId: $id) { status } }`, { id: runId });
  /** The count of `operation` with `outcome`, once it is there (or after 5 s). */
  const counted = async (operation: string, outcome: string) => {
    for (const deadline = Date.now() + 5000; ; await sleep(20)) {
      const count = await metric('gateway_operations_total', { operation, outcome });
      if (count > 0 || Date.now() > deadline) return count;
    }
  };
  const endedLines = (operation: string) =>
    gw.log.lines.filter((l) => l.includes('graphql subscription ended') && l.includes(`"operation":"${operation}"`));

  it('counts a subscription as active while it runs, and once by outcome when it ends, however it ends', async () => {
    const before = await gauge('gateway_active_subscriptions');
    const leftByClient = watch('LeftByClient', pendingRun());
    const socket = gw.ws();
    const socketClosed = watch('SocketClosed', pendingRun(), socket);
    await until(() => leftByClient.results.length > 0 && socketClosed.results.length > 0, 5000, 'the first events');
    expect(await gauge('gateway_active_subscriptions')).toBe(before + 2);
    leftByClient.cancel();
    void socket.dispose();
    const trigger = await gw.gql('mutation($t: String!, $s: DateTime) { triggerTaskRun(input: { task: $t, dataStartTime: $s }) { run { id } } }',
      { t: taskIds[1], s: new Date(Date.now() - 3_600_000).toISOString() });
    await watch('RunEnded', trigger.data.triggerTaskRun.run.id).done;
    await watch('Missing', 'VGFza1J1bjo5OTk5OTpxUndY').done;
    for (const [operation, outcome] of [['LeftByClient', 'ok'], ['SocketClosed', 'ok'], ['RunEnded', 'ok'], ['Missing', 'NOT_FOUND']] as const) {
      expect(await counted(operation, outcome), `${operation} ${outcome}`).toBe(1);
      expect(endedLines(operation), `${operation}'s line`).toHaveLength(1);
    }
    expect(await gauge('gateway_active_subscriptions')).toBe(before);
  });
});

describe('/metrics cardinality', () => {
  it('labels at most a bounded number of client-chosen operation names, then "other"', async () => {
    const g = await gateway({ emu });
    await Promise.all(Array.from({ length: MAX_OPERATION_LABELS + 50 }, (_, i) => g.gql(`query Random${i} { __typename }`)));
    const text = await (await fetch(`${g.url}/metrics`)).text();
    const names = new Set([...text.matchAll(/^gateway_operations_total\{[^}]*operation="([^"]+)"/gm)].map((m) => m[1]));
    expect(names.size).toBe(MAX_OPERATION_LABELS + 1);
    expect(names.has('other')).toBe(true);
  });
});

describe('/health and /ready', () => {
  it('are alive and ready while the upstream answers, and not ready once it is gone', async () => {
    const emu2 = await emulator();
    const g = await gateway({ emu: emu2 });
    expect((await fetch(`${g.url}/health`)).status).toBe(200);
    expect(await (await fetch(`${g.url}/ready`)).json()).toEqual({ status: 'ready', runFeed: 'local' });
    await emu2.stop();
    const ready = await fetch(`${g.url}/ready`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${g.url}/health`)).status).toBe(200);
  });

  it('/health is the gateway\'s own JSON answer, naming no server software, and a GraphQL URL ending in /health is GraphQL', async () => {
    const g = await gateway({ emu: await emulator() });
    const health = await fetch(`${g.url}/health`);
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    expect(health.headers.get('x-yoga-id')).toBeNull();
    expect(await health.json()).toEqual({ status: 'ok' });
    const query = await fetch(`${g.url}/graphql?query=${encodeURIComponent('{ __typename }')}&then=/health`, { headers: { accept: 'application/json' } });
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('makes one upstream probe for many /ready requests at once, so probes cannot be turned into a flood of upstream calls', async () => {
    const slow = await emulator({ latencyMs: 300 });
    const g = await gateway({ emu: slow });
    slow.clearLog();
    const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`${g.url}/ready`)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 40 }, () => 200));
    expect(slow.requests.filter((r) => r.path === '/v2/spaces').length).toBe(1);
    // the next /ready after it asks again: an outage shows at once
    await slow.stop();
    expect((await fetch(`${g.url}/ready`)).status).toBe(503);
  });

  it('answers /ready within a few seconds when the upstream hangs', async () => {
    const slow = await emulator({ latencyMs: 10_000 });
    const g = await gateway({ emu: slow });
    const started = Date.now();
    expect((await fetch(`${g.url}/ready`)).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    slow.configure({ latencyMs: 0 });
  }, 20_000);
});
