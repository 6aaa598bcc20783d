/**
 * OpenTelemetry traces: off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, or a test hands in an
 * exporter. When on: an incoming W3C `traceparent` continues the trace; the
 * operation, each resolver that calls the upstream, and each upstream call
 * get a span; the upstream call's `traceparent` goes to Arize. Spans carry
 * routes and statuses, never keys, ids of the caller, or variables.
 *
 * Nothing here is global but the context manager (AsyncLocalStorage), set
 * once when tracing is first turned on; the tracer and the propagator belong
 * to the gateway that made them.
 */
import { context, type Context as TraceContext, type TextMapGetter, type TextMapSetter, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from '../config.ts';

/** The gateway's tracing: a tracer when on, and W3C trace-context in and out. */
export interface Tracing {
  /** Undefined when tracing is off: callers then do no tracing work at all. */
  readonly tracer: Tracer | undefined;
  /** The trace context an incoming request carries (`traceparent`, `tracestate`), or the active one. */
  extract(headers: { get(name: string): string | null | undefined } | undefined): TraceContext;
  /** Adds the active (or `from`) context's `traceparent` to outgoing `headers`. */
  inject(headers: Record<string, string>, from?: TraceContext): void;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

const getter: TextMapGetter<{ get(name: string): string | null | undefined }> = {
  get: (carrier, key) => carrier.get(key) ?? undefined,
  keys: () => ['traceparent', 'tracestate'],
};
const setter: TextMapSetter<Record<string, string>> = { set: (carrier, key, value) => { carrier[key] = value; } };

let contextManagerSet = false;

/** Tracing as configured; `exporter` (tests) turns it on with every span exported at once. */
export function createTracing(config: TracingConfig, exporter?: SpanExporter): Tracing {
  const target = exporter ?? (config.endpoint ? new OTLPTraceExporter({ url: config.endpoint }) : undefined);
  if (!target) {
    return { tracer: undefined, extract: () => context.active(), inject: () => {}, shutdown: async () => {} };
  }
  if (!contextManagerSet) {
    contextManagerSet = context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [exporter ? new SimpleSpanProcessor(target) : new BatchSpanProcessor(target)],
  });
  const propagator = new W3CTraceContextPropagator();
  return {
    tracer: provider.getTracer('arize-tasks-gateway'),
    extract: (headers) => (headers ? propagator.extract(context.active(), headers, getter) : context.active()),
    inject: (headers, from = context.active()) => propagator.inject(from, headers, setter),
    shutdown: () => provider.shutdown(),
  };
}

