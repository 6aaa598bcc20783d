/**
 * Which Arize API the emulator speaks. `current` (default): today's page,
 * uppercase values, the new fields, 404 for an unknown scoping id. `legacy`:
 * the April 2026 API, lowercase values (and only lowercase accepted), none
 * of the new keys, an empty list for an unknown scoping id.
 */
import { badRequest } from './problems.ts';

/** An API version the emulator can speak. */
export type Dialect = 'current' | 'legacy';
/** Every dialect, for checking `EMULATOR_DIALECT` and the admin route. */
export const DIALECTS: readonly Dialect[] = ['current', 'legacy'];

/** Keys the April 2026 API did not have. */
const NEW_KEYS = new Set([
  'run_configuration', 'experiment_id', 'failure_reason', 'evaluator_version_id', 'integration_id', 'use_structured_output', 'error_code',
  // autumn 2026 (experiments' `space_id` is dropped by the experiment routes: other objects had it in April)
  'query_filters', 'query_mappings',
]);
const ENUM_KEYS = new Set(['type', 'status']);

/** A response as the April 2026 API sent it: lowercase enum values, none of the new keys, versions without `type`. */
export function toLegacy(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => toLegacy(item));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (NEW_KEYS.has(k) || (key === 'version' && k === 'type')) continue;
      out[k] = toLegacy(v, k);
    }
    return out;
  }
  return typeof value === 'string' && key !== undefined && ENUM_KEYS.has(key) && /^[A-Z_]+$/.test(value) ? value.toLowerCase() : value;
}

/** A legacy request: lowercase enum values in `type` and `status` only; they are stored uppercase. */
export function fromLegacy(query: URLSearchParams, body: Record<string, unknown>): void {
  const lower = (where: string, value: unknown): string => {
    if (typeof value !== 'string' || value !== value.toLowerCase()) {
      throw badRequest(`${where} must be a lowercase value, e.g. template_evaluation or pending (got '${String(value)}')`);
    }
    return value.toUpperCase();
  };
  for (const key of ['type', 'status']) {
    const value = query.get(key);
    if (value) query.set(key, lower(key, value));
  }
  if (body.type !== undefined) body.type = lower('type', body.type);
}

