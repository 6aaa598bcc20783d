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
 * stream reservation, the stream, and each operation), and with
 * `PERSISTED_OPERATIONS` on, the trusted-documents rule for each operation.
 */
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import type { Plugin } from 'graphql-yoga';
import type { Authenticator } from '../auth.ts';
import { GraphQLError } from 'graphql';
import { identify } from './use-auth.ts';
import type { DocumentRequest, TrustedDocuments } from './use-trusted-documents.ts';
import { csrfRefusal } from './use-csrf-prevention.ts';

/** The operation a graphql-sse request carries (GET: the URL's `query`; POST: the JSON body), if any. */
async function operationOf(request: Request, url: URL): Promise<DocumentRequest | undefined> {
  if (request.method === 'GET') {
    const params = url.searchParams;
    if (!params.has('query') && !params.has('documentId') && !params.has('extensions')) return undefined;
    let extensions: unknown;
    try { extensions = JSON.parse(params.get('extensions') ?? 'null'); } catch { extensions = undefined; }
    return { query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions };
  }
  if (request.method !== 'POST') return undefined;
  try {
    const body = await request.clone().json() as DocumentRequest | null;
    return body && typeof body === 'object' ? body : undefined;
  } catch {
    return undefined; // the handler answers what it cannot read
  }
}

/** Where graphql-sse clients connect. */
export const SSE_ENDPOINT = '/graphql/stream';

/** The plugins: the checks, then yoga's graphql-sse handler. */
export function useGraphQLSse(authenticator: Authenticator, corsOrigins: readonly string[], documents: TrustedDocuments): Plugin[] {
  const checks: Plugin = {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method === 'OPTIONS' || url.pathname !== SSE_ENDPOINT) return;
      const refusal = csrfRefusal(request, corsOrigins);
      if (refusal) {
        endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: 'FORBIDDEN' } }] }), {
          status: 403, headers: { 'content-type': 'application/json; charset=utf-8' },
        }));
        return;
      }
      const unauthenticated = await identify(request, authenticator, fetchAPI);
      if (unauthenticated) return endResponse(unauthenticated);
      if (documents.mode === 'off') return;
      // trusted documents: an operation here must be a trusted text (the handler reads the text itself, so no hash alone)
      const operation = await operationOf(request, url);
      if (operation === undefined) return;
      const outcome = documents.resolve(operation);
      const untrusted = outcome instanceof GraphQLError ? outcome : outcome && outcome.query !== operation.query
        ? new GraphQLError(`${SSE_ENDPOINT} runs documents sent as text: send the trusted document's text, or use /graphql or the WebSocket to send its hash.`, { extensions: { code: 'BAD_USER_INPUT' } })
        : undefined;
      if (untrusted) {
        endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message: untrusted.message, extensions: { ...untrusted.extensions } }] }), {
          status: untrusted.extensions.code === 'FORBIDDEN' ? 403 : 400, headers: { 'content-type': 'application/json; charset=utf-8' },
        }));
      }
    },
  };
  return [checks, useGraphQLSSE({ endpoint: SSE_ENDPOINT })];
}
