import { parse, type GraphQLField, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/plugins/use-upstream-cost.ts';
import { schema } from '../../src/schema/index.ts';
import { NAME_LOOKUP_PAGES as PAGES } from '../../src/upstream/paginate.ts';

const cost = (query: string, variables?: Record<string, unknown>) => estimateCost(schema, parse(query), undefined, variables);

describe('the upstream cost of an operation', () => {
  it('prices a list by its page size, and what is under it by page size times its own cost', () => {
    expect(cost('{ tasks(first: 10) { nodes { id } } }')).toBe(1);
    expect(cost('{ tasks(first: 10) { nodes { project { name } } } }')).toBe(1 + 10);
    expect(cost('{ tasks { nodes { runs(first: 5) { nodes { id } } } } }')).toBe(1 + 100 * 1);
    expect(cost('{ tasks(first: 2) { nodes { runs(first: 5) { nodes { task { name } } } } } }')).toBe(1 + 2 * (1 + 5));
  });

  it('prices `first` and `ids` given as variables by their values', () => {
    expect(cost('query($n: Int) { tasks(first: $n) { nodes { project { id } } } }', { n: 3 })).toBe(1 + 3);
    expect(cost('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c'] })).toBe(3);
    expect(cost('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Task { project { id } } } }', { ids: ['a', 'b'] })).toBe(2 + 2);
  });

  it('follows fragments and inline fragments by their type condition', () => {
    expect(cost('{ node(id: "x") { ... on Task { project { id } dataset { id } } } }')).toBe(3);
    expect(cost('{ tasks(first: 4) { nodes { ...T } } } fragment T on Task { project { id } }')).toBe(1 + 4);
  });

  it('prices a name given for a name or an id at its search\'s page budget, an id at nothing, and each distinct space name once', () => {
    const taskId = Buffer.from('OnlineTask:1:abcd').toString('base64');
    const spaceId = Buffer.from('Space:1:abcd').toString('base64');
    expect(cost(`{ task(task: "${taskId}", space: "Production") { id } }`)).toBe(1); // the space is not needed
    expect(cost(`{ task(task: "t", space: "${spaceId}") { id } }`)).toBe(1 + PAGES);
    expect(cost('{ task(task: "t", space: "Production") { id } }')).toBe(1 + PAGES + PAGES);
    expect(cost('{ a: task(task: "t", space: "P") { id } b: taskRuns(task: "u", space: "P") { nodes { id } } c: projects(space: "Q") { nodes { id } } }'))
      .toBe((1 + PAGES) + (1 + PAGES) + 1 + 2 * PAGES);
    expect(cost('query($t: String!, $s: String) { task(task: $t, space: $s) { id } }', { t: taskId, s: 'P' })).toBe(1);
    expect(cost('{ experiments(dataset: "golden", space: "P") { nodes { id } } }')).toBe(1 + PAGES + PAGES);
    expect(cost(`{ experiments(dataset: "${Buffer.from('Dataset:1:a').toString('base64')}", space: "P") { nodes { id } } }`)).toBe(1);
    const trigger = 'mutation($input: TriggerTaskRunInput!) { triggerTaskRun(input: $input) { run { id } } }';
    expect(cost(trigger, { input: { task: 'nightly', space: spaceId } })).toBe(3 + PAGES);
    const create = 'mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } } }';
    const evaluators = Array.from({ length: 30 }, () => ({ evaluatorId: 'e' }));
    expect(cost(create, { input: { project: 'p', space: 'S', evaluators } })).toBe(2 + PAGES + PAGES + 30 + PAGES);
  });

  it('is declared beside every field whose resolver reaches the request context (and so the upstream)', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
        const options = (field.extensions as { pothosOptions?: { resolve?: Function; subscribe?: Function } }).pothosOptions;
        const usesContext = (options?.resolve?.length ?? 0) >= 3 || (options?.subscribe?.length ?? 0) >= 3;
        if (usesContext && !(field.extensions as { cost?: unknown }).cost) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
