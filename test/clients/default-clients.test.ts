/**
 * Third-party clients with their default setups against the gateway: only
 * the URL (and a key) configured. Each runs in Node; where a browser adds
 * headers of its own (Fetch Metadata, Origin), the client's `fetch` adds the
 * ones a browser would, so the gateway sees what it would see from a page.
 * Installs nothing at test time: every client is a devDependency.
 */
import { cacheExchange as graphcache } from '@urql/exchange-graphcache';
import { Client as UrqlClient, cacheExchange, fetchExchange, gql, subscriptionExchange } from '@urql/core';
import { GraphQLClient } from 'graphql-request';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { readFileSync } from 'node:fs';
import { buildSchema, introspectionFromSchema, isObjectType } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { gateway } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const gw = await gateway({ serverKey: true, env: { CORS_ORIGINS: 'https://app.example.com' } });
const { emu } = gw;

/** `fetch` as a browser page on `origin` sends it: the browser adds Origin (except same-origin GETs) and Fetch Metadata. */
function browserFetch(origin: string, seen: Array<{ method: string; url: string }>): typeof fetch {
  const site = origin === new URL(gw.url).origin ? 'same-origin' : 'cross-site';
  return (input, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    seen.push({ method, url: String(input) });
    const headers = new Headers(init.headers);
    headers.set('sec-fetch-site', site);
    headers.set('sec-fetch-mode', 'cors');
    if (site !== 'same-origin' || method !== 'GET') headers.set('origin', origin);
    return fetch(input, { ...init, headers });
  };
}

const TASKS = gql`query Tasks { tasks(first: 2) { nodes { id name } } }`;

/** Headers a page may send without a preflight (the Fetch standard's CORS-safelisted ones, simplified). */
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language', 'content-type']);

/**
 * `fetch` as a browser page on `origin` (another site) runs it: a preflight (`OPTIONS`) first for a method
 * other than GET/HEAD/POST or a header that is not safelisted, failing as the browser does ("Failed to
 * fetch") when the answer does not allow them; the answer itself only when it names the origin.
 */
function corsFetch(origin: string): typeof fetch {
  return async (input, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const custom = [...headers.keys()].filter((name) => !SAFELISTED.has(name) || (name === 'content-type' && !/^(text\/plain|application\/x-www-form-urlencoded|multipart\/form-data)/.test(headers.get(name)!)));
    if (!['GET', 'HEAD', 'POST'].includes(method) || custom.length > 0) {
      const preflight = await fetch(input, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, ...(custom.length ? { 'access-control-request-headers': custom.join(',') } : {}) } });
      const list = (name: string) => (preflight.headers.get(name) ?? '').toLowerCase().split(/,\s*/);
      const allowed = preflight.ok && preflight.headers.get('access-control-allow-origin') === origin
        && (['GET', 'HEAD', 'POST'].includes(method) || list('access-control-allow-methods').includes(method.toLowerCase()))
        && custom.every((name) => list('access-control-allow-headers').includes(name));
      if (!allowed) throw new TypeError(`Failed to fetch (CORS preflight refused ${method} ${custom.join(',')})`);
    }
    headers.set('origin', origin);
    headers.set('sec-fetch-site', 'cross-site');
    headers.set('sec-fetch-mode', 'cors');
    const response = await fetch(input, { ...init, headers });
    if (response.headers.get('access-control-allow-origin') !== origin) throw new TypeError('Failed to fetch (no CORS answer)');
    return response;
  };
}


