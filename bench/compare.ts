/**
 * `npm run bench:compare [-- --seconds 5 --repeats 3 --connections 1,32 --only direct,gateway,floor,mesh,client --distinct 64 --same --node <path> --baseline <dir>]`
 *
 * What the gateway costs against the same work done directly, by the least
 * gateway on its stack, and by GraphQL Mesh, in one run, side by side:
 * `task(id)` and `tasks(first: 20)` through
 *
 * - `direct`: the emulator's REST API itself (`GET /v2/tasks/{id}`, `GET /v2/tasks?limit=20`),
 * - `gateway`: the compiled gateway (`dist/src/main.js`, as the image runs it),
 * - `floor`: graphql-yoga + graphql-js + got serving the same two fields and
 *   nothing else (bench/floor.ts, compiled here to `dist/bench/floor.js`),
 * - `mesh`: GraphQL Mesh v1 over the upstream's OpenAPI document, served by
 *   Hive Gateway, when `bench/peers/` is installed (bench/peers/README.md),
 *
 * with one load generator (autocannon), at 1 and 32 connections.
 *
 * **Before and after.** `--baseline <dir>` adds the arm `baseline`: the
 * compiled gateway of another checkout (`npm run build` there first; e.g. a
 * `git worktree` of `main`), run beside this one in the same session, arms
 * alternating, and a `gateway CPU/req / baseline CPU/req` row in the targets
 * table. On a busy machine that ratio, taken within each repeat, is the
 * figure to read; each arm's own CPU/req moves with the load.
 *
 * **Distinct requests.** Request i of every arm asks for task `i mod 64`
 * with API key `i mod 64` (64 keys the emulator accepts, 64 of its tasks;
 * `--distinct` raises both), the same sequence for every arm; the keys reach
 * the upstream (no server key is configured). So the 32 requests in flight at
 * once never share a key and no arm can answer one from another's call: the
 * figures are the cost of the work, not of in-flight sharing. The
 * `upstream calls/req` column (from the emulator's request log) proves it:
 * about 1.00 for every arm. Sharing is measured on its own only with
 * `--same` (every connection asks the same task with the same key), in a
 * separate table after the headline, never mixed into it.
 *
 * **Same data.** The emulator's tasks of a type outside the published
 * contract (the seed's `DECISION_JUDGE` task; the contract's `TaskType` is
 * `schema.graphql`'s less `UNKNOWN`) are deleted before the run, saying so:
 * GraphQL Mesh over the OpenAPI document answers them with an error where
 * the gateway answers `UNKNOWN`, and an arm answering errors measures
 * nothing. The 64 tasks are the first 64 left; `tasks(first: 20)` is then
 * 20 of them.
 *
 * **Checked first.** Before any load, every arm answers each of the distinct
 * requests once and must return the same task ids, names and types (and
 * `hasNextPage`) as direct REST for the same task and key; under load a body
 * without a task name or with `"errors"` counts as an error.
 *
 * **Placement.** The servers under test (gateway, floor, Mesh) run pinned to
 * CPU 0 with `taskset`, one at a time busy; the emulator and this process
 * (autocannon) share CPU 1. They run on `--node <path>` (default this
 * Node), the emulator and load generator on this Node, so a Node 20 and a
 * Node 24 run differ only in the servers' runtime.
 *
 * **Repeats.** Each repeat runs every arm once, in alternating order
 * (forward, then reversed); after a 1 s warm-up per arm, `--repeats` (3)
 * repeats of `--seconds` (5) each; figures are medians over the repeats.
 *
 * **Columns.** `req/s`: completed requests per second. `mean ms`: by
 * Little's law (connections / req/s), exact for a closed loop (autocannon's
 * own percentiles are whole milliseconds; its p99 is shown as it gives it).
 * `added ms`: mean minus direct REST's at the same connections (at c=32 this
 * is mostly queueing on the server's one core). `CPU us/req`: CPU time of
 * the server's process tree (user + system, from `/proc/<pid>/stat`,
 * `utime` + `stime`: one method for every arm, read from outside, the same
 * figures `process.cpuUsage()` gives inside; Mesh's tree is `mesh.mjs` and
 * the Hive Gateway it spawns) divided by requests completed; for `direct` it
 * is the emulator's. `upstream calls/req`: emulator requests per request
 * sent, counted once the emulator has gone quiet (so the calls of requests
 * in flight when the load stopped are matched by their requests; requests
 * still queued in a server when autocannon closes its sockets may never be
 * served, so a short run on a starved core reads a little under 1).
 *
 * **Targets** (issue 24), one table after the headline, per operation and
 * connection count: gateway CPU/req / floor CPU/req (at most 1.1) and gateway
 * req/s / Mesh req/s (at least 1.5). Each ratio is taken within a repeat
 * (the arms ran back to back) and the median of the repeats is printed with
 * their range.
 *
 * Last (unless `--only` leaves it out), the upstream client alone: CPU per
 * call of the gateway's got transport beside a bare keep-alive
 * `http.request` and the floor's stock got (a keep-alive agent and the
 * prefix, `.json()`), all in this process (this Node, not `--node`). On
 * Node 20 the stock got pays a slow copy of its options on every call that
 * the gateway's transport avoids (src/upstream/transport.ts): that row shows
 * how much of the gateway's lead over the floor is got's.
 *
 * Needs `npm run build` (the npm script runs it). Loopback only; stops by
 * itself. Linux for CPU figures (`/proc`); `taskset` when present.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { args, compileBench, freePort, hasTaskset, numberArg, serverNode, sleep, startPinned, treeCpuSeconds } from './support.ts';

const seconds = numberArg('seconds', 5);
const repeats = numberArg('repeats', 3);
const calls = numberArg('calls', 4000);
const distinct = Math.max(64, numberArg('distinct', 64));
const connectionCounts = (args.get('connections') || '1,32').split(',').map(Number);
const only = args.get('only')?.split(',');
const same = args.has('same');
const baselineRoot = args.get('baseline') ? path.resolve(args.get('baseline')!) : undefined;
const wanted = (name: string) => (name === 'baseline' ? baselineRoot !== undefined : !only || only.includes(name));
const node = serverNode();
const root = path.resolve(import.meta.dirname, '..');
if (hasTaskset) execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

const children: ChildProcess[] = [];
const stopAll = () => { for (const child of children) child.kill('SIGTERM'); };
process.once('exit', stopAll);

/** Starts `command` pinned to `cpu` and waits until `ready` answers; its pid (the server's). */
const startProcess = async (name: string, cpu: number, command: string[], env: Record<string, string>, ready: string, cwd = root): Promise<number> =>
  (await startPinned(children, name, cwd, cpu, command, env, ready)).pid!;

