/**
 * A small typed client, as a frontend would write one: `fetch` for queries
 * and mutations, graphql-ws for `runStatus`. The operations are the ones in
 * `examples/operations/`.
 *
 *   npm start                      # in one terminal
 *   npx tsx examples/client.ts     # in another: lists tasks, triggers a run, watches it
 *
 * GATEWAY_URL (default http://localhost:4000/graphql) and ARIZE_API_KEY
 * (optional: the gateway's own key is used without it) are read from the environment.
 */
import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

// ---- types of the operations' results (what a code generator would write)
/** `UNKNOWN`: a value the Arize API sent that the gateway does not know yet; not terminal. */
export type TaskRunStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'UNKNOWN';
export interface TaskRow {
  id: string;
  name: string;
  type: 'TEMPLATE_EVALUATION' | 'CODE_EVALUATION' | 'RUN_EXPERIMENT' | 'UNKNOWN';
  isContinuous: boolean;
  lastRunAt: string | null;
  project: { id: string; name: string } | null;
  dataset: { id: string; name: string } | null;
  evaluators: Array<{ evaluatorId: string; evaluatorName: string | null }>;
}
export interface ListTasks {
  tasks: { edges: Array<{ cursor: string; node: TaskRow }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
export interface RunState {
  id: string;
  status: TaskRunStatus;
  isTerminal: boolean;
  numSuccesses: number;
  numErrors: number;
  numSkipped: number;
  runStartedAt: string | null;
  runFinishedAt: string | null;
}
export interface TriggerRun { triggerTaskRun: { run: { id: string; status: TaskRunStatus; createdAt: string } } }

/** A GraphQL error as the gateway sends it: always with `extensions.code`. */
export class GatewayError extends Error {
  constructor(readonly code: string, message: string, readonly extensions: Record<string, unknown>) {
    super(message);
  }
}

/** The operations of one `.graphql` file in examples/operations/, by file name. */
export function operations(file: string): string {
  return readFileSync(new URL(`./operations/${file}.graphql`, import.meta.url), 'utf8');
}

export interface GatewayClient {
  /** Runs a query or mutation over HTTP POST; throws {@link GatewayError} on the first error. */
  request<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(document: string, variables?: TVariables, operationName?: string): Promise<TData>;
  /** Calls `onState` with every state of the run until it ends; resolves with the terminal state. */
  watchRun(runId: string, onState?: (state: RunState) => void): Promise<RunState>;
  close(): Promise<void>;
}

export function connect(url = 'http://localhost:4000/graphql', apiKey?: string): GatewayClient {
  const authorization: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  let ws: Client | undefined;
  const socket = () => (ws ??= createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: authorization }));
  const watchRunDocument = operations('trigger-and-watch');

  return {
    async request<TData>(document: string, variables?: Record<string, unknown>, operationName?: string): Promise<TData> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization },
        body: JSON.stringify({ query: document, variables, operationName }),
      });
      const body = (await response.json()) as { data?: TData; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      const [error] = body.errors ?? [];
      if (error) throw new GatewayError(String(error.extensions?.code ?? 'UNKNOWN'), error.message, error.extensions ?? {});
      return body.data as TData;
    },
    watchRun(runId, onState) {
      return new Promise<RunState>((resolve, reject) => {
        let last: RunState | undefined;
        socket().subscribe<{ runStatus: RunState }>({ query: watchRunDocument, operationName: 'WatchRun', variables: { runId } }, {
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
  const client = connect(process.env.GATEWAY_URL, process.env.ARIZE_API_KEY);
  try {
    const { tasks } = await client.request<ListTasks>(operations('list-tasks'), { first: 5 }, 'ListTasks');
    for (const { node } of tasks.edges) console.log(`${node.name}  ${node.type}  ${node.project?.name ?? node.dataset?.name ?? ''}`);
    const first = tasks.edges[0]?.node;
    if (!first) return;
    // a project task's first run needs a window start (later runs start where the last one ended); at most 30 days back
    const dataStartTime = first.project ? new Date(Date.now() - 3_600_000).toISOString() : undefined;
    const { triggerTaskRun } = await client.request<TriggerRun>(operations('trigger-and-watch'), { input: { task: first.id, dataStartTime } }, 'TriggerRun');
    console.log(`triggered ${triggerTaskRun.run.id}`);
    const end = await client.watchRun(triggerTaskRun.run.id, (s) => console.log(`  ${s.status} successes=${s.numSuccesses} errors=${s.numErrors}`));
    console.log(`finished: ${end.status}`);
  } finally {
    await client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
