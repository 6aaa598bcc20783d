/**
 * `npm run bench:pages [-- --latency 50 --repeats 5]`
 *
 * What each example operation (`examples/operations/*.graphql`, with the
 * variables of `graphiql.json` filled in from the emulator's demo data, as
 * GraphiQL's tabs run them; the task page also by its seeded id) costs a
 * page: the compiled gateway (`dist/`) in front of an in-process emulator
 * that answers every upstream call after `--latency` ms (default 50).
 * Each operation is sent as Apollo Client sends it (POST, `Accept:
 * multipart/mixed, application/json`), so a deferred one arrives in payloads.
 *
 * Per operation: the upstream calls it made and the waves they came in
 * (from the emulator's own log: a call that arrives at least 0.8 x latency
 * after the start of the current wave waited for an answer, so it starts the
 * next), the waves before the first payload, the median time to the first
 * payload and to the last over `--repeats` runs, and the ideal (waves x
 * latency). Before each run of a file the emulator is reset to its seed, so
 * writes (create, trigger, delete) start from the same data; an operation
 * after a create names the created task by its id. Subscriptions
 * and WaitForRun (it waits for a run to end) are left out: they are not
 * page loads. Loopback only; it stops by itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { demoData } from '../emulator/demo-data.ts';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { payloadsOf } from '../test/support/incremental.ts';
import { numberArg, percentile, startGatewayProcess } from './support.ts';

const latency = numberArg('latency', 50);
const repeats = numberArg('repeats', 5);
const folder = new URL('../examples/operations/', import.meta.url);
const tabs = (JSON.parse(readFileSync(new URL('graphiql.json', folder), 'utf8')) as { tabs: Array<{ file: string; variables?: Record<string, unknown> }> }).tabs;
const SKIPPED = new Set(['WaitForRun']);
/** Variables of operations whose file's tab holds another operation's (the tab of create-task.graphql is CreateTask's). */
const OWN_VARIABLES: Record<string, Record<string, unknown>> = { UpdateTask: { input: { task: 'my-first-task', space: '$space', samplingRate: 0.5 } } };

/** One measured run of an operation. */
interface Sample { firstMs: number; lastMs: number; calls: number; waves: number; wavesBeforeFirst: number; errors: string[]; data: unknown }

/** When each wave among `arrivals` (ms, ascending) began: a call that comes 0.8 x latency after its wave began waited for an answer. */
function waveStarts(arrivals: number[]): number[] {
  const starts: number[] = [];
  for (const at of arrivals) if (at >= (starts.at(-1) ?? -Infinity) + latency * 0.8) starts.push(at);
  return starts;
}

/** `value` with "$name" strings swapped for the demo data's values, "$anHourAgo" for a time, and "last-triggered" for `runId`. */
function fill(value: unknown, demo: Record<string, unknown>, runId: string | undefined): unknown {
  if (typeof value === 'string') {
    if (value === '$anHourAgo') return new Date(Date.now() - 3_600_000).toISOString();
    if (value === 'last-triggered') return runId;
    return value.startsWith('$') ? demo[value.slice(1)] : value;
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, demo, runId));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, demo, runId)]));
  return value;
}

/** Sends one operation and reads its payloads, timing the first and the last; counts the calls the emulator saw meanwhile. */
async function measure(emu: Emulator, url: string, query: string, operationName: string, variables: Record<string, unknown>): Promise<Sample> {
  emu.clearLog();
  const started = performance.now();
  const startedAt = Date.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'multipart/mixed, application/json' },
    body: JSON.stringify({ query, operationName, variables }),
  });
  let firstMs = NaN;
  let firstAt = Infinity;
  const errors: string[] = [];
  let data: unknown;
  for await (const payload of payloadsOf(response)) {
    if (Number.isNaN(firstMs)) {
      firstMs = performance.now() - started;
      firstAt = Date.now();
      data = payload.data;
    }
    for (const error of [...(payload.errors ?? []), ...(payload.incremental ?? []).flatMap((piece) => piece.errors ?? [])]) {
      errors.push(String(error.extensions?.code ?? error.message));
    }
  }
  const lastMs = performance.now() - started;
  const arrivals = emu.requests.map((request) => request.at).filter((at) => at >= startedAt).sort((a, b) => a - b);
  const starts = waveStarts(arrivals);
  // a wave is answered `latency` after it starts: count those answered before the first payload reached the client
  const wavesBeforeFirst = starts.filter((at) => at + latency <= firstAt).length;
  return { firstMs, lastMs, calls: arrivals.length, waves: starts.length, wavesBeforeFirst, errors, data };
}

