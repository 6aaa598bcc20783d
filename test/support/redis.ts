/**
 * A real `redis-server` (Debian's package) on a free port for tests, with no
 * persistence; stopped by its process id. Where it is not installed (and
 * cannot be: `npm test` installs it on Debian as root), the Redis tests are
 * skipped with a note, never under `CI=true`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { afterAll } from 'vitest';

export const REDIS_SERVER = '/usr/bin/redis-server';
/** True when the Redis tests can run here. */
export const redisAvailable = existsSync(REDIS_SERVER);
if (!redisAvailable && process.env.CI !== 'true') {
  console.warn(`note: ${REDIS_SERVER} is missing (npm test installs it on Debian as root); the Redis run-feed tests are skipped.`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => { socket.destroy(); resolve(String(data).startsWith('+PONG')); });
    socket.once('error', () => resolve(false));
  });
}

/** A running redis-server: its URL, and stop/start to take it away and bring it back on the same port. */
export interface TestRedis { url: string; port: number; stop(): Promise<void>; start(): Promise<void> }

const started: TestRedis[] = [];
afterAll(async () => {
  for (const redis of started.splice(0)) await redis.stop();
});

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: TestRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      for (let i = 0; i < 200 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 25));
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
  await redis.start();
  started.push(redis);
  return redis;
}
