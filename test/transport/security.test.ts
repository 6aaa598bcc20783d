/**
 * Who may act with the server's key, and how much upstream work a request
 * can cause: origin checks, end-user authentication (JWT), audit lines,
 * malformed requests, bounded waits and fan-outs, and honest outcomes for
 * writes whose answer was lost.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { FAST_RUNS, collect, emulator, gateway, held, sleep, until, type Gateway } from '../support/servers.ts';
import { seeded, pendingRun } from '../support/fixtures.ts';

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

/** Opens a WebSocket with `headers`; resolves with the HTTP status of a refused upgrade, or 101. */
function upgrade(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'graphql-transport-ws', { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

/** Sends `connection_init` with `params` and resolves with the close code and reason. */
function closeOf(url: string, params: Record<string, unknown>): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: params })));
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

describe('cross-site WebSockets', async () => {
  const gw = await gateway({ serverKey: true, env: { CORS_ORIGINS: 'https://app.example.com' } });

  it('refuses an upgrade from another origin with 403 before the handshake, whatever it sends', async () => {
    expect(await upgrade(gw.wsUrl, { origin: 'http://127.0.0.1:5174' })).toBe(403);
    expect(await upgrade(gw.wsUrl, { origin: 'null' })).toBe(403);
    expect(gw.log.text()).toMatch(/refused a cross-site WebSocket/);
  });

  it('accepts the gateway\'s own origin, an allowed origin, and clients that send no Origin', async () => {
    expect(await upgrade(gw.wsUrl, { origin: gw.url })).toBe(101);
    expect(await upgrade(gw.wsUrl, { origin: 'https://app.example.com' })).toBe(101);
    expect(await upgrade(gw.wsUrl)).toBe(101);
    const states = await collect(gw.ws({}), '{ __typename }').done;
    expect(states[0]?.data).toEqual({ __typename: 'Query' });
  });
});

