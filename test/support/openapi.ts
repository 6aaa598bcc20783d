/**
 * Checks JSON against the schemas of the upstream contract's OpenAPI document
 * (required fields, types, nullability, enums, bounds), so tests can hold
 * the emulator's answers and the client's requests to the upstream contract.
 * The document is the repository's own copy, `contract/arize-openapi.yaml`
 * (a header, then `../shared/arize-tasks-openapi.yaml` unchanged); nothing
 * here reads outside the repository.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The committed copy of the contract. */
export const CONTRACT_COPY = new URL('../../contract/arize-openapi.yaml', import.meta.url);
/** The line that ends the copy's own header (written by `npm run contract:copy`). */
const MARKER = /^# ---- the copied document follows, unchanged ----\n/m;

/** The committed copy split into its header and the copied document, byte for byte as copied. */
export function committedContract(): { header: string; document: string } {
  const text = readFileSync(CONTRACT_COPY, 'utf8');
  const marker = MARKER.exec(text);
  if (!marker) throw new Error(`${CONTRACT_COPY.pathname} has no header marker: make it again with npm run contract:copy`);
  const end = marker.index + marker[0].length;
  return { header: text.slice(0, end), document: text.slice(end) };
}

type Schema = {
  $ref?: string; type?: string; required?: string[]; properties?: Record<string, Schema>; items?: Schema;
  nullable?: boolean; enum?: unknown[]; minimum?: number; maximum?: number; minItems?: number; allOf?: Schema[];
  oneOf?: Schema[]; anyOf?: Schema[]; discriminator?: { propertyName: string; mapping?: Record<string, string> };
  minLength?: number; minProperties?: number; additionalProperties?: boolean | Schema;
};

const document = parse(committedContract().document) as {
  components: { schemas: Record<string, Schema> };
};

/**
 * Problems found in `value` against the named component schema; empty when
 * it conforms. `strict` (for request bodies the gateway sends) also counts
 * keys the schema does not name, so a field sent to the wrong variant shows.
 */
export function conformance(schemaName: string, value: unknown, { strict = false } = {}): string[] {
  const problems: string[] = [];
  check(document.components.schemas[schemaName] ?? fail(schemaName), value, schemaName, problems, strict);
  return problems;
}

function fail(name: string): never {
  throw new Error(`no schema ${name} in the OpenAPI document`);
}

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').at(-1)!;
  return document.components.schemas[name] ?? fail(name);
}

function check(raw: Schema, value: unknown, path: string, problems: string[], strict = false): void {
  const schema = resolve(raw);
  if (value === null) {
    // `allOf: [$ref]` with no `nullable` beside it takes null when every part does (the autumn-2026 QueryFilters / QueryMappings)
    const nullable = schema.nullable || (schema.allOf?.every((part) => resolve(part).nullable) ?? false);
    if (!nullable) problems.push(`${path} is null but not nullable`);
    return;
  }
  if (schema.allOf) {
    for (const part of schema.allOf) check(part, value, path, problems, strict);
    return;
  }
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices) {
    // a discriminator names the branch; otherwise one branch (oneOf: exactly one) must accept the value
    const tag = schema.discriminator && value && typeof value === 'object' ? (value as Record<string, unknown>)[schema.discriminator.propertyName] : undefined;
    const mapped = typeof tag === 'string' ? schema.discriminator?.mapping?.[tag] : undefined;
    if (schema.discriminator && !mapped) {
      problems.push(`${path}.${schema.discriminator.propertyName}=${JSON.stringify(tag)} names no variant`);
      return;
    }
    if (mapped) {
      check({ $ref: mapped }, value, path, problems, strict);
      return;
    }
    const results = choices.map((choice) => {
      const found: string[] = [];
      check(choice, value, path, found, strict);
      return found;
    });
    const passing = results.filter((r) => r.length === 0).length;
    if (passing === 0) problems.push(`${path} matches no variant: ${results.map((r) => r.join('; ')).join(' | ')}`);
    else if (schema.oneOf && passing > 1) problems.push(`${path} matches ${passing} variants of a oneOf`);
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}=${JSON.stringify(value)} not in ${schema.enum.join('|')}`);
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') problems.push(`${path} should be a string`);
      else if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${path} is shorter than ${schema.minLength}`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) problems.push(`${path} should be an integer`);
      break;
    case 'number':
      if (typeof value !== 'number') problems.push(`${path} should be a number`);
      else {
        if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path} below ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path} above ${schema.maximum}`);
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path} should be a boolean`);
      break;
    case 'array':
      if (!Array.isArray(value)) problems.push(`${path} should be an array`);
      else {
        if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${path} has fewer than ${schema.minItems} items`);
        value.forEach((item, i) => schema.items && check(schema.items, item, `${path}[${i}]`, problems, strict));
      }
      break;
    case 'object':
    case undefined:
      if (schema.properties || schema.required || schema.minProperties !== undefined) {
        if (typeof value !== 'object' || Array.isArray(value)) {
          problems.push(`${path} should be an object`);
          break;
        }
        const record = value as Record<string, unknown>;
        for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}.${key} is missing`);
        if (schema.minProperties !== undefined && Object.keys(record).length < schema.minProperties) problems.push(`${path} has fewer than ${schema.minProperties} keys`);
        if (schema.additionalProperties === false || (strict && schema.properties && schema.additionalProperties === undefined)) {
          for (const key of Object.keys(record)) if (!(key in (schema.properties ?? {}))) problems.push(`${path}.${key} is not in the schema`);
        }
        for (const [key, sub] of Object.entries(schema.properties ?? {})) {
          if (key in record && record[key] !== undefined) check(sub, record[key], `${path}.${key}`, problems, strict);
        }
      }
      break;
  }
}

/**
 * `problems` less those about a type the document leaves open: `TaskType`
 * and `EvaluatorType` say servers since October 2026 also send Decision
 * Judge types whose strings are not published (the emulator uses
 * `DECISION_JUDGE`), so such a `type` is not a conformance problem.
 */
export function beyondOpenEnums(problems: string[]): string[] {
  return problems.filter((problem) => !/\.type="DECISION_JUDGE" (not in |names no variant)/.test(problem));
}
