/**
 * `createApp(deps)`: the yoga instance with every plugin, and no sockets.
 * `src/server.ts` puts it on a node:http server beside the WebSocket server.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError, getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import { createYoga, isAsyncIterable, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Authenticator, Identity } from './auth.ts';
import { createContext, type Context, type SharedDeps } from './context.ts';
import type { Metrics } from './observability/metrics.ts';
import { identityOf, useAuth } from './plugins/use-auth.ts';
import { CSRF_HEADERS, useCsrfPrevention } from './plugins/use-csrf-prevention.ts';
import { useRequestErrors } from './plugins/use-request-errors.ts';
import { useUpstreamCost } from './plugins/use-upstream-cost.ts';
import { createMaskError } from './errors.ts';
import { UpstreamError } from './upstream/errors.ts';
import { schema } from './schema/index.ts';

/** What node:http (or the WebSocket adapter) hands yoga besides the request. */
export interface ServerContext {
  req?: IncomingMessage;
  res?: ServerResponse;
  /** Set by the WebSocket adapter: the connection's identity and the subscribe's request id. */
  ws?: { identity: Identity; requestId: string };
}

export interface AppDeps extends SharedDeps {
  metrics: Metrics;
  authenticator: Authenticator;
}

/** Headers a cross-origin browser app may send (CORS preflight). */
export const CORS_ALLOWED_HEADERS = [
  'content-type', 'accept', 'x-request-id', 'x-arize-api-key', ...CSRF_HEADERS, 'traceparent', 'tracestate', 'baggage',
];

/** An AbortSignal that fires when the HTTP client goes away before its answer was sent. */
function clientGone(res: ServerResponse | undefined): AbortSignal | undefined {
  if (!res) return undefined;
  const controller = new AbortController();
  if (res.closed && !res.writableFinished) controller.abort(); // gone before its context was made
  else res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

export type App = YogaServerInstance<ServerContext, Context>;

/** The operation GraphiQL opens with: tasks with their latest runs. */
export const EXAMPLE_OPERATION = `# Welcome to the Arize tasks gateway. Press the run button (or Ctrl-Enter).
# Docs are in the book icon on the left; runStatus streams a run live.

query TasksWithRuns {
  tasks(first: 10) {
    edges {
      cursor
      node {
        id
        name
        type
        project { name }
        evaluators { evaluatorName }
        runs(first: 3) {
          nodes { id status numSuccesses numErrors createdAt }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}

# Trigger a run, then watch it (paste the run id):
# mutation { triggerTaskRun(input: { task: "hallucination-check-001", space: "Production" }) { run { id status } } }
# subscription { runStatus(runId: "…") { status numSuccesses numErrors isTerminal } }
`;

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const requestIds = new WeakMap<Request, string>();

/** The request's id: a well-formed incoming `x-request-id`, else a new UUID. */
export function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (!id) {
    const incoming = request.headers.get('x-request-id');
    id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    requestIds.set(request, id);
  }
  return id;
}

