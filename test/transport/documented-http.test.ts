/**
 * What README.md and docs/ say about HTTP statuses and headers, observed on a
 * real socket: one test per claim, named by where it is written. When one
 * fails, either the behaviour or the sentence changed; fix whichever is wrong.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { gateway, until } from '../support/servers.ts';
import { seeded, pendingRun } from '../support/fixtures.ts';

const SECRET = 's'.repeat(40);
const ISSUER = 'https://login.test/';
const AUDIENCE = 'arize-tasks-gateway';
const QUERY = JSON.stringify({ query: '{ tasks(first: 1) { nodes { id } } }' });
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

const gw = await gateway({ env: { MAX_BODY_BYTES: '4096', SSE_MAX_STREAMS_PER_CLIENT: '1', WS_MAX_CONNECTIONS_PER_CLIENT: '1' } });
const signedIn = await gateway({ emu: gw.emu, serverKey: true, env: { AUTH_JWT_ISSUER: ISSUER, AUTH_JWT_AUDIENCE: AUDIENCE, AUTH_JWT_SECRET: SECRET } });
const onlyTrusted = await gateway({ emu: gw.emu, env: { PERSISTED_OPERATIONS: 'only' } });
const noPage = await gateway({ emu: gw.emu, env: { GRAPHIQL: 'false' } });
const auth = { authorization: `Bearer ${gw.emu.apiKey}` };

/** POSTs `body` to `target`'s /graphql with `headers`; resolves with the status, headers and the parsed body. */
async function post(target: { url: string }, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${target.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as { data?: Record<string, { status?: string } | null> | null; errors?: Array<{ message?: string; extensions?: { code?: string } }> } };
}
const code = (answer: { json: { errors?: Array<{ extensions?: { code?: string } }> } }) => answer.json.errors?.[0]?.extensions?.code;

/** The status (or close) a WebSocket upgrade gets. */
function upgrade(url: string, headers: Record<string, string> = {}): Promise<{ opened: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'graphql-transport-ws', { headers });
    ws.once('open', () => resolve({ opened: ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
  });
}

