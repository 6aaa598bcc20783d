/**
 * Apollo Client 3 with its default HTTP link, and with the automatic
 * persisted queries link, against PERSISTED_OPERATIONS=off and =allow.
 * The client's `fetch` records what went over the wire.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema, isAbstractType } from 'graphql';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core/index.js';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';
import { describe, expect, it } from 'vitest';
import { emulator, gateway } from '../support/servers.ts';
import { ListTasksDocument } from '../../examples/generated/graphql.ts';

const emu = await emulator();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const TASKS = gql`query ApolloTasks($first: Int) { tasks(first: $first) { nodes { id name } } }`;

/** The `possibleTypes` of the Apollo recipe in docs/clients.md, as written there. */
function documentedPossibleTypes(): Record<string, string[]> {
  const recipe = readFileSync(new URL('../../docs/clients.md', import.meta.url), 'utf8');
  const block = /possibleTypes: \{\n([\s\S]*?)\n\s*\},\n/.exec(recipe)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/(\w+): \[([^\]]*)\]/g)].map(([, type, list]) => [type!, [...list!.matchAll(/'(\w+)'/g)].map((m) => m[1]!)]));
}

function client(url: string, persisted: boolean) {
  const sent: Array<{ query: boolean; hash: boolean }> = [];
  const http = new HttpLink({
    uri: url,
    headers: { authorization: `Bearer ${emu.apiKey}` },
    fetch: (input, init) => {
      const body = JSON.parse(String(init?.body)) as { query?: string; extensions?: { persistedQuery?: unknown } };
      sent.push({ query: typeof body.query === 'string', hash: body.extensions?.persistedQuery !== undefined });
      return fetch(input, init);
    },
  });
  const link = persisted ? createPersistedQueryLink({ sha256 }).concat(http) : http;
  return { apollo: new ApolloClient({ link, cache: new InMemoryCache() }), sent };
}

describe('Apollo Client 3', () => {
  it('queries with its default link (POST JSON) and normalizes tasks by id', async () => {
    const gw = await gateway({ emu });
    const { apollo } = client(`${gw.url}/graphql`, false);
    const { data } = await apollo.query({ query: TASKS, variables: { first: 2 } });
    expect(data.tasks.nodes).toHaveLength(2);
    expect(apollo.cache.extract()[`Task:${data.tasks.nodes[0].id}`]).toMatchObject({ __typename: 'Task', name: data.tasks.nodes[0].name });
  });

  it('with the recipe\'s possibleTypes (docs/clients.md), a fragment on Node reads the id of every kind of node', async () => {
    const possibleTypes = documentedPossibleTypes();
    const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
    const abstract = Object.values(schema.getTypeMap()).filter(isAbstractType).map((type) => type.name).sort();
    expect(Object.keys(possibleTypes).sort()).toEqual(abstract);
    for (const name of abstract) {
      expect(possibleTypes[name]!.slice().sort(), name).toEqual(schema.getPossibleTypes(schema.getType(name) as never).map((type) => type.name).sort());
    }
    const gw = await gateway({ emu });
    const apollo = new ApolloClient({ link: new HttpLink({ uri: `${gw.url}/graphql`, headers: { authorization: `Bearer ${emu.apiKey}` } }), cache: new InMemoryCache({ possibleTypes }) });
    const { data } = await apollo.query({ query: gql`query ApolloNodeIds { aiIntegrations(first: 1) { nodes { ...NodeId name } } integrations(type: AGENT, first: 1) { nodes { ...NodeId name } } } fragment NodeId on Node { id }` });
    expect(data.aiIntegrations.nodes[0]).toMatchObject({ id: emu.control.aiIntegrations()[0]!.id });
    expect(data.integrations.nodes[0]).toMatchObject({ id: expect.any(String) });
  });

  it('with automatic persisted queries against PERSISTED_OPERATIONS=allow: the hash, then the document once, then the hash alone', async () => {
    const gw = await gateway({ emu, env: { PERSISTED_OPERATIONS: 'allow' } });
    const first = client(`${gw.url}/graphql`, true);
    expect((await first.apollo.query({ query: TASKS, variables: { first: 1 } })).data.tasks.nodes).toHaveLength(1);
    expect(first.sent).toEqual([{ query: false, hash: true }, { query: true, hash: true }]);
    const second = client(`${gw.url}/graphql`, true);
    expect((await second.apollo.query({ query: TASKS, variables: { first: 1 } })).data.tasks.nodes).toHaveLength(1);
    expect(second.sent).toEqual([{ query: false, hash: true }]);
  });

  it('with codegen\'s persisted documents against PERSISTED_OPERATIONS=only: sends the hash alone and the cache reads whole tasks', async () => {
    const gw = await gateway({ emu, env: { PERSISTED_OPERATIONS: 'only' } });
    const sent: Array<Record<string, unknown>> = [];
    const http = new HttpLink({
      uri: `${gw.url}/graphql`,
      headers: { authorization: `Bearer ${emu.apiKey}` },
      fetch: (input, init) => { sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>); return fetch(input, init); },
    });
    // the hash codegen embedded in the document, as docs/clients.md shows
    const link = createPersistedQueryLink({ generateHash: (document) => (document as { __meta__?: { hash?: string } }).__meta__?.hash ?? '' }).concat(http);
    const apollo = new ApolloClient({ link, cache: new InMemoryCache() });
    const { data } = await apollo.query({ query: ListTasksDocument, variables: { first: 2 } });
    expect(sent.map((body) => typeof body.query)).toEqual(['undefined']);
    const task = emu.control.tasks()[0]!;
    // the manifest's document must carry __typename: without it Apollo cannot match `...TaskRow on Task` and the nodes read empty
    expect(data.tasks.edges[0]!.node).toMatchObject({ id: task.id, name: task.name, __typename: 'Task' });
  });

  it('with automatic persisted queries against PERSISTED_OPERATIONS=off: the link falls back to sending documents', async () => {
    const gw = await gateway({ emu });
    const { apollo, sent } = client(`${gw.url}/graphql`, true);
    expect((await apollo.query({ query: TASKS, variables: { first: 1 } })).data.tasks.nodes).toHaveLength(1);
    expect(sent).toEqual([{ query: false, hash: true }, { query: true, hash: false }]);
  });
});
