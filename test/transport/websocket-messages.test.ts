/**
 * What a WebSocket client sends is checked before graphql-ws reads it: a
 * message type only a server may send closes the socket with 4400 and logs
 * nothing (graphql-ws alone logged a stack trace and closed with 4500, a way
 * to flood the logs before signing in), and a document whose operation cannot
 * be told gets the code HTTP gives it.
 */
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { collect, gateway, sleep, until } from '../support/servers.ts';

const gw = await gateway();
afterEach(() => vi.restoreAllMocks());

const open = async () => {
  const socket = new WebSocket(gw.wsUrl, 'graphql-transport-ws');
  await once(socket, 'open');
  return socket;
};

describe('messages a client may not send', () => {
  for (const type of ['next', 'error', 'connection_ack', 'complete-all', 42]) {
    it(`closes the socket with 4400 on ${JSON.stringify(type)}, before or after connection_init, and logs no stack trace`, async () => {
      const errors = vi.spyOn(console, 'error');
      for (const init of [false, true]) {
        const socket = await open();
        if (init) {
          socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${gw.emu.apiKey}` } }));
          await once(socket, 'message');
        }
        socket.send(JSON.stringify({ id: '1', type, payload: {} }));
        const [code] = await once(socket, 'close');
        expect(code).toBe(4400);
      }
      expect(errors).not.toHaveBeenCalled();
    });
  }

  it('still serves the messages a client may send: ping, subscribe, complete', async () => {
    const socket = await open();
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${gw.emu.apiKey}` } }));
    await once(socket, 'message');
    socket.send(JSON.stringify({ type: 'ping' }));
    expect(JSON.parse(String((await once(socket, 'message'))[0])).type).toBe('pong');
    socket.send(JSON.stringify({ id: 'q', type: 'subscribe', payload: { query: '{ __typename }' } }));
    expect(JSON.parse(String((await once(socket, 'message'))[0]))).toMatchObject({ id: 'q', type: 'next', payload: { data: { __typename: 'Query' } } });
    socket.close();
  });
});

describe('a document whose operation cannot be told', () => {
  it('gets BAD_USER_INPUT (one of the contract\'s codes, not yoga\'s OPERATION_RESOLUTION_FAILURE) saying to name it, over HTTP and the WebSocket alike', async () => {
    const http = await gw.gql('query A { __typename } query B { __typename }');
    expect(http.errors).toEqual([{ message: expect.stringContaining('operationName'), extensions: { code: 'BAD_USER_INPUT' } }]);
    const ws = collect(gw.ws(), 'query A { __typename } query B { __typename }');
    // graphql-ws sends the errors of a refused subscribe as one `error` message
    const errors = await ws.done.then(() => [], (error: unknown) => error) as Array<{ message?: string; extensions?: { code?: string } }>;
    expect(errors).toEqual(http.errors);
    const named = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.emu.apiKey}` },
      body: JSON.stringify({ query: 'query A { __typename } query B { __typename }', operationName: 'C' }),
    });
    expect(((await named.json()) as { errors: unknown }).errors).toEqual(http.errors);
    const sse = await fetch(`${gw.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${gw.emu.apiKey}` },
      body: JSON.stringify({ query: 'query A { __typename } query B { __typename }' }),
    });
    expect(JSON.parse(/event: next\ndata: (.*)\n/.exec(await sse.text())?.[1] ?? '{}').errors).toEqual(http.errors);
  });
});

describe('a document that does not validate', () => {
  it('reads the same on HTTP, the WebSocket and graphql-sse: its code and locations, nothing of yoga\'s HTTP handling', async () => {
    const query = 'subscription { runStatus(runId: "x") { nope } }';
    const http = await gw.gql(query);
    expect(http.errors).toEqual([{ message: expect.stringContaining('nope'), locations: [{ line: 1, column: 40 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    const ws = await collect(gw.ws(), query).done.then(() => [], (error: unknown) => error);
    expect(ws).toEqual(http.errors);
    const sse = await fetch(`${gw.url}/graphql/stream`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${gw.emu.apiKey}` }, body: JSON.stringify({ query }),
    });
    expect(sse.status).toBe(200);
    const next = /event: next\ndata: (.*)\n/.exec(await sse.text())?.[1];
    expect(JSON.parse(next!).errors).toEqual(http.errors);
  });
});

