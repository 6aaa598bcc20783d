import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config.ts';

/**
 * Structured JSON logs. Authorization headers and anything named like a key
 * are redacted as a second line of defence; the code never logs keys.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'arize-tasks-gateway' },
    redact: {
      paths: ['authorization', 'apiKey', '*.authorization', '*.apiKey', 'headers.authorization', '*.headers.authorization', 'connectionParams'],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  }, destination);
}

/** A request's (or a subscription's) log: each line carries its `requestId`. */
export interface RequestLogger {
  /** True when `info` lines are written (`LOG_LEVEL` info or debug): a line that costs something to build is built only then. */
  readonly infoEnabled: boolean;
  info(fields: object, message: string): void;
}

/**
 * The log of request `requestId` on `root`. Not a pino child: making one
 * (its bindings, its redaction) costs more than most requests log, and at
 * `LOG_LEVEL=warn` they log nothing; the id goes into each line instead.
 */
export function requestLogger(root: Logger, requestId: string): RequestLogger {
  const infoEnabled = root.isLevelEnabled('info');
  return {
    infoEnabled,
    info(fields, message) {
      if (infoEnabled) root.info({ requestId, ...fields }, message);
    },
  };
}
