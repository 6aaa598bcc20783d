/**
 * A small typed client, as a frontend would write one: `fetch` for queries
 * and mutations, graphql-ws for `runStatus`, and the typed documents that
 * GraphQL Code Generator makes from `examples/operations/` (`npm run codegen`
 * writes `examples/generated/`; see `codegen.ts`).
 *
 *   npm start                      # in one terminal
 *   npx tsx examples/client.ts     # in another: lists tasks, triggers a run, watches it
 *
 * GATEWAY_URL (default http://localhost:4000/graphql) and ARIZE_API_KEY
 * (optional: the gateway's own key is used without it) are read from the
 * environment. With `persisted: true` the client sends only each document's
 * hash (`documentId`), as a frontend does against PERSISTED_OPERATIONS=only.
 */
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  ListTasksDocument, TriggerRunDocument, WatchRunDocument, type TaskRunStatus, type WatchRunSubscription,
} from './generated/graphql.ts';

export type { TaskRunStatus };
/** One state of a run, as `WatchRun` selects it. */
export type RunState = WatchRunSubscription['runStatus'];

/** A GraphQL error as the gateway sends it: always with `extensions.code`. */
export class GatewayError extends Error {
  constructor(readonly code: string, message: string, readonly extensions: Record<string, unknown>) {
    super(message);
  }
}

/** A generated document: its operation and, for trusted documents, its hash. */
type Document<TData, TVariables> = TypedDocumentNode<TData, TVariables> & { __meta__?: { hash?: string } };

/** What goes over the wire for `document`: its text, or only its hash when persisted. */
function payload<TData, TVariables>(document: Document<TData, TVariables>, persisted: boolean): { query?: string; documentId?: string } {
  const hash = document.__meta__?.hash;
  if (persisted && hash) return { documentId: hash };
  const { __meta__: _meta, ...node } = document;
  return { query: print(node) };
}

export interface GatewayClient {
  /**
   * Runs a query or mutation over HTTP POST; throws {@link GatewayError} on the first error. It takes JSON only,
   * so a document with `@defer` (the task page) comes back whole, in one body.
   */
  request<TData, TVariables>(document: Document<TData, TVariables>, variables?: TVariables): Promise<TData>;
  /** Calls `onState` with every state of the run until it ends; resolves with the terminal state. */
  watchRun(runId: string, onState?: (state: RunState) => void): Promise<RunState>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** The gateway's GraphQL URL (default http://localhost:4000/graphql). */
  url?: string | undefined;
  /** Sent as `Authorization: Bearer <apiKey>` (HTTP) and in `connectionParams` (WebSocket). */
  apiKey?: string | undefined;
  /** Send documents by hash only (trusted documents). */
  persisted?: boolean;
}

export function connect({ url = 'http://localhost:4000/graphql', apiKey, persisted = false }: ConnectOptions = {}): GatewayClient {
  const authorization: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  let ws: Client | undefined;
  const socket = () => (ws ??= createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: authorization }));

  return {
    async request<TData, TVariables>(document: Document<TData, TVariables>, variables?: TVariables): Promise<TData> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authorization },
        body: JSON.stringify({ ...payload(document, persisted), variables }),
      });
      const body = (await response.json()) as { data?: TData; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      const [error] = body.errors ?? [];
      if (error) throw new GatewayError(String(error.extensions?.code ?? 'UNKNOWN'), error.message, error.extensions ?? {});
      return body.data as TData;
    },
    watchRun(runId, onState) {
      return new Promise<RunState>((resolve, reject) => {
        let last: RunState | undefined;
        // graphql-ws refuses a payload without `query`: a hash alone goes with an empty one (docs/trusted-documents.md)
        const message = { query: '', ...payload(WatchRunDocument, persisted), variables: { runId } };
        socket().subscribe<WatchRunSubscription>(message, {
          next: ({ data, errors }) => {
            if (errors?.length) {
              const e = errors[0]!;
              reject(new GatewayError(String(e.extensions?.code ?? 'UNKNOWN'), e.message, e.extensions ?? {}));
            } else if (data) {
              last = data.runStatus;
              onState?.(last);
            }
          },
          error: reject,
          complete: () => (last ? resolve(last) : reject(new Error('the subscription ended without a state'))),
        });
      });
    },
    async close() {
      await ws?.dispose();
    },
  };
}

/** The demo: list a page of tasks, trigger a run of the first, and watch it to the end. */
async function main(): Promise<void> {
  const client = connect({ url: process.env.GATEWAY_URL, apiKey: process.env.ARIZE_API_KEY });
  try {
    const { tasks } = await client.request(ListTasksDocument, { first: 5 });
    for (const { node } of tasks.edges) console.log(`${node.name}  ${node.type}  ${node.project?.name ?? node.dataset?.name ?? ''}`);
    const first = tasks.edges[0]?.node;
    if (!first) return;
    // a project task's first run needs a window start (later runs start where the last one ended); at most 30 days back
    const dataStartTime = first.project ? new Date(Date.now() - 3_600_000).toISOString() : undefined;
    const { triggerTaskRun } = await client.request(TriggerRunDocument, { input: { task: first.id, dataStartTime } });
    console.log(`triggered ${triggerTaskRun.run.id}`);
    const end = await client.watchRun(triggerTaskRun.run.id, (s) => console.log(`  ${s.status} successes=${s.numSuccesses} errors=${s.numErrors}`));
    console.log(`finished: ${end.status}`);
  } finally {
    await client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
