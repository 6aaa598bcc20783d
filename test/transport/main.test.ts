import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { emulator, until } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

/** Runs `npm start`'s entry point (src/dev.ts) as a child process on a free port; resolves with its URL. */
async function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/dev.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => { output += String(chunk); });
  child.stderr!.on('data', (chunk) => { output += String(chunk); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await until(() => /Arize tasks gateway: http:\/\/localhost:\d+\/graphql/.test(output) || child.exitCode !== null, 60_000, 'the gateway to start') // tsx's start takes seconds on a busy machine
    .then(() => /Arize tasks gateway: http:\/\/localhost:(\d+)\/graphql/.exec(output)?.[1], () => undefined);
  if (!port) {
    child.kill('SIGKILL'); // never left behind
    throw new Error(`gateway did not start:\n${output}`);
  }
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

describe('npm start', { timeout: 120_000 }, () => {
  it('with no configuration starts the local emulator and answers with its demo data', async () => {
    const { child, url, output, exited } = await start({ ARIZE_API_URL: '', ARIZE_API_KEY: '' });
    try {
      expect(output()).toMatch(/local Arize emulator/);
      expect(output()).toMatch(/ARIZE_API_URL=https:\/\/api\.arize\.com ARIZE_API_KEY=<key> npm start/);
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ tasks(first: 2) { nodes { name } } }' }) });
      expect((await response.json()).data.tasks.nodes).toEqual([{ name: 'hallucination-check-001' }, { name: 'relevance-audit-002' }]);
    } finally {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });

  it('on SIGTERM lets an in-flight request finish before it exits 0', async () => {
    const emu = await emulator({ latencyMs: 700 });
    const { child, url, exited } = await start({ ARIZE_API_URL: emu.url, ARIZE_API_KEY: emu.apiKey });
    const inFlight = fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ tasks(first: 1) { nodes { name } } }' }) });
    // the emulator logs a request when it arrives, then answers 700 ms later
    await until(() => emu.requests.some((r) => r.path === '/v2/tasks'), 10_000, 'the upstream call to be under way');
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).data.tasks.nodes).toEqual([{ name: 'hallucination-check-001' }]);
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('on SIGTERM closes open subscriptions with 1001, stops, and exits 0', async () => {
    const emu = await emulator({ runs: { pendingMs: 60_000, runningMs: 1000, failureRate: 0, progressSteps: 4 } });
    const { child, url, output, exited } = await start({ ARIZE_API_URL: emu.url, ARIZE_API_KEY: emu.apiKey, RUN_POLL_INTERVAL_MS: '50' });
    const task = seeded(emu).firstTask;
    const trigger = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation { triggerTaskRun(input: { task: "${task.id}" }) { run { id } } }` }) });
    const runId = (await trigger.json()).data.triggerTaskRun.run.id;
    let closeCode = 0;
    const events: unknown[] = [];
    const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, on: { closed: (e) => { closeCode = (e as { code: number }).code; } } });
    client.subscribe({ query: `subscription { runStatus(runId: "${runId}") { status } }` }, { next: (v) => events.push(v), error: () => {}, complete: () => {} });
    await until(() => events.length > 0, 10_000, 'the first event');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until(() => closeCode !== 0, 10_000, 'the socket to close');
    expect(closeCode).toBe(1001);
    expect(output()).toMatch(/"msg":"stopped"/);
    await client.dispose();
  });

  // SIGTERM and SIGINT reach node (each script execs it, or `tsx watch`, which passes them on); after SIGKILL `start` and `dev` notice their parent is gone
  const banners = {
    start: /Arize tasks gateway: http:\/\/localhost:(\d+)\/graphql/,
    dev: /Arize tasks gateway: http:\/\/localhost:(\d+)\/graphql/,
    emulator: /Arize emulator listening on http:\/\/127\.0\.0\.1:(\d+)/,
  } as const;
  it.each([
    ['start', 'SIGTERM'], ['start', 'SIGINT'], ['start', 'SIGKILL'],
    ['dev', 'SIGTERM'], ['dev', 'SIGINT'],
    ['emulator', 'SIGTERM'], ['emulator', 'SIGINT'],
  ] as const)('stops the server of `npm run %s` when the npm process alone gets %s', async (script, signal) => {
    const emu = await emulator();
    // its own process group, so whatever this test starts can be ended by the group's id, whatever happens
    const npm = spawn('npm', ['run', script, '--silent'], {
      env: { ...process.env, PORT: '0', EMULATOR_PORT: '0', ARIZE_API_URL: emu.url, ARIZE_API_KEY: emu.apiKey, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    let output = '';
    npm.stdout!.on('data', (chunk) => { output += String(chunk); });
    npm.stderr!.on('data', (chunk) => { output += String(chunk); });
    try {
      await until(() => banners[script].test(output) || npm.exitCode !== null, 90_000, `npm run ${script}`);
      const port = Number(banners[script].exec(output)?.[1]);
      const open = () => new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
        socket.once('error', () => resolve(false));
      });
      expect(await open()).toBe(true);
      npm.kill(signal); // the npm process only, not its group
      await until(async () => !(await open()), 20_000, `the port of \`npm run ${script}\` to close after ${signal} to npm`);
    } finally {
      try { process.kill(-npm.pid!, 'SIGKILL'); } catch { /* the group is gone */ }
    }
  });

  it.each([
    ['src/dev.ts', 'PORT', /^The gateway cannot listen on 127\.0\.0\.1:(\d+): another process holds that port \(a gateway still running\?\)\. Stop it, or choose another port: PORT=\d+ npm start$/],
    ['emulator/main.ts', 'EMULATOR_PORT', /^The Arize emulator cannot listen on 127\.0\.0\.1:(\d+): another process holds that port \(an emulator still running\?\)\. Stop it, or choose another port: EMULATOR_PORT=\d+ npm run emulator$/],
  ])('%s on a taken port says so in one line and exits 1', async (entry, variable, line) => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', entry], {
          env: { ...process.env, ARIZE_API_URL: '', [variable]: String(port), HOST: '127.0.0.1', EMULATOR_HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk) => { stderr += String(chunk); });
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.once('exit', (status) => { clearTimeout(timer); resolve({ status, stderr }); });
      });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(Number(line.exec(lines[0]!)?.[1])).toBe(port);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('the production entry (src/main.ts) carries no emulator: without ARIZE_API_URL it refuses to start', async () => {
    const { readFileSync } = await import('node:fs');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, ARIZE_API_URL: '' }, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/ARIZE_API_URL is required/);
    expect(readFileSync('src/main.ts', 'utf8')).not.toMatch(/emulator\//);
    expect(JSON.parse(readFileSync('tsconfig.build.json', 'utf8')).include).toEqual(['src']);
  });

  it('stops `npm start` with one clear line and a non-zero exit on a bad value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/dev.ts'], {
      env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('Invalid configuration: PORT must be an integer from 0 to 65535 (got "eighty")');
  });

  it('stops `npm start` in production without authentication, with exit 2', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/dev.ts'], {
      env: { ...process.env, NODE_ENV: 'production', ARIZE_API_URL: 'http://127.0.0.1:9', ARIZE_API_KEY: 'k', ALLOW_ANONYMOUS: '' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Invalid configuration: NODE_ENV=production with ARIZE_API_KEY/);
  });

  it.each([
    ['an unreadable PERSISTED_OPERATIONS_MANIFEST', 2, { PERSISTED_OPERATIONS: 'only', PERSISTED_OPERATIONS_MANIFEST: '/nonexistent/manifest.json' },
      /^Invalid configuration: PERSISTED_OPERATIONS_MANIFEST: cannot read \/nonexistent\/manifest\.json \(ENOENT/],
    ['a manifest that is not one', 2, { PERSISTED_OPERATIONS: 'allow', PERSISTED_OPERATIONS_MANIFEST: 'package.json' },
      /^Invalid configuration: PERSISTED_OPERATIONS_MANIFEST: package\.json must map document hashes to document strings$/],
    ['an unreachable REDIS_URL', 1, { REDIS_URL: 'redis://:hunter2-redis-password@127.0.0.1:<closed>' },
      /^The gateway cannot start: REDIS_URL redis:\/\/\*\*\*@127\.0\.0\.1:\d+ could not be reached: /],
  ] as const)('stops the production entry on %s with one line, no stack trace, exit %i', async (_what, status, env, line) => {
    // a port nothing listens on: taken, then freed
    const free = net.createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const closed = String((free.address() as net.AddressInfo).port);
    await new Promise((resolve) => free.close(resolve));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env, ARIZE_API_URL: 'http://127.0.0.1:9', PORT: '0', LOG_LEVEL: 'info',
        ...Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value.replace('<closed>', closed)])),
      },
      encoding: 'utf8', timeout: 60_000,
    });
    expect(result.status).toBe(status);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(result.stderr + result.stdout).not.toMatch(/hunter2|    at |Redis is unreachable/);
    expect(result.stdout).not.toMatch(/gateway started/);
  });

  it('stops `npm run emulator` with one clear line and exit 2 on a bad value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'emulator/main.ts'], {
      env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_FAILURE_RATE: '1.5' }, encoding: 'utf8', timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('Invalid configuration: EMULATOR_FAILURE_RATE must be a number from 0 to 1 (got "1.5")');
  });
});
