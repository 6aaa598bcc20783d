// A smoke run of the compiled gateway as the image runs it, under whichever
// Node runs this script (CI runs it under Node 24, the image's): the compiled
// emulator and `node dist/src/main.js` on free ports, a query, a trigger, a
// runStatus subscription over a real WebSocket to COMPLETED, then SIGTERM:
// exit 0 and the port closed. Needs `npm run build` first. Prints one line
// per step; exits 1 on the first failure.
//
// Usage: node scripts/smoke.mjs
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const root = new URL('..', import.meta.url).pathname;
const GATEWAY = 'dist/src/main.js';
const EMULATOR = 'dist/emulator/main.js';
const STEP_MS = 30_000;
const children = new Set();

function fail(message) {
  console.error(`smoke: FAILED: ${message}`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
}

function within(promise, what, ms = STEP_MS) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms); })])
    .finally(() => clearTimeout(timer));
}

/** Starts `file` under this Node and resolves with its child and the first match of `pattern` in its output. */
function start(file, env, pattern) {
  const child = spawn(process.execPath, [file], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  return within(new Promise((resolve, reject) => {
    const look = (chunk) => {
      output += String(chunk);
      const match = pattern.exec(output);
      if (match) resolve({ child, match });
    };
    child.stdout.on('data', look);
    child.stderr.on('data', (chunk) => { output += String(chunk); });
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready:\n${output.slice(-2000)}`)));
  }), `starting ${file}`);
}

function closed(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(true));
  });
}

try {
  for (const file of [GATEWAY, EMULATOR]) if (!existsSync(new URL(`../${file}`, import.meta.url))) fail(`${file} is missing: run npm run build first`);
  console.log(`smoke: Node ${process.version}, compiled gateway and emulator`);

  const emulator = await start(EMULATOR, {
    EMULATOR_HOST: '127.0.0.1', EMULATOR_PORT: '0', EMULATOR_API_KEYS: 'smoke-key',
    EMULATOR_RUN_PENDING_MS: '300', EMULATOR_RUN_RUNNING_MS: '900', EMULATOR_FAILURE_RATE: '0',
  }, /listening on (http:\S+)/);
  const emulatorUrl = emulator.match[1];
  const gateway = await start(GATEWAY, {
    NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ARIZE_API_URL: emulatorUrl, ARIZE_API_KEY: 'smoke-key',
    ALLOW_ANONYMOUS: 'true', PUBLIC_HOSTS: 'localhost', RUN_POLL_INTERVAL_MS: '100', LOG_LEVEL: 'warn', SHUTDOWN_GRACE_MS: '5000',
  }, /Arize tasks gateway: http:\/\/localhost:(\d+)\/graphql/);
  const port = Number(gateway.match[1]);
  const url = `http://127.0.0.1:${port}/graphql`;
  console.log(`smoke: gateway on port ${port}, emulator at ${emulatorUrl}`);

  const gql = async (query, variables) => {
    const response = await within(fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) }), 'a request');
    const body = await response.json();
    if (response.status !== 200 || body.errors) fail(`${query.slice(0, 40)}...: HTTP ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
    return body.data;
  };

  const { tasks } = await gql('{ tasks(first: 3) { nodes { id name type } } }');
  if (tasks.nodes.length !== 3) fail(`tasks(first: 3) gave ${tasks.nodes.length} tasks`);
  console.log(`smoke: query ok (${tasks.nodes.map((t) => t.name).join(', ')})`);

  const task = tasks.nodes.find((t) => t.type !== 'RUN_EXPERIMENT') ?? fail('no evaluation task among the first three');
  const { triggerTaskRun } = await gql('mutation($input: TriggerTaskRunInput!) { triggerTaskRun(input: $input) { run { id status } } }', {
    input: { task: task.id, dataStartTime: new Date(Date.now() - 3_600_000).toISOString() },
  });
  const runId = triggerTaskRun.run.id;
  console.log(`smoke: triggered run ${runId} (${triggerTaskRun.run.status})`);

  const client = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  const states = await within(new Promise((resolve, reject) => {
    const seen = [];
    client.subscribe({ query: 'subscription($id: ID!) { runStatus(runId: $id) { status isTerminal numSuccesses } }', variables: { id: runId } }, {
      next: ({ data, errors }) => (errors ? reject(new Error(JSON.stringify(errors))) : seen.push(data.runStatus)),
      error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
      complete: () => resolve(seen),
    });
  }), 'the runStatus subscription');
  await client.dispose();
  const last = states.at(-1);
  if (last?.status !== 'COMPLETED' || !last.isTerminal) fail(`the subscription ended on ${JSON.stringify(last)}`);
  console.log(`smoke: runStatus over WebSocket: ${states.map((s) => s.status).join(' -> ')}`);

  const exited = new Promise((resolve) => gateway.child.once('exit', (code, signal) => resolve(code ?? signal)));
  gateway.child.kill('SIGTERM');
  const code = await within(exited, 'the gateway\'s stop');
  if (code !== 0) fail(`the gateway exited with ${code} on SIGTERM`);
  if (!(await closed(port))) fail(`port ${port} still answers after the gateway exited`);
  console.log('smoke: SIGTERM: exit 0, port closed');

  emulator.child.kill('SIGTERM');
  console.log('smoke: ok');
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
