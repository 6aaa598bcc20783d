/**
 * `npm start`: reads the configuration, starts the local Arize emulator when
 * ARIZE_API_URL is unset, starts the gateway, and shuts down gracefully on
 * SIGTERM/SIGINT (exit 0).
 */
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startServer } from './server.ts';
import { createLogger } from './observability/logger.ts';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
let stopEmulator: (() => Promise<void>) | undefined;

if (!config.arizeApiUrl) {
  const { startEmulator } = await import('../emulator/server.ts');
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
  stopEmulator = () => emulator.stop();
  config = Object.freeze({ ...config, arizeApiUrl: emulator.url, arizeApiKey: config.arizeApiKey ?? emulator.apiKey });
}

const server = await startServer(config, { logger });
const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' || config.host === '::' ? 'localhost' : config.host;
const graphiqlUrl = `http://${shown}:${server.port}/graphql`;
logger.info({ url: graphiqlUrl, upstream: stopEmulator ? 'local emulator' : config.arizeApiUrl }, 'gateway started');
process.stdout.write(
  `\n  Arize tasks gateway: ${graphiqlUrl}${config.graphiql ? '  (open it in a browser for GraphiQL)' : ''}\n` +
    (stopEmulator
      ? '  Upstream: the local Arize emulator with demo data (runs take ~10 s).\n' +
        '  To front the real API: ARIZE_API_URL=https://api.arize.com ARIZE_API_KEY=<key> npm start\n\n'
      : `  Upstream: ${config.arizeApiUrl}${config.arizeApiKey ? ' (server key set)' : ' (no server key: clients send Authorization: Bearer <key>)'}\n\n`),
);

let shuttingDown = false;
const shutdown = (signal: string) => {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  void (async () => {
    await server.stop();
    await stopEmulator?.();
    logger.info('stopped');
    logger.flush?.();
    process.exit(0);
  })();
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
