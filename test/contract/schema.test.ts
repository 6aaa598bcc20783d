import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isInputObjectType, isInterfaceType, isObjectType, isEnumType, printSchema, type GraphQLNamedType } from 'graphql';
import { schema } from '../../src/schema/index.ts';
import { gateway } from '../support/servers.ts';

describe('the schema', () => {
  it('matches the committed schema.graphql (run `npm run schema:print` after a schema change)', () => {
    const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(`${printSchema(schema)}\n`).toBe(committed);
  });

  it('documents every type, field, argument, input field and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('holds every name of the public contract', () => {
    // the SDL without descriptions, on one line per definition
    const sdl = printSchema(schema).replace(/"""[^]*?"""/g, '').replace(/^\s*"[^"\n]*"\s*$/gm, '').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').replace(/\n\s*\n/g, '\n').replace(/([^{\s])\n\s+(?=\w+:)/g, '$1, ');
    for (const line of [
      'interface Node', 'type Task implements Node', 'type TaskRun implements Node', 'type PageInfo',
      'createTask(input: CreateTaskInput!): CreateTaskPayload!', 'cancelTaskRun(input: CancelTaskRunInput!): CancelTaskRunPayload!',
      'edges: [TaskEdge!]!', 'nodes: [Task!]!', 'nodes: [TaskRun!]!',
    ]) expect(sdl).toContain(line);
    expect(sdl).toContain('runStatus(runId: ID!): TaskRun!');
    expect(sdl).toContain('tasks(first: Int = 100, after: String, name: String, project: String, dataset: String, space: String, type: TaskType): TaskConnection!');
    expect(sdl).toContain('waitForTaskRun(id: ID!, pollIntervalSeconds: Float = 5, timeoutSeconds: Float = 600): TaskRun!');
  });
});

describe('GraphiQL', () => {
  it('serves GraphiQL from the gateway itself, opening with the example operation', async () => {
    const gw = await gateway();
    const html = await (await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('query TasksWithRuns');
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr/);
  });
});
