/**
 * What the benchmark scripts share: `--name value` arguments, a free
 * loopback port, percentiles, the gateway as a child process (run the way
 * `npm start` runs it, under tsx) that answers `/health` before it is used,
 * the Node binary the servers under test run on (`--node`), bench files
 * compiled to run without tsx, a server started pinned to a CPU, and a
 * process tree's CPU time read from `/proc`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

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

/** Whether `taskset` is here to pin a process to one CPU. */
export const hasTaskset = (() => { try { execFileSync('taskset', ['-V'], { stdio: 'ignore' }); return true; } catch { return false; } })();

/**
 * Starts `command` in `cwd`, pinned to CPU `cpu` when `taskset` is here
 * (taskset execs it: the pid is the server's), adds it to `children` (to be
 * stopped at exit), and waits until `ready` answers (60 s at most).
 */
export async function startPinned(
  children: ChildProcess[], name: string, cwd: string, cpu: number, command: string[], env: Record<string, string>, ready: string,
): Promise<ChildProcess> {
  const [file, argv] = hasTaskset ? ['taskset', ['-c', String(cpu), ...command]] : [command[0]!, command.slice(1)];
  const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  const deadline = Date.now() + 60_000;
  while ((await fetch(ready).catch(() => undefined))?.status === undefined) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start`);
    await sleep(50);
  }
  return child;
}

/**
 * The Node binary the servers under test run on: `--node <path>`, else
 * this process's own. The load generators, clients and the emulator stay on
 * this process's Node, so two runs differ only in the servers' runtime.
 */
export function serverNode(): { path: string; version: string } {
  const chosen = args.get('node') || process.execPath;
  try {
    return { path: chosen, version: execFileSync(chosen, ['-v'], { encoding: 'utf8' }).trim() };
  } catch (error) {
    throw new Error(`--node ${chosen}: it does not run (${(error as Error).message})`);
  }
}

/**
 * Transpiles `bench/<name>.ts` (no bundling: imports stay as written) to
 * `dist/bench/<name>.js`, so it runs under plain `node` as the compiled
 * gateway does (no tsx loader in the measured process) and resolves the
 * project's `node_modules`. Returns the output path.
 */
export async function compileBench(name: string): Promise<string> {
  const { build } = await import('esbuild');
  const root = path.resolve(import.meta.dirname, '..');
  const outfile = path.join(root, 'dist/bench', `${name}.js`);
  await build({ entryPoints: [path.join(root, 'bench', `${name}.ts`)], outfile, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  return outfile;
}

let clockTicks: number | undefined;

/**
 * CPU seconds (user + system) used so far by process `pid` and all its live
 * descendants, from `/proc/<pid>/stat` (`utime` + `stime`, the figures
 * `process.cpuUsage()` reports from inside): one method for every server,
 * whatever it runs, read from outside. Linux only; undefined elsewhere.
 */
export function treeCpuSeconds(pid: number): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  clockTicks ??= (() => { try { return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })); } catch { return 100; } })();
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let text: string;
    try { text = readFileSync(`/proc/${entry}/stat`, 'utf8'); } catch { continue; } // gone meanwhile
    // after the command name in parentheses: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  if (!stats.has(pid)) return undefined;
  const inTree = (p: number): boolean => {
    for (let at: number | undefined = p; at !== undefined && at > 1; at = stats.get(at)?.ppid) if (at === pid) return true;
    return false;
  };
  let ticks = 0;
  for (const [p, stat] of stats) if (inTree(p)) ticks += stat.ticks;
  return ticks / clockTicks;
}
