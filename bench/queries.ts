/**
 * `npm run bench:queries [-- --seconds 10 --concurrency 32]`
 *
 * HTTP query throughput and latency: the gateway (child process, as
 * `npm start` runs it) in front of an in-process emulator, driven by a fixed
 * number of concurrent fetch loops for a fixed time, per operation. Prints
 * requests/s, p50/p99 latency, and upstream calls per request (from the
 * emulator's log). Loopback only; bounded in time; stops by itself.
 */
import { startEmulator } from '../emulator/server.ts';
import { numberArg, percentile, startGatewayProcess } from './support.ts';

const seconds = numberArg('seconds', 10);
const concurrency = numberArg('concurrency', 32);

const operations: Record<string, string> = {
  'tasks(first: 20)': '{ tasks(first: 20) { nodes { id name type lastRunAt } pageInfo { hasNextPage endCursor } } }',
  'tasks(first: 100) + project + evaluators': '{ tasks(first: 100) { nodes { id name project { name } evaluators { evaluator { name } } } } }',
  'task by name + runs(first: 10)': '{ task(task: "hallucination-check-001", space: "Production") { id name runs(first: 10) { nodes { id status numSuccesses } } } }',
};

const emu = await startEmulator({ maxLog: 5_000_000 });
const { url: base, child: gateway } = await startGatewayProcess({ ARIZE_API_URL: emu.url, ARIZE_API_KEY: emu.apiKey });
const url = `${base}/graphql`;

const rows = [];
for (const [name, query] of Object.entries(operations)) {
  const body = JSON.stringify({ query });
  const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.json());
  for (let i = 0; i < 50; i++) await post(); // warm up
  emu.clearLog();
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const result = (await post()) as { errors?: unknown[] };
      latencies.push(performance.now() - started);
      if (result.errors) errors++;
    }
  }));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(percentile(latencies, p) * 10) / 10;
  rows.push({
    operation: name, concurrency, requestsPerSecond: Math.round(latencies.length / seconds),
    p50ms: pct(50), p99ms: pct(99), errors, upstreamCallsPerRequest: Number((emu.requests.length / latencies.length).toFixed(2)),
  });
  console.log(JSON.stringify(rows.at(-1)));
}
console.table(rows);
gateway.kill('SIGTERM');
await new Promise((r) => gateway.once('exit', r));
await emu.stop();
