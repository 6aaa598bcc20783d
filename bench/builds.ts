/**
 * `npm run bench:builds -- --base <dir> [--requests 2000 --repeats 5 --concurrency 1,8 --only 'task(id),updateTask' --node <path>]`
 *
 * CPU per request of two builds of the gateway side by side: this tree's
 * (`dist/src/main.js`) and another tree's (`--base`: a `git worktree` of
 * `main`, say, built there with `npm run build:gateway`), in front of one
 * emulator, on two queries and two mutations:
 *
 * - `task(id)` and `tasks(first: 20)`, as `bench:compare` asks them;
 * - `updateTask`: a new sampling rate and the task's own evaluators sent
 *   back (every input rule of an update runs, then the task's GET and the
 *   PATCH), over 64 span-level project tasks;
 * - `createTask refused`: the create form with four mistakes of
 *   `test/api/graphql-mutations.test.ts` (four BAD_USER_INPUT errors, no
 *   upstream call): the input rules and their errors alone.
 *
 * **Interleaved.** On a shared machine the load of other processes comes
 * and goes, so the builds never take turns by the second: request i goes to
 * both builds, one after the other (which first alternates with i), from
 * each of `--concurrency` loops at once. Each build's CPU (its process
 * tree's user + system time, `/proc`) over its `--requests` answers is its
 * CPU per request; `new/base` is the ratio within one repeat, printed as
 * the median and range over `--repeats`. `ms/req` is the mean wall time a
 * request took. Each repeat starts both gateways afresh (in alternating
 * order): two processes of one build differ by a few percent (their JIT,
 * their heap), which a single pair would report as a difference of builds;
 * `--base .` measures that floor.
 *
 * Request i carries API key `i mod 64` (no server key), so concurrent
 * requests share no upstream GET. Before any load, both builds answer each
 * distinct request once and must answer alike (the same task ids, or the
 * same error fields); every measured answer must carry its mark. The
 * gateways run pinned to CPU 0, the emulator and this process on CPU 1
 * (`taskset`, when present).
 *
 * Needs `npm run build` here (the npm script builds the gateway and the
 * emulator) and `npm run build:gateway` in `--base`. Loopback only; stops by
 * itself.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { args, freePort, hasTaskset, numberArg, serverNode, startPinned, treeCpuSeconds } from './support.ts';

const requests = numberArg('requests', 2000);
const repeats = numberArg('repeats', 5);
const concurrencies = (args.get('concurrency') || '1,8').split(',').map(Number);
const root = path.resolve(import.meta.dirname, '..');
const base = args.get('base') ? path.resolve(args.get('base')!) : undefined;
if (!base || !existsSync(path.join(base, 'dist/src/main.js'))) {
  throw new Error('--base <dir>: a tree with a built gateway (there: npm ci && npm run build:gateway), e.g. a `git worktree add <dir> main`');
}
const node = serverNode();
const distinct = 64;
if (hasTaskset) execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

const children: ChildProcess[] = [];
process.once('exit', () => { for (const child of children) child.kill('SIGTERM'); });
const start = (name: string, cwd: string, cpu: number, command: string[], env: Record<string, string>, ready: string) =>
  startPinned(children, name, cwd, cpu, command, env, ready);

const keys = Array.from({ length: distinct }, (_, i) => `bench-key-${String(i).padStart(3, '0')}`);
const emulatorPort = await freePort();
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
await start('emulator', root, 1, [process.execPath, 'dist/emulator/main.js'], {
  EMULATOR_PORT: String(emulatorPort), EMULATOR_API_KEYS: keys.join(','),
}, `${emulatorUrl}/v2/spaces`);

interface Build { name: 'base' | 'new'; url: string; pid: number; child: ChildProcess }
let builds: Build[] = [];
/** Both gateways, freshly started (`first` first): a process's own luck (its JIT, its heap) is not carried from one repeat to the next. */
async function startBuilds(first: Build['name']): Promise<Build[]> {
  const started: Build[] = [];
  for (const [name, dir] of (first === 'base' ? [['base', base], ['new', root]] : [['new', root], ['base', base]]) as Array<[Build['name'], string]>) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = await start(name, dir, 0, [node.path, 'dist/src/main.js'], {
      NODE_ENV: 'production', PUBLIC_HOSTS: '127.0.0.1', ARIZE_API_URL: emulatorUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
    }, `${url}/health`);
    started.push({ name, url, pid: child.pid!, child });
  }
  return started.sort((a, b) => (a.name === 'base' ? -1 : b.name === 'base' ? 1 : 0));
}
async function stopBuilds(): Promise<void> {
  await Promise.all(builds.map(({ child }) => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); })));
}

