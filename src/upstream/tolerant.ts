/**
 * The building blocks of the wire schemas (`types.ts`): valibot schemas that
 * never fail. Whatever the upstream sends, a read gives a value of the
 * declared type: a missing optional key or a value of the wrong type reads as
 * null (or the field's empty value), unknown keys are dropped (or kept as
 * `columns` where the API says so), enum values are read in any case, and a
 * value this gateway does not know reads as {@link UNKNOWN} and is told to the
 * read's {@link UnknownValueSink}. See `../shared/upstream-api.md`
 * ("Compatibility").
 */
import * as v from 'valibot';

/** What a value the upstream sent but this gateway does not know reads as. Never terminal, never sent upstream. */
export const UNKNOWN = 'UNKNOWN';
/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

/** Told about each enum value the gateway does not know, e.g. `('TaskRun.status', 'QUEUED')`. */
export type UnknownValueSink = (field: string, value: string) => void;

/** A JSON object as sent. */
type Raw = Record<string, unknown>;

const ignore: UnknownValueSink = () => {};
/** The sink of the read in progress (reads are synchronous, so one at a time; see {@link readWire}). */
let reportTo: UnknownValueSink = ignore;

/**
 * `raw` read with `schema` (one of this module's tolerant schemas, which never
 * fail); each enum value it does not know is told to `sink` (none: ignored).
 */
export function readWire<S extends v.GenericSchema>(schema: S, raw: unknown, sink: UnknownValueSink = ignore): v.InferOutput<S> {
  const outer = reportTo;
  reportTo = sink;
  try {
    return v.parse(schema, raw);
  } finally {
    reportTo = outer;
  }
}

/** `x` as text: a string as is, null or absent as `''`, anything else through `String`. */
const text = (x: unknown): string => (typeof x === 'string' ? x : x == null ? '' : String(x));
const isObject = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const anyList = v.custom<unknown[]>(Array.isArray);
const anyObject = v.custom<Raw>(isObject);

/** A string the API always sends: absent or null reads `''`, another scalar its text. */
export const str = () => v.fallback(v.string(), (sent) => text(sent?.value));
/** A nullable string: absent or not a string reads null. */
export const optStr = () => v.fallback(v.nullable(v.string()), null);
/** A count: absent or not a finite number reads 0. */
export const num = () => v.fallback(v.pipe(v.number(), v.finite()), 0);
/** A nullable number: absent or not a finite number reads null. */
export const optNum = () => v.fallback(v.nullable(v.pipe(v.number(), v.finite())), null);
/** A flag: true only when the API sends `true`. */
export const flag = () => v.fallback(v.boolean(), false);
/** Any JSON value, exactly as sent; absent reads null. */
export const json = () => v.optional(v.unknown(), null);
/** An open JSON object, exactly as sent; absent or not an object reads null. */
export const optRecord = () => v.fallback(v.nullable(anyObject), null);
/** An open JSON object, exactly as sent; absent or not an object reads `{}`. */
export const record = () => v.fallback(anyObject, () => ({}));
/** A JSON array, exactly as sent; absent or not an array reads `[]`. */
export const jsonList = () => v.fallback(anyList, () => []);
/** The strings of a list (other entries dropped); absent or not a list reads `[]`. */
export const strings = () => v.fallback(v.pipe(anyList, v.transform((list) => list.filter(isString))), () => []);
/** A map of strings (other entries dropped); absent or not an object reads null. */
export const stringMap = () => v.fallback(v.nullable(v.pipe(anyObject, v.transform(onlyStrings))), null);
/** A list of `item`; absent or not a list reads `[]` (each item is read tolerantly). */
export const list = <S extends v.GenericSchema>(item: S) => v.fallback(v.array(item), () => []);
/** A list of `item` that may be left out: absent or not a list reads null. */
export const optList = <S extends v.GenericSchema>(item: S) => v.fallback(v.nullable(v.array(item)), null);

function onlyStrings(o: Raw): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(o)) if (typeof o[key] === 'string') out[key] = o[key];
  return out;
}

/**
 * A function that reads a value as one of `known`, compared in any case, or
 * as {@link UNKNOWN}, telling the read's sink `(field, value as sent)`; absent
 * or null reads `UNKNOWN` too (told as `''`).
 */
export function enumReader<const T extends readonly string[]>(known: T, field: string): (sent: unknown) => T[number] | Unknown {
  const values = new Set<string>(known);
  return (sent) => {
    const value = text(sent);
    const upper = value.toUpperCase();
    if (values.has(upper)) return upper as T[number];
    reportTo(field, value);
    return UNKNOWN;
  };
}

/** An enum field read by {@link enumReader} (the `''` default makes an absent key reach the reader too). */
export const tolerantEnum = <const T extends readonly string[]>(known: T, field: string) =>
  v.pipe(v.optional(v.unknown(), ''), v.transform(enumReader(known, field)));

/**
 * An object with exactly `entries`, each read tolerantly; unknown keys are
 * dropped; anything that is not an object reads as `{}` would.
 */
export function tolerantObject<const E extends v.ObjectEntries>(entries: E) {
  const schema = v.object(entries);
  return v.fallback(schema, () => v.parse(schema, {}));
}

/**
 * An object with `entries` read tolerantly and every other key kept, as sent,
 * under `columns` (dataset examples, experiment runs).
 */
export function objectWithColumns<const E extends v.ObjectEntries>(entries: E) {
  const known = tolerantObject(entries);
  return v.pipe(v.unknown(), v.transform((sent) => {
    const o = isObject(sent) ? sent : {};
    const columns: Raw = Object.fromEntries(Object.entries(o).filter(([key]) => !Object.hasOwn(entries, key)));
    return { ...v.parse(known, o), columns };
  }));
}