/** The id of the run a trigger answered with, if `data` is a trigger's answer. */
const triggeredRun = (data: unknown): string | undefined =>
  (data as { triggerTaskRun?: { run?: { id?: string } } } | undefined)?.triggerTaskRun?.run?.id;
/** The id of the task a create answered with, if `data` is a create's answer (later operations of the file name it by id). */
const createdTask = (data: unknown): string | undefined => {
  const created = data as { createTask?: { task?: { id?: string } }; createRunExperimentTask?: { task?: { id?: string } } } | undefined;
  return created?.createTask?.task?.id ?? created?.createRunExperimentTask?.task?.id;
};

const emu = await startEmulator({ latencyMs: latency, maxLog: 1_000_000 });
const { url: base, child: gateway } = await startGatewayProcess({ ARIZE_API_URL: emu.url, ARIZE_API_KEY: emu.apiKey }, { compiled: true });
const url = `${base}/graphql`;
const reset = () => fetch(`${emu.url}/__emulator/reset`, { method: 'POST' });

const files = readdirSync(folder).filter((file) => file.endsWith('.graphql')).sort();
const samples = new Map<string, Sample[]>();
for (let round = 0; round <= repeats; round++) { // round 0 warms up and is not counted
  for (const file of files) {
    await reset();
    const demo = demoData(emu.store) as Record<string, unknown>;
    const document = parse(readFileSync(new URL(file, folder), 'utf8'));
    const query = print(document);
    const tab = tabs.find((t) => t.file === file);
    let runId: string | undefined;
    let taskId: string | undefined;
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    for (const operation of operations) {
      const name = operation.name!.value;
      if (operation.operation === 'subscription' || SKIPPED.has(name)) continue;
      const declared = new Set(operation.variableDefinitions?.map((v) => v.variable.name.value));
      const given = OWN_VARIABLES[name] ?? tab?.variables ?? {};
      const variables = Object.fromEntries(Object.entries(fill(given, demo, runId) as Record<string, unknown>).filter(([key]) => declared.has(key)));
      if (taskId && declared.has('task')) variables.task = taskId;
      const runs: Array<[string, Record<string, unknown>]> = [[name, variables]];
      if (name === 'TaskDetail') runs.push(['TaskDetail (task by id)', { ...variables, task: [...emu.store.tasks.values()].find((t) => t.value.name === demo.task)!.value.id, space: undefined }]);
      for (const [label, vars] of runs) {
        const sample = await measure(emu, url, query, name, vars);
        runId = triggeredRun(sample.data) ?? runId;
        taskId = createdTask(sample.data) ?? taskId;
        if (round > 0) samples.set(`${file} ${label}`, [...(samples.get(`${file} ${label}`) ?? []), sample]);
      }
    }
  }
}

const median = (values: number[]) => Math.round(percentile([...values].sort((a, b) => a - b), 50));
const rows = [...samples].map(([key, runs]) => {
  const [file, ...label] = key.split(' ');
  const last = runs.at(-1)!;
  return {
    operation: label.join(' '), file, upstreamCalls: last.calls, waves: last.waves, wavesBeforeFirst: last.wavesBeforeFirst,
    firstPayloadMs: median(runs.map((r) => r.firstMs)), lastPayloadMs: median(runs.map((r) => r.lastMs)), idealMs: last.waves * latency,
    errors: [...new Set(runs.flatMap((r) => r.errors))].join(' ') || '-',
  };
});
console.log(`bench:pages: emulator latency ${latency} ms per upstream call, compiled gateway, ${repeats} runs each (median), Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.table(rows);
gateway.kill('SIGTERM');
await new Promise((resolve) => gateway.once('exit', resolve));
await emu.stop();
