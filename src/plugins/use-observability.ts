/**
 * Counts, times and logs each GraphQL operation by name and outcome (one
 * line, with the request id, never the key); subscriptions are counted while
 * they run. A query with `@defer`/`@stream` is logged once, when its last
 * payload is sent, with its payload count and the time to its first.
 */
import { GraphQLError, getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { OnExecuteDoneHook } from '@envelop/core';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { codeOfResultError } from '../errors.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { IncrementalPayload } from './use-incremental-delivery.ts';
import { WatchedStream } from './watched-stream.ts';

/** Most distinct operation names that get their own metrics label. */
export const MAX_OPERATION_LABELS = 200;

/** The outcome of an operation's result (or of one payload of an incremental result): `ok`, or its first error's code. */
const outcomeOf = (result: IncrementalPayload) => {
  const error = result.errors?.[0] ?? result.incremental?.find((piece) => piece.errors?.length)?.errors?.[0];
  return error ? codeOfResultError(error) : 'ok';
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
    this.metrics.countOperation(this.labels.operation, this.labels.type, this.#outcome);
    this.logger.info({ ...this.labels, outcome: this.#outcome }, 'graphql subscription ended');
  }
}

/**
 * Counts, times and logs an operation when its result is sent: at once for
 * one result; for an incremental one (`@defer`/`@stream`), when its last
 * payload is (or the client leaves), with the payload count and the time to the first.
 */
function operationDone(metrics: Metrics, labels: { operation: string; type: string }, logger: Context['logger']): OnExecuteDoneHook<Context> {
  const started = performance.now();
  const done = (outcome: string, extra: Record<string, number> = {}) => {
    const seconds = (performance.now() - started) / 1000;
    metrics.operationSeconds.observe(labels, seconds);
    metrics.countOperation(labels.operation, labels.type, outcome);
    // built only when written: on Node 20 a spread followed by more keys costs microseconds per operation
    if (logger.infoEnabled) logger.info({ ...labels, outcome, ms: Math.round(seconds * 1000), ...extra }, 'graphql operation');
  };
  return ({ result }) => {
    if (!isAsyncIterable(result)) return done(outcomeOf(result));
    let outcome = 'ok';
    let payloads = 0;
    let firstMs = 0;
    return {
      onNext({ result: payload }) {
        if (payloads++ === 0) firstMs = Math.round(performance.now() - started);
        if (outcome === 'ok') outcome = outcomeOf(payload as IncrementalPayload);
      },
      onEnd: () => done(outcome, { payloads, firstMs }),
    };
  };
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
      return { onExecuteDone: operationDone(metrics, describe(args.document, args.operationName), args.contextValue.logger) };
    },
    onSubscribe({ args }) {
      const labels = describe(args.document, args.operationName);
      metrics.subscriptions.inc();
      return {
        onSubscribeResult({ result, setResult }) {
          if (!isAsyncIterable(result)) {
            metrics.subscriptions.dec();
            metrics.countOperation(labels.operation, labels.type, outcomeOf(result));
            return;
          }
          setResult(new CountedSubscription(result, labels, metrics, args.contextValue.logger));
        },
        // a subscribe that threw never had a result: it is counted out here
        onSubscribeError({ error }) {
          metrics.subscriptions.dec();
          metrics.countOperation(labels.operation, labels.type, error instanceof GraphQLError ? codeOfResultError(error) : 'INTERNAL_SERVER_ERROR');
        },
      };
    },
    onValidate({ params }) {
      return ({ result }) => {
        if (result.length > 0) {
          const labels = describe(params.documentAST, undefined);
          metrics.countOperation(labels.operation, labels.type, String(result[0] instanceof GraphQLError ? result[0].extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED' : 'GRAPHQL_VALIDATION_FAILED'));
        }
      };
    },
  };
}
