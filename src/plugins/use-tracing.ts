/**
 * OpenTelemetry spans for GraphQL (see `src/observability/tracing.ts`): one
 * SERVER span per operation, continuing the request's `traceparent`, and one
 * INTERNAL span per resolver of a field that calls the upstream (a field
 * whose cost names upstream calls), so each upstream call's span hangs under
 * the field that made it. Names and attributes carry the operation's type
 * and name and the field's path, never variables or keys. Nothing is added
 * when tracing is off.
 */
import { useOnResolve } from '@envelop/on-resolve';
import { SpanKind, SpanStatusCode, context, trace, type Span, type Tracer } from '@opentelemetry/api';
import { getOperationAST, responsePathAsArray, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { codeOfResultError } from '../errors.ts';
import type { Tracing } from '../observability/tracing.ts';
import type { IncrementalPayload } from './use-incremental-delivery.ts';
import { WatchedStream } from './watched-stream.ts';

/** The request headers a context carries: yoga's `request` (HTTP) or the upgrade request's (WebSocket). */
function headersOf(contextValue: unknown): { get(name: string): string | null | undefined } | undefined {
  const { request, req } = (contextValue ?? {}) as { request?: Request; req?: { headers: Record<string, string | string[] | undefined> } };
  if (request?.headers) return request.headers;
  if (req?.headers) return { get: (name) => { const value = req.headers[name]; return Array.isArray(value) ? value[0] : value; } };
  return undefined;
}

/** Ends `span` with the result's error codes, if any. */
function endWith(span: Span, result: ExecutionResult | undefined): void {
  const codes = [...new Set((result?.errors ?? []).map(codeOfResultError))];
  if (codes.length > 0) {
    span.setAttribute('graphql.error.codes', codes);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** A running subscription whose span ends when it does. */
class TracedSubscription extends WatchedStream<ExecutionResult> {
  constructor(source: AsyncIterable<ExecutionResult>, private readonly span: Span) {
    super(source);
  }

  protected override onEnd(): void {
    this.span.end();
  }
}

/** One INTERNAL span per resolver of a field that calls the upstream, active while it runs. */
function resolverSpans(tracer: Tracer): Plugin {
  return useOnResolve(({ info, replaceResolver, resolver }) => {
    const field = info.parentType.getFields()[info.fieldName];
    const calls = (field?.extensions as { cost?: { calls?: number } } | undefined)?.cost?.calls ?? 0;
    if (calls <= 0 || info.parentType.name === 'Subscription') return undefined;
    const path = responsePathAsArray(info.path).join('.');
    const span = tracer.startSpan(`resolve ${info.parentType.name}.${info.fieldName}`, {
      kind: SpanKind.INTERNAL, attributes: { 'graphql.field.path': path, 'graphql.field.name': info.fieldName, 'graphql.parent.type': info.parentType.name },
    });
    const active = trace.setSpan(context.active(), span);
    replaceResolver((root, args, ctx, resolveInfo) => context.with(active, () => resolver(root, args, ctx, resolveInfo)));
    return ({ result }) => {
      if (result instanceof Error) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
  }, { skipDefaultResolvers: true }) as Plugin;
}

/** The plugin (empty when tracing is off). */
export function useTracing(tracing: Tracing): Plugin {
  const tracer = tracing.tracer;
  if (!tracer) return {};
  const start = (args: { document: DocumentNode; operationName?: string | null; contextValue: unknown }) => {
    const operation = getOperationAST(args.document, args.operationName);
    const type = operation?.operation ?? 'query';
    const name = args.operationName ?? operation?.name?.value;
    const parent = tracing.extract(headersOf(args.contextValue));
    const span = tracer.startSpan(name ? `${type} ${name}` : type, {
      kind: SpanKind.SERVER,
      attributes: { 'graphql.operation.type': type, ...(name ? { 'graphql.operation.name': name } : {}) },
    }, parent);
    return { span, active: trace.setSpan(parent, span) };
  };
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(resolverSpans(tracer));
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const { span, active } = start(args);
      setExecuteFn((executionArgs) => context.with(active, () => executeFn(executionArgs)));
      return {
        onExecuteDone({ result }) {
          if (!isAsyncIterable(result)) return endWith(span, result);
          // @defer/@stream: the span lasts until the last payload, with the codes of every payload's errors
          const errors: GraphQLError[] = [];
          return {
            onNext({ result: payload }) {
              const { errors: first, incremental } = payload as IncrementalPayload;
              errors.push(...(first ?? []), ...(incremental ?? []).flatMap((piece) => piece.errors ?? []));
            },
            onEnd: () => endWith(span, { errors }),
          };
        },
      };
    },
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const { span, active } = start(args);
      setSubscribeFn((subscribeArgs) => context.with(active, () => subscribeFn(subscribeArgs)));
      return {
        onSubscribeResult({ result, setResult }) {
          if (!isAsyncIterable(result)) {
            endWith(span, result);
            return;
          }
          setResult(new TracedSubscription(result, span));
        },
        onSubscribeError() {
          span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
  };
}
