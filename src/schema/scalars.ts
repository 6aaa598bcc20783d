import { Kind } from 'graphql';
import { builder } from './builder.ts';
import { badUserInput } from './errors.ts';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Returns `value` when it is an ISO 8601 date-time with a zone; throws BAD_USER_INPUT otherwise. */
export function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) {
    throw badUserInput(`DateTime must be an ISO 8601 date-time with a zone, e.g. 2026-03-07T10:30:00.000Z (got ${JSON.stringify(value)})`);
  }
  return value;
}

builder.scalarType('DateTime', {
  description: 'An ISO 8601 date-time with a zone (`2026-03-07T10:30:00.000Z`), as the Arize API sends it.',
  serialize: (value) => String(value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
