/**
 * `npm run emulator`: the Arize emulator on its own, for docker-compose or for
 * pointing a gateway at by hand. Its settings (all optional) are
 * {@link EMULATOR_VARIABLES}; a bad value stops it with one line naming the
 * variable, and exit code 2; a taken `EMULATOR_PORT` stops it with one line, exit 1.
 */
import { ConfigError, readTable } from '../src/config/table.ts';
import { exitIfPortInUse } from '../src/config/port-in-use.ts';
import { EMULATOR_VARIABLES } from './env.ts';
import { startEmulator } from './server.ts';

function settings() {
  try {
    return readTable(EMULATOR_VARIABLES, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
}

const env = settings();
const emulator = await startEmulator({
  dialect: env.EMULATOR_DIALECT,
  port: env.EMULATOR_PORT,
  host: env.EMULATOR_HOST,
  apiKeys: env.EMULATOR_API_KEYS,
  latencyMs: env.EMULATOR_LATENCY_MS,
  runs: {
    pendingMs: env.EMULATOR_RUN_PENDING_MS,
    runningMs: env.EMULATOR_RUN_RUNNING_MS,
    failureRate: env.EMULATOR_FAILURE_RATE,
  },
}).catch((error: unknown) =>
  exitIfPortInUse(error, { what: 'The Arize emulator', variable: 'EMULATOR_PORT', command: 'npm run emulator', likely: 'an emulator still running' }));
console.log(`Arize emulator listening on ${emulator.url} (${env.EMULATOR_DIALECT} API under /v2, knobs under /__emulator/)`);

const stop = () => {
  void emulator.stop().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
