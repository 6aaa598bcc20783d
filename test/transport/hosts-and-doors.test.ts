/**
 * Who gets in, and through which door: the `Host` a request names (DNS
 * rebinding), the one route test (no side doors to graphql-sse), stream
 * reservations that expire and count, event-stream caps whatever `Accept`
 * says, the client address behind a trusted proxy, and slow requests cut off.
 * Requests go out with `node:http`, so `Host` is exactly what the test says.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { collect, gateway, sleep, until, type Gateway } from '../support/servers.ts';
import { seeded, pendingRun } from '../support/fixtures.ts';


interface Answer { status: number; headers: http.IncomingHttpHeaders; text: string }

/** One request to `gw` with exactly these headers (`host` included) and body. */
function send(gw: Gateway, path: string, { method = 'POST', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: gw.port, path, method, headers: { host: `127.0.0.1:${gw.port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += String(chunk); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

/** A WebSocket upgrade with exactly these headers; resolves with the HTTP status of a refusal, or 101. */
function upgrade(gw: Gateway, headers: Record<string, string>, path = '/graphql'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: gw.port, path,
      headers: {
        host: `127.0.0.1:${gw.port}`, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-protocol': 'graphql-transport-ws', ...headers,
      },
    });
    req.once('upgrade', (res, socket: Duplex) => { socket.destroy(); resolve(res.statusCode ?? 0); });
    req.once('response', (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.once('error', reject);
    req.end();
  });
}

describe('DNS rebinding: the Host a request names', async () => {
  // what `npm start` is: a server key, no sign-in
  const gw = await gateway({ serverKey: true, env: { PUBLIC_HOSTS: 'tasks.example.com,pinned.example.com:8443', CORS_ORIGINS: 'https://app.example.com' } });
  const { emu } = gw;
  const evil = { host: `evil.test:${gw.port}`, origin: `http://evil.test:${gw.port}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };

  it('refuses a rebound page\'s read and write with 421 naming PUBLIC_HOSTS, before any upstream call', async () => {
    const task = seeded(emu).firstTask;
    emu.clearLog();
    const read = await send(gw, '/graphql', { headers: evil, body: json('{ tasks(first: 1) { nodes { id } } }') });
    const write = await send(gw, '/graphql', { headers: evil, body: json(`mutation { updateTask(input: { task: "${task.id}", name: "pwned" }) { task { id } } }`) });
    for (const answer of [read, write]) {
      expect(answer.status).toBe(421);
      expect(JSON.parse(answer.text).errors[0]).toMatchObject({ message: expect.stringMatching(/PUBLIC_HOSTS/), extensions: { code: 'FORBIDDEN' } });
    }
    expect(emu.requests).toEqual([]);
    expect(task.name).not.toBe('pwned');
  });

  it('refuses the rebound page\'s WebSocket upgrade with 421, and its graphql-sse stream', async () => {
    expect(await upgrade(gw, { host: evil.host, origin: evil.origin })).toBe(421);
    const stream = await send(gw, '/graphql/stream', { method: 'PUT', headers: { host: evil.host, origin: evil.origin, 'sec-fetch-site': 'same-origin' } });
    expect(stream.status).toBe(421);
  });

  it('serves localhost and IP literals on any port, the hosts of PUBLIC_HOSTS and CORS_ORIGINS, and a pinned port only on that port', async () => {
    const ask = (host: string) => send(gw, '/graphql', { headers: { host, 'content-type': 'application/json' }, body: json('{ __typename }') }).then((a) => a.status);
    expect(await ask(`localhost:${gw.port}`)).toBe(200);
    expect(await ask(`127.0.0.1:${gw.port}`)).toBe(200);
    expect(await ask('[::1]:4000')).toBe(200);
    expect(await ask('tasks.example.com')).toBe(200);
    expect(await ask('TASKS.EXAMPLE.COM.:443')).toBe(200);
    expect(await ask('app.example.com')).toBe(200);
    expect(await ask('pinned.example.com:8443')).toBe(200);
    expect(await ask('pinned.example.com:8080')).toBe(421);
    expect(await ask('pinned.example.com')).toBe(421);
    expect(await ask('tasks.example.com.evil.test')).toBe(421);
    expect(await ask('tasks.example.com@evil.test')).toBe(421);
    expect(await upgrade(gw, { host: `localhost:${gw.port}`, origin: `http://localhost:${gw.port}` })).toBe(101);
  });
});

describe('one door per protocol', async () => {
  const manifest = (await import('../../examples/generated/persisted-documents.json', { with: { type: 'json' } })).default as Record<string, string>;
  const gw = await gateway({ env: { PERSISTED_OPERATIONS: 'only', SSE_RESERVATION_TTL_MS: '400', SSE_MAX_STREAMS_PER_CLIENT: '3' } });
  const { emu } = gw;
  const auth = { authorization: `Bearer ${emu.apiKey}` };
  expect(Object.keys(manifest).length).toBeGreaterThan(0);

  it.each(['/x/graphql/stream', '//graphql/stream', '/graphql/graphql/stream', '/graphql/stream/', '/graphql%2Fstream', '/x/graphql', '/graphql/', '/graphql/assets/../stream'])(
    'answers %s with 404, running nothing, even an untrusted document under PERSISTED_OPERATIONS=only', async (path) => {
      emu.clearLog();
      const put = await send(gw, path, { method: 'PUT' });
      expect(put.status).toBe(404);
      const post = await send(gw, path, { headers: { ...auth, 'content-type': 'application/json', accept: 'text/event-stream' }, body: json('{ tasks(first: 1) { nodes { id } } }') });
      expect(post.status).toBe(404);
      expect(JSON.parse(post.text).errors[0].extensions.code).toBe('NOT_FOUND');
      expect(emu.requests).toEqual([]);
      expect(await upgrade(gw, {}, path)).toBe(404);
    });

  it('still refuses an untrusted document on the real /graphql/stream', async () => {
    const post = await send(gw, '/graphql/stream', { headers: { ...auth, 'content-type': 'application/json', accept: 'text/event-stream' }, body: json('{ tasks(first: 1) { nodes { id } } }') });
    expect(post.status).toBe(403);
  });

  it('lets a graphql-sse reservation expire when its stream never opens, and counts reservations against the per-client cap', async () => {
    const reserve = () => send(gw, '/graphql/stream', { method: 'PUT', headers: auth });
    const tokens = [];
    for (let i = 0; i < 3; i++) {
      const answer = await reserve();
      expect(answer.status).toBe(201);
      tokens.push(answer.text);
    }
    const over = await reserve();
    expect(over.status).toBe(429);
    expect(JSON.parse(over.text).errors[0].extensions.code).toBe('RATE_LIMITED');
    await sleep(1000);
    const late = await send(gw, `/graphql/stream?token=${tokens[0]}`, { method: 'GET', headers: { ...auth, accept: 'text/event-stream' } });
    expect(late.status).toBe(404);
    expect(JSON.parse(late.text).errors[0]).toMatchObject({ message: expect.stringMatching(/reserve a new one/), extensions: { code: 'NOT_FOUND' } });
    expect((await reserve()).status).toBe(201); // the expired ones gave their slots back
  });
});

describe('graphql-sse reservations', async () => {
  const gw = await gateway({ env: { SSE_RESERVATION_TTL_MS: '400' } });
  const { emu } = gw;
  const auth = { authorization: `Bearer ${emu.apiKey}` };

  it('ends the operations started on a reservation whose stream never opened, when it expires', async () => {
    const run = pendingRun(emu, seeded(emu).firstTask.id);
    const token = (await send(gw, '/graphql/stream', { method: 'PUT', headers: auth })).text;
    const op = await send(gw, '/graphql/stream', {
      headers: { ...auth, 'x-graphql-event-stream-token': token, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: `subscription { runStatus(runId: "${run.id}") { status } }`, extensions: { operationId: 'op-1' } }),
    });
    expect(op.status).toBe(202);
    // the operation started (its poller read the run); the reservation may already be gone on a slow machine
    await until(() => emu.requests.some((r) => r.path === `/v2/task-runs/${encodeURIComponent(run.id)}`), 10_000, 'the operation\'s first poll');
    await until(() => gw.runFeed.activePollers === 0, 10_000, 'the expired reservation\'s operation to end');
  });

  it('keeps a reservation whose stream is open for as long as the stream', async () => {
    const token = (await send(gw, '/graphql/stream', { method: 'PUT', headers: auth })).text;
    const stream = await fetch(`${gw.url}/graphql/stream?token=${token}`, { headers: { ...auth, accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    await sleep(700);
    const op = await send(gw, '/graphql/stream', {
      headers: { ...auth, 'x-graphql-event-stream-token': token, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { operationId: 'op-2' } }),
    });
    expect(op.status).toBe(202);
    await stream.body?.cancel();
  });
});

describe('graphql-sse errors are the gateway\'s', async () => {
  const gw = await gateway({ env: { MAX_QUERY_ALIASES: '20', MAX_QUERY_COST: '50' } });
  const auth = { authorization: `Bearer ${gw.emu.apiKey}`, 'content-type': 'application/json', accept: 'text/event-stream' };

  it.each([
    ['a syntax error', '{ tasks( }', { code: 'GRAPHQL_PARSE_FAILED' }],
    ['21 aliases', `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: __typename`).join(' ')} }`, { code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_ALIASES' }],
    ['an unknown field', '{ nope }', { code: 'GRAPHQL_VALIDATION_FAILED' }],
    ['a document over the cost limit', '{ tasks(first: 100) { nodes { runs(first: 100) { nodes { id } } } } }', { code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_COST' }],
  ])('answers %s on /graphql/stream with a result of coded errors on the stream asked for, then its end, never a stack', async (_what, query, extensions) => {
    // graphql-sse's client aborts a refused request before it reports it: only what comes on the stream reaches the page
    const answer = await send(gw, '/graphql/stream', { headers: auth, body: json(query) });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/text\/event-stream/);
    expect(answer.text).not.toMatch(/\n\s+at /);
    const events = [...answer.text.matchAll(/event: (\w+)\ndata: ?(.*)\n/g)].map(([, event, data]) => ({ event, data }));
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    expect(JSON.parse(events[0]!.data!).errors[0].extensions).toMatchObject(extensions);
  });

  it('answers graphql-sse\'s own refusals with codes too', async () => {
    const unknown = await send(gw, '/graphql/stream', { method: 'DELETE', headers: { ...auth, 'x-graphql-event-stream-token': 'nope' } });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('event-stream caps count every stream', async () => {
  const gw = await gateway({ env: { SSE_MAX_STREAMS_PER_CLIENT: '2' } });
  const { emu } = gw;

  it.each([['*/*'], ['text/*'], [undefined], ['TEXT/EVENT-STREAM'], ['text/event-stream']])('counts a stream asked for with Accept %s', async (accept) => {
    const run = pendingRun(emu, seeded(emu).firstTask.id);
    const url = `${gw.url}/graphql?query=${encodeURIComponent(`subscription { runStatus(runId: "${run.id}") { status } }`)}`;
    const headers = { authorization: `Bearer ${emu.apiKey}`, ...(accept ? { accept } : {}) };
    const streams = [await fetch(url, { headers }), await fetch(url, { headers })];
    for (const stream of streams) expect(stream.headers.get('content-type')).toMatch(/event-stream|multipart/);
    const third = await fetch(url, { headers });
    expect(third.status).toBe(429);
    expect((await third.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    for (const stream of streams) await stream.body?.cancel();
    await until(() => gw.runFeed.activePollers === 0, 10_000, 'the streams to end');
  });
});

describe('the client address behind a trusted proxy', async () => {
  const trusting = await gateway({ serverKey: true, env: { TRUSTED_PROXIES: '127.0.0.1,::1', WS_MAX_CONNECTIONS_PER_CLIENT: '2' } });
  const naive = await gateway({ emu: trusting.emu, serverKey: true, env: { WS_MAX_CONNECTIONS_PER_CLIENT: '2' } });
  const open = (gw: Gateway, forwardedFor: string) => new Promise<WebSocket | number>((resolve) => {
    const ws = new WebSocket(gw.wsUrl, 'graphql-transport-ws', { headers: { 'x-forwarded-for': forwardedFor } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
  const close = (sockets: Array<WebSocket | number>) => { for (const s of sockets) if (typeof s !== 'number') s.close(); };

  it('caps each client behind a trusted proxy on its own, by the right-most address the proxy did not add', async () => {
    const a = [await open(trusting, '203.0.113.7'), await open(trusting, '198.51.100.1, 203.0.113.7')];
    expect(a.every((s) => typeof s !== 'number')).toBe(true);
    expect(await open(trusting, '192.0.2.99, 203.0.113.7')).toBe(429); // a forged left part changes nothing
    const b = await open(trusting, '203.0.113.8');
    expect(typeof b).not.toBe('number');
    close([...a, b]);
  });

  it('caps an IPv6 client by its /64, the block one host is given, not by each of its addresses', async () => {
    const a = [await open(trusting, '2001:db8:1:2::1'), await open(trusting, '2001:db8:1:2:aaaa:bbbb:cccc:dddd')];
    expect(a.every((s) => typeof s !== 'number')).toBe(true);
    expect(await open(trusting, '2001:0db8:0001:0002:0:0:0:3')).toBe(429);
    expect(await open(trusting, '[2001:db8:1:2::4]:5678')).toBe(429);
    const other = await open(trusting, '2001:db8:1:3::1'); // another /64
    expect(typeof other).not.toBe('number');
    close([...a, other]);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const sockets = [await open(naive, '203.0.113.1'), await open(naive, '203.0.113.2')];
    expect(await open(naive, '203.0.113.3')).toBe(429); // all three are the direct peer
    close(sockets);
  });

  it('writes the client\'s address and user agent into audit lines', async () => {
    const task = seeded(trusting.emu).firstTask;
    await trusting.gql(`mutation { updateTask(input: { task: "${task.id}", samplingRate: 0.5 }) { task { id } } }`, undefined, {
      key: null, headers: { 'x-forwarded-for': '203.0.113.9', 'user-agent': 'audit-probe/1.0' },
    });
    const line = trusting.log.lines.map((l) => JSON.parse(l)).find((l) => l.audit && l.mutation === 'updateTask');
    expect(line).toMatchObject({ client: '203.0.113.9', userAgent: 'audit-probe/1.0', key: 'server', keyHash: expect.any(String) });
  });
});

describe('slow requests', async () => {
  const gw = await gateway({ env: { HTTP_REQUEST_TIMEOUT_MS: '600', HTTP_HEADERS_TIMEOUT_MS: '300' } });

  it('cuts off a body that trickles in past HTTP_REQUEST_TIMEOUT_MS with 408', async () => {
    const started = Date.now();
    const status = await new Promise<number | 'closed'>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: gw.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.once('error', () => resolve('closed'));
      req.write('{"query":');
      // and never the rest
    });
    expect([408, 'closed']).toContain(status);
    expect(Date.now() - started).toBeLessThan(10_000); // the configured 600 ms (and a loaded machine), not the 30 s default
  });

  it('sets the timeouts it was given', async () => {
    expect(gw.config.http).toEqual({ requestTimeoutMs: 600, headersTimeoutMs: 300 });
    const states = await collect(gw.ws(), '{ __typename }').done; // a WebSocket outlives the request timeout
    expect(states[0]?.data).toEqual({ __typename: 'Query' });
  });
});
