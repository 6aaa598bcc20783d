/**
 * `npm start`: the gateway, in front of `ARIZE_API_URL` when it is set, or
 * else in front of the local Arize emulator (started here on a free port,
 * with demo data), so a new user sees everything work at once.
 */
import { loadConfigOrExit, runGateway } from './main.ts';

/**
 * `npm start` runs npm -> sh -> node: a SIGTERM or SIGINT sent to npm alone
 * (a process manager, `kill <npm's pid>`) ends npm and the shell, not this
 * process. So when the process that started it is gone, it stops as on
 * SIGTERM: in order, exit 0. Checked every half second; `process.ppid` is
 * fixed at start, so the original parent is probed with signal 0.
 */
function stopWhenParentGoes(): void {
  const parent = process.ppid;
  if (parent <= 1) return; // started by init or a container runtime: nothing to outlive
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') return; // EPERM: it is still there
      clearInterval(timer);
      process.stderr.write(`The process that started the gateway (pid ${parent}) has gone: stopping.\n`);
      process.kill(process.pid, 'SIGTERM');
    }
  }, 500);
  timer.unref();
}

const config = loadConfigOrExit();
stopWhenParentGoes();
if (config.arizeApiUrl) {
  await runGateway(config);
} else {
  const { startEmulator } = await import('../emulator/server.ts');
  const { demoData } = await import('../emulator/demo-data.ts');
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
  await runGateway(Object.freeze({ ...config, arizeApiUrl: emulator.url, arizeApiKey: config.arizeApiKey ?? emulator.apiKey }), {
    demo: demoData(emulator.store),
    upstreamLabel: 'local emulator',
    hint: '  Upstream: the local Arize emulator with demo data (runs take ~10 s).\n' +
      '  To front the real API: ARIZE_API_URL=https://api.arize.com ARIZE_API_KEY=<key> npm start\n\n',
    afterStop: () => emulator.stop(),
  });
}

