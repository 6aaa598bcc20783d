/**
 * `npm run bench:memory [-- --sockets 2000 --node <path>]`
 *
 * What a WebSocket and a runStatus subscription cost the compiled gateway
 * (`dist/`, as production runs it), against a bare graphql-ws server (the
 * floor of the stack: one field that sends one event and then holds)
 * measured in the same run, N = `--sockets` (default 2000, a minute or two;
 * `--sockets 10000` for the issue's figure). Each server runs alone in a
 * child process (compiled, plain `node --expose-gc`, on `--node <path>`,
 * default this Node); the N clients run in another child on this Node; the
 * emulator runs here. Every reading follows two full GCs.
 * The watched run stays pending, so the figures are the standing cost, not
 * traffic.
 *
 * Per server: heap per idle socket (N sockets connected, acknowledged, no
 * subscription: heap after minus before, / N), heap per subscription (then
 * one runStatus subscription on each socket, each with its first event:
 * heap after minus before, / N), RSS idle (before any socket) and RSS at N
 * subscribers. Then the ratios gateway / floor with the issue's targets:
 * heap per subscription <= 1.25x, per idle socket <= 1.15x, RSS at N
 * subscribers <= 1.3x (the target is for N = 10,000; at small N both
 * processes' baseline RSS, code and heap before any socket, weighs most, and
 * the gateway's is larger). The RSS line is the whole process, the heap
 * lines the JavaScript heap only (`heapUsed`). All are standing figures
 * after full GCs, lower than a peak under traffic (bench:subscriptions
 * reads the gateway's peak RSS from its `/metrics` while runs change).
 *
 * Needs `npm run build` (the npm script runs it). Loopback only; it stops by
 * itself.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { startEmulator } from '../emulator/server.ts';
import { compileBench, numberArg, serverNode } from './support.ts';

const N = numberArg('sockets', 2000);
const node = serverNode();
const emu = await startEmulator({ runs: { pendingMs: 3_600_000, runningMs: 1000, failureRate: 0, progressSteps: 4 } });
const task = [...emu.store.tasks.values()].find((t) => t.value.project_id)!.value.id;
const triggered = await (await fetch(`${emu.url}/v2/tasks/${task}/trigger`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${emu.apiKey}` },
  body: JSON.stringify({ data_start_time: new Date(Date.now() - 3_600_000).toISOString(), data_end_time: new Date().toISOString() }),
})).json() as { id: string };
const targetScript = await compileBench('memory-target');

const ask = async (child: ChildProcess, message: object) => {
  child.send(message);
  const [answer] = await once(child, 'message');
  return answer as Record<string, number>;
};

const KiB = (bytes: number) => bytes / 1024;
const MiB = (bytes: number) => bytes / 1048576;

async function measure(kind: 'gateway' | 'floor') {
  const target = fork(targetScript, [kind, emu.url, emu.apiKey, String(N)], { execPath: node.path, execArgv: ['--expose-gc'] });
  const [{ url }] = await once(target, 'message') as [{ url: string }];
  const clients = fork(new URL('./ws-clients.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'] });
  const before = await ask(target, { heap: true });
  const opened = await ask(clients, { connect: `${url.replace('http', 'ws')}/graphql`, count: N });
  if (opened.failed) throw new Error(`${kind}: ${opened.failed} of ${N} sockets were not acknowledged`);
  const connected = await ask(target, { heap: true });
  const { firstEvents, failed } = await ask(clients, { subscribe: triggered.id });
  if (failed) throw new Error(`${kind}: ${failed} of ${N} subscriptions ended in an error`);
  const subscribed = await ask(target, { heap: true });
  clients.send({ close: true });
  await once(clients, 'exit');
  target.send({ stop: true });
  await once(target, 'exit');
  return {
    server: kind === 'floor' ? 'bare graphql-ws (floor)' : 'gateway (compiled)',
    sockets: N,
    firstEvents,
    socketKiB: KiB(connected.heap! - before.heap!) / N,
    subscriptionKiB: KiB(subscribed.heap! - connected.heap!) / N,
    idleRssMiB: MiB(before.rss!),
    rssMiB: MiB(subscribed.rss!),
  };
}

console.log(`bench:memory: ${N} sockets; servers on ${node.version} (${node.path}), clients and emulator on ${process.version}`);
const floor = await measure('floor');
const gateway = await measure('gateway');
const rows = [floor, gateway].map((m) => ({
  server: m.server, sockets: m.sockets, 'first events': m.firstEvents,
  'heap per idle socket KiB': Number(m.socketKiB.toFixed(1)),
  'heap per subscription KiB': Number(m.subscriptionKiB.toFixed(1)),
  'RSS idle MiB': Math.round(m.idleRssMiB),
  [`RSS at ${N} subscribers MiB`]: Math.round(m.rssMiB),
}));
for (const row of rows) console.log(JSON.stringify(row));
console.table(rows);

const ratio = (name: string, ours: number, theirs: number, limit: number) => {
  const value = ours / theirs;
  return { 'gateway / floor': name, ratio: Number(value.toFixed(2)), target: `<= ${limit}`, met: value <= limit ? 'yes' : 'NO' };
};
const ratios = [
  ratio('heap per runStatus subscription', gateway.subscriptionKiB, floor.subscriptionKiB, 1.25),
  ratio('heap per idle socket', gateway.socketKiB, floor.socketKiB, 1.15),
  ratio(`RSS at ${N} subscribers, after full GCs${N === 10_000 ? '' : ' (target for 10,000)'}`, gateway.rssMiB, floor.rssMiB, 1.3),
];
console.log('Targets (issue 24), gateway / floor in this run:');
console.table(ratios);
await emu.stop();
