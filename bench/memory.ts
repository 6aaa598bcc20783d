/**
 * `npm run bench:memory [-- --sockets 2000]`
 *
 * Heap cost of an idle WebSocket and of a runStatus subscription on it. The
 * gateway and the emulator run in this process (started with --expose-gc, so
 * every reading follows a full GC); the clients run in a child process. The
 * watched run stays pending, so the figures are the standing cost, not
 * traffic. Loopback only; it stops by itself.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { startEmulator } from '../emulator/server.ts';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';

const flag = process.argv.indexOf('--sockets');
const N = flag > 0 ? Number(process.argv[flag + 1]) : 2000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:memory does)');

const emu = await startEmulator({ runs: { pendingMs: 3_600_000, runningMs: 1000, failureRate: 0, progressSteps: 4 } });
const server = await startServer(loadConfig({
  PORT: '0', HOST: '127.0.0.1', ARIZE_API_URL: emu.url, ARIZE_API_KEY: emu.apiKey, LOG_LEVEL: 'silent',
  WS_MAX_CONNECTIONS_PER_CLIENT: String(N + 10),
}));
const task = [...emu.store.tasks.values()][0]!.value.id;
const triggered = await (await fetch(`${server.url}/graphql`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: `mutation { triggerTaskRun(input: { task: "${task}" }) { run { id } } }` }),
})).json() as { data: { triggerTaskRun: { run: { id: string } } } };

const heap = async () => {
  await new Promise((r) => setTimeout(r, 200));
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const clients = fork(new URL('./ws-clients.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'] });
const reply = async (message: object) => {
  clients.send(message);
  const [answer] = await once(clients, 'message');
  return answer as Record<string, number>;
};

const before = await heap();
await reply({ connect: `${server.url.replace('http', 'ws')}/graphql`, count: N });
const connected = await heap();
const { firstEvents } = await reply({ subscribe: triggered.data.triggerTaskRun.run.id });
const subscribed = await heap();
console.log(JSON.stringify({
  sockets: N,
  firstEvents,
  pollers: server.runFeed.activePollers,
  heapPerSocketKiB: Number(((connected - before) / N / 1024).toFixed(1)),
  heapPerSubscriptionKiB: Number(((subscribed - connected) / N / 1024).toFixed(1)),
  heapUsedMiB: Number((subscribed / 1048576).toFixed(0)),
}));
clients.send({ close: true });
await once(clients, 'exit');
await server.stop();
await emu.stop();
