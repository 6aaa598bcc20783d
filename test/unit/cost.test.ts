import { parse, type GraphQLField, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/resolvers/cost.ts';
import { schema } from '../../src/schema/index.ts';

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