describe('urql 6 (default client: queries as GET)', () => {
  it.each([
    ['on the gateway\'s own origin', () => new URL(gw.url).origin],
    ['on an origin in CORS_ORIGINS', () => 'https://app.example.com'],
  ])('queries %s', async (_where, origin) => {
    const seen: Array<{ method: string; url: string }> = [];
    const client = new UrqlClient({ url: `${gw.url}/graphql`, exchanges: [cacheExchange, fetchExchange], fetch: browserFetch(origin(), seen) });
    const result = await client.query(TASKS, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data.tasks.nodes).toHaveLength(2);
    expect(seen.map((s) => s.method)).toEqual(['GET']);
  });

  it('is refused from a page on another site, and the upstream is not called', async () => {
    emu.clearLog();
    const client = new UrqlClient({ url: `${gw.url}/graphql`, exchanges: [cacheExchange, fetchExchange], fetch: browserFetch('https://evil.example.net', []) });
    const result = await client.query(TASKS, {}).toPromise();
    expect(result.error?.response?.status).toBe(403);
    expect(result.error?.graphQLErrors[0]?.extensions.code).toBe('FORBIDDEN');
    expect(emu.requests).toEqual([]);
  });

  it('works from Node with nothing but the URL, with graphcache', async () => {
    const client = new UrqlClient({ url: `${gw.url}/graphql`, exchanges: [graphcache({}), fetchExchange] });
    const first = await client.query(TASKS, {}).toPromise();
    expect(first.error).toBeUndefined();
    expect(first.data.tasks.nodes[0]).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    const again = await client.query(TASKS, {}).toPromise();
    expect(again.data).toEqual(first.data);
  });

  it('with the recipe\'s graphcache setup (docs/clients.md), caches an experiment task\'s runConfiguration without a warning', async () => {
    const recipe = readFileSync(new URL('../../docs/clients.md', import.meta.url), 'utf8');
    const recipeKeys = /cacheExchange\(\{ schema, keys: \{([^}]*)\} \}\)/.exec(recipe)?.[1] ?? '';
    const keyed = new Set([...recipeKeys.matchAll(/(\w+): \(\) => null/g)].map((m) => m[1]!));
    const sdl = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
    // every type with no id that a selection can hold (graphcache needs no key for roots, payloads, connections, edges)
    const keyless = Object.values(sdl.getTypeMap()).filter((type) => isObjectType(type) && !type.name.startsWith('__') && !type.getFields().id
      && !/(Connection|Edge|Payload)$/.test(type.name) && !['Query', 'Mutation', 'Subscription'].includes(type.name)).map((type) => type.name);
    expect(keyless.filter((name) => !keyed.has(name))).toEqual([]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const keys = Object.fromEntries([...keyed].map((name) => [name, () => null]));
      const client = new UrqlClient({ url: `${gw.url}/graphql`, exchanges: [graphcache({ schema: introspectionFromSchema(sdl), keys }), fetchExchange] });
      const query = gql`query ExperimentTasks { tasks(type: RUN_EXPERIMENT) { nodes { id runConfiguration { __typename
        ... on LlmGenerationRunConfig { aiIntegrationId messages { role content } } ... on AgentCallRunConfig { integrationId } ... on TemplateEvaluationRunConfig { aiIntegrationId } } } } }`;
      const result = await client.query(query, {}).toPromise();
      expect(result.error).toBeUndefined();
      expect(result.data.tasks.nodes[0].runConfiguration.__typename).toMatch(/RunConfig$/);
      expect(warn.mock.calls.map((call) => String(call[0]).slice(0, 120))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('subscribes to runStatus over graphql-ws (urql\'s subscriptionExchange recipe) until the run ends', async () => {
    const ws = createWsClient({ url: gw.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const client = new UrqlClient({
      url: `${gw.url}/graphql`,
      exchanges: [cacheExchange, fetchExchange, subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      })],
    });
    const task = seeded(emu).projectTask.id;
    const trigger = await client.mutation(gql`mutation($t: String!, $s: DateTime) { triggerTaskRun(input: { task: $t, dataStartTime: $s }) { run { id } } }`,
      { t: task, s: new Date(Date.now() - 3_600_000).toISOString() }).toPromise();
    expect(trigger.error).toBeUndefined();
    const runId = trigger.data.triggerTaskRun.run.id as string;
    const statuses: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const { unsubscribe } = client.subscription(gql`subscription($id: ID!) { runStatus(runId: $id) { id status } }`, { id: runId })
        .subscribe((result) => {
          if (result.error) return reject(result.error);
          statuses.push(result.data.runStatus.status);
          if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(result.data.runStatus.status)) { setTimeout(() => unsubscribe()); resolve(); }
        });
    });
    expect(statuses.at(-1)).toMatch(/COMPLETED|FAILED/);
    await ws.dispose();
  });
});