// --- the servers -----------------------------------------------------------------------------
const keys = Array.from({ length: distinct }, (_, i) => `bench-key-${String(i).padStart(3, '0')}`);
const emulatorPort = await freePort();
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
const emulatorPid = await startProcess('emulator', 1, [process.execPath, 'dist/emulator/main.js'], {
  EMULATOR_PORT: String(emulatorPort), EMULATOR_API_KEYS: keys.join(','),
}, `${emulatorUrl}/v2/spaces`);

interface Server { name: string; url: string; pid: number }
const servers: Server[] = [{ name: 'direct', url: emulatorUrl, pid: emulatorPid }];
// PUBLIC_HOSTS: production answers only the hosts it is told it serves (the gateway's DNS-rebinding check)
const serverEnv = { NODE_ENV: 'production', ARIZE_API_URL: emulatorUrl, PUBLIC_HOSTS: '127.0.0.1' };
for (const [name, cwd] of [['gateway', root], ['baseline', baselineRoot]] as const) {
  if (!wanted(name) || cwd === undefined) continue;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // No ARIZE_API_KEY: every request brings its own key, as a frontend's would.
  servers.push({ name, url, pid: await startProcess(name, 0, [node.path, path.join(cwd, 'dist/src/main.js')], {
    ...serverEnv, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
  }, `${url}/health`, cwd) });
}
if (wanted('floor')) {
  const script = await compileBench('floor');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  servers.push({ name: 'floor', url, pid: await startProcess('floor', 0, [node.path, script], { ...serverEnv, FLOOR_PORT: String(port) }, `${url}/health`) });
}
const peers = path.join(root, 'bench/peers');
if (wanted('mesh')) {
  if (existsSync(path.join(peers, 'node_modules'))) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    servers.push({ name: 'mesh', url, pid: await startProcess('mesh', 0, [node.path, path.join(peers, 'mesh.mjs')], { ...serverEnv, MESH_PORT: String(port) }, `${url}/healthcheck`) });
  } else {
    console.log('mesh: skipped, bench/peers/ is not installed (cd bench/peers && npm install)');
  }
}

