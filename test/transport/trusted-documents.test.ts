/**
 * Trusted documents, PERSISTED_OPERATIONS=off|allow|only, over HTTP, the
 * WebSocket and graphql-sse, with the manifest codegen makes from
 * examples/operations (examples/generated/persisted-documents.json).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emulator, gateway, type Gateway } from '../support/servers.ts';
import { LEARNED_MAX_BYTES } from '../../src/trusted-documents.ts';
import { seeded } from '../support/fixtures.ts';

const manifest = JSON.parse(readFileSync(new URL('../../examples/generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
const idOf = (operation: string) => Object.entries(manifest).find(([, doc]) => doc.includes(operation))![0];
const LIST = idOf('query ListTasks');
const WATCH = idOf('subscription WatchRun');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ARBITRARY = '{ tasks(first: 1) { nodes { id } } }';

const emu = await emulator();
const post = (gw: Gateway, body: object) => fetch(`${gw.url}/graphql`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${emu.apiKey}` }, body: JSON.stringify(body),
}).then(async (r) => ({ status: r.status, ...(await r.json()) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } }));
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** The first message of a subscription over the socket (data or errors). */
async function firstOverWs(gw: Gateway, payload: { query: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> }) {
  const client = gw.ws({ authorization: `Bearer ${emu.apiKey}` });
  return new Promise<{ data?: any; errors?: any[] }>((resolve, reject) => {
    const dispose = client.subscribe(payload, {
      next: (message) => { resolve(message as { data?: any; errors?: any[] }); dispose(); },
      error: (errors) => resolve({ errors: Array.isArray(errors) ? errors : [errors] }),
      complete: () => {},
    });
    setTimeout(() => reject(new Error('no message')), 5000);
  });
}

