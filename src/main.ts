/**
 * The production entry (`node dist/src/main.js`, the image's command): reads
 * the configuration, starts the gateway in front of `ARIZE_API_URL`, and
 * shuts down gracefully on SIGTERM/SIGINT (exit 0). It carries no emulator:
 * `npm start` runs `src/dev.ts`, which starts one when `ARIZE_API_URL` is unset.
 */
import { pathToFileURL } from 'node:url';
import { ConfigError, StartError, loadConfig, type Config } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { startServer, type GatewayServer } from './server.ts';
import { exitIfPortInUse } from './config/port-in-use.ts';
import { warmGraphiQL, type DemoData } from './plugins/use-graphiql.ts';

/** The configuration, or exit 2 with one line naming the bad variable. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * One line instead of a stack trace when a start fails on what a variable
 * names: a manifest that cannot be read (exit 2, as any bad value) or a
 * service that cannot be reached (exit 1, as a taken port). Returns for any
 * other error.
 */
function exitIfStartFails(error: unknown): void {
  if (error instanceof ConfigError) {
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof StartError) {
    process.stderr.write(`The gateway cannot start: ${error.message}\n`);
    process.exit(1);
  }
}

/** What `runGateway` says about its upstream and stops after the gateway (the dev emulator). */
export interface RunOptions {
  /** Shown in the banner instead of the upstream URL, e.g. `local emulator`. */
  upstreamLabel?: string;
  /** Lines printed under the banner. */
  hint?: string;
  /** Called after the gateway stopped, before the process exits. */
  afterStop?: () => Promise<void>;
  /** Demo data to fill GraphiQL's example variables in (the local emulator's). */
  demo?: DemoData;
}

/** Starts the gateway, prints where GraphiQL is, and stops in order on SIGTERM/SIGINT (exit 0). */
export async function runGateway(config: Config, options: RunOptions = {}): Promise<void> {
  const logger = createLogger(config.logLevel);
  let server: GatewayServer;
  try {
    server = await startServer(config, { logger, ...(options.demo ? { demo: options.demo } : {}) });
  } catch (error) {
    exitIfStartFails(error);
    exitIfPortInUse(error, { what: 'The gateway', variable: 'PORT', command: 'npm start', likely: 'a gateway still running' });
  }
  // GraphiQL's assets are compressed once, in the background, so the first page load does not wait for it
  if (config.graphiql) warmGraphiQL().catch((error: unknown) => logger.warn({ err: error }, 'could not prepare GraphiQL'));
  const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' || config.host === '::' ? 'localhost' : config.host;
  const graphiqlUrl = `http://${shown}:${server.port}/graphql`;
  logger.info({ url: graphiqlUrl, upstream: options.upstreamLabel ?? config.arizeApiUrl }, 'gateway started');
  process.stdout.write(
    `\n  Arize tasks gateway: ${graphiqlUrl}${config.graphiql ? '  (open it in a browser for GraphiQL)' : ''}\n` +
      (options.hint ?? `  Upstream: ${config.arizeApiUrl}${config.arizeApiKey ? ' (server key set)' : ' (no server key: clients send Authorization: Bearer <key>)'}\n\n`),
  );
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    void (async () => {
      await server.stop();
      await options.afterStop?.();
      logger.info('stopped');
      logger.flush?.();
      process.exit(0);
    })();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const config = loadConfigOrExit();
  if (!config.arizeApiUrl) {
    process.stderr.write('Invalid configuration: ARIZE_API_URL is required (`npm start` runs the gateway on a local emulator without it)\n');
    process.exit(2);
  }
  await runGateway(config);
}
