import http from 'node:http';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { collect, gateway, until } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const gw = await gateway({ env: { WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3', WS_MAX_CONNECTIONS_PER_CLIENT: '4', MAX_BODY_BYTES: '4096', MAX_QUERY_TOKENS: '500' } });
const { emu } = gw;
const stillUp = async () => expect((await gw.gql('{ tasks(first: 1) { nodes { id } } }')).data.tasks.nodes).toHaveLength(1);

describe('query limits', () => {
  it('refuses a query deeper than the limit before it runs', async () => {
    const before = emu.requests.length;
    const deep = `{ tasks { nodes { runs { nodes { task { runs { nodes { task { runs { nodes { task { project { space { name } } } } } } } } } } } } } }`;
    const result = await gw.gql(deep);
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^The operation is \d+ levels deep; at most 12 are allowed \(MAX_QUERY_DEPTH\)\.$/),
      extensions: { code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_DEPTH', max: 12 },
    });
    expect(emu.requests.length).toBe(before);
    await stillUp();
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: __typename`).join(' ');
    const result = await gw.gql(`{ ${aliases} }`);
    expect(result.errors?.[0]).toMatchObject({
      message: 'The operation has 50 aliases; at most 20 are allowed (MAX_QUERY_ALIASES).',
      extensions: { code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_ALIASES', max: 20, found: 50 },
    });
    const overWs = await new Promise<any>((resolve) => {
      gw.ws({ authorization: `Bearer ${emu.apiKey}` }).subscribe({ query: `subscription { ${Array.from({ length: 25 }, (_, i) => `a${i}: runStatus(runId: "r")  { status }`).join(' ')} }` }, {
        next: () => {}, error: (errors) => resolve(errors), complete: () => {},
      });
    });
    expect(overWs[0]).toMatchObject({ message: 'The operation has 25 aliases; at most 20 are allowed (MAX_QUERY_ALIASES).', extensions: { limit: 'MAX_QUERY_ALIASES' } });
    await stillUp();
  });

  it('refuses a document with too many tokens', async () => {
    const result = await gw.gql(`{ ${'x '.repeat(600)}}`);
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(/\(MAX_QUERY_TOKENS\)\.$/), extensions: { code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_TOKENS' } });
    await stillUp();
  });

  it('refuses a query that could fan out to thousands of upstream calls, with its estimated cost', async () => {
    const before = emu.requests.length;
    const result = await gw.gql('{ tasks(first: 100) { nodes { runs(first: 100) { nodes { task { project { name } } } } } } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxCost: 2500 });
    expect(result.errors?.[0]?.extensions?.cost).toBeGreaterThan(10_000);
    expect(emu.requests.length).toBe(before);
  });

  it('lets the common page of 100 tasks with projects and evaluators through', async () => {
    const result = await gw.gql('{ tasks(first: 100) { nodes { project { name } evaluators { evaluator { name } } runs(first: 3) { nodes { status } } } } }');
    expect(result.errors).toBeUndefined();
  });

  it('refuses a request body over the limit with 413', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(5000) } }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].message).toMatch(/larger than 4096 bytes/);
    await stillUp();
  });

  it('turns batching off by default', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });

  it('caps batches when batching is on', async () => {
    const batching = await gateway({ emu, env: { MAX_BATCH_OPERATIONS: '2' } });
    const post = (n: number) => fetch(`${batching.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ __typename }' }))),
    });
    expect(await (await post(2)).json()).toEqual([{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
    expect((await post(3)).status).toBeGreaterThanOrEqual(400);
  });
});

describe('browser protections', () => {
  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${gw.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', ...headers } });

  it('tells a cross-site browser request from a same-origin one or a server\'s by Fetch Metadata and Origin (CSRF)', async () => {
    // another site's page: refused whatever it sends, GET or POST, with or without the preflight header
    const evil = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example.net' };
    const crossGet = await get('{ tasks(first: 1) { nodes { id } } }', evil);
    expect(crossGet.status).toBe(403);
    expect((await crossGet.json()).errors[0]).toMatchObject({ message: expect.stringMatching(/another site \(https:\/\/evil\.example\.net\).*CORS_ORIGINS/), extensions: { code: 'FORBIDDEN' } });
    expect((await get('{ __typename }', { ...evil, 'x-graphql-yoga-csrf': '1' })).status).toBe(403);
    const crossForm = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { ...evil, 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(crossForm.status).toBe(403);
    expect((await get('{ __typename }', { 'sec-fetch-site': 'same-site', origin: 'https://other.localhost' })).status).toBe(403);

    // the gateway's own pages (urql's default GET queries, EventSource) and typed URLs
    expect(await (await get('{ __typename }', { 'sec-fetch-site': 'same-origin' })).json()).toEqual({ data: { __typename: 'Query' } });
    expect((await get('{ __typename }', { 'sec-fetch-site': 'none' })).status).toBe(200);
    expect((await get('{ __typename }', { 'sec-fetch-site': 'same-origin', origin: new URL(gw.url).origin })).status).toBe(200);

    // no Fetch Metadata: a server or CLI (no Origin) may GET; a page's unpreflighted request needs a header
    expect((await get('{ __typename }')).status).toBe(200);
    const oldBrowser = await get('{ __typename }', { origin: 'https://evil.example.net' });
    expect(oldBrowser.status).toBe(403);
    expect((await oldBrowser.json()).errors[0].message).toMatch(/CSRF/);
    expect((await get('{ __typename }', { origin: 'https://evil.example.net', 'x-graphql-yoga-csrf': '1' })).status).toBe(200);
    const form = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(form.status).toBe(403);
    const withKey = await get('{ tasks(first: 1) { nodes { id } } }', { authorization: `Bearer ${emu.apiKey}` });
    expect(withKey.status).toBe(200);
  });

  it.each([
    'application/json, text/plain',
    'application/json,multipart/form-data; boundary=x',
    'application/json; charset=utf-8, application/x-www-form-urlencoded',
  ])('refuses an old browser\'s cross-site POST whose content type %j a page may send unpreflighted (CSRF)', async (type) => {
    // Fetch reads the last of comma-separated types (`text/plain`: no preflight), yoga the first (JSON)
    const keyed = await gateway({ emu, serverKey: true });
    emu.clearLog();
    const response = await fetch(`${keyed.url}/graphql`, {
      method: 'POST', headers: { origin: 'https://evil.example.net', 'content-type': type },
      body: JSON.stringify({ query: `mutation { triggerTaskRun(input: { task: "${seeded(emu).projectTask.id}" }) { run { id } } }` }),
    });
    expect(response.status).toBe(403);
    expect((await response.json()).errors[0]).toMatchObject({ message: expect.stringMatching(/CSRF/), extensions: { code: 'FORBIDDEN' } });
    expect(emu.requests).toEqual([]);
    // the same content type from a server (no Origin, no Fetch Metadata) with the preflight header still works
    const server = await fetch(`${keyed.url}/graphql`, {
      method: 'POST', headers: { 'content-type': type, 'x-graphql-yoga-csrf': '1' }, body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await server.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('keeps mutations POST-only, even from the gateway\'s own page', async () => {
    emu.clearLog();
    const response = await get('mutation { deleteTask(input: { id: "x" }) { deletedId } }', { 'sec-fetch-site': 'same-origin' });
    expect(response.status).toBe(405);
    expect(emu.requests).toEqual([]);
  });

  it('answers CORS only for allowed origins', async () => {
    const cors = await gateway({ emu, env: { CORS_ORIGINS: 'https://app.example.com' } });
    const preflight = (origin: string) => fetch(`${cors.url}/graphql`, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const denied = await preflight('https://evil.example.net');
    expect(denied.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.net');
    const none = await gw.gql('{ __typename }', {}, { headers: { origin: 'https://app.example.com' } });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
    const any = await gateway({ emu, env: { CORS_ORIGINS: '*' } });
    const open = await fetch(`${any.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://x.example', 'access-control-request-method': 'POST' } });
    expect(open.headers.get('access-control-allow-origin')).toMatch(/^(\*|https:\/\/x\.example)$/);
  });

  it('answers no CORS to a page outside CORS_ORIGINS, a sandboxed one (Origin: null) included, on /graphql and /graphql/stream', async () => {
    const cors = await gateway({ emu, env: { CORS_ORIGINS: 'https://app.example.com,https://admin.example.com' } });
    const preflight = (path: string, origin: string, method: string) => fetch(`${cors.url}${path}`, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'x-graphql-event-stream-token' },
    });
    // a listed app may reserve and stop graphql-sse operations (PUT, DELETE), and only POST and GET on /graphql
    const listed = await preflight('/graphql/stream', 'https://admin.example.com', 'PUT');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(listed.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE');
    expect((await preflight('/graphql', 'https://app.example.com', 'PUT')).headers.get('access-control-allow-methods')).toBe('GET, POST');
    // "null" is what a sandboxed iframe or a data: page sends, and an Access-Control-Allow-Origin of "null" lets it through
    for (const [path, method] of [['/graphql/stream', 'PUT'], ['/graphql/stream', 'DELETE'], ['/graphql', 'POST']] as const) {
      for (const origin of ['null', 'https://evil.example.net']) {
        const refused = await preflight(path, origin, method);
        expect(refused.headers.get('access-control-allow-origin'), `${origin} ${method} ${path}`).toBeNull();
        expect(refused.headers.get('access-control-allow-methods'), `${origin} ${method} ${path}`).toBeNull();
      }
    }
  });

  it('switches introspection and GraphiQL off for production', async () => {
    const prod = await gateway({ emu, env: { NODE_ENV: 'production', PUBLIC_HOSTS: 'tasks.example.com' } });
    const introspection = await prod.gql('{ __schema { types { name } } }');
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const page = await fetch(`${prod.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('TasksWithRuns');
    expect((await prod.gql('{ tasks(first: 1) { nodes { id } } }')).errors).toBeUndefined();
  });

  it('reads an upstream answer with missing keys without failing, and reports one that is not JSON as UPSTREAM_ERROR', async () => {
    // an upstream that answers with a task missing most keys, or with text that is not JSON
    let answer = JSON.stringify({ tasks: [{ id: 'x', type: 'template_evaluation', surprise: [1, 2] }], pagination: { has_more: false } });
    const broken = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const port = (broken.address() as AddressInfo).port;
    const g = await gateway({ emu, env: { ARIZE_API_URL: `http://127.0.0.1:${port}` } });
    const read = await g.gql('{ tasks(first: 1) { nodes { id name type evaluators { evaluatorId } lastRunAt projectId } } }');
    expect(read.errors).toBeUndefined();
    expect(read.data.tasks.nodes).toEqual([{ id: 'x', name: '', type: 'TEMPLATE_EVALUATION', evaluators: [], lastRunAt: null, projectId: null }]);
    answer = '<html>gateway timeout</html>';
    const result = await g.gql('{ tasks(first: 1) { nodes { id name } } }');
    broken.close();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_ERROR', upstreamStatus: 200 } });
    expect(result.errors?.[0]?.message).toMatch(/not valid JSON/);
  });
});

describe('a graphql-sse stream its client does not read', () => {
  it('takes no more operations while what it holds is unread, so results cannot pile up in memory', async () => {
    const auth = { authorization: `Bearer ${emu.apiKey}` };
    const token = await (await fetch(`${gw.url}/graphql/stream`, { method: 'PUT', headers: auth })).text();
    // the stream, opened on a socket that never reads
    const { port } = new URL(gw.url);
    const reader = net.connect(Number(port), '127.0.0.1');
    await once(reader, 'connect');
    reader.pause();
    reader.write(`GET /graphql/stream?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${emu.apiKey}\r\n\r\n`);
    // each answer: 20 introspection results, ~1 MB, no upstream call
    const query = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __schema { types { name description fields { name description args { name description } } } }`).join(' ')} }`;
    const statuses: number[] = [];
    for (let i = 0; i < 80 && !statuses.includes(429); i++) {
      const answer = await fetch(`${gw.url}/graphql/stream`, {
        method: 'POST', headers: { ...auth, 'content-type': 'application/json', accept: 'application/json', 'x-graphql-event-stream-token': token },
        body: JSON.stringify({ query, extensions: { operationId: `big${i}` } }),
      });
      statuses.push(answer.status);
      if (answer.status === 429) expect((await answer.json()).errors[0]).toMatchObject({ message: expect.stringMatching(/not being read/), extensions: { code: 'RATE_LIMITED' } });
      else await answer.text();
    }
    reader.destroy();
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThan(40);
  });
});

describe('an upstream answer larger than UPSTREAM_MAX_ANSWER_BYTES', () => {
  it('is refused as soon as it passes the limit, without reading the rest, and the gateway serves on', async () => {
    // an upstream that answers every call with 200 and up to 64 MiB of body, counting what it could send
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const huge = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"tasks": [');
      let left = 64;
      const more = () => {
        while (left > 0 && !res.destroyed) {
          left -= 1;
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        if (!res.destroyed) res.end('], "pagination": {"has_more": false}}');
      };
      res.on('close', () => { left = 0; });
      more();
    });
    await new Promise<void>((resolve) => huge.listen(0, '127.0.0.1', resolve));
    const g = await gateway({ emu, env: { ARIZE_API_URL: `http://127.0.0.1:${(huge.address() as AddressInfo).port}`, UPSTREAM_MAX_ANSWER_BYTES: String(1024 * 1024), UPSTREAM_RETRY_LIMIT: '0' } });
    const result = await g.gql('{ tasks(first: 1) { nodes { id } } }');
    huge.close();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_ERROR' }, message: expect.stringMatching(/larger than 1048576 bytes/) });
    expect(sent).toBeLessThan(32 * 1024 * 1024);
    expect((await g.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});

describe('WebSocket caps', () => {
  it('refuses more subscriptions on one socket than the cap, and keeps the socket', async () => {
    emu.configure({ runs: { pendingMs: 60_000 } });
    const task = seeded(emu).firstTask;
    const trigger = 'mutation($t: String!, $s: DateTime!) { triggerTaskRun(input: { task: $t, dataStartTime: $s }) { run { id } } }';
    const runIds = await Promise.all([0, 1, 2, 3].map(async (i) =>
      (await gw.gql(trigger, { t: task.id, s: new Date(Date.now() - 3_600_000 - i * 1000).toISOString() })).data.triggerTaskRun.run.id));
    emu.configure({ runs: { pendingMs: 60 } });
    const client = gw.ws();
    const subs = runIds.slice(0, 3).map((id) => collect(client, 'subscription($id: ID!) { runStatus(runId: $id) { status } }', { id }));
    await until(() => subs.every((s) => s.results.length > 0), 10_000, 'three subscriptions');
    const fourth = collect(client, 'subscription($id: ID!) { runStatus(runId: $id) { status } }', { id: runIds[3] });
    await expect(fourth.done).rejects.toSatisfy((errors: unknown) => JSON.stringify(errors).includes('Too many subscriptions'));
    expect(subs.every((s) => s.results.length >= 1)).toBe(true);
    for (const s of subs) s.cancel();
    await until(() => gw.runFeed.activePollers === 0, 10_000, 'pollers to stop');
  });

  it('refuses more sockets from one address than the cap, and serves again when they close', async () => {
    const { WebSocket } = await import('ws');
    const open = Array.from({ length: 4 }, () => new WebSocket(gw.wsUrl, 'graphql-transport-ws'));
    await Promise.all(open.map((ws) => new Promise((resolve) => ws.once('open', resolve))));
    const refused = new WebSocket(gw.wsUrl, 'graphql-transport-ws');
    const status = await new Promise<number>((resolve) => refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(429);
    for (const ws of open) ws.close();
    // a slot is free once the server has seen the sockets close
    await until(async () => Number((await gw.metrics.sockets.get()).values[0]?.value) === 0, 10_000, 'the server to see the sockets close');
    const again = new WebSocket(gw.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve, reject) => { again.once('open', resolve); again.once('unexpected-response', reject); });
    again.close();
    await stillUp();
  });
});

describe('graphql-sse caps', () => {
  const auth = () => ({ authorization: `Bearer ${emu.apiKey}` });
  const operation = (token: string, id: string, query: string, variables?: Record<string, unknown>) => fetch(`${gw.url}/graphql/stream`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json', accept: 'application/json', 'x-graphql-event-stream-token': token },
    body: JSON.stringify({ query, variables, extensions: { operationId: id } }),
  });

  it('takes at most WS_MAX_SUBSCRIPTIONS_PER_CONNECTION operations on one reservation, results waiting for its stream included', async () => {
    emu.configure({ runs: { pendingMs: 60_000 } });
    const task = seeded(emu).firstTask;
    const trigger = 'mutation($t: String!, $s: DateTime!) { triggerTaskRun(input: { task: $t, dataStartTime: $s }) { run { id } } }';
    const runIds: string[] = [];
    for (const i of [0, 1, 2, 3]) {
      runIds.push((await gw.gql(trigger, { t: task.id, s: new Date(Date.now() - 7_200_000 - i * 1000).toISOString() })).data.triggerTaskRun.run.id);
    }
    emu.configure({ runs: { pendingMs: 60 } });
    const token = await (await fetch(`${gw.url}/graphql/stream`, { method: 'PUT', headers: auth() })).text();

    // before the stream opens, each result waits in memory for it: those count
    for (const id of ['q0', 'q1', 'q2']) expect((await operation(token, id, '{ __typename }')).status).toBe(202);
    const queued = await operation(token, 'q3', '{ __typename }');
    expect(queued.status).toBe(429);
    expect((await queued.json()).errors[0]).toMatchObject({ message: expect.stringMatching(/at most 3/), extensions: { code: 'RATE_LIMITED' } });

    // the stream opens and takes the waiting results: their slots are free again
    const stream = await fetch(`${gw.url}/graphql/stream`, { headers: { ...auth(), accept: 'text/event-stream', 'x-graphql-event-stream-token': token } });
    const reader = stream.body!.getReader();
    let text = '';
    while ((text.match(/event: complete/g) ?? []).length < 3) text += new TextDecoder().decode((await reader.read()).value);

    // running subscriptions count until they end
    const watch = 'subscription($id: ID!) { runStatus(runId: $id) { status } }';
    for (const [i, id] of runIds.slice(0, 3).entries()) expect((await operation(token, `s${i}`, watch, { id })).status).toBe(202);
    const fourth = await operation(token, 's3', watch, { id: runIds[3] });
    expect(fourth.status).toBe(429);
    const done = await fetch(`${gw.url}/graphql/stream?operationId=s0`, { method: 'DELETE', headers: { ...auth(), 'x-graphql-event-stream-token': token } });
    expect(done.status).toBe(200);
    await until(async () => (await operation(token, `s3-${Date.now()}`, watch, { id: runIds[3] })).status === 202, 5_000, 'a slot after a complete');
    await reader.cancel();
    await until(() => gw.runFeed.activePollers === 0, 10_000, 'pollers to stop');
  });

  it('counts a refused operation (it does not parse or validate) waiting for its stream like any result, so refusals cannot pile up in memory', async () => {
    const token = await (await fetch(`${gw.url}/graphql/stream`, { method: 'PUT', headers: auth() })).text();
    const statuses: number[] = [];
    for (const [i, query] of ['{ nope }', '{ __typename ', '{ nope }', '{ nope }', '{ __typename '].entries()) statuses.push((await operation(token, `r${i}`, query)).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    // the stream opens and takes the refusals: each with its code, then its end; the places are free again
    const stream = await fetch(`${gw.url}/graphql/stream`, { headers: { ...auth(), accept: 'text/event-stream', 'x-graphql-event-stream-token': token } });
    const reader = stream.body!.getReader();
    let text = '';
    while ((text.match(/event: complete/g) ?? []).length < 3) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(text).toContain('GRAPHQL_PARSE_FAILED');
    expect((await operation(token, 'after', '{ __typename }')).status).toBe(202);
    await reader.cancel();
  });

  it('counts an operation sent by GET against the reservation as one sent by POST', async () => {
    const token = await (await fetch(`${gw.url}/graphql/stream`, { method: 'PUT', headers: auth() })).text();
    const byGet = (id: string) => fetch(`${gw.url}/graphql/stream?${new URLSearchParams({ query: '{ __typename }', extensions: JSON.stringify({ operationId: id }) })}`, {
      headers: { ...auth(), accept: 'application/json', 'x-graphql-event-stream-token': token },
    });
    const statuses: number[] = [];
    for (const id of ['g0', 'g1', 'g2', 'g3', 'g4']) statuses.push((await byGet(id)).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    expect((await operation(token, 'p0', '{ __typename }')).status).toBe(429);
    await fetch(`${gw.url}/graphql/stream`, { headers: { ...auth(), accept: 'text/event-stream', 'x-graphql-event-stream-token': token } }).then((r) => r.body?.cancel());
  });
});
