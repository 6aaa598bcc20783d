/**
 * Checks JSON against the schemas of `../shared/arize-tasks-openapi.yaml`
 * (required fields, types, nullability, enums, bounds), so tests can hold
 * the emulator's answers and the client's requests to the upstream contract.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Schema = {
  $ref?: string; type?: string; required?: string[]; properties?: Record<string, Schema>; items?: Schema;
  nullable?: boolean; enum?: unknown[]; minimum?: number; maximum?: number; minItems?: number; allOf?: Schema[];
  additionalProperties?: boolean | Schema;
};

const document = parse(readFileSync(new URL('../../../shared/arize-tasks-openapi.yaml', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
};

/** Problems found in `value` against the named component schema; empty when it conforms. */
export function conformance(schemaName: string, value: unknown): string[] {
  const problems: string[] = [];
  check(document.components.schemas[schemaName] ?? fail(schemaName), value, schemaName, problems);
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

function check(raw: Schema, value: unknown, path: string, problems: string[]): void {
  const schema = resolve(raw);
  if (schema.allOf) {
    for (const part of schema.allOf) check(part, value, path, problems);
    return;
  }
  if (value === null) {
    if (!schema.nullable) problems.push(`${path} is null but not nullable`);
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}=${JSON.stringify(value)} not in ${schema.enum.join('|')}`);
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') problems.push(`${path} should be a string`);
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
        value.forEach((item, i) => schema.items && check(schema.items, item, `${path}[${i}]`, problems));
      }
      break;
    case 'object':
    case undefined:
      if (schema.properties || schema.required) {
        if (typeof value !== 'object' || Array.isArray(value)) {
          problems.push(`${path} should be an object`);
          break;
        }
        const record = value as Record<string, unknown>;
        for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}.${key} is missing`);
        for (const [key, sub] of Object.entries(schema.properties ?? {})) {
          if (key in record && record[key] !== undefined) check(sub, record[key], `${path}.${key}`, problems);
        }
      }
      break;
  }
}
