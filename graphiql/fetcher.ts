/**
 * GraphiQL's fetcher: queries and mutations over HTTP POST, subscriptions over
 * the WebSocket (graphql-ws; the server's key applies) or graphql-sse (when
 * the Headers tab must carry a credential, which a WebSocket's handshake
 * cannot). It also remembers the id of the run the last `triggerTaskRun`
 * started and sends it where the variables say `"last-triggered"`, so the
 * trigger-and-watch example runs without pasting ids.
 */
import type { Fetcher, FetcherOpts, FetcherParams } from '@graphiql/toolkit';
import { getOperationAST, type ExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

/** What the page tells the fetcher (graphiql/app.tsx, from `pageConfig` in src/plugins/use-graphiql.ts). */
export interface FetcherConfig {
  endpoint: string;
  sseEndpoint: string;
  subscriptions: 'WS' | 'SSE';
}

const LAST_TRIGGERED = 'arize-gateway:last-triggered';

/** The variables with `"last-triggered"` replaced by the id of the run this tab last triggered (when there is one). */
export function withLastTriggered(variables: unknown, storage: Pick<Storage, 'getItem'>): unknown {
  const id = storage.getItem(LAST_TRIGGERED);
  if (!id || variables == null) return variables;
  const text = JSON.stringify(variables);
  return text.includes('"last-triggered"') ? JSON.parse(text.split('"last-triggered"').join(JSON.stringify(id))) : variables;
}

/** Keeps the id of the run a `triggerTaskRun` result started. */
export function rememberTriggered(result: unknown, storage: Pick<Storage, 'setItem'>): void {
  const id = (result as { data?: { triggerTaskRun?: { run?: { id?: unknown } } } } | null)?.data?.triggerTaskRun?.run?.id;
  if (typeof id === 'string') storage.setItem(LAST_TRIGGERED, id);
}

/** A response body as GraphQL's result; a body that is not JSON (a proxy's error page) becomes an error that shows it. */
async function resultOf(response: Response): Promise<ExecutionResult> {
  const text = await response.text();
  try {
    return JSON.parse(text) as ExecutionResult;
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] } as unknown as ExecutionResult;
  }
}

export function createFetcher(config: FetcherConfig, storage: Storage = sessionStorage): Fetcher {
  const base = new URL(config.endpoint, location.href);
  let ws: WsClient | undefined;
  return (params: FetcherParams, opts?: FetcherOpts) => {
    const request = {
      query: params.query,
      ...(params.operationName ? { operationName: params.operationName } : {}),
      ...(params.variables ? { variables: withLastTriggered(params.variables, storage) as Record<string, unknown> } : {}),
    };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(opts?.headers ?? {})) if (value != null) headers[name] = String(value);
    const operation = opts?.documentAST ? getOperationAST(opts.documentAST, params.operationName ?? undefined) : null;
    if (operation?.operation === 'subscription') {
      if (config.subscriptions === 'WS') {
        ws ??= createWsClient({ url: base.href.replace(/^http/, 'ws'), lazy: true, retryAttempts: 2 });
        return ws.iterate(request) as AsyncIterable<ExecutionResult>; // results as sent (formatted errors), as GraphiQL shows them
      }
      return createSseClient({ url: new URL(config.sseEndpoint, base).href, headers, credentials: 'same-origin' }).iterate(request);
    }
    return fetch(base, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify(request),
    }).then(resultOf).then((result) => {
      rememberTriggered(result, storage);
      return result;
    });
  };
}
