/**
 * The building blocks of the wire schemas (`types.ts`): schemas that never
 * fail. A schema here is a function: whatever the upstream sends, it reads a
 * value of the declared type, and its TypeScript type is inferred from it
 * ({@link Infer}). A missing optional key or a value of the wrong type reads
 * as null (or the field's empty value), unknown keys are dropped (or kept as
 * `columns` where the API says so), enum values are read in any case, and a
 * value this gateway does not know reads as {@link UNKNOWN} and is told to
 * the read's {@link UnknownValueSink}. See `../shared/upstream-api.md`
 * ("Compatibility").
 *
 * Plain functions rather than a schema library's objects: every answer the
 * gateway serves is read through them, and a page of 20 tasks reads in a few
 * microseconds this way against about 50 with valibot (docs/benchmarks.md).
 * A missing key reads as the schema reads `undefined`.
 */

/** What a value the upstream sent but this gateway does not know reads as. Never terminal, never sent upstream. */
export const UNKNOWN = 'UNKNOWN';
/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

/** Told about each enum value the gateway does not know, e.g. `('TaskRun.status', 'QUEUED')`. */
export type UnknownValueSink = (field: string, value: string) => void;

/** A tolerant schema: reads anything sent (`undefined` for a missing key) as a `T`; never throws. */
export type Schema<T> = (sent: unknown) => T;
/** The type a schema reads. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A JSON object as sent. */
type Raw = Record<string, unknown>;

const ignore: UnknownValueSink = () => {};
/** The sink of the read in progress (reads are synchronous, so one at a time; see {@link readWire}). */
let reportTo: UnknownValueSink = ignore;

/**
 * `raw` read with `schema` (one of this module's tolerant schemas, which never
 * fail); each enum value it does not know is told to `sink` (none: ignored).
 */
export function readWire<T>(schema: Schema<T>, raw: unknown, sink: UnknownValueSink = ignore): T {
  const outer = reportTo;
  reportTo = sink;
  try {
    return schema(raw);
  } finally {
    reportTo = outer;
  }
}

/**
 * `x` as text: a string as is, a number or a flag as its text, anything else
 * (absent, null, an object, a list) as `''`: never through `String()` on a
 * structure, which can throw (`{"toString": 1}`) or overflow (deep lists).
 */
const text = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : '');
const isObject = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A string the API always sends: absent, null or a structure reads `''`, a number or a flag its text. */
export const str = (): Schema<string> => text;
/** A nullable string: absent or not a string reads null. */
export const optStr = (): Schema<string | null> => (x) => (typeof x === 'string' ? x : null);
/** A count: absent or not a finite number reads 0. */
export const num = (): Schema<number> => (x) => (isFiniteNumber(x) ? x : 0);
/** A nullable number: absent or not a finite number reads null. */
export const optNum = (): Schema<number | null> => (x) => (isFiniteNumber(x) ? x : null);
/** A flag: true only when the API sends `true`. */
export const flag = (): Schema<boolean> => (x) => x === true;
/** Any JSON value, exactly as sent; absent reads null. */
export const json = (): Schema<unknown> => (x) => (x === undefined ? null : x);
/** An open JSON object, exactly as sent; absent or not an object reads null. */
export const optRecord = (): Schema<Raw | null> => (x) => (isObject(x) ? x : null);
/** An open JSON object, exactly as sent; absent or not an object reads `{}`. */
export const record = (): Schema<Raw> => (x) => (isObject(x) ? x : {});
/** A JSON array, exactly as sent; absent or not an array reads `[]`. */
export const jsonList = (): Schema<unknown[]> => (x) => (Array.isArray(x) ? x : []);
/** The strings of a list (other entries dropped); absent or not a list reads `[]`. */
export const strings = (): Schema<string[]> => (x) => (Array.isArray(x) ? x.filter(isString) : []);
/** A map of strings (other entries dropped); absent or not an object reads null. */
export const stringMap = (): Schema<Record<string, string> | null> => (x) => (isObject(x) ? onlyStrings(x) : null);
/** A list of `item`; absent or not a list reads `[]` (each item is read tolerantly). */
export const list = <T>(item: Schema<T>): Schema<T[]> => (x) => (Array.isArray(x) ? x.map((one) => item(one)) : []);
/** A list of `item` that may be left out: absent or not a list reads null. */
export const optList = <T>(item: Schema<T>): Schema<T[] | null> => (x) => (Array.isArray(x) ? x.map((one) => item(one)) : null);
/** What `schema` reads, turned by `turn` (which must not fail either). */
export const map = <T, U>(schema: Schema<T>, turn: (value: T) => U): Schema<U> => (x) => turn(schema(x));

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

/** An enum field read by {@link enumReader}. */
export const tolerantEnum = <const T extends readonly string[]>(known: T, field: string): Schema<T[number] | Unknown> => enumReader(known, field);

/** The entries of an object schema: a schema per key. */
export type Entries = Record<string, Schema<unknown>>;
/** What an object of `entries` reads as. */
export type ObjectOf<E extends Entries> = { -readonly [K in keyof E]: Infer<E[K]> };

/**
 * An object with exactly `entries`, each read tolerantly (a missing key as
 * its schema reads `undefined`); unknown keys are dropped; anything that is
 * not an object reads as `{}` would, a fresh object each time.
 */
export function tolerantObject<const E extends Entries>(entries: E): Schema<ObjectOf<E>> {
  const keys = Object.keys(entries);
  // an entry named like a property every object inherits would read that property on a key left out
  const inherited = keys.find((key) => key in Object.prototype);
  if (inherited !== undefined) throw new Error(`a wire key may not be named like Object.prototype's "${inherited}"`);
  const schemas = keys.map((key) => entries[key]!);
  // one object literal per shape (its keys our own constants, quoted): V8 reads and builds it at full speed
  const body = `return (x) => { const o = isObject(x) ? x : {}; return { ${keys.map((key, i) => `${JSON.stringify(key)}: s[${i}](o[${JSON.stringify(key)}])`).join(', ')} }; };`;
  return new Function('s', 'isObject', body)(schemas, isObject) as Schema<ObjectOf<E>>;
}

/**
 * An object with `entries` read tolerantly and every other key kept, as sent,
 * under `columns` (dataset examples, experiment runs).
 */
export function objectWithColumns<const E extends Entries>(entries: E): Schema<ObjectOf<E> & { columns: Raw }> {
  const known = tolerantObject(entries);
  return (sent) => {
    const o = isObject(sent) ? sent : {};
    const columns: Raw = Object.fromEntries(Object.entries(o).filter(([key]) => !Object.hasOwn(entries, key)));
    return { ...known(o), columns };
  };
}