describe('PERSISTED_OPERATIONS=off (default)', async () => {
  const gw = await gateway({ emu });

  it('runs any document, and answers a hash alone so Apollo\'s link falls back to sending the document', async () => {
    expect((await post(gw, { query: ARBITRARY })).data.tasks.nodes).toHaveLength(1);
    const hashOnly = await post(gw, { extensions: apq(sha256(ARBITRARY)) });
    expect(hashOnly.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotSupported', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('answers a hash alone the same way on the WebSocket, and runs text there', async () => {
    const run = seeded(emu).firstRun.id;
    const hashOnly = await firstOverWs(gw, { query: '', extensions: apq(WATCH.replace('sha256:', '')), variables: { runId: run } });
    expect(hashOnly.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotSupported', extensions: { code: 'BAD_USER_INPUT' } });
    const text = await firstOverWs(gw, { query: manifest[WATCH]!, variables: { runId: run } });
    expect(text.data?.runStatus?.status).toEqual(expect.any(String));
  });
});

describe('PERSISTED_OPERATIONS=allow', async () => {
  const gw = await gateway({ emu, env: { PERSISTED_OPERATIONS: 'allow' } });

  it('runs a manifest document by documentId, any document by text, and learns one sent with its hash (APQ)', async () => {
    const byId = await post(gw, { documentId: LIST, variables: { first: 2 } });
    expect(byId.data.tasks.edges).toHaveLength(2);
    expect((await post(gw, { query: ARBITRARY })).data.tasks.nodes).toHaveLength(1);

    const query = '{ spaces(first: 1) { nodes { name } } }';
    const unknown = await post(gw, { extensions: apq(sha256(query)) });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'BAD_USER_INPUT' } });
    expect((await post(gw, { query, extensions: apq(sha256(query)) })).data.spaces.nodes).toHaveLength(1);
    expect((await post(gw, { extensions: apq(sha256(query)) })).data.spaces.nodes).toHaveLength(1);
    const wrong = await post(gw, { query, extensions: apq(sha256('something else')) });
    expect(wrong.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const neither = await post(gw, { variables: {} });
    expect(neither.errors?.[0]).toMatchObject({ message: expect.stringMatching(/`query`.*`documentId`/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('keeps at most LEARNED_MAX_BYTES of documents learned by hash, forgetting the oldest, so APQ cannot fill memory', async () => {
    // documents of about 90 KB (under MAX_BODY_BYTES): enough of them to pass the budget, far fewer than LEARNED_MAX
    const documents = Array.from({ length: Math.ceil(LEARNED_MAX_BYTES / 90_000) + 2 }, (_, i) => `query Padded${i} { __typename }\n# ${'x'.repeat(90_000)}`);
    for (const query of documents) expect((await post(gw, { query, extensions: apq(sha256(query)) })).data).toEqual({ __typename: 'Query' });
    const oldest = await post(gw, { extensions: apq(sha256(documents[0]!)) });
    expect(oldest.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound' });
    expect((await post(gw, { extensions: apq(sha256(documents.at(-1)!)) })).data).toEqual({ __typename: 'Query' });
    // the manifest is never forgotten
    expect((await post(gw, { documentId: LIST, variables: { first: 1 } })).data.tasks.edges).toHaveLength(1);
  });

  it('runs a manifest hash and any text on the WebSocket too', async () => {
    const run = seeded(emu).firstRun.id;
    const byHash = await firstOverWs(gw, { query: '', extensions: apq(WATCH.replace('sha256:', '')), variables: { runId: run } });
    expect(byHash.data?.runStatus?.status).toEqual(expect.any(String));
    const unknown = await firstOverWs(gw, { query: '', extensions: apq(sha256('nope')), variables: { runId: run } });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound' });
    const text = await firstOverWs(gw, { query: `subscription { runStatus(runId: "${run}") { status } }` });
    expect(text.data?.runStatus?.status).toEqual(expect.any(String));
  });
});

describe('PERSISTED_OPERATIONS=only', async () => {
  const gw = await gateway({ emu, env: { PERSISTED_OPERATIONS: 'only' } });

  it('runs manifest documents by hash (documentId, with or without sha256:, or Apollo\'s extension) and by their exact text', async () => {
    expect((await post(gw, { documentId: LIST, variables: { first: 1 } })).data.tasks.edges).toHaveLength(1);
    expect((await post(gw, { documentId: LIST.replace('sha256:', ''), variables: { first: 1 } })).data.tasks.edges).toHaveLength(1);
    expect((await post(gw, { extensions: apq(LIST.replace('sha256:', '')), variables: { first: 1 } })).data.tasks.edges).toHaveLength(1);
    expect((await post(gw, { query: manifest[LIST], variables: { first: 1 } })).data.tasks.edges).toHaveLength(1);
  });

  it('runs a manifest document by documentId in a GET\'s URL, as GraphQL over HTTP\'s persisted documents send it', async () => {
    for (const id of [LIST, LIST.replace('sha256:', '')]) {
      const url = `${gw.url}/graphql?documentId=${encodeURIComponent(id)}&variables=${encodeURIComponent(JSON.stringify({ first: 1 }))}`;
      const get = await fetch(url, { headers: { authorization: `Bearer ${emu.apiKey}` } });
      expect((await get.json()).data.tasks.edges).toHaveLength(1);
    }
    const unknown = await fetch(`${gw.url}/graphql?documentId=sha256:${sha256('nope')}`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
    expect((await unknown.json()).errors[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses any other document with FORBIDDEN before anything is called, and an unknown hash as not found', async () => {
    emu.clearLog();
    const arbitrary = await post(gw, { query: ARBITRARY });
    expect(arbitrary.data ?? null).toBeNull();
    expect(arbitrary.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Only trusted documents run here \(PERSISTED_OPERATIONS=only\)/), extensions: { code: 'FORBIDDEN' } });
    const apqRegister = await post(gw, { query: ARBITRARY, extensions: apq(sha256(ARBITRARY)) });
    expect(apqRegister.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const none = await post(gw, { variables: {} });
    expect(none.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const unknown = await post(gw, { documentId: `sha256:${sha256('nope')}` });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'BAD_USER_INPUT' } });
    expect(emu.requests).toEqual([]);
    const get = await fetch(`${gw.url}/graphql?query=${encodeURIComponent(ARBITRARY)}`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
    expect((await get.json()).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('looks documents up the same way on the WebSocket: a hash runs, any other text is refused', async () => {
    const run = seeded(emu).firstRun.id;
    const trusted = await firstOverWs(gw, { query: '', extensions: apq(WATCH.replace('sha256:', '')), variables: { runId: run } });
    expect(trusted.data?.runStatus?.status).toEqual(expect.any(String));
    const refused = await firstOverWs(gw, { query: `subscription { runStatus(runId: "${run}") { status } }` });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('holds graphql-sse to the same rule', async () => {
    const stream = await fetch(`${gw.url}/graphql/stream`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${emu.apiKey}` },
      body: JSON.stringify({ query: ARBITRARY }),
    });
    expect(stream.status).toBe(403);
    expect((await stream.json()).errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('configuration', () => {
  it('refuses to start with a manifest it cannot read, naming the variable', async () => {
    await expect(gateway({ emu, env: { PERSISTED_OPERATIONS: 'only', PERSISTED_OPERATIONS_MANIFEST: '/nonexistent/manifest.json' } }))
      .rejects.toThrow(/PERSISTED_OPERATIONS_MANIFEST/);
  });
});
