/**
 * The environment variables `npm run emulator` (`emulator/main.ts`) reads,
 * once: default, parser and meaning, in the same kind of table as the
 * gateway's (`src/config/variables.ts`); the README's emulator table is
 * rendered from it (`npm run docs:config`).
 */
import { decimal, integer, list, oneOf, text } from '../src/config/parsers.ts';
import type { Table } from '../src/config/table.ts';
import { DIALECTS } from './dialect.ts';

/** The emulator's variables, in the README's order. */
export const EMULATOR_VARIABLES = {
  EMULATOR_PORT: { default: '4010', parse: integer(0, 65535), description: 'port of the emulator run alone' },
  EMULATOR_HOST: { default: '127.0.0.1', parse: text, description: 'interface to listen on (`0.0.0.0` in a container)' },
  EMULATOR_API_KEYS: {
    default: 'emulator-key',
    parse: list(text, 'keys'),
    description: 'comma-separated keys it accepts: any credentials, OAuth access tokens (JWTs) as well as `ak-` keys; ' +
      'each key acts as its own user, `User:1`, `User:2`, ..., in `created_by_user_id`',
  },
  EMULATOR_RUN_PENDING_MS: { default: '2000', parse: integer(0, 3_600_000), description: 'how long a new run stays `PENDING`' },
  EMULATOR_RUN_RUNNING_MS: { default: '8000', parse: integer(0, 3_600_000), description: 'how long it then stays `RUNNING` while its counters grow' },
  EMULATOR_FAILURE_RATE: { default: '0.1', parse: decimal(0, 1), description: 'share of runs that end `FAILED` instead of `COMPLETED`' },
  EMULATOR_LATENCY_MS: { default: '0', parse: integer(0, 3_600_000), description: 'delay added to every API response' },
  EMULATOR_DIALECT: {
    default: 'current',
    parse: oneOf(DIALECTS),
    description: '`legacy` speaks the April 2026 API: lowercase values, none of the new keys, an empty list for an unknown scoping id',
  },
} as const satisfies Table;