describe('a client that sends but does not read', () => {
  it('is read no further once what it left unread passes the limit, is ended by the keepalive, and leaves no stack trace per answer it never took', async () => {
    const quick = await gateway({ emu: gw.emu, env: { WS_KEEPALIVE_MS: '2000' } });
    const errors = vi.spyOn(console, 'error');
    const socket = new WebSocket(quick.wsUrl, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${quick.emu.apiKey}` } }));
    await once(socket, 'message');
    const sockets = async () => Number((await quick.metrics.sockets.get()).values[0]?.value);
    expect(await sockets()).toBe(1);
    // it stops reading: every answer (20 introspection results, ~1 MB, no upstream call) would pile up on the server's side
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const closed = once(socket, 'close');
    const query = `query Unread { ${Array.from({ length: 20 }, (_, i) => `a${i}: __schema { types { name description fields { name description args { name description } } } }`).join(' ')} }`;
    let id = 0;
    const sending = setInterval(() => {
      for (let i = 0; i < 2 && socket.readyState === socket.OPEN; i++) socket.send(JSON.stringify({ id: String(id++), type: 'subscribe', payload: { query } }));
    }, 10);
    try {
      await until(async () => (await sockets()) === 0, 10_000, 'the keepalive to end the socket');
    } finally {
      clearInterval(sending);
    }
    // of the hundreds it sent, the server ran only what it had read before its client stopped reading
    const ran = (await quick.metrics.operations.get()).values.filter((v) => v.labels.operation === 'Unread').reduce((n, v) => n + v.value, 0);
    expect(id).toBeGreaterThan(200);
    expect(ran).toBeLessThan(60);
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await closed;
    await sleep(200);
    expect(errors).not.toHaveBeenCalled();
    // the address's slot is free again
    const again = new WebSocket(quick.wsUrl, 'graphql-transport-ws');
    await once(again, 'open');
    again.close();
  });
});

describe('a client that reads slowly', () => {
  it('keeps its socket when it sends a ping or a new operation while a large answer is still on its way to it', async () => {
    const socket = await open();
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${gw.emu.apiKey}` } }));
    await once(socket, 'message');
    const received: Array<{ id?: string; type: string }> = [];
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as { id?: string; type: string }));
    const closed = vi.fn();
    socket.on('close', closed);
    // a slow link: what the server sends reaches the client late (here: not until it resumes reading)
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    // a page of large answers at once, about 20 MB in all (introspection: no upstream call)
    const query = `query SlowReaderPage { ${Array.from({ length: 20 }, (_, i) => `a${i}: __schema { types { name description fields { name description args { name description } } } }`).join(' ')} }`;
    const big = Array.from({ length: 20 }, (_, i) => `b${i}`);
    for (const id of big) socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
    const answered = async () => (await gw.metrics.operations.get()).values.filter((v) => v.labels.operation === 'SlowReaderPage').reduce((n, v) => n + v.value, 0);
    await until(async () => (await answered()) >= 15, 20_000, 'the answers to be made'); // they wait to be read
    socket.send(JSON.stringify({ type: 'ping' }));
    socket.send(JSON.stringify({ id: 'small', type: 'subscribe', payload: { query: '{ __typename }' } }));
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await until(() => received.some((m) => m.id === 'small' && m.type === 'complete') || closed.mock.calls.length > 0, 20_000, 'both answers, or the socket closed');
    expect(closed).not.toHaveBeenCalled();
    await until(() => received.filter((m) => m.type === 'complete').length === big.length + 1, 10_000, 'every answer');
    expect(received.filter((m) => m.type !== 'next').map((m) => `${m.type}${m.id ? `:${m.id}` : ''}`).sort()).toEqual([...big.map((id) => `complete:${id}`), 'complete:small', 'pong'].sort());
    expect(received.filter((m) => m.type === 'next').map((m) => m.id).sort()).toEqual([...big, 'small'].sort());
    socket.close();
  });
});
