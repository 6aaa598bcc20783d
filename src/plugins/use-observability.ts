/**
 * Counts, times and logs each GraphQL operation by name and outcome (one
 * line, with the request id, never the key); subscriptions are counted while
 * they run.
 */
import { GraphQLError, getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import type { Metrics } from '../observability/metrics.ts';
import { WatchedStream } from './watched-stream.ts';

/** Most distinct operation names that get their own metrics label. */
export const MAX_OPERATION_LABELS = 200;

/** The outcome of an operation's result: `ok`, or its first error's code. */
const outcomeOf = (result: ExecutionResult) => {
  const code = result.errors?.[0]?.extensions?.code;
  return result.errors?.length ? String(code ?? 'ERROR') : 'ok';
};

/** A running subscription: its outcome is its last error's code (`ok` without one); counted and logged when it ends. */
class CountedSubscription extends WatchedStream<ExecutionResult> {
  #outcome = 'ok';

  constructor(
    source: AsyncIterable<ExecutionResult>,
    private readonly labels: { operation: string; type: string },
    private readonly metrics: Metrics,
    private readonly logger: Pick<Context['logger'], 'info'>,
  ) {
    super(source);
  }

  protected override onResult(result: ExecutionResult): void {
    if (result.errors?.length) this.#outcome = outcomeOf(result);
  }

  protected override onEnd(): void {
    this.metrics.subscriptions.dec();
    this.metrics.operations.inc({ ...this.labels, outcome: this.#outcome });
    this.logger.info({ ...this.labels, outcome: this.#outcome }, 'graphql subscription ended');
  }
}

/** The plugin over `metrics`. */
export function useObservability(metrics: Metrics): Plugin<Context> {
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
  return {
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
      return {
        onSubscribeResult({ result, setResult }) {
          if (!isAsyncIterable(result)) {
            metrics.subscriptions.dec();
            metrics.operations.inc({ ...labels, outcome: outcomeOf(result) });
            return;
          }
          setResult(new CountedSubscription(result, labels, metrics, args.contextValue.logger));
        },
        // a subscribe that threw never had a result: it is counted out here
        onSubscribeError({ error }) {
          metrics.subscriptions.dec();
          metrics.operations.inc({ ...labels, outcome: error instanceof GraphQLError ? String(error.extensions?.code ?? 'ERROR') : 'INTERNAL_SERVER_ERROR' });
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