export function createApp(deps: AppDeps): App {
  const { config, logger, metrics } = deps;
  const maskError = createMaskError((error) => {
    logger.error({ err: error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : String(error) }, 'unexpected error');
  });

  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug({ yoga: args.map(String) }, 'yoga'),
      info: (...args) => logger.info({ yoga: args.map(String) }, 'yoga'),
      warn: (...args) => logger.warn({ yoga: args.map(String) }, 'yoga'),
      // yoga logs every error it masks here; a GraphQL or upstream error is a client's mistake or an upstream
      // answer the client already got (unexpected ones are logged by maskError), so it stays below warn
      error: (...args) => {
        const expected = args.every((arg) => arg instanceof GraphQLError || arg instanceof UpstreamError);
        if (expected) logger.info({ yoga: args.map(String) }, 'request refused');
        else logger.error({ yoga: args.map(String) }, 'yoga');
      },
    },
    maskedErrors: { maskError },
    graphiql: config.graphiql
      ? {
        title: 'Arize tasks gateway',
        defaultQuery: EXAMPLE_OPERATION,
        // GraphiQL's Headers tab never reaches a WebSocket's connectionParams: when the
        // tab must carry a credential (no server key, or end-user sign-in), subscriptions
        // go over SSE, which carries the tab's Authorization.
        subscriptionsProtocol: config.arizeApiKey && !config.auth ? 'WS' : 'SSE',
        headers: config.auth
          ? '{\n  "authorization": "Bearer <your sign-in token (JWT)>"\n}'
          : config.arizeApiKey ? '{}' : '{\n  "authorization": "Bearer <your Arize API key>"\n}',
      }
      : false,
    renderGraphiQL,
    cors: config.corsOrigins.length > 0
      ? { origin: config.corsOrigins, methods: ['GET', 'POST'], allowedHeaders: CORS_ALLOWED_HEADERS, exposedHeaders: ['x-request-id'], credentials: false, maxAge: 600 }
      : false,
    batching: config.limits.batch > 0 ? { limit: config.limits.batch } : false,
    context: ({ request, ws, res }): Context => {
      if (ws) return createContext(deps, { ...ws.identity, requestId: ws.requestId });
      return createContext(deps, { ...identityOf(request), requestId: requestIdOf(request), signal: clientGone(res) });
    },
    plugins: [
      useCsrfPrevention(),
      useAuth(deps.authenticator),
      useRequestErrors(),
      EnvelopArmorPlugin({
        maxDepth: { n: config.limits.depth, ignoreIntrospection: true },
        maxAliases: { n: config.limits.aliases, allowList: [] },
        maxTokens: { n: config.limits.tokens },
        maxDirectives: { n: 20 },
        costLimit: { enabled: false },
        blockFieldSuggestion: { enabled: !config.introspection },
      }),
      ...(config.introspection ? [] : [useDisableIntrospection()]),
      useUpstreamCost(config.limits.cost),
      useObservability(metrics),
    ],
  });
}

/** Most distinct operation names that get their own metrics label. */
export const MAX_OPERATION_LABELS = 200;

/**
 * Returns the request id on every response; counts, times and logs (one line,
 * with the request id, never the key) each operation by name and outcome.
 */
function useObservability(metrics: Metrics): Plugin<Context> {
  // Operation names are chosen by clients: label at most MAX_OPERATION_LABELS
  // distinct ones, then `other`, so random names cannot grow the metrics.
  const labelled = new Set<string>();
  const describe = (document: DocumentNode, operationName: string | null | undefined) => {
    const operation = getOperationAST(document, operationName);
    let name = operation?.name?.value ?? 'anonymous';
    if (!labelled.has(name)) {
      if (labelled.size < MAX_OPERATION_LABELS) labelled.add(name);
      else name = 'other';
    }
    return { operation: name, type: operation?.operation ?? 'unknown' };
  };
  const outcomeOf = (result: ExecutionResult) => {
    const code = result.errors?.[0]?.extensions?.code;
    return result.errors?.length ? String(code ?? 'ERROR') : 'ok';
  };
  return {
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
    onExecute({ args }) {
      const started = performance.now();
      const labels = describe(args.document, args.operationName);
      return {
        onExecuteDone({ result }) {
          const seconds = (performance.now() - started) / 1000;
          metrics.operationSeconds.observe(labels, seconds);
          if (isAsyncIterable(result)) return;
          const outcome = outcomeOf(result);
          metrics.operations.inc({ ...labels, outcome });
          args.contextValue.logger.info({ ...labels, outcome, ms: Math.round(seconds * 1000) }, 'graphql operation');
        },
      };
    },
    onSubscribe({ args }) {
      const labels = describe(args.document, args.operationName);
      metrics.subscriptions.inc();
      let outcome = 'ok';
      return {
        onSubscribeResult({ result }) {
          if (!isAsyncIterable(result)) {
            metrics.subscriptions.dec();
            metrics.operations.inc({ ...labels, outcome: outcomeOf(result) });
            return undefined;
          }
          return {
            onNext({ result: event }) {
              if (event.errors?.length) outcome = String(event.errors[0]?.extensions?.code ?? 'ERROR');
            },
            onEnd() {
              metrics.subscriptions.dec();
              metrics.operations.inc({ ...labels, outcome });
              args.contextValue.logger.info({ ...labels, outcome }, 'graphql subscription ended');
            },
          };
        },
      };
    },
    onValidate({ params }) {
      return ({ result }) => {
        if (result.length > 0) {
          const labels = describe(params.documentAST, undefined);
          metrics.operations.inc({ ...labels, outcome: String(result[0] instanceof GraphQLError ? result[0].extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED' : 'GRAPHQL_VALIDATION_FAILED') });
        }
      };
    },
  };
}
