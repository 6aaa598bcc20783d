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
