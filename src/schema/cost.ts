/**
 * What a field costs in upstream calls, declared beside the field (its
 * `extensions.cost`, see `args.ts`) and read by the cost limit
 * (`plugins/use-upstream-cost.ts`): calls per parent, fan-out, and the
 * calls its argument values add. A name given where a name or an id is
 * taken is priced at its search's page budget ({@link NAME_LOOKUP_PAGES}),
 * an id at nothing; a space name is priced once per operation by the limit.
 */
import { looksLikeId } from '../upstream/ids.ts';
import { NAME_LOOKUP_PAGES } from '../upstream/paginate.ts';

/** Calls that depend on a field's argument values, and the space names (or ids) whose resolution it needs. */
export interface ArgCost { calls: number; spaces?: readonly unknown[] }

/**
 * Upstream calls one field makes per parent, and how many children each
 * parent has under it; `byArgs` adds the calls its argument values decide
 * (name lookups, list lengths). Declared beside each field that calls
 * upstream, in its `extensions.cost` (see `schema/args.ts`).
 */
export interface FieldCost { calls: number; fanOut?: number | 'first' | 'ids'; byArgs?: (args: Record<string, unknown>) => ArgCost }

/** True for a value that is looked up by name (a non-empty string that is not an id). */
export const isName = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && !looksLikeId(value);

/**
 * The price of a name-or-id argument `value` resolved within `space`: a name
 * is one bounded search plus its space's resolution; an id costs nothing.
 */
export function lookup(value: unknown, space: unknown): ArgCost {
  return isName(value) ? { calls: NAME_LOOKUP_PAGES, spaces: [space] } : { calls: 0 };
}

/** The price of a list scoped by `space`: its resolution when it is a name. */
export const inSpace = (space: unknown): ArgCost => ({ calls: 0, spaces: [space] });

/** Several argument costs together. */
export function plus(...costs: ArgCost[]): ArgCost {
  return { calls: costs.reduce((sum, c) => sum + c.calls, 0), spaces: costs.flatMap((c) => c.spaces ?? []) };
}

/** A mutation's `input` argument as an object (empty when absent or not an object). */
export const inputOf = (args: Record<string, unknown>): Record<string, unknown> =>
  (args.input && typeof args.input === 'object' ? args.input as Record<string, unknown> : {});

/** How many items a list value holds (0 when it is not a list). */
export const countOf = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
