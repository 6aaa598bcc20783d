/**
 * Shared argument, connection and payload helpers, so every list pages the
 * same way and every mutation echoes `clientMutationId` the same way, and
 * the upstream cost of a field is declared beside it.
 */
import type { ArgBuilder, InputFieldBuilder, ObjectRef } from '@pothos/core';
import { builder, type BuilderTypes } from './builder.ts';
import type { FieldCost } from './cost.ts';
import { nameFilter } from './rules/common.ts';

/** What every `space` argument takes, for its description. */
export const SPACE_ARGUMENT = 'A space id, or a space\'s exact name (case-sensitive), resolved to one space once per request: no space of that name is NOT_FOUND, two or more are BAD_USER_INPUT (use the id).';

/** A list's `name` filter (the upstream's case-insensitive substring), refused over the upstream's length limit before any call. */
export function nameFilterArg(arg: ArgBuilder<BuilderTypes>, description: string) {
  return arg.string({ description, validate: nameFilter });
}

/** `first` (1..`max`, default 100) and `after` (any edge's cursor): forward paging. */
export function pageArgs(arg: ArgBuilder<BuilderTypes>, max = 100) {
  return {
    first: arg.int({ defaultValue: 100, description: `Page size, 1..${max}.` }),
    after: arg.string({ description: 'Continue right after the edge with this cursor.' }),
  };
}

/**
 * A field's upstream cost, read by the cost limit: `calls` per parent, how
 * many children each parent has (`first`, `ids`, or a number), and the calls
 * its argument values add (`byArgs`: name lookups, space resolution, list
 * lengths; see `cost.ts`).
 */
export function cost(calls: number, fanOut?: FieldCost['fanOut'], byArgs?: FieldCost['byArgs']): { cost: FieldCost } {
  return { cost: { calls, ...(fanOut !== undefined ? { fanOut } : {}), ...(byArgs ? { byArgs } : {}) } };
}

/** The `<Type>Connection` and `<Type>Edge` of a list. */
export function listConnection<T extends object>(ref: ObjectRef<BuilderTypes, T>, typeName: string, noun: string) {
  return builder.connectionObject(
    { type: ref, name: `${typeName}Connection`, description: `A forward-only page of ${noun}s.` },
    { name: `${typeName}Edge`, description: `${/^[aeiou]/.test(noun) ? 'An' : 'A'} ${noun} and the cursor to continue right after it.` },
  );
}

/** The `clientMutationId` input field every mutation input has. */
export function clientMutationId(t: InputFieldBuilder<BuilderTypes, 'InputObject'>) {
  return t.string({ description: 'Echoed back in the payload. A retry with the same value from the same caller within a few minutes returns the first result instead of writing again.' });
}

/** A mutation payload: one `field` of type `ref` and the input's `clientMutationId`. */
export function payload<K extends string, T extends object>(name: string, description: string, field: { name: K; ref: ObjectRef<BuilderTypes, T>; description: string }) {
  return builder.objectRef<Record<K, T> & { clientMutationId: string | null }>(name).implement({
    description,
    fields: (t) => ({
      // the key is generic, so Pothos cannot see that p[field.name] is a T
      [field.name]: t.field({ type: field.ref, description: field.description, resolve: (p) => p[field.name] as never }),
      clientMutationId: t.string({ nullable: true, description: 'The input\'s clientMutationId.', resolve: (p) => p.clientMutationId }),
    }),
  });
}
