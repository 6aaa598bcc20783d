/**
 * `npm run emulator`: the Arize emulator on its own, for docker-compose or for
 * pointing a gateway at by hand. Settings (all optional):
 * EMULATOR_PORT (4010), EMULATOR_HOST (127.0.0.1), EMULATOR_API_KEYS
 * (comma-separated, `emulator-key`), EMULATOR_RUN_PENDING_MS (2000),
 * EMULATOR_RUN_RUNNING_MS (8000), EMULATOR_FAILURE_RATE (0.1),
 * EMULATOR_LATENCY_MS (0), EMULATOR_DIALECT (`current`, or `legacy` for the
 * April 2026 API).
 */
import { DIALECTS, startEmulator, type Dialect } from './server.ts';

const env = process.env;
const num = (name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a non-negative number (got '${raw}')`);
    process.exit(1);
  }
  return value;
};

const dialect = (env.EMULATOR_DIALECT || 'current') as Dialect;
if (!DIALECTS.includes(dialect)) {
  console.error(`EMULATOR_DIALECT must be one of ${DIALECTS.join(', ')} (got '${dialect}')`);
  process.exit(1);
}

const emulator = await startEmulator({
  dialect,
  port: num('EMULATOR_PORT', 4010),
  host: env.EMULATOR_HOST || '127.0.0.1',
  apiKeys: (env.EMULATOR_API_KEYS || 'emulator-key').split(',').map((k) => k.trim()).filter(Boolean),
  latencyMs: num('EMULATOR_LATENCY_MS', 0),
  runs: {
    pendingMs: num('EMULATOR_RUN_PENDING_MS', 2000),
    runningMs: num('EMULATOR_RUN_RUNNING_MS', 8000),
    failureRate: num('EMULATOR_FAILURE_RATE', 0.1),
  },
});
console.log(`Arize emulator listening on ${emulator.url} (${dialect} API under /v2, knobs under /__emulator/)`);

const stop = () => {
  void emulator.stop().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
