/**
 * The tolerant schema helpers every wire type is made of (`src/upstream/tolerant.ts`):
 * whatever the upstream sends, a read gives the declared shape and never fails.
 */
import { describe, expect, it } from 'vitest';
import {
  UNKNOWN, flag, json, jsonList, list, num, objectWithColumns, optList, optNum, optRecord, optStr, readWire, record, str, stringMap, strings,
  tolerantEnum, tolerantObject,
} from '../../src/upstream/tolerant.ts';
import { Task } from '../../src/upstream/types.ts';

/** A sink that remembers what it was told, as `field=value`. */
function sink() {
  const told: string[] = [];
  return { told, note: (field: string, value: string) => { told.push(`${field}=${value}`); } };
}

/** What `schema` reads for `{ v: sent }`, and for `{}` (the key missing). */
const field = <S extends Parameters<typeof readWire>[0]>(schema: S) => {
  const object = tolerantObject({ v: schema });
  return { sent: (sent: unknown) => readWire(object, { v: sent }).v, missing: () => readWire(object, {}).v };
};

describe('tolerant enum', () => {
  const status = () => tolerantObject({ status: tolerantEnum(['PENDING', 'COMPLETED'], 'Run.status') });

  it('reads a known value in any case as its uppercase form, telling nobody', () => {
    const { told, note } = sink();
    expect(readWire(status(), { status: 'pending' }, note)).toEqual({ status: 'PENDING' });
    expect(readWire(status(), { status: 'Completed' }, note)).toEqual({ status: 'COMPLETED' });
    expect(told).toEqual([]);
  });

  it('reads an unknown value as UNKNOWN and tells the sink the field and the value as sent', () => {
    const { told, note } = sink();
    expect(readWire(status(), { status: 'Queued' }, note)).toEqual({ status: UNKNOWN });
    expect(readWire(status(), { status: 42 }, note)).toEqual({ status: UNKNOWN });
    expect(told).toEqual(['Run.status=Queued', 'Run.status=42']);
  });

  it('reads a missing or null value as UNKNOWN, told as an empty value', () => {
    const { told, note } = sink();
    expect(readWire(status(), {}, note)).toEqual({ status: UNKNOWN });
    expect(readWire(status(), { status: null }, note)).toEqual({ status: UNKNOWN });
    expect(told).toEqual(['Run.status=', 'Run.status=']);
  });

  it('tells the sink of the read in progress only: none after it ends, none to a read without a sink', () => {
    const first = sink();
    const second = sink();
    readWire(status(), { status: 'a' }, first.note);
    expect(status()({ status: 'outside' })).toEqual({ status: UNKNOWN });
    readWire(status(), { status: 'b' });
    readWire(status(), { status: 'c' }, second.note);
    expect([first.told, second.told]).toEqual([['Run.status=a'], ['Run.status=c']]);
  });
});

describe('tolerant object', () => {
  const thing = tolerantObject({ id: str(), note: optStr(), inner: tolerantObject({ n: num() }) });

  it('drops the keys it does not declare, at every depth', () => {
    expect(readWire(thing, { id: 'a', note: 'n', inner: { n: 2, surprise: true }, brand_new: { x: 1 } })).toEqual({ id: 'a', note: 'n', inner: { n: 2 } });
  });

  it('reads missing keys as their empty value (null where nullable) and never fails', () => {
    expect(readWire(thing, { id: 'a' })).toEqual({ id: 'a', note: null, inner: { n: 0 } });
  });

  it('reads keys with any characters literally, and refuses a key every object inherits', () => {
    const odd = tolerantObject({ 'a"b': str(), 'c\\d': optStr(), 'e-f g': num() });
    expect(readWire(odd, { 'a"b': 'x', 'c\\d': 'y', 'e-f g': 3, ab: 'no' })).toEqual({ 'a"b': 'x', 'c\\d': 'y', 'e-f g': 3 });
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(() => tolerantObject({ [key]: str() })).toThrow(/Object\.prototype/);
    }
  });

  it('reads anything that is not an object as an empty object would, fresh each time', () => {
    const empty = { id: '', note: null, inner: { n: 0 } };
    for (const sent of [null, undefined, 5, 'text', true, []]) expect(readWire(thing, sent)).toEqual(empty);
    expect(readWire(thing, { inner: 'no' })).toEqual(empty);
    expect(readWire(thing, null)).not.toBe(readWire(thing, null));
  });
});