// --- data: 64 tasks of a published type, and 64 span-level project tasks with their evaluators ---
interface WireTask { id: string; type: string; project_id: string | null; query_filters: unknown; evaluators: Array<Record<string, unknown>> }
const tasks: WireTask[] = [];
for (let cursor: string | undefined; ;) {
  const page = await (await fetch(`${emulatorUrl}/v2/tasks?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    { headers: { authorization: `Bearer ${keys[0]}` } })).json() as { tasks: WireTask[]; pagination: { has_more: boolean; next_cursor?: string } };
  tasks.push(...page.tasks);
  if (!page.pagination.has_more) break;
  cursor = page.pagination.next_cursor;
}
const evaluation = tasks.filter((t) => t.type === 'TEMPLATE_EVALUATION' || t.type === 'CODE_EVALUATION');
const spanProjectTasks = evaluation.filter((t) => t.project_id && !t.query_filters && t.evaluators.length > 0).slice(0, distinct);
if (evaluation.length < distinct || spanProjectTasks.length < distinct) throw new Error('the emulator has fewer than 64 tasks of each kind this bench needs');
const evaluatorsOf = (task: WireTask) => task.evaluators.map((e) => ({
  evaluatorId: e.evaluator_id,
  ...(e.evaluator_version_id ? { evaluatorVersionId: e.evaluator_version_id } : {}),
  ...(e.query_filter ? { queryFilter: e.query_filter } : {}),
  ...(e.column_mappings ? { columnMappings: Object.entries(e.column_mappings as Record<string, string>).map(([variable, column]) => ({ variable, column })) } : {}),
}));
const evaluator = evaluation[0]!.evaluators[0]!.evaluator_id;

// --- the operations -------------------------------------------------------------------------
interface Operation { name: string; body: (i: number) => string; mark: string; reduce: (json: { data?: unknown; errors?: Array<{ extensions?: { field?: string } }> }) => unknown }
const request = (query: string, variables: object) => JSON.stringify({ query, variables });
const operations: Operation[] = [
  {
    name: 'task(id)', mark: '"name":"',
    body: (i) => request('query Task($id: String!) { task(task: $id) { id name type } }', { id: evaluation[i % distinct]!.id }),
    reduce: (json) => json.errors ?? json.data,
  },
  {
    name: 'tasks(first: 20)', mark: '"name":"',
    body: () => request('query Tasks { tasks(first: 20) { nodes { id name type } pageInfo { hasNextPage } } }', {}),
    reduce: (json) => json.errors ?? json.data,
  },
  {
    name: 'updateTask', mark: '"updateTask":{',
    body: (i) => request('mutation Update($input: UpdateTaskInput!) { updateTask(input: $input) { task { id } } }',
      { input: { task: spanProjectTasks[i % distinct]!.id, samplingRate: (i % 10) / 10, evaluators: evaluatorsOf(spanProjectTasks[i % distinct]!) } }),
    reduce: (json) => json.errors ?? json.data,
  },
  {
    name: 'createTask refused', mark: '"BAD_USER_INPUT"',
    body: () => request('mutation Create($input: CreateTaskInput!) { createTask(input: $input) { task { id } } }', { input: {
      name: '', type: 'TEMPLATE_EVALUATION', project: 'checkout-assistant', samplingRate: 1.5,
      evaluators: [{ evaluatorId: evaluator }, { evaluatorId: evaluator, columnMappings: [{ variable: 'q', column: 'a' }, { variable: 'q', column: 'b' }] }],
    } }),
    reduce: (json) => json.errors?.map((e) => e.extensions?.field),
  },
];

const post = (build: Build, body: string, i: number) => fetch(`${build.url}/graphql`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[i % distinct]}` }, body,
});