// Every task, then away with those of a type outside the published contract (the seed's
// DECISION_JUDGE task): GraphQL Mesh over the OpenAPI document answers them with an error
// ("Enum TaskType cannot represent value"), so every arm could not serve the same data.
const published = new Set((buildSchema(readFileSync(path.join(root, 'schema.graphql'), 'utf8')).getType('TaskType') as GraphQLEnumType)
  .getValues().map((value) => value.name).filter((name) => name !== 'UNKNOWN'));
const allTasks: Array<{ id: string; type: string }> = [];
for (let cursor: string | undefined; ;) {
  const query = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const page = await (await fetch(`${emulatorUrl}/v2/tasks?${query}`, { headers: { authorization: `Bearer ${keys[0]}` } })).json() as {
    tasks: Array<{ id: string; type: string }>; pagination: { has_more: boolean; next_cursor?: string };
  };
  allTasks.push(...page.tasks);
  if (!page.pagination.has_more) break;
  cursor = page.pagination.next_cursor;
}
const unpublished = allTasks.filter((task) => !published.has(task.type));
for (const task of unpublished) {
  const response = await fetch(`${emulatorUrl}/v2/tasks/${encodeURIComponent(task.id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${keys[0]}` } });
  if (!response.ok) throw new Error(`could not delete task ${task.id} (${task.type}) from the emulator: ${response.status}`);
}
const taskIds = allTasks.filter((task) => published.has(task.type)).slice(0, distinct).map((task) => task.id);
if (taskIds.length < distinct) throw new Error(`the emulator has ${taskIds.length} tasks of published types, fewer than --distinct ${distinct}`);

// --- the operations and the arms ---------------------------------------------------------------
interface Call { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string }
/** One arm of one operation: request i, and the answer reduced to what every arm must agree on. */
interface Arm { server: Server; call: (i: number) => Call; reduce: (json: unknown) => unknown }

const auth = (i: number) => `Bearer ${keys[i % distinct]}`;
const taskOf = (i: number) => taskIds[i % distinct]!;
const graphql = (query: string, variables: (i: number) => object) => (i: number): Call => ({
  method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: auth(i) }, body: JSON.stringify({ query, variables: variables(i) }),
});
type TaskFields = { id: string; name: string; type: string };
const fields = (t: TaskFields) => ({ id: t.id, name: t.name, type: t.type });
type GraphQLAnswer<T> = { data: T };

