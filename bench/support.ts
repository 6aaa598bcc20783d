/**
 * What the benchmark scripts share: `--name value` arguments, a free
 * loopback port, percentiles, and the gateway as a child process (run the way
 * `npm start` runs it, under tsx) that answers `/health` before it is used.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** `--name value` pairs from the command line. */
export const args = new Map(process.argv.slice(2).reduce<Array<[string, string]>>((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1] ?? '']);
  return pairs;
}, []));

/** A numeric `--name value`, or `fallback`. */
export const numberArg = (name: string, fallback: number): number => Number(args.get(name) ?? fallback);

/** A loopback port nobody listens on right now. */
export const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

/** The `p`th percentile of ascending `sorted` (NaN when empty). */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A gateway child process on a free port, once its `/health` answers (within
 * 30 s): under tsx as `npm start` runs it, or with `compiled` the production
 * build (`node dist/src/main.js`; run `npm run build` first).
 */
export async function startGatewayProcess(env: Record<string, string>, { compiled = false } = {}): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, compiled ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/dev.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while ((await fetch(`${url}/health`).catch(() => undefined))?.ok !== true) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('the gateway did not start');
    await sleep(50);
  }
  return { url, child };
}
