/**
 * Body readers: each reads one key of a JSON request body as the upstream
 * does, and refuses a wrong shape with the 400 the contract gives
 * (`../shared/upstream-api.md`). The rules that need stored data live in
 * `task-rules.ts` and `run-rules.ts`.
 */
import { EXPERIMENT_TYPES, TASK_TYPES, type TaskType } from '../src/upstream/wire-values.ts';
import { badRequest } from './problems.ts';
import type { Task } from './store.ts';

type Body = Record<string, unknown>;

/** 400 when the body has any of `keys` (`why` says why they may not be there). */
export function refuseKeys(body: Body, keys: string[], why: string): void {
  const present = keys.find((key) => key in body);
  if (present !== undefined) throw badRequest(`${present} ${why}`);
}

/** `name`: a string of at least one character. */
export function requireName(body: Body): string {
  const value = body.name;
  if (typeof value !== 'string' || value.length === 0) throw badRequest('name is required and must be a string of at least one character');
  return value;
}

/** `key`: absent, or a string. */
export function optionalString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${key} must be a string`);
  return value;
}

/** An open JSON object (`query_filters`, `query_mappings`): absent or null as undefined, anything but an object 400. Kept exactly as sent. */
export function optionalObject(body: Body, key: string, where = key): Record<string, unknown> | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${where} must be a JSON object or null`);
  return value as Record<string, unknown>;
}

/**
 * A small part of Arize's filter language, enough for an emulator:
 * `column = 'text'`, `column != 'text'` or a number, joined by `and`. What it
 * cannot read is 400 rather than a guess.
 */
export function exampleFilter(filter: string): (example: Record<string, unknown>) => boolean {
  const clauses = filter.split(/\s+and\s+/i).map((clause) => {
    const match = /^\s*([A-Za-z_][\w.]*)\s*(==|=|!=)\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?))\s*$/.exec(clause);
    if (!match) throw badRequest(`query_filter: cannot read ${JSON.stringify(clause.trim())} (this emulator understands column = 'text', column != 'text' and numbers, joined by and)`);
    const [, column, op, single, double, number] = match;
    const equal = (example: Record<string, unknown>) => (number !== undefined
      ? Number(example[column!]) === Number(number)
      : example[column!] !== undefined && example[column!] !== null && String(example[column!]) === (single ?? double));
    return op === '!=' ? (example: Record<string, unknown>) => !equal(example) : equal;
  });
  return (example) => clauses.every((clause) => clause(example));
}

/** `key`: absent, or a boolean. */
export function optionalBoolean(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${key} must be a boolean`);
  return value;
}

/** `key`: absent, or an array of ids (strings). */
export function optionalStringArray(body: Body, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw badRequest(`${key} must be an array of ids`);
  return value as string[];
}

/** `sampling_rate`: absent, or a number between 0 and 1. */
export function optionalRate(body: Body): number | undefined {
  const value = body.sampling_rate;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw badRequest('sampling_rate must be a number between 0 and 1');
  }
  return value;
}

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** `key`: absent, or an ISO 8601 date-time with a zone, on a real calendar day. */
export function optionalTime(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? ISO_WITH_ZONE.exec(value) : null;
  const [year, month, day] = (match ?? []).slice(1, 4).map(Number);
  const realDay = match !== null && month! >= 1 && month! <= 12 && day! >= 1 && day! <= new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (!realDay || Number.isNaN(Date.parse(value as string))) {
    throw badRequest(`${key} must be an ISO 8601 date-time with a zone`);
  }
  return value as string;
}

/** `type`: one of the task types the contract lists. */
export function requireTaskType(value: unknown): TaskType {
  if (!(TASK_TYPES as readonly unknown[]).includes(value)) throw badRequest(`type must be one of ${TASK_TYPES.join(', ')}`);
  return value as TaskType;
}

const INPUT_VARIABLE_FORMATS = ['F_STRING', 'MUSTACHE', 'NONE'];
const MESSAGE_ROLES = ['USER', 'ASSISTANT', 'SYSTEM', 'TOOL'];

/** The `RunConfiguration` rules: a known `experiment_type` and each variant's required fields. */
export function checkRunConfiguration(value: unknown): Task['run_configuration'] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('run_configuration is required and must be an object');
  const config = value as Record<string, unknown>;
  const type = config.experiment_type;
  if (!(EXPERIMENT_TYPES as readonly unknown[]).includes(type)) {
    throw badRequest(`run_configuration.experiment_type must be one of ${EXPERIMENT_TYPES.join(', ')}`);
  }
  const need = (key: string, ok: (v: unknown) => boolean, what: string) => {
    if (!ok(config[key])) throw badRequest(`run_configuration.${key} ${what}`);
  };
  const text = (v: unknown) => typeof v === 'string' && v.length > 0;
  const object = (v: unknown) => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  const optional = (key: string, ok: (v: unknown) => boolean, what: string) => {
    if (config[key] !== undefined) need(key, ok, what);
  };
  if (type === 'LLM_GENERATION') {
    need('ai_integration_id', text, 'is required');
    need('messages', (v) => Array.isArray(v) && v.length > 0 && v.every((m) => object(m) && MESSAGE_ROLES.includes((m as { role?: string }).role ?? '')),
      `must hold at least one message with a role of ${MESSAGE_ROLES.join(', ')}`);
    need('input_variable_format', (v) => INPUT_VARIABLE_FORMATS.includes(v as string), `must be one of ${INPUT_VARIABLE_FORMATS.join(', ')}`);
  } else if (type === 'TEMPLATE_EVALUATION') {
    need('ai_integration_id', text, 'is required');
    need('template', text, 'is required and must not be empty');
    need('provide_explanation', (v) => typeof v === 'boolean', 'is required (true or false)');
    optional('classification_choices', (v) => object(v) && Object.values(v as object).every((n) => typeof n === 'number'), 'must map labels to numbers');
    optional('column_mapping', (v) => object(v) && Object.values(v as object).every((n) => typeof n === 'string'), 'must map variables to columns');
  } else {
    need('integration_id', text, 'is required');
    need('input_template', object, 'is required and must be an object');
  }
  for (const key of ['invocation_parameters', 'provider_parameters', 'tool_config']) optional(key, object, 'must be an object');
  if (type === 'AGENT_CALL') return { ...config, experiment_type: type, input_template: normaliseTemplate(config.input_template) as Record<string, unknown> };
  return { ...config, experiment_type: type as never };
}

/** `{{dataset.column}}` is accepted and echoed back as `{{column}}`. */
function normaliseTemplate(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\{\{\s*dataset\./g, '{{');
  if (Array.isArray(value)) return value.map(normaliseTemplate);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseTemplate(v)]));
  return value;
}