describe('graphql-request 7 (default: POST JSON)', () => {
  it('queries and gets a coded error for bad input', async () => {
    const client = new GraphQLClient(`${gw.url}/graphql`);
    const data = await client.request<{ tasks: { nodes: unknown[] } }>('{ tasks(first: 1) { nodes { id } } }');
    expect(data.tasks.nodes).toHaveLength(1);
    const failure = await client.request('{ tasks(first: -1) { nodes { id } } }').catch((error: unknown) => error);
    expect((failure as { response: { errors: Array<{ extensions: { code: string } }> } }).response.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('graphql-sse 2, single connection mode', () => {
  it('carries three runStatus subscriptions on one event stream', async () => {
    emu.clearLog();
    const task = seeded(emu).projectTask.id;
    const runIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data } = await gw.gql('mutation($t: String!, $s: DateTime) { triggerTaskRun(input: { task: $t, dataStartTime: $s }) { run { id } } }',
        { t: task, s: new Date(Date.now() - 3_600_000 - i * 1000).toISOString() });
      runIds.push(data.triggerTaskRun.run.id);
    }
    const streams: string[] = [];
    const client = createSseClient({
      url: `${gw.url}/graphql/stream`,
      singleConnection: true,
      retryAttempts: 0,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        if (new Headers(init?.headers).get('accept')?.includes('text/event-stream')) streams.push(String(input));
        return fetch(input, init);
      },
    });
    const finals = await Promise.all(runIds.map((id) => new Promise<string>((resolve, reject) => {
      let last = '';
      client.subscribe<{ runStatus: { status: string } }>({ query: 'subscription($id: ID!) { runStatus(runId: $id) { status } }', variables: { id } }, {
        next: ({ data, errors }) => { if (errors) reject(new Error(errors[0]!.message)); else last = data!.runStatus.status; },
        error: reject,
        complete: () => resolve(last),
      });
    })));
    expect(finals).toHaveLength(3);
    for (const status of finals) expect(status).toMatch(/COMPLETED|FAILED/);
    expect(streams).toHaveLength(1);
    client.dispose();
  });

  it('runs from a page on an origin in CORS_ORIGINS, through the browser\'s CORS preflights (PUT, DELETE, the token header)', async () => {
    const task = seeded(emu).projectTask.id;
    const { data } = await gw.gql('mutation($t: String!, $s: DateTime) { triggerTaskRun(input: { task: $t, dataStartTime: $s }) { run { id } } }',
      { t: task, s: new Date(Date.now() - 3_600_000).toISOString() });
    const client = createSseClient({ url: `${gw.url}/graphql/stream`, singleConnection: true, retryAttempts: 0, fetchFn: corsFetch('https://app.example.com') });
    const query = 'subscription($id: ID!) { runStatus(runId: $id) { status } }';
    const final = await new Promise<string>((resolve, reject) => {
      let last = '';
      client.subscribe<{ runStatus: { status: string } }>({ query, variables: { id: data.triggerTaskRun.run.id } }, {
        next: ({ data: next, errors }) => { if (errors) reject(new Error(errors[0]!.message)); else last = next!.runStatus.status; },
        error: reject,
        complete: () => resolve(last),
      });
    });
    expect(final).toMatch(/COMPLETED|FAILED/);
    // a subscription stopped early sends DELETE with the token
    const stopped = await new Promise<void>((resolve, reject) => {
      const stop = client.subscribe({ query, variables: { id: seeded(emu).firstRun.id } }, { next: () => { stop(); setTimeout(resolve, 200); }, error: reject, complete: () => {} });
    }).then(() => 'stopped', (error: unknown) => String(error));
    expect(stopped).toBe('stopped');
    client.dispose();
  });

  it.each([[true], [false]])('with singleConnection: %s, gets an operation refused before it runs as a result with its code', async (singleConnection) => {
    const client = createSseClient({ url: `${gw.url}/graphql/stream`, singleConnection, retryAttempts: 0 });
    const task = seeded(emu).firstTask.id;
    const outcome = await new Promise<unknown>((resolve) => {
      const results: unknown[] = [];
      client.subscribe({ query: `subscription { runStatus(runId: "${task}") { id } }` }, {
        next: (result) => results.push(result),
        error: (error) => resolve(`error: ${String((error as Error).message ?? error)}`),
        complete: () => resolve(results),
      });
    });
    // a task id where a run id is due: BAD_USER_INPUT naming the argument, readable by the page
    expect(outcome).toEqual([{ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'runId' }) })] }]);
    client.dispose();
  });

  it('refuses another site\'s page as /graphql does, and reserves a stream for the gateway\'s own page', async () => {
    const cross = await fetch(`${gw.url}/graphql/stream`, { method: 'PUT', headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example.net' } });
    expect(cross.status).toBe(403);
    expect((await cross.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    const reserved = await fetch(`${gw.url}/graphql/stream`, { method: 'PUT', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(reserved.status).toBe(201);
  });
});

describe('the browser\'s own EventSource (GET, no custom headers)', () => {
  it('subscribes from the gateway\'s own page with the server key', async () => {
    const run = seeded(emu).firstRun.id;
    const query = encodeURIComponent(`subscription { runStatus(runId: "${run}") { id status } }`);
    const response = await fetch(`${gw.url}/graphql?query=${query}`, { headers: { accept: 'text/event-stream', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' } });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('data:')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/data: \{"data":\{"runStatus":\{"id":"[^"]+","status":"[A-Z]+"\}\}\}/);
    await reader.cancel();
  });
});