describe('docs/errors.md, "HTTP status"', () => {
  it.each([
    ['a body that is not JSON', 'nojson', 'BAD_USER_INPUT'],
    ['no query', '{}', 'BAD_USER_INPUT'],
    ['a document that does not parse', '{"query": "{ tasks( }"}', 'GRAPHQL_PARSE_FAILED'],
    ['a document that does not validate', '{"query": "{ nope }"}', 'GRAPHQL_VALIDATION_FAILED'],
    // the broken escape decodes to U+FFFD, so the query does not parse: the request itself is read
    ['a form body with broken percent-encoding', 'query=%E0%A4%A', 'GRAPHQL_PARSE_FAILED', 'application/x-www-form-urlencoded'],
  ])('%s: 400 with Accept: application/graphql-response+json, 200 with application/json, */* or none', async (_what, body, expected, type = 'application/json') => {
    const strict = await post(gw, body, { ...auth, accept: GRAPHQL_RESPONSE, 'content-type': type });
    expect([strict.status, code(strict)]).toEqual([400, expected]);
    expect(strict.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    for (const accept of ['application/json', '*/*', undefined]) {
      const legacy = await post(gw, body, { ...auth, ...(accept ? { accept } : {}), 'content-type': type });
      expect([accept, legacy.status, code(legacy)]).toEqual([accept, 200, expected]);
    }
  });

  it.each([
    ['a GET whose variables are not JSON', (accept: string) => fetch(`${gw.url}/graphql?query=${encodeURIComponent('query($f: Int) { tasks(first: $f) { nodes { id } } }')}&variables=%7Bbad`, { headers: { ...auth, accept } })],
    ['an event-stream request whose variables are not JSON', () => fetch(`${gw.url}/graphql?query=${encodeURIComponent('subscription($id: ID!) { runStatus(runId: $id) { status } }')}&variables=%7B%22id`, { headers: { ...auth, accept: 'text/event-stream' } })],
    ['a query that is not a string', (accept: string) => fetch(`${gw.url}/graphql`, { method: 'POST', headers: { ...auth, accept, 'content-type': 'application/json' }, body: '{"query": 5}' })],
    ['a batch while batching is off', (accept: string) => fetch(`${gw.url}/graphql`, { method: 'POST', headers: { ...auth, accept, 'content-type': 'application/json' }, body: '[{"query": "{ __typename }"}]' })],
  ])('%s: 400 whatever Accept says', async (_what, send) => {
    for (const accept of [GRAPHQL_RESPONSE, 'application/json', '*/*']) {
      const response = await send(accept);
      expect([accept, response.status]).toEqual([accept, 400]);
      expect(await response.text()).toMatch(/"code":"BAD_USER_INPUT"/);
    }
  });

  it('a body over MAX_BODY_BYTES: 413', async () => {
    const big = await post(gw, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(5000) } }), auth);
    expect([big.status, code(big)]).toEqual([413, 'BAD_USER_INPUT']);
  });

  it('with end-user sign-in, a missing or bad token: 401 with WWW-Authenticate: Bearer, whatever Accept says', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-jwt' }] as Array<Record<string, string>>) {
      for (const accept of [GRAPHQL_RESPONSE, 'application/json', '*/*']) {
        const refused = await post(signedIn, QUERY, { ...headers, accept });
        expect([refused.status, refused.headers.get('www-authenticate'), code(refused)]).toEqual([401, 'Bearer', 'UNAUTHENTICATED']);
      }
    }
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setSubject('ada').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
    const ok = await post(signedIn, QUERY, { authorization: `Bearer ${token}` });
    expect([ok.status, ok.headers.get('www-authenticate'), ok.json.errors]).toEqual([200, null, undefined]);
  });

  it('without sign-in, a missing or refused Arize key: UNAUTHENTICATED in a 200, no WWW-Authenticate', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-the-key' }] as Array<Record<string, string>>) {
      for (const accept of [GRAPHQL_RESPONSE, '*/*']) {
        const refused = await post(gw, QUERY, { ...headers, accept });
        expect([refused.status, refused.headers.get('www-authenticate'), code(refused)]).toEqual([200, null, 'UNAUTHENTICATED']);
      }
    }
  });

  it('from another site\'s page: 403 FORBIDDEN; a mutation sent with GET: 405', async () => {
    const crossSite = await post(gw, QUERY, { ...auth, 'sec-fetch-site': 'cross-site', origin: 'https://elsewhere.example' });
    expect([crossSite.status, code(crossSite)]).toEqual([403, 'FORBIDDEN']);
    const sameSite = await post(gw, QUERY, { ...auth, 'sec-fetch-site': 'same-site', origin: 'https://sibling.example' });
    expect(sameSite.status).toBe(403);
    const getMutation = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('mutation { deleteTask(input: { task: "x" }) { clientMutationId } }')}`, { headers: auth });
    expect(getMutation.status).toBe(405);
  });

  it('an event stream over SSE_MAX_STREAMS_PER_CLIENT: 429 RATE_LIMITED', async () => {
    const run = pendingRun(gw.emu, seeded(gw.emu).firstTask.id, 600_000);
    const open = () => fetch(`${gw.url}/graphql?query=${encodeURIComponent(`subscription { runStatus(runId: "${run.id}") { status } }`)}`, { headers: { ...auth, accept: 'text/event-stream' } });
    const first = await open();
    expect(first.status).toBe(200);
    const second = await open();
    expect(second.status).toBe(429);
    expect(await second.text()).toMatch(/"code":"RATE_LIMITED"/);
    await first.body?.cancel();
  });

  it('an HTTP waitForTaskRun holds one of those places while it waits: past them RATE_LIMITED at once; given back when its client leaves', async () => {
    const run = pendingRun(gw.emu, seeded(gw.emu).firstTask.id, 600_000);
    const wait = JSON.stringify({ query: `{ waitForTaskRun(id: "${run.id}", timeoutSeconds: 60) { status } }` });
    const held = gw.emu.hold('GET', new RegExp(`^/v2/task-runs/${encodeURIComponent(run.id)}$`));
    const leaving = new AbortController();
    const first = fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: wait, signal: leaving.signal }).catch(() => 'left');
    await until(() => held.waiting === 1, 10_000, 'the first wait to read the run');
    gw.emu.clearLog();
    const second = await post(gw, wait, auth);
    expect(code(second)).toBe('RATE_LIMITED');
    expect(second.json.errors?.[0]?.message).toMatch(/SSE_MAX_STREAMS_PER_CLIENT/);
    expect(gw.emu.requests).toEqual([]); // refused before any read
    leaving.abort();
    expect(await first).toBe('left');
    held.release();
    gw.emu.control.advance(run.id, 3_600_000); // ended long ago
    await until(async () => /^(COMPLETED|FAILED)$/.test((await post(gw, wait, auth)).json.data?.waitForTaskRun?.status ?? ''), 10_000, 'the place to come back');
  });

  it('with GraphiQL off, a GET that accepts only HTML: 406 (a page is all it would take); with */* beside it, the usual JSON answer', async () => {
    const htmlOnly = await fetch(`${noPage.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(htmlOnly.status).toBe(406);
    const browser = await fetch(`${noPage.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(browser.status).toBe(200);
    expect(await browser.text()).toMatch(/"errors"/);
  });

  it('a subscription asked for as multipart/mixed (Apollo Client\'s HttpLink alone): 406 with a coded error naming where subscriptions go; a body of another type: 415, coded', async () => {
    const subscription = JSON.stringify({ query: `subscription { runStatus(runId: "${seeded(gw.emu).firstRun.id}") { status } }` });
    const answer = await fetch(`${gw.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json', ...auth }, body: subscription,
    });
    expect(answer.status).toBe(406);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const [error] = (await answer.json()).errors;
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(error.message).toMatch(/text\/event-stream.*WebSocket/s);
    // a query with an Accept of nothing the gateway writes: 406 with a coded error too
    const xml = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/xml', ...auth }, body: QUERY });
    expect(xml.status).toBe(406);
    expect((await xml.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // and a body of a type it does not read: 415, coded too
    const unread = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/xml', ...auth }, body: '<query/>' });
    expect(unread.status).toBe(415);
    expect((await unread.json()).errors[0]).toMatchObject({ message: expect.stringContaining('application/json'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('a WebSocket over WS_MAX_CONNECTIONS_PER_CLIENT: 429; from a foreign Origin: 403, before the handshake', async () => {
    const first = await upgrade(gw.wsUrl);
    expect('opened' in first).toBe(true);
    expect(await upgrade(gw.wsUrl)).toEqual({ status: 429 });
    if ('opened' in first) first.opened.close();
    await until(async () => Number((await gw.metrics.sockets.get()).values[0]?.value) === 0, 10_000, 'the socket to close');
    expect(await upgrade(gw.wsUrl, { origin: 'https://elsewhere.example' })).toEqual({ status: 403 });
  });

  it('query limits, trusted documents\' FORBIDDEN and what comes from the upstream: 200, whatever Accept says', async () => {
    const aliases = JSON.stringify({ query: `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: __typename`).join(' ')} }` });
    const missing = JSON.stringify({ query: `{ task(task: "${Buffer.from('OnlineTask:99999:gone').toString('base64')}") { id } }` });
    for (const accept of [GRAPHQL_RESPONSE, '*/*']) {
      const limited = await post(gw, aliases, { ...auth, accept });
      expect([limited.status, code(limited)]).toEqual([200, 'BAD_USER_INPUT']);
      const untrusted = await post(onlyTrusted, QUERY, { ...auth, accept });
      expect([untrusted.status, code(untrusted)]).toEqual([200, 'FORBIDDEN']);
      const notFound = await post(gw, missing, { ...auth, accept });
      expect([notFound.status, code(notFound)]).toEqual([200, 'NOT_FOUND']);
    }
  });

  it('every response of the endpoint and the probes carries x-request-id (yours, if you sent one)', async () => {
    const mine = await post(gw, 'nojson', { ...auth, 'x-request-id': 'report-me-1' });
    expect(mine.headers.get('x-request-id')).toBe('report-me-1');
    const answers = [
      await post(gw, QUERY, auth), await post(gw, 'nojson', { ...auth, accept: GRAPHQL_RESPONSE }), await post(signedIn, QUERY),
      await post(gw, QUERY, { ...auth, 'sec-fetch-site': 'cross-site', origin: 'https://elsewhere.example' }),
    ];
    for (const answer of answers) expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    for (const probe of ['/health', '/ready', '/metrics']) expect((await fetch(`${gw.url}${probe}`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('README and docs/deployment.md: the probes', () => {
  it('/health 200 while alive; /ready 200 while the upstream answers, 503 once the gateway is stopping', async () => {
    const stopping = await gateway({ emu: gw.emu, inProcess: true });
    expect((await fetch(`${stopping.url}/health`)).status).toBe(200);
    expect(await (await fetch(`${stopping.url}/ready`)).json()).toMatchObject({ status: 'ready' });
    expect((await fetch(`${stopping.url}/metrics`)).status).toBe(200);
    // a request in flight keeps the stop going; /ready, asked meanwhile (in-process: the listener no longer accepts), says 503
    gw.emu.configure({ latencyMs: 1500 });
    gw.emu.clearLog();
    const inFlight = fetch(`${stopping.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: QUERY });
    await until(() => gw.emu.requests.some((r) => r.path === '/v2/tasks'), 10_000, 'the request to reach the upstream');
    const stopped = stopping.stop();
    const ready = await stopping.app.fetch(`${stopping.url}/ready`);
    gw.emu.configure({ latencyMs: 0 });
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'stopping' }]);
    expect((await inFlight).status).toBe(200);
    await stopped;
  });
});

