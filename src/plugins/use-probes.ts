/**
 * `/health` (the process is alive), `/ready` (the upstream answers, within
 * 3 s; 503 while the gateway is stopping, so traffic drains away) and
 * `/metrics` (Prometheus), answered before any GraphQL handling.
 */
import type { Plugin } from 'graphql-yoga';
import { routeOfRequest } from '../http/routes.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Upstream } from '../upstream/client.ts';

/** What the probes read. */
export interface ProbeDeps {
  upstream: Upstream;
  metrics: Metrics;
  /** True once the gateway has begun to stop. */
  stopping: () => boolean;
  /** The run feed's state, shown in `/ready`. */
  runFeed: () => string;
}

/** The plugin: answer the probe paths before any GraphQL handling. */
export function useProbes({ upstream, metrics, stopping, runFeed }: ProbeDeps): Plugin<object, { req?: object }> {
  // `/ready` is open to anyone who reaches the port: requests that come while a probe is on its way share it,
  // so a flood of them makes one upstream call at a time, not one each
  let probing: Promise<void> | undefined;
  const probe = () => (probing ??= upstream.probe().finally(() => { probing = undefined; }));
  return {
    // not async: a GraphQL request (the default case) passes without waiting for anything
    onRequest({ url, serverContext, endResponse, fetchAPI }) {
      const Response = fetchAPI.Response;
      const answer = (status: number, body: unknown) =>
        endResponse(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
      switch (routeOfRequest(serverContext, url)) {
        case 'health':
          return answer(200, { status: 'ok' });
        case 'ready':
          if (stopping()) return answer(503, { status: 'stopping' });
          return probe().then(
            () => answer(200, { status: 'ready', runFeed: runFeed() }),
            () => answer(503, { status: 'unavailable', reason: 'the Arize API is not reachable', runFeed: runFeed() }),
          );
        case 'metrics':
          return metrics.registry.metrics().then((text) => endResponse(new Response(text, { status: 200, headers: { 'content-type': metrics.registry.contentType } })));
        default:
          return undefined;
      }
    },
  };
}
