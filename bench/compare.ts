/**
 * `npm run bench:compare [-- --seconds 5 --repeats 3 --only gateway,direct]`
 *
 * What the gateway hop costs: `task(id)` and `tasks(first: 20)` through the
 * compiled gateway against the same calls made directly to the emulator's
 * REST API (and, when `bench/peers/` is installed, through GraphQL Mesh: see
 * bench/peers/README.md), with one load generator (autocannon), at 1 and 32
 * connections. Arms alternate within each repeat; the medians of the repeats
 * are printed, as ratios to direct REST. autocannon's percentiles are whole
 * milliseconds, so the added latency is taken from the means, by Little's
 * law (connections / requests per second), which is exact for a closed loop.
 * The gateway runs pinned to CPU 0 (`taskset`), the emulator and this
 * process to CPU 1. The gateway's CPU per request comes from its own
 * `process.cpuUsage()` (prom-client's `process_cpu_seconds_total`, read from
 * `/metrics` before and after each arm).
 *
 * Last, the upstream client alone: CPU per call of our got transport beside a
 * bare keep-alive `http.request`, both in this process against the emulator.
 *
 * Needs `npm run build` (the npm script runs it). Loopback only; stops by itself.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { args, freePort, numberArg, sleep } from './support.ts';

const seconds = numberArg('seconds', 5);
const repeats = numberArg('repeats', 3);
const calls = numberArg('calls', 4000);
const only = args.get('only')?.split(',');
const root = path.resolve(import.meta.dirname, '..');
const hasTaskset = (() => { try { execFileSync('taskset', ['-V'], { stdio: 'ignore' }); return true; } catch { return false; } })();
const pinned = (cpu: number, command: string[]): [string, string[]] =>
  hasTaskset ? ['taskset', ['-c', String(cpu), ...command]] : [command[0]!, command.slice(1)];
if (hasTaskset) execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

const children: ChildProcess[] = [];
const stopAll = () => { for (const child of children) child.kill('SIGTERM'); };
process.once('exit', stopAll);

async function startProcess(name: string, cpu: number, command: string[], env: Record<string, string>, ready: string): Promise<void> {
  const [file, argv] = pinned(cpu, command);
  const child = spawn(file, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  const deadline = Date.now() + 60_000;
  while ((await fetch(ready).catch(() => undefined))?.status === undefined) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start`);
    await sleep(50);
  }
}

// --- the servers -----------------------------------------------------------------------------
const apiKey = 'emulator-key';
const emulatorPort = await freePort();
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
await startProcess('emulator', 1, [process.execPath, 'dist/emulator/main.js'], {
  EMULATOR_PORT: String(emulatorPort), EMULATOR_API_KEYS: apiKey,
}, `${emulatorUrl}/v2/spaces`);
const gatewayPort = await freePort();
const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
await startProcess('gateway', 0, [process.execPath, 'dist/src/main.js'], {
  PORT: String(gatewayPort), HOST: '127.0.0.1', ARIZE_API_URL: emulatorUrl, ARIZE_API_KEY: apiKey, LOG_LEVEL: 'warn',
}, `${gatewayUrl}/health`);

let meshUrl: string | undefined;
const peers = path.join(root, 'bench/peers');
if (existsSync(path.join(peers, 'node_modules')) && (!only || only.includes('mesh'))) {
  const meshPort = await freePort();
  meshUrl = `http://127.0.0.1:${meshPort}`;
  await startProcess('mesh', 0, [process.execPath, path.join(peers, 'mesh.mjs')], {
    MESH_PORT: String(meshPort), ARIZE_API_URL: emulatorUrl, ARIZE_API_KEY: apiKey,
  }, `${meshUrl}/healthcheck`);
}

const authorization = `Bearer ${apiKey}`;
const firstTask = await (await fetch(`${emulatorUrl}/v2/tasks?limit=1`, { headers: { authorization } })).json() as { tasks: Array<{ id: string }> };
const taskId = firstTask.tasks[0]!.id;

// --- the arms --------------------------------------------------------------------------------
interface Arm { name: string; request: autocannon.Request & { url: string }; cpuFrom?: string }
const graphql = (url: string, query: string): Arm['request'] => ({
  url: `${url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }),
});
const scenarios: Array<{ name: string; arms: Arm[] }> = [
  {
    name: 'task(id)',
    arms: [
      { name: 'direct', request: { url: `${emulatorUrl}/v2/tasks/${taskId}`, method: 'GET', headers: { authorization } } },
      { name: 'gateway', cpuFrom: gatewayUrl, request: graphql(gatewayUrl, `{ task(task: "${taskId}") { id name type } }`) },
      ...(meshUrl ? [{ name: 'mesh', request: graphql(meshUrl, `{ get_task(task_id: "${taskId}") { ... on Task { id name type } } }`) }] : []),
    ],
  },
  {
    name: 'tasks(first: 20)',
    arms: [
      { name: 'direct', request: { url: `${emulatorUrl}/v2/tasks?limit=20`, method: 'GET', headers: { authorization } } },
      { name: 'gateway', cpuFrom: gatewayUrl, request: graphql(gatewayUrl, '{ tasks(first: 20) { nodes { id name type } pageInfo { hasNextPage endCursor } } }') },
      ...(meshUrl ? [{ name: 'mesh', request: graphql(meshUrl, '{ list_tasks(limit: 20) { ... on ListTasksResponse { tasks { id name type } pagination { has_more next_cursor } } } }') }] : []),
    ],
  },
];

async function cpuSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^gateway_process_process_cpu_seconds_total (\S+)$/m.exec(text);
  if (!match) throw new Error('no process_cpu_seconds_total in /metrics');
  return Number(match[1]);
}

interface Sample { rps: number; mean: number; p50: number; p99: number; cpuUs?: number; errors: number }
async function drive(arm: Arm, connections: number, duration: number): Promise<Sample> {
  const before = arm.cpuFrom ? await cpuSeconds(arm.cpuFrom) : 0;
  const { url, ...request } = arm.request;
  const result = await autocannon({ url, connections, duration, requests: [request] });
  const after = arm.cpuFrom ? await cpuSeconds(arm.cpuFrom) : 0;
  const total = result.requests.total;
  return {
    // autocannon records whole milliseconds; the mean comes from Little's law (connections / throughput)
    rps: result.requests.average, mean: (connections * 1000) / result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    ...(arm.cpuFrom ? { cpuUs: ((after - before) * 1e6) / Math.max(1, total) } : {}),
  };
}

/** One request of the arm, which must answer 200 with data and no errors: a benchmark of error answers measures nothing. */
async function verify(arm: Arm): Promise<void> {
  const { url, method, headers, body } = arm.request;
  const response = await fetch(url, { method, headers: headers as Record<string, string>, body: body as string | undefined });
  const text = await response.text();
  const json = JSON.parse(text) as { errors?: unknown; data?: unknown };
  if (response.status !== 200 || json.errors !== undefined || (arm.name !== 'direct' && !json.data)) {
    throw new Error(`the ${arm.name} arm does not answer as it should (${response.status}): ${text.slice(0, 300)}`);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows: Array<Record<string, string | number>> = [];
for (const scenario of scenarios) {
  for (const connections of [1, 32]) {
    const arms = scenario.arms.filter((arm) => !only || only.includes(arm.name));
    for (const arm of arms) await verify(arm);
    for (const arm of arms) await drive(arm, connections, 1); // warm up
    const samples = new Map<string, Sample[]>(arms.map((arm) => [arm.name, []]));
    for (let r = 0; r < repeats; r++) {
      for (const arm of r % 2 === 0 ? arms : [...arms].reverse()) samples.get(arm.name)!.push(await drive(arm, connections, seconds));
    }
    const direct = samples.get('direct');
    const directRps = direct ? median(direct.map((s) => s.rps)) : NaN;
    const directMean = direct ? median(direct.map((s) => s.mean)) : NaN;
    for (const arm of arms) {
      const list = samples.get(arm.name)!;
      const rps = median(list.map((s) => s.rps));
      const mean = median(list.map((s) => s.mean));
      const cpu = list[0]!.cpuUs === undefined ? undefined : median(list.map((s) => s.cpuUs!));
      const row = {
        operation: scenario.name, connections, arm: arm.name,
        'req/s': Math.round(rps), 'mean ms': Number(mean.toFixed(2)), 'p50 ms': median(list.map((s) => s.p50)), 'p99 ms': median(list.map((s) => s.p99)),
        'added mean ms': arm.name === 'direct' ? '-' : Number((mean - directMean).toFixed(2)),
        'x direct': Number((rps / directRps).toFixed(3)),
        'CPU us/req': cpu === undefined ? '-' : Math.round(cpu),
        errors: list.reduce((sum, s) => sum + s.errors, 0),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
}
console.table(rows);

// --- the upstream client alone -------------------------------------------------------------
// CPU per upstream call in this process: our got transport (compiled) against a bare keep-alive
// http.request, sequential, against the emulator (its CPU is on the other core and not counted).
if (!only || only.includes('client')) {
  const { UpstreamTransport } = await import(path.join(root, 'dist/src/upstream/transport.js')) as typeof import('../src/upstream/transport.ts');
  const transport = new UpstreamTransport({
    baseUrl: emulatorUrl, connectTimeoutMs: 2000, responseTimeoutMs: 10_000, retryLimit: 2, retryBaseDelayMs: 100, maxRetryAfterSeconds: 30,
  });
  const client = transport.bind({ apiKey });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const bare = () => new Promise<unknown>((resolve, reject) => {
    const req = http.request(`${emulatorUrl}/v2/tasks/${taskId}`, { agent, headers: { authorization, accept: 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject);
    req.end();
  });
  const ours = () => client.getTask(taskId);
  const measure = async (call: () => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await call();
    const start = process.cpuUsage();
    const wall = performance.now();
    for (let i = 0; i < calls; i++) await call();
    const used = process.cpuUsage(start);
    return { cpuUsPerCall: Math.round((used.user + used.system) / calls), wallUsPerCall: Math.round(((performance.now() - wall) * 1000) / calls) };
  };
  const table: Record<string, { cpuUsPerCall: number; wallUsPerCall: number }> = {};
  for (let r = 0; r < repeats; r++) {
    for (const [name, call] of [['bare http.request', bare], ['got transport', ours]] as const) {
      const sample = await measure(call);
      if (!table[name] || sample.cpuUsPerCall < table[name].cpuUsPerCall) table[name] = sample;
    }
  }
  console.log(`upstream client alone, ${calls} sequential GET /v2/tasks/{id} per arm, best of ${repeats}:`);
  console.table(table);
  transport.close();
  agent.destroy();
}
stopAll();
