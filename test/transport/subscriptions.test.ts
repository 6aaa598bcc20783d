import { describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { FAST_RUNS, collect, emulator, gateway, held, sleep, steer, until } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const RUN_STATUS = 'subscription($id: ID!) { runStatus(runId: $id) { id status isTerminal numSuccesses numErrors numSkipped runStartedAt runFinishedAt } }';
const TRIGGER = 'mutation($t: String!, $s: DateTime) { triggerTaskRun(input: { task: $t, dataStartTime: $s }) { run { id status } } }';
let starts = 0;
/** A distinct window start about an hour ago, so concurrent triggers of one task never cover the same window. */
const start = () => new Date(Date.now() - 3_600_000 - starts++ * 1000).toISOString();

type State = { status: string; numSuccesses: number; numErrors: number; numSkipped: number; runStartedAt: string | null; runFinishedAt: string | null };
const key = (s: State) => JSON.stringify([s.status, s.numSuccesses, s.numErrors, s.numSkipped, s.runStartedAt, s.runFinishedAt]);

const gw = await gateway({ env: { WS_MAX_CONNECTIONS_PER_CLIENT: '1000' } });
const { emu } = gw;
const taskId = emu.control.tasks()[5]!.id;
const runGets = (runId: string) => emu.count('GET', `/v2/task-runs/${encodeURIComponent(runId)}`);

async function trigger(): Promise<string> {
  const result = await gw.gql(TRIGGER, { t: taskId, s: start() });
  expect(result.errors).toBeUndefined();
  return result.data.triggerTaskRun.run.id;
}

describe('runStatus over WebSocket', () => {
  it('sends the states in order, each change once, ending with the terminal state, then completes', async () => {
    emu.configure({ runs: { runningMs: 60_000 } });
    const runId = await held(emu, trigger);
    emu.configure({ runs: { runningMs: FAST_RUNS.runningMs } });
    const run = steer(emu, runId);
    const watching = collect<{ runStatus: State }>(gw.ws(), RUN_STATUS, { id: runId });
    const seen = (n: number, what: string) => until(() => watching.results.length >= n, 10_000, what);
    await seen(1, 'PENDING');
    run.start();
    await seen(2, 'RUNNING');
    run.advance(60_000 / 4); // one counter step
    await seen(3, 'RUNNING with more done');
    run.finish();
    const results = await watching.done;
    const states = results.map((r) => r.data!.runStatus);
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(states[0]!.status).toBe('PENDING');
    expect(states.at(-1)).toMatchObject({ status: 'COMPLETED', isTerminal: true });
    expect(states.map((s) => s.status)).toContain('RUNNING');
    const order = ['PENDING', 'RUNNING', 'COMPLETED'];
    const ranks = states.map((s) => order.indexOf(s.status));
    expect(ranks).toEqual([...ranks].sort());
    for (let i = 1; i < states.length; i++) expect(key(states[i]!)).not.toBe(key(states[i - 1]!));
    expect(states.filter((s) => s.status === 'RUNNING').length).toBeGreaterThan(1); // counters grow while running
    await until(() => gw.runFeed.activePollers === 0, 10_000, 'the poller to stop');
  });

  it('sends one event and completes for a run that has already finished', async () => {
    const runId = await trigger();
    await sleep(FAST_RUNS.pendingMs + FAST_RUNS.runningMs + 30);
    const results = await collect<{ runStatus: State }>(gw.ws(), RUN_STATUS, { id: runId }).done;
    expect(results).toHaveLength(1);
    expect(results[0]!.data!.runStatus.status).toBe('COMPLETED');
  });

  it('sends one NOT_FOUND error and completes for an unknown run', async () => {
    const results = await collect(gw.ws(), RUN_STATUS, { id: 'VGFza1J1bjo5OTk5OTpxUndY' }).done;
    expect(results).toHaveLength(1);
    expect(results[0]!.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses an id that is not a run id with BAD_USER_INPUT and no upstream call', async () => {
    const before = emu.requests.length;
    const results = await collect(gw.ws(), RUN_STATUS, { id: taskId }).done;
    expect(results).toHaveLength(1);
    expect(results[0]!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const notAnId = await collect(gw.ws(), RUN_STATUS, { id: 'hello' }).done;
    expect(notAnId[0]!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(emu.requests.length).toBe(before);
  });

  it('shares one poller among 200 clients: about one GET per interval, and every client gets the terminal state', async () => {
    emu.configure({ runs: { runningMs: 600 } });
    const runId = await held(emu, trigger);
    emu.configure({ runs: { runningMs: FAST_RUNS.runningMs } });
    const started = Date.now();
    const watchers = Array.from({ length: 200 }, () => collect<{ runStatus: State }>(gw.ws(), RUN_STATUS, { id: runId }));
    await until(() => watchers.every((w) => w.results.length > 0), 20_000, 'every client\'s first state');
    expect(gw.runFeed.activePollers).toBe(1);
    steer(emu, runId).start();
    const all = await Promise.all(watchers.map((w) => w.done));
    const elapsed = Date.now() - started;
    for (const results of all) expect(results.at(-1)?.data?.runStatus.status).toBe('COMPLETED');
    const intervals = elapsed / gw.config.runs.pollIntervalMs;
    const gets = runGets(runId);
    expect(gets).toBeLessThanOrEqual(2 * intervals + 2);
    expect(gets).toBeLessThan(200);
    expect(gw.runFeed.activePollers).toBe(0);
  });

  it('gives a client that joins late the latest state at once, without a poll of its own', async () => {
    // the next poll is a minute away: whatever the late client gets first can only come from the shared state
    const slowPolls = await gateway({ emu, env: { RUN_POLL_INTERVAL_MS: '60000' } });
    const runId = (await held(emu, () => slowPolls.gql(TRIGGER, { t: taskId, s: start() }))).data.triggerTaskRun.run.id as string;
    const early = collect<{ runStatus: State }>(slowPolls.ws(), RUN_STATUS, { id: runId });
    await until(() => early.results.length > 0, 10_000, 'the first event');
    const getsBefore = runGets(runId);
    const late = collect<{ runStatus: State }>(slowPolls.ws(), RUN_STATUS, { id: runId });
    await until(() => late.results.length > 0, 10_000, 'the late client\'s first event');
    expect(late.results[0]).toEqual(early.results[0]);
    expect(runGets(runId)).toBe(getsBefore);
    expect(slowPolls.runFeed.activePollers).toBe(1);
    early.cancel();
    late.cancel();
    await until(() => slowPolls.runFeed.activePollers === 0, 10_000, 'the poller to stop');
  });

  it('stops the poller and its GETs when the last client leaves mid-run', async () => {
    const runId = await held(emu, trigger);
    const client = gw.ws();
    const watching = collect(client, RUN_STATUS, { id: runId });
    await until(() => watching.results.length > 0 && gw.runFeed.activePollers === 1, 10_000, 'the first event');
    await sleep(100);
    await client.dispose(); // the socket closes
    await until(() => gw.runFeed.activePollers === 0, 10_000, 'the poller to stop');
    const gets = runGets(runId);
    await sleep(gw.config.runs.pollIntervalMs * 8);
    expect(runGets(runId)).toBe(gets);
    expect(Number((await gw.metrics.pollers.get()).values[0]?.value)).toBe(0);
  });

  it('survives 503s and then 429s with Retry-After mid-run, and still delivers the terminal state', async () => {
    // the run stays PENDING through the faults and ends only once the 429 is in place
    const runId = await held(emu, trigger);
    const path = `^/v2/task-runs/${encodeURIComponent(runId).replace(/[+/=]/g, (c) => `\\${c}`)}$`;
    const watching = collect<{ runStatus: State }>(gw.ws(), RUN_STATUS, { id: runId });
    await until(() => watching.results.length > 0, 10_000, 'the first event');
    emu.addFault({ method: 'GET', path, status: 503, times: 4 });
    await until(() => emu.requests.filter((r) => r.status === 503).length >= 4, 10_000, 'four 503s');
    emu.addFault({ method: 'GET', path, status: 429, retryAfterSeconds: 1, times: 1 });
    steer(emu, runId).finish();
    const results = await watching.done;
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(results.at(-1)!.data!.runStatus.status).toBe('COMPLETED');
    const [limited, next] = emu.requests.filter((r) => r.path.includes('/task-runs/')).slice(-2);
    expect(limited?.status).toBe(429);
    expect(next!.at - limited!.at).toBeGreaterThanOrEqual(950);
  });

  it('ends with UPSTREAM_UNAVAILABLE after an outage longer than the budget', async () => {
    const short = await gateway({ emu, env: { RUN_OUTAGE_BUDGET_MS: '300' } });
    emu.configure({ runs: { pendingMs: 10_000 } });
    const runId = await trigger();
    emu.configure({ runs: { pendingMs: FAST_RUNS.pendingMs } });
    const path = `^/v2/task-runs/${encodeURIComponent(runId).replace(/[+/=]/g, (c) => `\\${c}`)}$`;
    const watching = collect(short.ws(), RUN_STATUS, { id: runId });
    await until(() => watching.results.length > 0, 10_000, 'the first event');
    emu.addFault({ method: 'GET', path, status: 502 });
    const results = await watching.done;
    emu.clearFaults();
    expect(results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(short.runFeed.activePollers).toBe(0);
  });

  it('ends with UNAUTHENTICATED for a key the upstream refuses', async () => {
    const bad = await collect(gw.ws({ authorization: 'Bearer wrong-key' }), RUN_STATUS, { id: 'VGFza1J1bjo5OTpxUndY' }).done;
    expect(bad).toHaveLength(1);
    expect(bad[0]!.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends with FORBIDDEN when the upstream answers 403 mid-watch', async () => {
    emu.configure({ runs: { pendingMs: 10_000 } });
    const runId = await trigger();
    emu.configure({ runs: { pendingMs: FAST_RUNS.pendingMs } });
    const watching = collect(gw.ws(), RUN_STATUS, { id: runId });
    await until(() => watching.results.length > 0, 10_000, 'the first event');
    emu.addFault({ method: 'GET', path: '^/v2/task-runs/', status: 403, times: 1 });
    const results = await watching.done;
    expect(results.at(-1)?.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', upstreamStatus: 403 });
    await until(() => gw.runFeed.activePollers === 0, 10_000, 'the poller to stop');
  });

  it('closes a socket whose client stopped answering keep-alive pings, and stops its poller', async () => {
    // a ping a second: a live but busy client still answers in time; the silent one is found within two
    const pinging = await gateway({ emu, env: { WS_KEEPALIVE_MS: '1000' } });
    emu.configure({ runs: { pendingMs: 60_000 } });
    const runId = (await pinging.gql(TRIGGER, { t: taskId, s: start() })).data.triggerTaskRun.run.id as string;
    emu.configure({ runs: { pendingMs: FAST_RUNS.pendingMs } });
    const socket = new WebSocket(pinging.wsUrl, 'graphql-transport-ws');
    const received: string[] = [];
    socket.on('message', (data) => received.push(String(data)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${emu.apiKey}` } }));
    await until(() => received.some((m) => m.includes('connection_ack')), 10_000, 'the ack');
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: RUN_STATUS, variables: { id: runId } } }));
    await until(() => pinging.runFeed.activePollers === 1 && received.some((m) => m.includes('"next"')), 10_000, 'the first event');
    // the client goes silent: it no longer reads, so it never answers a ping
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    await until(() => pinging.runFeed.activePollers === 0, 10_000, 'the dead socket to be closed');
    expect(Number((await pinging.metrics.sockets.get()).values[0]?.value)).toBe(0);
    socket.terminate();
  });

  it('refuses a WebSocket with no key when the server has none, with a clear close code', async () => {
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      const client = createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, on: { closed: (event) => resolve(event as { code: number; reason: string }) } });
      client.subscribe({ query: RUN_STATUS, variables: { id: 'VGFza1J1bjo5OTpxUndY' } }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    const event = await closed;
    expect(event.code).toBe(4401);
    expect(event.reason).toMatch(/connectionParams.authorization/);
  });

  it('shares the poller between runStatus and waitForTaskRun', async () => {
    const runId = await held(emu, trigger);
    const watching = collect(gw.ws(), RUN_STATUS, { id: runId });
    await until(() => watching.results.length > 0, 10_000, 'the first event');
    const waited = gw.gql('query($id: ID!) { waitForTaskRun(id: $id, pollIntervalSeconds: 0.01) { status } }', { id: runId });
    await sleep(100);
    expect(gw.runFeed.activePollers).toBe(1);
    steer(emu, runId).finish();
    expect((await waited).data.waitForTaskRun.status).toBe('COMPLETED');
    await watching.done;
  });

  it('reads the upstream afresh on every poll (no request loaders kept)', async () => {
    emu.configure({ runs: { runningMs: 60_000 } });
    const runId = await held(emu, trigger);
    emu.configure({ runs: { runningMs: FAST_RUNS.runningMs } });
    const run = steer(emu, runId);
    emu.clearLog();
    const watching = collect<{ runStatus: State }>(gw.ws(), RUN_STATUS, { id: runId });
    await until(() => watching.results.length === 1, 10_000, 'PENDING');
    run.start();
    await until(() => watching.results.length === 2, 10_000, 'RUNNING');
    run.finish();
    const results = await watching.done;
    // a cached read would see one state and never the end: several distinct states need several reads
    expect(results.map((r) => r.data!.runStatus.status)).toEqual(expect.arrayContaining(['PENDING', 'RUNNING', 'COMPLETED']));
    expect(runGets(runId)).toBeGreaterThanOrEqual(results.length);
    expect(results.length).toBeGreaterThanOrEqual(3);
  });
});

describe('runStatus over Server-Sent Events', () => {
  it('streams the same lifecycle over text/event-stream and ends', async () => {
    const runId = await held(emu, trigger);
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${emu.apiKey}` },
      body: JSON.stringify({ query: RUN_STATUS, variables: { id: runId } }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    let text = '';
    const decoder = new TextDecoder();
    const reader = response.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) { // ends when the server ends the stream
      text += decoder.decode(chunk.value, { stream: true });
      if (text.includes('event: next')) steer(emu, runId).start(); // the first state seen: now let it run
    }
    const payloads = text.split('\n\n')
      .filter((block) => block.startsWith('event: next'))
      .map((block) => JSON.parse(block.slice(block.indexOf('data:') + 5)).data.runStatus as State);
    expect(payloads[0]!.status).toBe('PENDING');
    expect(payloads.at(-1)!.status).toBe('COMPLETED');
    for (let i = 1; i < payloads.length; i++) expect(key(payloads[i]!)).not.toBe(key(payloads[i - 1]!));
    expect(text).toMatch(/event: complete/);
  });
});

describe('poller hygiene', () => {
  it('leaves no poller behind when many clients come and go', async () => {
    const quiet = await emulator({ runs: { pendingMs: 60_000, runningMs: 1000, failureRate: 0, progressSteps: 4 } });
    const g = await gateway({ emu: quiet });
    const task = seeded(quiet).firstTask;
    const runIds = await Promise.all([1, 2, 3].map(async () => (await g.gql(TRIGGER, { t: task.id, s: start() })).data.triggerTaskRun.run.id as string));
    const watchers = runIds.flatMap((id) => Array.from({ length: 5 }, () => collect(g.ws(), RUN_STATUS, { id })));
    await until(() => g.runFeed.activePollers === 3, 10_000, 'three pollers');
    for (const w of watchers) w.cancel();
    await until(() => g.runFeed.activePollers === 0, 10_000, 'no pollers');
  });
});

describe('one wording per error kind', () => {
  it('says a missing run is missing the same way in a query, a node, a wait, a mutation and a subscription', async () => {
    const missing = Buffer.from('TaskRun:999999:gone').toString('base64');
    const expected = { message: `Task run ${JSON.stringify(missing)} was not found.`, extensions: expect.objectContaining({ code: 'NOT_FOUND' }) };
    const query = await gw.gql('query($id: ID!) { taskRun(id: $id) { id } }', { id: missing });
    const node = await gw.gql('query($id: ID!) { node(id: $id) { id } }', { id: missing });
    const wait = await gw.gql('query($id: ID!) { waitForTaskRun(id: $id, timeoutSeconds: 5) { id } }', { id: missing });
    const cancel = await gw.gql('mutation($id: ID!) { cancelTaskRun(input: { runId: $id }) { run { id } } }', { id: missing });
    const watch = await collect(gw.ws({ authorization: `Bearer ${emu.apiKey}` }), RUN_STATUS, { id: missing }).done.catch((errors: unknown) => [{ errors }]);
    const subscription = (watch[0] as { errors?: unknown[] }).errors;
    for (const errors of [query.errors, node.errors, wait.errors, cancel.errors, subscription]) {
      expect(errors?.[0]).toMatchObject(expected);
    }
  });
});