describe('docs/graphql-api.md: runStatus completes only after the terminal state', () => {
  it('ends an event stream with an UPSTREAM_UNAVAILABLE error, not a bare completion, when the gateway stops before the run ends', async () => {
    const stopping = await gateway({ emu: gw.emu });
    const run = pendingRun(gw.emu, seeded(gw.emu).firstTask.id);
    const query = `subscription { runStatus(runId: "${run.id}") { status } }`;
    const stream = await fetch(`${stopping.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'text/event-stream', ...auth } });
    const reader = stream.body!.getReader();
    let text = '';
    while (!text.includes('PENDING')) text += new TextDecoder().decode((await reader.read()).value);
    const stopped = stopping.stop();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    await stopped;
    const events = text.split('\n\n').filter((e) => e.startsWith('event:')).map((e) => ({ event: /^event: (\w+)/.exec(e)![1], data: /\ndata: ?(.*)/.exec(e)?.[1] ?? '' }));
    expect(events.map((e) => e.event)).toEqual(['next', 'next', 'complete']);
    expect(JSON.parse(events[1]!.data).errors[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE' }, message: expect.stringMatching(/shutting down.*subscribe again/) });
  });
});

describe('README, Notes: GraphiQL\'s caching and compression', () => {
  it('the page: an ETag, Cache-Control: no-cache, 304 on a repeat; assets: immutable for a year; bodies of 1 KiB or more compressed, small ones not', async () => {
    const page = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    const etag = page.headers.get('etag');
    expect([page.status, page.headers.get('cache-control'), etag]).toEqual([200, 'no-cache', expect.any(String)]);
    const repeat = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html', 'if-none-match': etag! } });
    expect([repeat.status, await repeat.text()]).toEqual([304, '']);
    const script = /src="(\/graphql\/assets\/[^"]+\.js)"/.exec(await page.text())![1]!;
    const asset = await fetch(`${gw.url}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect([asset.status, asset.headers.get('cache-control'), asset.headers.get('content-encoding')]).toEqual([200, 'public, max-age=31536000, immutable', 'br']);
    const large = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'accept-encoding': 'gzip' }, body: JSON.stringify({ query: '{ tasks(first: 20) { nodes { id name } } }' }) });
    expect(large.headers.get('content-encoding')).toBe('gzip');
    const small = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'accept-encoding': 'gzip, br' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(small.headers.get('content-encoding')).toBeNull();
  });
});