interface Operation { name: string; arms: Record<string, Omit<Arm, 'server'>> }
const operations: Operation[] = [
  {
    name: 'task(id)',
    arms: {
      direct: { call: (i) => ({ method: 'GET', path: `/v2/tasks/${encodeURIComponent(taskOf(i))}`, headers: { authorization: auth(i) } }), reduce: (json) => fields(json as TaskFields) },
      gateway: {
        call: graphql('query Task($id: String!) { task(task: $id) { id name type } }', (i) => ({ id: taskOf(i) })),
        reduce: (json) => fields((json as GraphQLAnswer<{ task: TaskFields }>).data.task),
      },
      floor: {
        call: graphql('query Task($id: String!) { task(task: $id) { id name type } }', (i) => ({ id: taskOf(i) })),
        reduce: (json) => fields((json as GraphQLAnswer<{ task: TaskFields }>).data.task),
      },
      mesh: {
        call: graphql('query Task($id: String!) { get_task(task_id: $id) { ... on Task { id name type } } }', (i) => ({ id: taskOf(i) })),
        reduce: (json) => fields((json as GraphQLAnswer<{ get_task: TaskFields }>).data.get_task),
      },
    },
  },
  {
    name: 'tasks(first: 20)',
    arms: (() => {
      type Connection = { nodes: TaskFields[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      const ours = (json: unknown) => {
        const { nodes, pageInfo } = (json as GraphQLAnswer<{ tasks: Connection }>).data.tasks;
        // each arm has its own cursor format: only that there is one when there is a next page
        if (pageInfo.hasNextPage && !pageInfo.endCursor) throw new Error('hasNextPage without an endCursor');
        return { tasks: nodes.map(fields), hasNextPage: pageInfo.hasNextPage };
      };
      const query = 'query Tasks { tasks(first: 20) { nodes { id name type } pageInfo { hasNextPage endCursor } } }';
      type Page = { tasks: TaskFields[]; pagination: { has_more: boolean; next_cursor?: string | null } };
      const rest = (page: Page) => {
        if (page.pagination.has_more && !page.pagination.next_cursor) throw new Error('has_more without a next_cursor');
        return { tasks: page.tasks.map(fields), hasNextPage: page.pagination.has_more };
      };
      return {
        direct: { call: (i) => ({ method: 'GET', path: '/v2/tasks?limit=20', headers: { authorization: auth(i) } }), reduce: (json) => rest(json as Page) },
        gateway: { call: graphql(query, () => ({})), reduce: ours },
        floor: { call: graphql(query, () => ({})), reduce: ours },
        mesh: {
          call: graphql('query Tasks { list_tasks(limit: 20) { ... on ListTasksResponse { tasks { id name type } pagination { has_more next_cursor } } } }', () => ({})),
          reduce: (json) => rest((json as GraphQLAnswer<{ list_tasks: Page }>).data.list_tasks),
        },
      } satisfies Operation['arms'];
    })(),
  },
];
for (const operation of operations) operation.arms.baseline = operation.arms.gateway!; // the same requests, another build

/**
 * Each distinct request of each arm once, before any load: 200, no `errors`,
 * and the same reduced answer as direct REST's for the same task and key. A
 * benchmark of error answers, or of the wrong data, measures nothing.
 */
async function verify(arms: Arm[]): Promise<void> {
  for (let i = 0; i < distinct; i++) {
    let expected: string | undefined;
    for (const arm of arms) {
      const { method, path: p, headers, body } = arm.call(i);
      const response = await fetch(`${arm.server.url}${p}`, { method, headers, body });
      const text = await response.text();
      const fail = (why: string) => new Error(`the ${arm.server.name} arm does not answer request ${i} as it should (${why}, ${response.status}): ${text.slice(0, 300)}`);
      let reduced: string;
      try {
        const json = JSON.parse(text) as { errors?: unknown };
        if (response.status !== 200 || json.errors !== undefined) throw new Error('status or errors');
        reduced = JSON.stringify(arm.reduce(json));
      } catch (error) {
        throw fail((error as Error).message);
      }
      expected ??= reduced; // direct REST comes first
      if (reduced !== expected) throw fail(`not the data direct REST gives: ${expected.slice(0, 200)}`);
    }
  }
}

async function upstreamLog(method: 'GET' | 'DELETE'): Promise<number> {
  const response = await fetch(`${emulatorUrl}/__emulator/requests`, { method });
  return method === 'GET' ? ((await response.json()) as { count: number }).count : 0;
}

/** The emulator's request count once it stops growing: the calls of requests still in flight when the load stopped land too. */
async function settledUpstreamCount(): Promise<number> {
  let count = await upstreamLog('GET');
  for (let last = -1; count !== last;) {
    await sleep(200);
    [last, count] = [count, await upstreamLog('GET')];
  }
  return count;
}

interface Sample { rps: number; mean: number; p99: number; cpuUs?: number; upstreamPerRequest?: number; errors: number }
/** Drives one arm for `duration` seconds; request i is the i-th of the sequence (or always the first, `sameRequest`). */
async function drive(arm: Arm, connections: number, duration: number, sameRequest: boolean): Promise<Sample> {
  const built = Array.from({ length: sameRequest ? 1 : distinct }, (_, i) => arm.call(i));
  let next = 0;
  const viaGateway = arm.server.name !== 'direct';
  await upstreamLog('DELETE'); // also keeps the emulator's log (100,000 entries at most) from filling up
  const before = treeCpuSeconds(arm.server.pid);
  const result = await autocannon({
    url: arm.server.url, connections, duration,
    requests: [{ setupRequest: (request) => { const call = built[next++ % built.length]!; return { ...request, ...call, headers: { ...call.headers } }; } }],
    // a task's name in the body and no errors: what every arm's right answer has
    verifyBody: (body) => { const text = String(body ?? ''); return text.includes('"name":"') && !text.includes('"errors"'); },
  });
  const after = treeCpuSeconds(arm.server.pid);
  const total = result.requests.total;
  const rps = total / result.duration;
  return {
    rps, mean: (connections * 1000) / rps, p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.mismatches + result.timeouts,
    ...(before !== undefined && after !== undefined ? { cpuUs: ((after - before) * 1e6) / Math.max(1, total) } : {}),
    ...(viaGateway ? { upstreamPerRequest: (await settledUpstreamCount()) / Math.max(1, (result.requests as { sent?: number }).sent ?? total) } : {}),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (value: number | undefined, digits = 0) => (value === undefined || Number.isNaN(value) ? '-' : Number(value.toFixed(digits)));

interface Measured { operation: string; connections: number; samples: Map<string, Sample[]> }
async function measure(operation: Operation, connections: number, sameRequest: boolean): Promise<Measured> {
  const arms: Arm[] = servers.filter((server) => wanted(server.name)).map((server) => ({ server, ...operation.arms[server.name]! }));
  for (const arm of arms) await drive(arm, connections, 1, sameRequest); // warm up
  const samples = new Map<string, Sample[]>(arms.map((arm) => [arm.server.name, []]));
  for (let r = 0; r < repeats; r++) {
    for (const arm of r % 2 === 0 ? arms : [...arms].reverse()) samples.get(arm.server.name)!.push(await drive(arm, connections, seconds, sameRequest));
  }
  return { operation: operation.name, connections, samples };
}

function rowsOf({ operation, connections, samples }: Measured): Array<Record<string, string | number>> {
  const direct = samples.get('direct');
  const directMean = direct ? median(direct.map((s) => s.mean)) : NaN;
  return [...samples].map(([arm, list]) => {
    const mean = median(list.map((s) => s.mean));
    const pick = (value: (s: Sample) => number | undefined) => (list.every((s) => value(s) !== undefined) ? median(list.map((s) => value(s)!)) : undefined);
    return {
      operation, c: connections, arm,
      'req/s': round(median(list.map((s) => s.rps))),
      'mean ms': round(mean, 2),
      'added ms': arm === 'direct' ? '-' : round(mean - directMean, 2),
      'p99 ms': round(median(list.map((s) => s.p99))),
      'CPU us/req': round(pick((s) => s.cpuUs)),
      'upstream calls/req': round(pick((s) => s.upstreamPerRequest), 2),
      errors: list.reduce((sum, s) => sum + s.errors, 0),
    };
  });
}

/** A ratio taken within each repeat (the arms ran back to back), then the median and range over the repeats. */
function targetsOf(measured: Measured) {
  const per = (numerator: string, denominator: string, value: (s: Sample) => number | undefined) => {
    const values: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const n = measured.samples.get(numerator)?.[r];
      const d = measured.samples.get(denominator)?.[r];
      const [a, b] = [n && value(n), d && value(d)];
      if (a !== undefined && b !== undefined && b > 0) values.push(a / b);
    }
    return values;
  };
  const row = (name: string, values: number[], target: string, meets?: (x: number) => boolean) => values.length === 0 ? undefined : {
    operation: measured.operation, c: measured.connections, ratio: name, median: Number(median(values).toFixed(2)),
    range: `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`, target, met: meets ? (meets(median(values)) ? 'yes' : 'NO') : '-',
  };
  return [
    row('gateway CPU/req / floor CPU/req', per('gateway', 'floor', (s) => s.cpuUs), '<= 1.1', (x) => x <= 1.1),
    row('gateway req/s / Mesh req/s', per('gateway', 'mesh', (s) => s.rps), '>= 1.5', (x) => x >= 1.5),
    row('gateway CPU/req / baseline CPU/req', per('gateway', 'baseline', (s) => s.cpuUs), '(before/after)'),
  ].filter((r) => r !== undefined);
}

if (unpublished.length > 0) {
  console.log(`deleted from the emulator first, so that every arm serves the same data: ${unpublished.length} task(s) of a type outside ` +
    `the published contract (${[...new Set(unpublished.map((task) => task.type))].join(', ')}), which GraphQL Mesh answers with an error`);
}
console.log(`bench:compare: servers on ${node.version} (${node.path}), emulator and autocannon on ${process.version}; ` +
  `${hasTaskset ? 'servers pinned to CPU 0, emulator and autocannon to CPU 1' : 'no taskset: nothing pinned'}; ` +
  `${distinct} task ids x ${distinct} keys round robin; ${repeats} repeats of ${seconds} s, medians; ` +
  `CPU from /proc/<pid>/stat (utime + stime) of each server's process tree`);

const headline: Measured[] = [];
for (const operation of operations) {
  // direct REST first, as the reference, even when --only leaves it out of the measurements
  await verify(servers.filter((server) => server.name === 'direct' || wanted(server.name)).map((server) => ({ server, ...operation.arms[server.name]! })));
  for (const connections of connectionCounts) {
    const measured = await measure(operation, connections, false);
    headline.push(measured);
    for (const row of rowsOf(measured)) console.log(JSON.stringify(row));
  }
}
console.log(`\nHeadline: distinct requests (${distinct} task ids x ${distinct} keys round robin, the same sequence for every arm).`);
console.log('mean ms = connections / req/s (Little\'s law); added ms = mean - direct\'s mean; CPU us/req = the server\'s process tree ' +
  '(direct: the emulator\'s); upstream calls/req about 1.00 = nothing shared (a little under 1 on short runs: requests ' +
  'still queued when the load stops are counted as sent but may never reach the upstream)');
console.table(headline.flatMap(rowsOf));
const targets = headline.flatMap(targetsOf);
if (targets.length > 0) {
  console.log('\nTargets (issue 24): per-repeat ratios, median and range over the repeats');
  console.table(targets);
}

if (same) {
  const sharing: Measured[] = [];
  for (const operation of operations) {
    for (const connections of connectionCounts) {
      const measured = await measure(operation, connections, true);
      sharing.push(measured);
      for (const row of rowsOf(measured)) console.log(JSON.stringify({ sharing: true, ...row }));
    }
  }
  console.log('\nSharing (--same), NOT the headline: every connection asks the same task with the same key, so arms that share');
  console.log('identical in-flight upstream calls (see upstream calls/req) answer many requests from one call');
  console.table(sharing.flatMap(rowsOf));
}

// --- the upstream client alone -------------------------------------------------------------
// CPU per upstream call in this process: our got transport (compiled) against a bare keep-alive
// http.request, sequential, against the emulator (its CPU is on the other core and not counted).
if (wanted('client')) {
  const { Upstream } = await import(path.join(root, 'dist/src/upstream/client.js')) as typeof import('../src/upstream/client.ts');
  const transport = new Upstream({
    baseUrl: emulatorUrl, connectTimeoutMs: 2000, responseTimeoutMs: 10_000, retryLimit: 2, retryBaseDelayMs: 100, maxRetryAfterSeconds: 30,
  });
  const taskId = taskIds[0]!;
  const client = transport.bind({ apiKey: keys[0]! });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const bare = () => new Promise<unknown>((resolve, reject) => {
    const req = http.request(`${emulatorUrl}/v2/tasks/${encodeURIComponent(taskId)}`, { agent, headers: { authorization: auth(0), accept: 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject);
    req.end();
  });
  const ours = () => client.getTask(taskId);
  const { default: got } = await import('got');
  const stock = got.extend({ prefixUrl: `${emulatorUrl}/v2/`, agent: { http: agent } });
  const floors = () => stock.get(`tasks/${encodeURIComponent(taskId)}`, { headers: { authorization: auth(0) } }).json();
  const time = async (call: () => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await call();
    const start = process.cpuUsage();
    const wall = performance.now();
    for (let i = 0; i < calls; i++) await call();
    const used = process.cpuUsage(start);
    return { cpuUsPerCall: Math.round((used.user + used.system) / calls), wallUsPerCall: Math.round(((performance.now() - wall) * 1000) / calls) };
  };
  const table: Record<string, { cpuUsPerCall: number; wallUsPerCall: number }> = {};
  for (let r = 0; r < repeats; r++) {
    for (const [name, call] of [['bare http.request', bare], ['got transport', ours], ['stock got (the floor\'s)', floors]] as const) {
      const sample = await time(call);
      if (!table[name] || sample.cpuUsPerCall < table[name].cpuUsPerCall) table[name] = sample;
    }
  }
  console.log(`\nUpstream client alone, in this process (${process.version}), ${calls} sequential GET /v2/tasks/{id} per arm, best of ${repeats}:`);
  console.table(table);
  transport.close();
  agent.destroy();
}
stopAll();
