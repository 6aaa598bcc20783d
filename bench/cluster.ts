/**
 * `npm run bench:cluster [-- --subscribers 300 --runs 30 --interval 500]`
 *
 * Three gateway replicas (child processes) in front of one emulator, first
 * without Redis (each polls for its own watchers) and then on one Redis
 * (`redis-server` on a free port), in the same run. N WebSocket subscribers
 * are spread round-robin over the replicas and over M runs. It prints, for
 * each arm: upstream run GETs per run per poll interval (goal: 1.0 shared,
 * about 3.0 alone), the delivery lag from a state change in the emulator to
 * the client (p50/p99), and, on Redis, how long the survivors take to take
 * over the runs after the lease-holding replica is killed (SIGKILL).
 * Loopback only; it stops by itself. A figure-printing script, not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { args, freePort, percentile, sleep, startGatewayProcess } from './support.ts';

const subscribers = Number(args.get('subscribers') ?? 300);
const runs = Number(args.get('runs') ?? 30);
const intervalMs = Number(args.get('interval') ?? 500);
const pendingMs = 1000;
const runningMs = 6000;

async function startRedis(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await sleep(300);
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}

async function replica(emu: Emulator, redisUrl: string | undefined): Promise<{ url: string; child: ChildProcess }> {
  return startGatewayProcess({
    ARIZE_API_URL: emu.url, ARIZE_API_KEY: emu.apiKey,
    RUN_POLL_INTERVAL_MS: String(intervalMs), WS_MAX_CONNECTIONS_PER_CLIENT: String(subscribers + 10), REDIS_URL: redisUrl ?? '',
  });
}

async function arm(label: string, redisUrl: string | undefined) {
  const emu = await startEmulator({ runs: { pendingMs, runningMs, failureRate: 0, progressSteps: 6 } });
  const replicas = await Promise.all([0, 1, 2].map(() => replica(emu, redisUrl)));
  const task = [...emu.store.tasks.values()][0]!.value;
  const records = Array.from({ length: runs }, () => emu.store.addRun(task.id, { created: Date.now() + Math.random() * intervalMs, fails: false }));
  emu.clearLog();
  const clients: Client[] = [];
  const lags: number[] = [];
  const done: Array<Promise<void>> = [];
  const started = Date.now();
  for (let i = 0; i < subscribers; i++) {
    const r = replicas[Math.floor(i / runs) % 3]!; // every run is watched on every replica
    const client = createClient({ url: `${r.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => {} });
    clients.push(client);
    const run = records[i % runs]!;
    let last = '';
    done.push(new Promise((resolve) => {
      client.subscribe({ query: `subscription { runStatus(runId: "${run.id}") { status numSuccesses } }` }, {
        next: (result) => {
          const state = result.data?.runStatus as { status: string } | undefined;
          if (state && state.status !== last) {
            // the emulator's state changes at fixed times: lag = now - the moment this status began
            const began = state.status === 'RUNNING' ? run.created + run.pendingMs : state.status === 'COMPLETED' ? run.created + run.pendingMs + run.runningMs : undefined;
            if (began !== undefined && Date.now() >= began) lags.push(Date.now() - began);
            last = state.status;
          }
        },
        error: () => resolve(), complete: () => resolve(),
      });
    }));
  }
  let takeoverMs: number | undefined;
  if (redisUrl) {
    // kill one replica mid-run (SIGKILL, no goodbye): the runs it held must be polled again by the others.
    // Takeover: the longest gap between two GETs of a run across the kill, over all runs.
    await sleep(pendingMs + runningMs / 3);
    const killedAt = Date.now();
    replicas[0]!.child.kill('SIGKILL');
    await sleep(6 * intervalMs);
    takeoverMs = 0;
    for (const run of records) {
      const times = emu.requests.filter((r) => r.path === `/v2/task-runs/${encodeURIComponent(run.id)}`).map((r) => r.at);
      const beforeKill = times.filter((t) => t <= killedAt).at(-1);
      const afterKill = times.find((t) => t > killedAt);
      if (beforeKill !== undefined && afterKill !== undefined) takeoverMs = Math.max(takeoverMs, afterKill - beforeKill);
    }
  }
  await Promise.race([Promise.all(done), sleep(pendingMs + runningMs + 20 * intervalMs)]);
  const elapsed = Date.now() - started;
  const perRun = records.map((run) => emu.requests.filter((r) => r.method === 'GET' && r.path === `/v2/task-runs/${encodeURIComponent(run.id)}`).length);
  const activeIntervals = (pendingMs + runningMs) / intervalMs;
  const getsPerInterval = perRun.reduce((a, b) => a + b, 0) / runs / activeIntervals;
  lags.sort((a, b) => a - b);
  for (const client of clients) await Promise.resolve(client.dispose()).catch(() => undefined);
  for (const r of replicas) r.child.kill('SIGKILL');
  await emu.stop();
  const figures = { arm: label, subscribers, runs, intervalMs, getsPerRunPerInterval: Number(getsPerInterval.toFixed(2)), lagP50: Math.round(percentile(lags, 50)), lagP99: Math.round(percentile(lags, 99)), takeoverMs, elapsedMs: elapsed };
  console.log(JSON.stringify(figures));
  return figures;
}

const alone = await arm('3 replicas, no Redis', undefined);
const redis = await startRedis();
let shared;
try {
  shared = await arm('3 replicas on Redis', redis.url);
} finally {
  redis.stop();
}
console.log('\n| arm | run GETs per run per interval | lag p50 / p99 (change -> client) | longest poll gap across a SIGKILL of a replica |');
console.log('|---|---|---|---|');
for (const f of [alone, shared]) {
  console.log(`| ${f.arm} | ${f.getsPerRunPerInterval} | ${f.lagP50} / ${f.lagP99} ms | ${f.takeoverMs === undefined ? '-' : `${f.takeoverMs} ms`} |`);
}
process.exit(0);
