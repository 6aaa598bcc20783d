import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';


/** Prometheus metrics of one gateway instance (own registry, so several can run in one process). */
export interface Metrics {
  registry: Registry;
  operations: Counter<'operation' | 'type' | 'outcome'>;
  operationSeconds: Histogram<'operation' | 'type'>;
  upstreamCalls: Counter<'operation' | 'method' | 'status'>;
  upstreamSeconds: Histogram<'operation'>;
  upstreamShared: Counter<'operation'>;
  pollers: Gauge;
  sockets: Gauge;
  subscriptions: Gauge;
  runFeedLeases: Gauge;
  runFeedTakeovers: Counter;
  runFeedRedisErrors: Counter;
  runFeedEvents: Counter<'direction'>;
  runFeedRejected: Counter<'reason'>;
  runFeedDegraded: Gauge;
  /** Refused sign-ins (401 / close 4401) by reason: they never become an operation. */
  signInRefusals: Counter<'reason'>;
  /** `operations` plus one, by operation name, type and outcome. */
  countOperation: (operation: string, type: string, outcome: string) => void;
  /** `upstreamCalls` plus one, by operation, method and status. */
  countUpstreamCall: (operation: string, method: string, status: string) => void;
}

/**
 * One more for `values` (in the counter's label order), through a child made
 * once per distinct values: prom-client checks and hashes the labels on every
 * `inc`, and a fresh `{...labels, outcome}` object each time made that about
 * 3 us (measured in a loop), a child's one fixed object about 0.5 us. The
 * values come from bounded sets (capped operation names, codes, statuses).
 */
function counterOf<L extends string>(counter: Counter<L>): (...values: string[]) => void {
  const children = new Map<string, { inc(): void }>();
  return (...values) => {
    const key = values.join('\u0000');
    let child = children.get(key);
    if (!child) children.set(key, (child = counter.labels(...values)));
    child.inc();
  };
}

/** A fresh registry with the process's default metrics and the gateway's own. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  // the standard names (`process_cpu_seconds_total`, `nodejs_heap_size_used_bytes`, ...) that Node.js dashboards read
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'gateway_operations_total', help: 'GraphQL operations by name, type and outcome (ok or error code)',
    labelNames: ['operation', 'type', 'outcome'], registers: [registry],
  });
  const upstreamCalls = new Counter({
    name: 'gateway_upstream_requests_total', help: 'Upstream REST calls by operation, method and status (or timeout/network)',
    labelNames: ['operation', 'method', 'status'], registers: [registry],
  });
  return {
    registry,
    operations,
    countOperation: counterOf(operations),
    upstreamCalls,
    countUpstreamCall: counterOf(upstreamCalls),
    operationSeconds: new Histogram({
      name: 'gateway_operation_duration_seconds', help: 'GraphQL operation latency',
      labelNames: ['operation', 'type'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry],
    }),
    upstreamSeconds: new Histogram({
      name: 'gateway_upstream_request_duration_seconds', help: 'Upstream REST call latency, retries included',
      labelNames: ['operation'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry],
    }),
    upstreamShared: new Counter({
      name: 'gateway_upstream_shared_total', help: 'Upstream GETs that joined an identical one already in flight (no second call)',
      labelNames: ['operation'], registers: [registry],
    }),
    pollers: new Gauge({ name: 'gateway_run_pollers', help: 'Runs being polled for runStatus/waitForTaskRun', registers: [registry] }),
    sockets: new Gauge({ name: 'gateway_websocket_connections', help: 'Open WebSocket connections', registers: [registry] }),
    subscriptions: new Gauge({ name: 'gateway_active_subscriptions', help: 'Active subscriptions over WebSocket and SSE', registers: [registry] }),
    runFeedLeases: new Gauge({ name: 'gateway_run_feed_leases', help: 'Run leases this replica holds (it polls those runs for every replica)', registers: [registry] }),
    runFeedTakeovers: new Counter({ name: 'gateway_run_feed_takeovers_total', help: 'Leases taken over after another replica stopped polling a run', registers: [registry] }),
    runFeedRedisErrors: new Counter({ name: 'gateway_run_feed_redis_errors_total', help: 'Errors of the Redis connections', registers: [registry] }),
    runFeedEvents: new Counter({ name: 'gateway_run_feed_events_total', help: 'Run states published to or received from Redis', labelNames: ['direction'], registers: [registry] }),
    runFeedRejected: new Counter({
      name: 'gateway_run_feed_rejected_total', help: 'Run-feed messages and kept states from Redis dropped unread: unsigned (forged or not this key\'s) or malformed',
      labelNames: ['reason'], registers: [registry],
    }),
    runFeedDegraded: new Gauge({ name: 'gateway_run_feed_degraded', help: '1 while Redis is unreachable and each replica polls for its own watchers', registers: [registry] }),
    signInRefusals: new Counter({
      name: 'gateway_sign_in_refusals_total', help: 'Requests and WebSockets refused by end-user sign-in, by reason (keys-unavailable: the issuer\'s JWKS failed)',
      labelNames: ['reason'], registers: [registry],
    }),
  };
}
