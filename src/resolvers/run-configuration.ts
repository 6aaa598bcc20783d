/** Reading a run configuration's values tolerantly, as the rest of the wire is read. */
import { UNKNOWN, type Unknown } from '../upstream/types.ts';

/** `value` as one of `known` (any case), or UNKNOWN. */
export function readEnumValue<T extends string>(known: readonly T[], value: unknown): T | Unknown {
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  return (known as readonly string[]).includes(upper) ? (upper as T) : UNKNOWN;
}

/** The configuration a union can show: null for a kind this gateway does not know. */
export function knownRunConfiguration<T extends { experiment_type: string }>(config: T | null): T | null {
  return config && config.experiment_type !== UNKNOWN ? config : null;
}
