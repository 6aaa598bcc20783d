/**
 * A real `redis-server` (Debian's package, or `TEST_REDIS_SERVER`) on a free
 * port for tests, with no persistence; stopped by its process id. Where it is
 * missing, the Redis tests skip themselves (`skipWithout('redis-server')` in
 * `test-servers.ts`), never under `CI=true`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll } from 'vitest';
import { requireServer } from './test-servers.ts';

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

/**
 * A running redis-server: its URL, stop/start to take it away and bring
 * it back on the same port, and pause/resume (SIGSTOP/SIGCONT) to keep its
 * connections open while it answers nothing, as a hung server does.
 */
export interface TestRedis { url: string; port: number; stop(): Promise<void>; start(): Promise<void>; pause(): void; resume(): void }

const started: TestRedis[] = [];
afterAll(async () => {
  for (const redis of started.splice(0)) await redis.stop();
});

/** Starts redis-server on a free port; throws, saying what to install, when it is missing. */
export async function startRedis(): Promise<TestRedis> {
  const binary = requireServer('redis-server');
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: TestRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      for (let i = 0; i < 200 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 25));
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
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
