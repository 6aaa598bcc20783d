/**
 * `npm start`: the gateway, in front of `ARIZE_API_URL` when it is set, or
 * else in front of the local Arize emulator (started here on a free port,
 * with demo data), so a new user sees everything work at once.
 */
import { loadConfigOrExit, runGateway } from './main.ts';

const config = loadConfigOrExit();
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