/** Each distinct request on both builds once: the same answer from both, and the mark the load checks for. */
async function verify(operation: Operation): Promise<void> {
  for (let i = 0; i < distinct; i++) {
    const answers = await Promise.all(builds.map(async (build) => {
      const text = await (await post(build, operation.body(i), i)).text();
      if (!text.includes(operation.mark)) throw new Error(`${build.name} answers ${operation.name} #${i} without ${operation.mark}: ${text.slice(0, 300)}`);
      return JSON.stringify(operation.reduce(JSON.parse(text)));
    }));
    if (answers[0] !== answers[1]) throw new Error(`${operation.name} #${i}: the builds answer differently:\n${answers.join('\n')}`);
  }
}

interface Sample { cpuUs: number; ms: number }
/** `requests` requests on both builds, interleaved from `concurrency` loops; each build's CPU and wall time per request. */
async function interleave(operation: Operation, concurrency: number, count: number): Promise<Record<Build['name'], Sample>> {
  const bodies = Array.from({ length: distinct }, (_, i) => operation.body(i));
  const wall = { base: 0, new: 0 };
  const one = async (build: Build, i: number) => {
    const started = performance.now();
    const text = await (await post(build, bodies[i % distinct]!, i)).text();
    wall[build.name] += performance.now() - started;
    if (!text.includes(operation.mark)) throw new Error(`${build.name} answers ${operation.name} #${i} without ${operation.mark}: ${text.slice(0, 300)}`);
  };
  const before = builds.map((build) => treeCpuSeconds(build.pid) ?? NaN);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < count; i = next++) {
      for (const build of i % 2 === 0 ? builds : [...builds].reverse()) await one(build, i);
    }
  }));
  const cpu = builds.map((build, b) => (treeCpuSeconds(build.pid) ?? NaN) - before[b]!);
  return {
    base: { cpuUs: (cpu[0]! * 1e6) / count, ms: wall.base / count },
    new: { cpuUs: (cpu[1]! * 1e6) / count, ms: wall.new / count },
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

console.log(`servers on ${node.path} (${node.version}); base ${base}; new ${root}; ${repeats} x ${requests} requests per build, operation and concurrency, fresh processes each repeat`);
const only = args.get('only')?.split(',');
const chosen = operations.filter((o) => !only || only.includes(o.name));
const samples = new Map<string, Array<Record<Build['name'], Sample>>>();
for (let r = 0; r < repeats; r++) {
  builds = await startBuilds(r % 2 === 0 ? 'base' : 'new');
  for (const operation of chosen) {
    if (r === 0) await verify(operation);
    for (const concurrency of concurrencies) {
      await interleave(operation, concurrency, Math.min(200, requests)); // warm up
      const key = `${operation.name}\u0000${concurrency}`;
      samples.set(key, [...(samples.get(key) ?? []), await interleave(operation, concurrency, requests)]);
    }
  }
  await stopBuilds();
  console.log(`repeat ${r + 1} of ${repeats} done`);
}
const rows: Array<Record<string, string | number>> = [];
for (const [key, list] of samples) {
  const [operation, concurrency] = key.split('\u0000');
  const ratios = list.map((s) => s.new.cpuUs / s.base.cpuUs);
  for (const name of ['base', 'new'] as const) {
    rows.push({
      operation: operation!, concurrency: Number(concurrency), build: name,
      'ms/req': Number(median(list.map((s) => s[name].ms)).toFixed(2)),
      'CPU us/req': Math.round(median(list.map((s) => s[name].cpuUs))),
      'new/base': name === 'new' ? `${median(ratios).toFixed(3)} [${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)}]` : '',
    });
  }
}
console.table(rows);
process.exit(0);
