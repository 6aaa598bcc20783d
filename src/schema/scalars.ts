import { Kind, valueFromASTUntyped } from 'graphql';
import { builder } from './builder.ts';
import { badUserInput } from '../errors.ts';

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** True when year, month and day name a day on the calendar (no 2026-02-30, no 2025-02-29). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Returns `value` when it is an ISO 8601 date-time with a zone that exists on
 * the calendar and the clock; throws BAD_USER_INPUT otherwise, so an
 * impossible date never reaches the upstream.
 */
function parseDateTime(value: unknown): string {
  const match = typeof value === 'string' ? ISO_WITH_ZONE.exec(value) : null;
  const [year, month, day, hour, minute, second, zoneHours, zoneMinutes] = (match ?? []).slice(1).map((part) => Number(part ?? 0));
  const valid = match !== null && isCalendarDay(year!, month!, day!) && hour! <= 23 && minute! <= 59 && second! <= 59 &&
    zoneHours! <= 23 && zoneMinutes! <= 59 && !Number.isNaN(Date.parse(value as string));
  if (!valid) {
    throw badUserInput(`DateTime must be an ISO 8601 date-time with a zone that exists on the calendar, e.g. 2026-03-07T10:30:00.000Z (got ${JSON.stringify(value)})`);
  }
  return value as string;
}

builder.scalarType('DateTime', {
  description: 'An ISO 8601 date-time with a zone (`2026-03-07T10:30:00.000Z`), as the Arize API sends it. Dates that do not exist on the calendar are refused.',
  serialize: (value) => String(value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: 'An open upstream object (configurations, parameters, columns), passed through unchanged.',
  serialize: (value) => value,
  // graphql-js keeps null apart before a scalar's parsers run, so a value here is never null
  parseValue: (value) => value as NonNullable<unknown>,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables ?? undefined) as NonNullable<unknown>,
});
