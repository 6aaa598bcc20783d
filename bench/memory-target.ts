/**
 * Child process of bench/memory.ts (and of bench/subscriptions.ts for its
 * floor): the server whose heap is measured, alone in its process and
 * started with --expose-gc. It runs compiled, from `dist/bench/` (the
 * benches transpile it with `compileBench`), under plain `node`: no tsx
 * loader in the measured process, whose RSS would be counted on both sides
 * and push the ratios towards 1. `argv[2]` says which:
 * `gateway` (the compiled gateway from `dist/`, as production runs it) or
 * `floor` (a bare graphql-ws server with a one-field subscription that sends
 * one event and then waits, the least any graphql-ws server can hold).
 * IPC: it sends `{ url }` when listening; `{ heap: true }` -> `{ heap, rss }`
 * after two full GCs; `{ stop: true }` exits.
 */
import http from 'node:http';
import { GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const [, , kind, upstreamUrl, apiKey, sockets] = process.argv;
// compiled to dist/bench/memory-target.js: the compiled gateway is beside it, in dist/src/
const compiled = (file: string) => new URL(`../src/${file}`, import.meta.url).href;

async function startGateway(): Promise<string> {
  const { loadConfig } = await import(compiled('config.js')) as typeof import('../src/config.ts');
  const { startServer } = await import(compiled('server.js')) as typeof import('../src/server.ts');
  const server = await startServer(loadConfig({
    PORT: '0', HOST: '127.0.0.1', ARIZE_API_URL: upstreamUrl!, ARIZE_API_KEY: apiKey!, LOG_LEVEL: 'silent',
    WS_MAX_CONNECTIONS_PER_CLIENT: String(Number(sockets) + 10),
  }));
  return server.url;
}

async function startFloor(): Promise<string> {
  const RunStatus = new GraphQLObjectType({ name: 'RunStatus', fields: { status: { type: GraphQLString } } });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        runStatus: {
          type: RunStatus,
          args: { runId: { type: new GraphQLNonNull(GraphQLID) } },
          subscribe: async function* () {
            yield { runStatus: { status: 'PENDING' } };
            await new Promise(() => {}); // holds, as a pending run does
          },
        },
      },
    }),
  });
  const server = http.createServer();
  useServer({ schema }, new WebSocketServer({ server, path: '/graphql' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const url = kind === 'floor' ? await startFloor() : await startGateway();
process.send!({ url });
process.on('message', (message: { heap?: boolean; stop?: boolean }) => {
  if (message.stop) process.exit(0);
  setTimeout(() => {
    gc();
    gc();
    process.send!({ heap: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss });
  }, 200);
});
