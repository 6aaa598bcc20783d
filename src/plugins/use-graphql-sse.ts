/**
 * The graphql-sse protocol at `/graphql/stream` (yoga's plugin), single
 * connection mode included: one event stream per browser tab carries any
 * number of subscriptions, so a tab does not spend HTTP/1.1's six connections
 * per host. `/graphql` keeps yoga's own SSE (distinct connections) for
 * `EventSource` and GraphiQL.
 *
 * yoga's plugin answers in `onRequest`, before the parse-time checks of
 * `/graphql` run, so the same checks run here first: CSRF (Fetch Metadata
 * and `Origin`) and authentication, on every request of the protocol (the
 * stream reservation, the stream, and each operation).
 */
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import type { Plugin } from 'graphql-yoga';
import type { Authenticator } from '../auth.ts';
import { identify } from './use-auth.ts';
import { csrfRefusal } from './use-csrf-prevention.ts';

/** Where graphql-sse clients connect. */
export const SSE_ENDPOINT = '/graphql/stream';

/** The plugins: the checks, then yoga's graphql-sse handler. */
export function useGraphQLSse(authenticator: Authenticator, corsOrigins: readonly string[]): Plugin[] {
  const checks: Plugin = {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === 'OPTIONS' || new URL(request.url).pathname !== SSE_ENDPOINT) return;
      const refusal = csrfRefusal(request, corsOrigins);
      if (refusal) {
        endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: 'FORBIDDEN' } }] }), {
          status: 403, headers: { 'content-type': 'application/json; charset=utf-8' },
        }));
        return;
      }
      const unauthenticated = await identify(request, authenticator, fetchAPI);
      if (unauthenticated) endResponse(unauthenticated);
    },
  };
  return [checks, useGraphQLSSE({ endpoint: SSE_ENDPOINT })];
}
