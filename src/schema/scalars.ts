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

/** The deepest JSON input taken: real filters and configurations are a few levels deep. */
export const MAX_JSON_DEPTH = 64;

/**
 * Returns `value` when it is nested at most {@link MAX_JSON_DEPTH} levels;
 * throws BAD_USER_INPUT otherwise. A deeper value could not be written into
 * a request body (JSON.stringify runs out of stack near 5000 levels, after
 * which a write would be reported as of unknown outcome) and no upstream
 * parser takes it, so it is refused before anything is sent. Walked without
 * recursion, so the check itself cannot run out of stack.
 */
function withinDepth<T>(value: T): T {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw badUserInput(`A JSON value may not be nested deeper than ${MAX_JSON_DEPTH} levels.`);
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return value;
}

builder.scalarType('JSON', {
  description: `An open upstream object (configurations, parameters, columns), passed through unchanged; at most ${MAX_JSON_DEPTH} levels deep as an input.`,
  serialize: (value) => value,
  // graphql-js keeps null apart before a scalar's parsers run, so a value here is never null
  parseValue: (value) => withinDepth(value as NonNullable<unknown>),
  parseLiteral: (ast, variables) => withinDepth(valueFromASTUntyped(ast, variables ?? undefined) as NonNullable<unknown>),
});
