/**
 * `npm run bench:subscriptions [-- --scenarios 1000x10,10000x100 --interval 2000]`
 *
 * Starts the emulator in this process and the compiled gateway (`dist/`, as
 * production runs it; the npm script builds it) as a child process,
 * triggers M runs, opens N WebSocket subscribers (one socket each) spread
 * over them, and prints per scenario: upstream run GETs per poll interval,
 * the gateway's peak RSS and heap (from its /metrics), and the lag from the
 * emulator's state change to delivery (p50/p99), split into detection (the
 * wait for the next poll, about half an interval on average) and delivery
 * (from the poll that saw the change to the client: the gateway's fan-out).
 * Run start times are spread over an interval so changes fall at random
 * points between polls. Last, the floor: a bare graphql-ws server
 * (bench/memory-target.ts, compiled, under plain node as the gateway here)
 * holding as many subscriptions, RSS and heap after a full GC. Loopback
 * only; it stops by itself. A figure-printing script, not a test.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startEmulator } from '../emulator/server.ts';
import { args, compileBench, percentile, startGatewayProcess } from './support.ts';

const scenarios = (args.get('scenarios') ?? '1000x10,1000x100,10000x10,10000x100').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const intervalMs = Number(args.get('interval') ?? 2000);
const pendingMs = Number(args.get('pending') ?? 3000);
const runningMs = Number(args.get('running') ?? 12000);
const steps = 4;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;

async function scenario(subscribers: number, runs: number) {
  const emu = await startEmulator({ runs: { pendingMs, runningMs, failureRate: 0, progressSteps: steps } });
  const { url: base, child: gateway } = await startGatewayProcess({
    ARIZE_API_URL: emu.url, ARIZE_API_KEY: emu.apiKey,
    RUN_POLL_INTERVAL_MS: String(intervalMs), WS_MAX_CONNECTIONS_PER_CLIENT: String(subscribers + 10),
  }, { compiled: true });

  // project tasks, each run with its own window (a first run needs a start; at most 30 days)
  const tasks = [...emu.store.tasks.values()].filter((t) => t.value.project_id).map((t) => t.value.id);
  const runIds: string[] = [];
  for (let i = 0; i < runs; i++) {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($t: String!, $s: DateTime) { triggerTaskRun(input: { task: $t, dataStartTime: $s }) { run { id } } }',
        variables: { t: tasks[i % tasks.length], s: new Date(Date.now() - 3_600_000 - i * 1000).toISOString() },
      }),
    });
    runIds.push(((await response.json()) as { data: { triggerTaskRun: { run: { id: string } } } }).data.triggerTaskRun.run.id);
  }
  const records = new Map(runIds.map((id) => [id, emu.store.runs.get(id)!]));
  for (const run of records.values()) run.pendingMs += Math.random() * intervalMs;
  emu.clearLog();

  // When did the emulator's state change to what a subscriber received?
  const changedAt = (runId: string, status: string, numSuccesses: number) => {
    const run = records.get(runId)!;
    const started = run.created + run.pendingMs;
    if (status === 'PENDING') return undefined; // the initial state, not a change
    if (status !== 'RUNNING') return started + run.runningMs;
    const step = Math.round((numSuccesses / Math.max(1, run.totals.successes)) * steps);
    return started + (step / steps) * run.runningMs;
  };

  const lags: number[] = [];
  const received: Array<{ runId: string; changed: number; at: number }> = [];
  let peakRss = 0;
  let peakHeap = 0;
  const sample = async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? 0);
    peakRss = Math.max(peakRss, value('gateway_process_process_resident_memory_bytes'));
    peakHeap = Math.max(peakHeap, value('gateway_process_nodejs_heap_size_used_bytes'));
  };
  const sampler = setInterval(() => void sample().catch(() => {}), 500);

  const connectStarted = Date.now();
  const clients: Client[] = [];
  const done: Array<Promise<void>> = [];
  let terminal = 0;
  for (let i = 0; i < subscribers; i++) {
    const runId = runIds[i % runs]!;
    const client = createClient({ url: `${base.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    done.push(new Promise<void>((resolve) => {
      client.subscribe<{ runStatus: { status: string; numSuccesses: number } }>(
        { query: 'subscription($id: ID!) { runStatus(runId: $id) { status numSuccesses } }', variables: { id: runId } },
        {
          next: ({ data }) => {
            if (!data) return;
            const at = changedAt(runId, data.runStatus.status, data.runStatus.numSuccesses);
            if (at !== undefined && at > connectStarted) {
              const now = Date.now();
              lags.push(now - at);
              received.push({ runId, changed: at, at: now });
            }
            if (data.runStatus.status === 'COMPLETED') terminal++;
          },
          error: () => resolve(),
          complete: () => resolve(),
        },
      );
    }));
    if (i % 500 === 499) await new Promise((r) => setImmediate(r));
  }
  const connectMs = Date.now() - connectStarted;
  const watchStarted = Date.now();
  await Promise.all(done);
  const watchMs = Date.now() - watchStarted;
  clearInterval(sampler);
  await sample();

  const gets = emu.count('GET', (p) => p.startsWith('/v2/task-runs/'));
  const intervals = watchMs / intervalMs;
  lags.sort((a, b) => a - b);
  // delivery: from the first poll that could see the change to the client
  const polls = new Map<string, number[]>();
  for (const r of emu.requests) {
    if (r.method !== 'GET' || !r.path.startsWith('/v2/task-runs/')) continue;
    const id = decodeURIComponent(r.path.slice('/v2/task-runs/'.length));
    (polls.get(id) ?? polls.set(id, []).get(id)!).push(r.at);
  }
  const delivery = received.map(({ runId, changed, at }) => {
    const seen = polls.get(runId)?.find((t) => t >= changed);
    return seen === undefined ? NaN : at - seen;
  }).filter((d) => !Number.isNaN(d)).sort((a, b) => a - b);
  const row = {
    subscribers, runs,
    getsPerInterval: (gets / intervals).toFixed(1),
    getsPerRunPerInterval: (gets / intervals / runs).toFixed(2),
    rss: mb(peakRss), heap: mb(peakHeap),
    lagP50: `${Math.round(percentile(lags, 50))} ms`, lagP99: `${Math.round(percentile(lags, 99))} ms`,
    deliveryP50: `${Math.round(percentile(delivery, 50))} ms`, deliveryP99: `${Math.round(percentile(delivery, 99))} ms`,
    terminal: `${terminal}/${subscribers}`,
    connect: `${connectMs} ms`,
  };
  await Promise.all(clients.map((c) => c.dispose()));
  gateway.kill('SIGTERM');
  await new Promise((r) => gateway.once('exit', r));
  await emu.stop();
  return row;
}

/** The floor: a bare graphql-ws server (bench/memory-target.ts) holding the same number of subscriptions. */
async function floor(subscribers: number) {
  // compiled and under plain node, as the gateway here runs: tsx's loader would add to the floor's RSS
  const target = fork(await compileBench('memory-target'), ['floor'], { execArgv: ['--expose-gc'] });
  const [{ url }] = await once(target, 'message') as [{ url: string }];
  const clients: Client[] = [];
  const first: Array<Promise<void>> = [];
  for (let i = 0; i < subscribers; i++) {
    const client = createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    first.push(new Promise<void>((resolve) => {
      client.subscribe({ query: 'subscription { runStatus(runId: "r") { status } }' }, { next: () => resolve(), error: () => resolve(), complete: () => resolve() });
    }));
    if (i % 500 === 499) await new Promise((r) => setImmediate(r));
  }
  await Promise.all(first);
  target.send({ heap: true });
  const [{ heap, rss }] = await once(target, 'message') as [{ heap: number; rss: number }];
  await Promise.all(clients.map((c) => c.dispose()));
  target.send({ stop: true });
  await once(target, 'exit');
  return { subscribers, server: 'bare graphql-ws (floor)', rss: mb(rss), heap: mb(heap) };
}

console.log(`runStatus benchmark: poll interval ${intervalMs} ms, runs pending ${pendingMs} ms then running ${runningMs} ms in ${steps} steps`);
const rows = [];
for (const [subscribers, runs] of scenarios) {
  const row = await scenario(subscribers, runs);
  console.log(JSON.stringify(row));
  rows.push(row);
}
console.table(rows);
const floors = [];
for (const subscribers of new Set(scenarios.map(([n]) => n))) floors.push(await floor(subscribers));
console.log('the floor of the stack, same subscriber counts (RSS and heap after a full GC, one held subscription each):');
console.table(floors);