describe('end-user authentication (JWT)', async () => {
  const issuer = 'https://login.test/';
  const audience = 'arize-tasks-gateway';
  let keys: Array<{ kid: string; privateKey: CryptoKey; jwk: JWK }> = [];
  const addKey = async (kid: string) => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    keys.push({ kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } });
  };
  await addKey('k1');
  let jwksFetches = 0;
  const jwks = http.createServer((_req, res) => {
    jwksFetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const emu = await emulator({ runs: FAST_RUNS });
  const gw = await gateway({
    emu, serverKey: true,
    env: {
      AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`, AUTH_JWT_ISSUER: issuer, AUTH_JWT_AUDIENCE: audience,
      AUTH_CLOCK_SKEW_SECONDS: '0', AUTH_JWKS_COOLDOWN_MS: '0', AUTH_ALLOW_USER_API_KEYS: 'true',
    },
  });
  const sign = (claims: Record<string, unknown> = {}, options: { kid?: string; expiresIn?: string | number; iss?: string; aud?: string } = {}) => {
    const key = keys.find((k) => k.kid === (options.kid ?? keys.at(-1)!.kid))!;
    return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).setSubject('ada@example.com')
      .setIssuer(options.iss ?? issuer).setAudience(options.aud ?? audience).setIssuedAt().setExpirationTime(options.expiresIn ?? '5m').sign(key.privateKey);
  };

  it('serves a valid token over HTTP and WebSocket, calling the upstream with the server\'s key', async () => {
    emu.clearLog();
    const token = await sign();
    const result = await gw.gql('{ tasks(first: 1) { nodes { id } } }', undefined, { key: token });
    expect(result.errors).toBeUndefined();
    expect(emu.requests.length).toBeGreaterThan(0);
    const states = await collect(gw.ws({ authorization: `Bearer ${token}` }), '{ spaces { nodes { name } } }').done;
    expect(states[0]?.data?.spaces.nodes.length).toBeGreaterThan(0);
  });

  it.each([
    ['no token', async () => null, /Sign in first/],
    ['an expired token', async () => sign({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }), /expired/],
    ['a malformed token', async () => 'not.a.jwt', /not a valid JWT/],
    ['a token signed with another key', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('eve').setIssuer(issuer).setAudience(audience).setExpirationTime('5m').sign(privateKey);
    }, /signature is not valid/],
    ['a token from another issuer', async () => sign({}, { iss: 'https://evil.test/' }), /claim `iss`/],
    ['a token for another audience', async () => sign({}, { aud: 'another-app' }), /claim `aud`/],
    ['an HS256 token (algorithm confusion)', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('eve').setIssuer(issuer).setAudience(audience).setExpirationTime('5m')
      .sign(new TextEncoder().encode('x'.repeat(32))), /./],
  ])('refuses %s with UNAUTHENTICATED over HTTP (401) and WebSocket (4401), calling nothing upstream', async (_what, token, message) => {
    const value = await token();
    emu.clearLog();
    const http401 = await gw.gql('{ tasks(first: 1) { nodes { id } } }', undefined, { key: value });
    expect(http401.status).toBe(401);
    expect(http401.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(message) });
    expect(JSON.stringify(http401)).not.toContain(value ?? '\u0000');
    const closed = await closeOf(gw.wsUrl, value === null ? {} : { authorization: `Bearer ${value}` });
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^Unauthorized: /);
    expect(emu.requests).toEqual([]);
  });

  it('serves GraphiQL without a token, set up to send one from its Headers tab (subscriptions over SSE)', async () => {
    const page = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('sign-in token (JWT)');
    expect(html).toMatch(/"subscriptions":"SSE"/);
  });

  it('follows the issuer\'s key rotation: a token signed with a new key is accepted once the JWKS serves it', async () => {
    await addKey('k2');
    const before = jwksFetches;
    const result = await gw.gql('{ spaces { nodes { id } } }', undefined, { key: await sign({}, { kid: 'k2' }) });
    expect(result.errors).toBeUndefined();
    expect(jwksFetches).toBeGreaterThan(before);
    keys = keys.filter((k) => k.kid !== 'k1'); // k1 retired
    await addKey('k3');
    expect((await gw.gql('{ spaces { nodes { id } } }', undefined, { key: await sign({}, { kid: 'k3' }) })).errors).toBeUndefined();
  });

  it('lets a signed-in user bring their own Arize key in x-arize-api-key', async () => {
    const token = await sign();
    const wrongKey = await gw.gql('{ spaces { nodes { id } } }', undefined, { key: token, headers: { 'x-arize-api-key': 'not-the-key' } });
    expect(wrongKey.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED'); // the upstream refused that key: it was used
    const own = await gw.gql('{ spaces { nodes { id } } }', undefined, { key: token, headers: { 'x-arize-api-key': emu.apiKey } });
    expect(own.errors).toBeUndefined();
  });

  it('ends a subscription with UNAUTHENTICATED when its token expires', async () => {
    emu.configure({ runs: { pendingMs: 60_000 } });
    const task = seeded(emu).firstTask;
    const run = pendingRun(emu, task.id);
    // long enough for the first state to arrive on a busy machine before the token runs out
    const token = await sign({}, { expiresIn: Math.floor(Date.now() / 1000) + 4 });
    const started = Date.now();
    const states = await collect(gw.ws({ authorization: `Bearer ${token}` }), 'subscription($id: ID!) { runStatus(runId: $id) { status } }', { id: run.id }).done;
    emu.configure({ runs: FAST_RUNS });
    expect(states[0]?.data).toEqual({ runStatus: { status: 'PENDING' } });
    expect(states.at(-1)?.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/expired/) });
    expect(Date.now() - started).toBeGreaterThan(500);
    await until(() => gw.runFeed.activePollers === 0, 10_000, 'the poller to stop');
  });

  it('writes one audit line per mutation with the user, the target and the outcome, never a key', async () => {
    const token = await sign();
    const project = seeded(emu).firstProject;
    const evaluator = seeded(emu).firstEvaluator;
    const created = await gw.gql(`mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }`,
      { i: { name: 'audited-task', type: 'TEMPLATE_EVALUATION', project: project.id, evaluators: [{ evaluatorId: evaluator.id }] } }, { key: token });
    const taskId = created.data.createTask.task.id;
    const line = gw.log.lines.map((l) => JSON.parse(l)).find((l) => l.audit && l.mutation === 'createTask');
    expect(line).toMatchObject({ level: 30, who: 'user:ada@example.com', mutation: 'createTask', target: taskId, outcome: 'ok', requestId: expect.any(String) });
    expect(gw.log.text()).not.toContain(emu.apiKey);
  });
});

describe('audit lines', async () => {
  const gw = await gateway({ serverKey: true });
  const { emu } = gw;
  const audits = () => gw.log.lines.map((l) => JSON.parse(l)).filter((l) => l.audit);

  it('logs create, update, delete, trigger and cancel once each, with who, what and the outcome', async () => {
    const project = seeded(emu).firstProject;
    const evaluator = seeded(emu).firstEvaluator;
    const create = await gw.gql('mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }',
      { i: { name: 'audit-me', type: 'TEMPLATE_EVALUATION', project: project.id, evaluators: [{ evaluatorId: evaluator.id }] } }, { key: null });
    const taskId = create.data.createTask.task.id as string;
    await gw.gql(`mutation { updateTask(input: { task: "${taskId}", name: "audit-me-2" }) { task { id } } }`);
    // held PENDING, so the cancel finds it unfinished however slow the machine
    const run = (await held(emu, () => gw.gql(`mutation { triggerTaskRun(input: { task: "${taskId}", dataStartTime: "${hourAgo()}" }) { run { id } } }`))).data.triggerTaskRun.run.id;
    await gw.gql(`mutation { cancelTaskRun(input: { runId: "${run}" }) { run { id } } }`);
    await gw.gql(`mutation { deleteTask(input: { task: "${taskId}" }) { deletedTaskId } }`);
    await gw.gql(`mutation { deleteTask(input: { task: "${taskId}" }) { deletedTaskId } }`);
    const own = `own-key:${(await import('../../src/upstream/key-hash.ts')).keyHashOf(emu.apiKey)}`;
    expect(audits().map((l) => [l.who, l.mutation, l.target, l.outcome])).toEqual([
      ['anonymous', 'createTask', taskId, 'ok'],
      [own, 'updateTask', taskId, 'ok'],
      [own, 'triggerTaskRun', run, 'ok'],
      [own, 'cancelTaskRun', run, 'ok'],
      [own, 'deleteTask', taskId, 'ok'],
      [own, 'deleteTask', taskId, 'NOT_FOUND'],
    ]);
    expect(audits().every((l) => l.level === 30 && typeof l.requestId === 'string')).toBe(true);
    expect(gw.log.text()).not.toContain(emu.apiKey);
  });
});

describe('CORS and CSRF that common clients pass', async () => {
  const gw = await gateway({ env: { CORS_ORIGINS: 'https://app.example.com' } });

  it.each(['apollo-require-preflight', 'graphql-require-preflight', 'x-graphql-yoga-csrf', 'traceparent', 'tracestate', 'baggage', 'x-arize-api-key', 'authorization'])(
    'allows %s in a preflight, for 10 minutes', async (header) => {
      const response = await fetch(`${gw.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': `content-type,${header}` },
      });
      expect(response.status).toBeLessThan(300);
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/)).toContain(header);
      expect(response.headers.get('access-control-max-age')).toBe('600');
    });

  it('names the headers that would pass when it refuses a foreign page\'s bare GET (CSRF), and logs it below error', async () => {
    const response = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: 'https://evil.example.net' } });
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(body.errors[0].message).toMatch(/apollo-require-preflight.*x-graphql-yoga-csrf/s);
    expect(gw.log.lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 50)).toEqual([]);
  });

  it('lets an app listed in CORS_ORIGINS send cross-site GET queries', async () => {
    const response = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { origin: 'https://app.example.com', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });
});

