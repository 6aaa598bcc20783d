/**
 * Child process of bench/memory.ts: opens WebSocket clients on command, so
 * their memory is not counted in the gateway's. Messages (IPC):
 * `{ connect: url, count }` -> `{ connected }`; `{ subscribe: runId }` ->
 * `{ firstEvents }` once each client has its first event; `{ close: true }`.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

let clients: Client[] = [];
process.on('message', (message: { connect?: string; count?: number; subscribe?: string; close?: boolean }) => {
  if (message.connect) {
    let acked = 0;
    clients = Array.from({ length: message.count ?? 0 }, () => createClient({
      url: message.connect!, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0,
      on: { connected: () => { if (++acked === message.count) process.send!({ connected: acked }); } },
    }));
  } else if (message.subscribe) {
    let first = 0;
    for (const client of clients) {
      let seen = false;
      client.subscribe({ query: `subscription { runStatus(runId: "${message.subscribe}") { status } }` }, {
        next: () => { if (!seen) { seen = true; if (++first === clients.length) process.send!({ firstEvents: first }); } },
        error: () => {}, complete: () => {},
      });
    }
  } else if (message.close) {
    void Promise.all(clients.map((c) => c.dispose())).then(() => process.exit(0));
  }
});