describe('object keeping its other keys as columns', () => {
  const example = objectWithColumns({ id: str(), created_at: optStr() });

  it('reads the declared keys tolerantly and keeps every other key, as sent, under columns', () => {
    const nested = { deep: [1, { x: null }] };
    const read = readWire(example, { id: 7, question: 'q?', nested, constructor: 'c', columns: 'a column too' });
    expect(read).toEqual({ id: '7', created_at: null, columns: { question: 'q?', nested, constructor: 'c', columns: 'a column too' } });
    expect(read.columns.nested).toBe(nested);
  });

  it('reads anything that is not an object as no columns', () => {
    for (const sent of [null, 3, 'x', ['a']]) expect(readWire(example, sent)).toEqual({ id: '', created_at: null, columns: {} });
  });

  it('keeps a __proto__ key as a plain column, never as a prototype', () => {
    const read = readWire(example, JSON.parse('{"id": "a", "__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(read.columns)).toBe(Object.prototype);
    expect(Object.keys(read.columns)).toEqual(['__proto__']);
    expect((read.columns as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('scalars and lists', () => {
  it('reads a nullable string or number as null when missing, null or of another type', () => {
    for (const [schema, good] of [[optStr(), 'x'], [optNum(), 0.5]] as const) {
      const read = field(schema);
      expect(read.sent(good)).toBe(good);
      expect(read.missing()).toBeNull();
      for (const odd of [null, good === 'x' ? 1 : '1', {}, [], true, Number.NaN]) expect(read.sent(odd)).toBeNull();
    }
  });

  it('reads a required string as its text ("" when missing or null) and a count as 0 unless a finite number', () => {
    const text = field(str());
    expect([text.sent('a'), text.sent(12), text.sent(false), text.sent(null), text.missing()]).toEqual(['a', '12', 'false', '', '']);
    const count = field(num());
    expect([count.sent(3), count.sent('3'), count.sent(Number.POSITIVE_INFINITY), count.sent(null), count.missing()]).toEqual([3, 0, 0, 0, 0]);
  });

  it('reads a structured value where text is expected as empty, never as its String() form, and never fails on it', () => {
    const { told, note } = sink();
    const thing = tolerantObject({ s: str(), e: tolerantEnum(['A', 'RUNNING'], 'Thing.e') });
    expect(readWire(thing, JSON.parse('{"s": {"toString": 1}, "e": {"toString": 1}}'), note)).toEqual({ s: '', e: UNKNOWN });
    expect(readWire(thing, { s: ['a', 'b'], e: ['running'] }, note)).toEqual({ s: '', e: UNKNOWN });
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(readWire(thing, { s: deep, e: deep })).toEqual({ s: '', e: UNKNOWN });
    expect(told).toEqual(['Thing.e=', 'Thing.e=']);
  });

  it('reads a flag as true only for true', () => {
    const read = field(flag());
    expect([read.sent(true), read.sent('true'), read.sent(1), read.sent(false), read.missing()]).toEqual([true, false, false, false, false]);
  });

  it('keeps JSON values and open objects exactly as sent, null or empty when missing', () => {
    const value = { a: [1, 2] };
    expect(field(json()).sent(value)).toBe(value);
    expect(field(json()).sent(0)).toBe(0);
    expect(field(json()).missing()).toBeNull();
    expect(field(optRecord()).sent(value)).toBe(value);
    expect([field(optRecord()).sent([1]), field(optRecord()).sent('x'), field(optRecord()).missing()]).toEqual([null, null, null]);
    expect([field(record()).sent(value), field(record()).sent([1]), field(record()).missing()]).toEqual([value, {}, {}]);
    expect([field(jsonList()).sent([1, 'a']), field(jsonList()).sent({}), field(jsonList()).missing()]).toEqual([[1, 'a'], [], []]);
  });

  it('keeps only the strings of a string list or a string map', () => {
    expect([field(strings()).sent(['a', 1, null, 'b']), field(strings()).sent('a'), field(strings()).missing()]).toEqual([['a', 'b'], [], []]);
    expect(field(stringMap()).sent({ a: 'x', b: 1, c: null })).toEqual({ a: 'x' });
    expect([field(stringMap()).sent(['x']), field(stringMap()).missing()]).toEqual([null, null]);
  });

  it('reads each item of a list tolerantly, and a list that is not one as empty (or null when it may be left out)', () => {
    const item = tolerantObject({ id: str(), kind: tolerantEnum(['A'], 'Item.kind') });
    const { told, note } = sink();
    expect(readWire(tolerantObject({ items: list(item) }), { items: [{ id: 'x', kind: 'a', extra: 1 }, 'junk', { kind: 'B' }] }, note))
      .toEqual({ items: [{ id: 'x', kind: 'A' }, { id: '', kind: UNKNOWN }, { id: '', kind: UNKNOWN }] });
    expect(told).toEqual(['Item.kind=', 'Item.kind=B']);
    expect([field(list(item)).sent('no'), field(list(item)).missing()]).toEqual([[], []]);
    expect([field(optList(item)).sent([{ id: 'y', kind: 'A' }]), field(optList(item)).sent({}), field(optList(item)).missing()])
      .toEqual([[{ id: 'y', kind: 'A' }], null, null]);
  });
});

describe('a run configuration as sent', () => {
  it('keeps a __proto__ key as a plain key: what the upstream sends never becomes the prototype fields are read through', () => {
    const task = readWire(Task, JSON.parse('{"id": "a", "run_configuration": {"__proto__": {"dataset_id": "evil"}, "experiment_type": "llm_generation"}}'));
    const configuration = task.run_configuration!;
    expect(Object.getPrototypeOf(configuration)).toBe(Object.prototype);
    expect((configuration as { dataset_id?: unknown }).dataset_id).toBeUndefined();
    expect(configuration.experiment_type).toBe('LLM_GENERATION');
  });
});
