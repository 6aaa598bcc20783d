/**
 * Child process of bench/memory.ts: opens WebSocket clients on command, so
 * their memory is not counted in the gateway's. Messages (IPC):
 * `{ connect: url, count }` -> `{ connected, failed }` once every client is
 * acknowledged or closed (opened 250 at a time, so 10,000 sockets do not
 * overflow the server's listen backlog); `{ subscribe: runId }` ->
 * `{ firstEvents, failed }` once each client has its first event or an
 * error; `{ close: true }`.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const BATCH = 250;
let clients: Client[] = [];

async function connect(url: string, count: number): Promise<{ connected: number; failed: number }> {
  let failed = 0;
  for (let start = 0; start < count; start += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, count - start) }, () => new Promise<void>((resolve) => {
      let settled = false;
      const settle = (ok: boolean) => { if (!settled) { settled = true; if (!ok) failed++; resolve(); } };
      clients.push(createClient({
        url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, onNonLazyError: () => settle(false),
        on: { connected: () => settle(true), closed: () => settle(false) },
      }));
    })));
  }
  return { connected: count - failed, failed };
}

function subscribe(runId: string): Promise<{ firstEvents: number; failed: number }> {
  let first = 0;
  let failed = 0;
  return new Promise((resolve) => {
    const done = () => { if (first + failed === clients.length) resolve({ firstEvents: first, failed }); };
    for (const client of clients) {
      let seen = false;
      client.subscribe({ query: `subscription { runStatus(runId: "${runId}") { status } }` }, {
        next: () => { if (!seen) { seen = true; first++; done(); } },
        error: () => { if (!seen) { seen = true; failed++; done(); } },
        complete: () => {},
      });
    }
  });
}

process.on('message', (message: { connect?: string; count?: number; subscribe?: string; close?: boolean }) => {
  if (message.connect) {
    void connect(message.connect, message.count ?? 0).then((answer) => process.send!(answer));
  } else if (message.subscribe) {
    void subscribe(message.subscribe).then((answer) => process.send!(answer));
  } else if (message.close) {
    void Promise.all(clients.map((c) => c.dispose())).then(() => { clients = []; process.exit(0); });
  }
});