describe('malformed requests and limits (the fuzz findings)', async () => {
  const gw = await gateway({ env: { MAX_QUERY_TOKENS: '200', MAX_QUERY_ALIASES: '3', WS_MAX_CONNECTIONS_PER_CLIENT: '1000', SSE_MAX_STREAMS_PER_CLIENT: '2' } });
  const { emu } = gw;
  const auth = { authorization: `Bearer ${emu.apiKey}` };

  it.each([
    ['a form body with broken percent-encoding', () => fetch(`${gw.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%E0%A4%A&variables=%' })],
    ['a GET whose variables are not JSON', () => fetch(`${gw.url}/graphql?query=${encodeURIComponent('query($f: Int) { tasks(first: $f) { nodes { id } } }')}&variables=%7Bbad`, { headers: auth })],
    ['an SSE GET with truncated variables', () => fetch(`${gw.url}/graphql?query=${encodeURIComponent('subscription($id: ID!) { runStatus(runId: $id) { status } }')}&variables=%7B%22id%22%3A`, { headers: { ...auth, accept: 'text/event-stream' } })],
  ])('answers %s with BAD_USER_INPUT (400) and logs nothing at error', async (_what, send) => {
    const before = gw.log.lines.length;
    const response = await send();
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).toMatch(/"code":"BAD_USER_INPUT"/);
    expect(text).not.toMatch(/Unexpected error/);
    expect(gw.log.lines.slice(before).map((l) => JSON.parse(l)).filter((l) => l.level >= 50)).toEqual([]);
  });

  it.each([
    ['no query', '{}', { code: 'BAD_USER_INPUT' }],
    ['a query that is not a string', '{"query": 5}', { code: 'BAD_USER_INPUT' }],
    ['a body that is not JSON', 'nojson', { code: 'BAD_USER_INPUT' }],
    ['a batch (batching is off)', '[{"query":"{ __typename }"}]', { code: 'BAD_USER_INPUT' }],
    ['a document over the alias limit', '{"query":"{ a: __typename b: __typename c: __typename d: __typename }"}', { code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_ALIASES', max: 3, found: 4 }],
    ['a document over the token limit', JSON.stringify({ query: `{ ${'__typename '.repeat(250)} }` }), { code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_TOKENS', max: 200 }],
  ])('answers %s over HTTP with a contract code, no internals, nothing logged at warn or above', async (_what, body, extensions) => {
    const before = gw.log.lines.length;
    const response = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
    const result = await response.json();
    expect(result.errors[0].extensions).toEqual(extensions);
    expect(gw.log.lines.slice(before).map((l) => JSON.parse(l)).filter((l) => l.level >= 40)).toEqual([]);
  });

  it('answers a document nested deeper than the parser can follow (within the token limit) as unreadable (GRAPHQL_PARSE_FAILED), nothing logged at error', async () => {
    const roomy = await gateway({ emu }); // the default MAX_QUERY_TOKENS, 3000: room for ~2900 levels of brackets
    for (const depth of [2900, 20_000]) {
      const before = roomy.log.lines.length;
      const query = `{ tasks(first: ${'['.repeat(depth)}1${']'.repeat(depth)}) { nodes { id } } }`;
      const response = await fetch(`${roomy.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const text = await response.text();
      expect(text).not.toMatch(/Unexpected error/);
      expect((JSON.parse(text) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(roomy.log.lines.slice(before).map((l) => JSON.parse(l)).filter((l) => l.level >= 50)).toEqual([]);
    }
  });

  it('gives every WebSocket error a code, and a limit-breaking subscribe fails alone while the socket\'s other subscriptions run on', async () => {
    const client = gw.ws();
    const run = emu.control.addRun(seeded(emu).firstTask.id, { pendingMs: 300, runningMs: 300, fails: false });
    const running = collect(client, 'subscription($id: ID!) { runStatus(runId: $id) { status } }', { id: run.id });
    await until(() => running.results.length > 0, 10_000, 'the first state');
    const failures = await Promise.all([
      '{ tasks( }',
      `{ ${Array.from({ length: 80 }, (_, i) => `f${i}: __typename`).join(' ')} }`,
      '{ a: __typename b: __typename c: __typename d: __typename e: __typename }',
      '{ nope }',
    ].map((query) => collect(client, query).done.then(() => 'completed', (errors: unknown) => errors)));
    for (const errors of failures) {
      expect(Array.isArray(errors)).toBe(true);
      expect((errors as Array<{ extensions?: { code?: string } }>).every((e) => typeof e.extensions?.code === 'string')).toBe(true);
    }
    const states = await running.done;
    expect(states.at(-1)?.data).toEqual({ runStatus: { status: 'COMPLETED' } });
    expect(gw.log.lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 50)).toEqual([]);
  });

  it('refuses an API key that cannot be a header value at once, with no upstream call', async () => {
    emu.clearLog();
    const result = await gw.gql('{ spaces { nodes { id } } }', undefined, { headers: { authorization: 'Bearer \u00e9t\u00e9' }, key: null });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const closed = await closeOf(gw.wsUrl, { authorization: 'Bearer \u65e5\u672c\u8a9e' });
    expect(closed.code).toBe(4401);
    expect(emu.requests).toEqual([]);
  });

  it('tells a caller who left GraphiQL\'s placeholder key in place to replace it, with no upstream call', async () => {
    emu.clearLog();
    const result = await gw.gql('{ spaces { nodes { id } } }', undefined, { headers: { authorization: 'Bearer <your Arize API key>' }, key: null });
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/placeholder `<your Arize API key>`: replace it .*Headers tab/),
    });
    expect(emu.requests).toEqual([]);
  });

  it('caps SSE streams per client address like WebSockets', async () => {
    const run = pendingRun(emu, seeded(emu).firstTask.id);
    const open = () => fetch(`${gw.url}/graphql?query=${encodeURIComponent(`subscription { runStatus(runId: "${run.id}") { status } }`)}`, { headers: { ...auth, accept: 'text/event-stream' } });
    const streams = [await open(), await open()];
    expect(streams.map((s) => s.status)).toEqual([200, 200]);
    const third = await open();
    expect(third.status).toBe(429);
    expect((await third.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    for (const s of streams) await s.body?.cancel();
    // the server frees a slot when it sees the stream closed; ask until it has
    let again = await open();
    for (const deadline = Date.now() + 10_000; again.status === 429 && Date.now() < deadline; again = await open()) {
      await again.body?.cancel();
      await sleep(20);
    }
    expect(again.status).toBe(200);
    await again.body?.cancel();
  });
});

describe('amplification and hangs', async () => {
  const INTERVAL_MS = 250;
  const gw = await gateway({ env: { RUN_POLL_INTERVAL_MS: String(INTERVAL_MS) } });
  const { emu } = gw;

  it('stops the watch of a waitForTaskRun whose client went away: 50 aborted waits leave 0 pollers and no more polls', async () => {
    const task = seeded(emu).firstTask;
    const runs = Array.from({ length: 25 }, () => pendingRun(emu, task.id));
    const controllers = Array.from({ length: 50 }, () => new AbortController());
    const waits = controllers.map((controller, i) => fetch(`${gw.url}/graphql`, {
      method: 'POST', signal: controller.signal,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${emu.apiKey}` },
      body: JSON.stringify({ query: `{ waitForTaskRun(id: "${runs[i % runs.length]!.id}", pollIntervalSeconds: 0.1) { id } }` }),
    }).catch(() => 'aborted'));
    await until(() => gw.runFeed.activePollers === 25, 10_000, '25 pollers');
    for (const controller of controllers) controller.abort();
    expect(await Promise.all(waits)).toEqual(waits.map(() => 'aborted'));
    // The server sees each closed socket a moment after the client aborts; how long a moment
    // depends on the machine's load, so this waits for it (speed is for bench/, not tests).
    await until(() => gw.runFeed.activePollers === 0, 10_000, '0 pollers');
    // A poll sent just before its poller stopped may still land; then no new poll may start.
    await sleep(INTERVAL_MS);
    emu.clearLog();
    await sleep(2 * INTERVAL_MS);
    expect(emu.count('GET', (p) => p.startsWith('/v2/task-runs/'))).toBe(0);
  });

  it.each([
    ['an interval beyond a timer', 'pollIntervalSeconds: 3e6, timeoutSeconds: 3', /pollIntervalSeconds.*at most 600/],
    ['a timeout beyond a timer', 'timeoutSeconds: 3e6', /timeoutSeconds.*at most 3600/],
  ])('refuses %s with no upstream call', async (_what, args, message) => {
    // an emulator of its own: a poll of an earlier test still landing cannot be taken for this call's
    const own = await gateway();
    const result = await own.gql(`{ waitForTaskRun(id: "VGFza1J1bjo5OTpxUndY", ${args}) { id } }`);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(message) });
    expect(own.emu.requests).toEqual([]);
  });

  it('prices nodes(ids:) by its ids, given inline or as a variable, and refuses 3,000 before any call', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => Buffer.from(`OnlineTask:${i}:abcd`).toString('base64'));
    emu.clearLog();
    const byVariable = await gw.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(byVariable.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', cost: 3000 } });
    const capped = await gw.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids.slice(0, 101) });
    expect(capped.errors?.[0]?.message).toMatch(/at most 100 ids/);
    expect(emu.requests).toEqual([]);
  });
});

describe('writes whose answer was lost', async () => {
  const emu = await emulator({ runs: { ...FAST_RUNS, pendingMs: 60_000 } });
  const gw: Gateway = await gateway({ emu });
  const project = seeded(emu).firstProject;
  const evaluator = seeded(emu).firstEvaluator;
  const CREATE = 'mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id name } clientMutationId } }';
  const TRIGGER = 'mutation($i: TriggerTaskRunInput!) { triggerTaskRun(input: $i) { run { id } clientMutationId } }';
  let n = 0;
  const input = () => ({ name: `lost-${n++}`, type: 'TEMPLATE_EVALUATION', project: project.id, evaluators: [{ evaluatorId: evaluator.id }] });

  it('returns the created task when the create happened but its answer was lost', async () => {
    const i = input();
    emu.addFault({ method: 'POST', path: '^/v2/tasks$', status: 502, times: 1, when: 'after' });
    const result = await gw.gql(CREATE, { i });
    expect(result.errors).toBeUndefined();
    const created = emu.control.tasks().filter((t) => t.name === i.name);
    expect(created).toHaveLength(1);
    expect(result.data.createTask.task).toEqual({ id: created[0]!.id, name: i.name });
    expect(emu.count('POST', '/v2/tasks')).toBeGreaterThanOrEqual(1);
  });

  it('says UNKNOWN, not "nothing was changed", when the upstream failed a create and the task does not show', async () => {
    const i = input();
    emu.addFault({ method: 'POST', path: '^/v2/tasks$', status: 503, times: 1 });
    const result = await gw.gql(CREATE, { i });
    // a 503 is not documented as "nothing done": the create may still land, so only UNKNOWN is true
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE', outcome: 'UNKNOWN' }, message: expect.stringMatching(/look before trying again/) });
    expect(emu.control.tasks().some((t) => t.name === i.name)).toBe(false);
  });

  it('returns the started run when a trigger\'s answer was lost, and says UNKNOWN when another run appeared during the call', async () => {
    const task = (await gw.gql(CREATE, { i: input() })).data.createTask.task;
    emu.addFault({ method: 'POST', path: '/trigger$', status: 429, retryAfterSeconds: 1, times: 1, when: 'after' });
    const result = await gw.gql(TRIGGER, { i: { task: task.id, dataStartTime: hourAgo() } });
    expect(result.errors).toBeUndefined();
    const runs = emu.control.runs(task.id);
    expect(runs).toHaveLength(1);
    expect(result.data.triggerTaskRun.run.id).toBe(runs[0]!.id);

    // another client's run appears while the trigger is in flight: which one is ours cannot be told
    emu.addFault({ method: 'POST', path: '/trigger$', status: 504, times: 1, when: 'after', delayMs: 1500 });
    const ambiguous = gw.gql(TRIGGER, { i: { task: task.id, dataStartTime: hourAgo() } });
    // the trigger has arrived (it took the fault) and is held: the other run appears during the call
    await until(async () => (await (await fetch(`${emu.url}/__emulator/faults`)).json()).faults.length === 0, 10_000, 'the trigger to arrive');
    emu.control.addRun(task.id);
    expect((await ambiguous).errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE', outcome: 'UNKNOWN' }, message: expect.stringMatching(/look before trying again/) });
    expect(emu.count('POST', (p) => p.endsWith('/trigger'))).toBe(2); // never retried blindly
  });

  it('returns the first result for a retry with the same clientMutationId, writing once', async () => {
    const i = { ...input(), clientMutationId: 'create-once' };
    const first = await gw.gql(CREATE, { i });
    const again = await gw.gql(CREATE, { i });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    const task = first.data.createTask.task;
    emu.clearLog();
    const trigger = { task: task.id, dataStartTime: hourAgo(), clientMutationId: 'trigger-once' };
    const [a, b] = await Promise.all([gw.gql(TRIGGER, { i: trigger }), gw.gql(TRIGGER, { i: trigger })]);
    expect(a.data.triggerTaskRun.run.id).toBe(b.data.triggerTaskRun.run.id);
    expect(emu.count('POST', (p) => p.endsWith('/trigger'))).toBe(1);
    const other = await gw.gql(TRIGGER, { i: { ...trigger, maxSpans: 5 } });
    expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/different input/) });
    const otherCaller = await gw.gql(TRIGGER, { i: trigger }, { key: null, headers: { authorization: `Bearer ${emu.apiKey}-other` } });
    expect(otherCaller.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED'); // not replayed across callers
  });
});

describe('the WebSocket client library sees codes too', () => {
  it('reports a parse error over graphql-ws with GRAPHQL_PARSE_FAILED', async () => {
    const gw = await gateway();
    const client = createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${gw.emu.apiKey}` } });
    const errors = await new Promise<unknown>((resolve) => client.subscribe({ query: '{ tasks(' }, { next: () => {}, error: resolve, complete: () => resolve('completed') }));
    await client.dispose();
    expect(errors).toMatchObject([{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }]);
  });
});
