/**
 * `npm run bench:memory [-- --sockets 2000]`
 *
 * Heap cost of an idle WebSocket and of a runStatus subscription on it, for
 * the compiled gateway (`dist/`, as production runs it) and, beside it, for a
 * bare graphql-ws server (the floor of the stack). Each server runs alone in
 * a child process started with --expose-gc (every reading follows two full
 * GCs); the clients run in another child; the emulator runs here. The
 * watched run stays pending, so the figures are the standing cost, not
 * traffic. Needs `npm run build` (the npm script runs it). Loopback only; it
 * stops by itself.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { startEmulator } from '../emulator/server.ts';
import { numberArg } from './support.ts';

const N = numberArg('sockets', 2000);
const emu = await startEmulator({ runs: { pendingMs: 3_600_000, runningMs: 1000, failureRate: 0, progressSteps: 4 } });
const task = [...emu.store.tasks.values()].find((t) => t.value.project_id)!.value.id;
const triggered = await (await fetch(`${emu.url}/v2/tasks/${task}/trigger`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${emu.apiKey}` },
  body: JSON.stringify({ data_start_time: new Date(Date.now() - 3_600_000).toISOString(), data_end_time: new Date().toISOString() }),
})).json() as { id: string };

const ask = async (child: ChildProcess, message: object) => {
  child.send(message);
  const [answer] = await once(child, 'message');
  return answer as Record<string, number>;
};
const tsx = ['--import', 'tsx'];

async function measure(kind: 'gateway' | 'floor') {
  const target = fork(new URL('./memory-target.ts', import.meta.url).pathname, [kind, emu.url, emu.apiKey, String(N)], { execArgv: ['--expose-gc', ...tsx] });
  const [{ url }] = await once(target, 'message') as [{ url: string }];
  const clients = fork(new URL('./ws-clients.ts', import.meta.url).pathname, { execArgv: tsx });
  const before = await ask(target, { heap: true });
  await ask(clients, { connect: `${url.replace('http', 'ws')}/graphql`, count: N });
  const connected = await ask(target, { heap: true });
  const { firstEvents } = await ask(clients, { subscribe: triggered.id });
  const subscribed = await ask(target, { heap: true });
  clients.send({ close: true });
  await once(clients, 'exit');
  target.send({ stop: true });
  await once(target, 'exit');
  return {
    server: kind === 'floor' ? 'bare graphql-ws' : 'gateway (compiled)',
    sockets: N,
    firstEvents,
    'heap per socket KiB': Number(((connected.heap! - before.heap!) / N / 1024).toFixed(1)),
    'heap per subscription KiB': Number(((subscribed.heap! - connected.heap!) / N / 1024).toFixed(1)),
    'RSS MiB': Math.round(subscribed.rss! / 1048576),
  };
}

const rows = [await measure('floor'), await measure('gateway')];
for (const row of rows) console.log(JSON.stringify(row));
console.table(rows);
await emu.stop();
