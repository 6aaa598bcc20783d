/**
 * Counts, times and logs each GraphQL operation by name and outcome (one
 * line, with the request id, never the key); subscriptions are counted while
 * they run.
 */
import { GraphQLError, getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import type { Metrics } from '../observability/metrics.ts';

/** Most distinct operation names that get their own metrics label. */
export const MAX_OPERATION_LABELS = 200;

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
  const outcomeOf = (result: ExecutionResult) => {
    const code = result.errors?.[0]?.extensions?.code;
    return result.errors?.length ? String(code ?? 'ERROR') : 'ok';
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
