/**
 * A request yoga cannot read (broken percent-encoding in a form body,
 * `variables` that are not JSON in a GET or an SSE request, ...) is the
 * client's mistake: BAD_USER_INPUT with HTTP 400, never a masked
 * INTERNAL_SERVER_ERROR logged as an error. So is a document the parser
 * cannot follow (brackets nested a few thousand deep, within
 * MAX_QUERY_TOKENS, run graphql-js's recursive parser out of stack):
 * GRAPHQL_PARSE_FAILED, as the WebSocket answers it. A request whose
 * `Accept` takes none of the types its answer can come as (a subscription
 * asked for as `multipart/mixed`, as Apollo Client's HttpLink does without a
 * WebSocket link) keeps yoga's 406, with a BAD_USER_INPUT error as JSON
 * saying what would work, instead of an empty body; so does a body of a
 * type yoga does not read (415).
 */
import { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** The plugin: wrap yoga's request parser so its failures are the client's. */
export function useRequestErrors(): Plugin {
  return {
    // after every parser (graphql-armor's token limit sets its own): running out of stack is the document's doing
    onParse: () => ({ result, replaceParseResult }) => {
      if (result instanceof RangeError) replaceParseResult(unreadableDocument());
    },
    onResponse({ response, setResponse, fetchAPI }) {
      // yoga's 406 and 415 have no body
      if ((response.status !== 406 && response.status !== 415) || response.headers.get('content-type') !== null) return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.delete('content-length');
      const message = response.status === 406 ? notAcceptable(response.headers.get('accept') ?? '') : UNSUPPORTED_BODY;
      const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
      setResponse(new fetchAPI.Response(body, { status: response.status, statusText: response.statusText, headers }));
    },
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      // no async wrapper: one more promise per request for a failure that is rare
      setRequestParser((request) => {
        let parsed: ReturnType<typeof requestParser>;
        try {
          parsed = requestParser(request);
        } catch (error) {
          throw clientMistake(error);
        }
        // yoga's parsers answer with promises of their own kind at times: anything thenable
        const thenable = parsed as Partial<PromiseLike<unknown>> | undefined;
        return typeof thenable?.then === 'function'
          ? (parsed as PromiseLike<Awaited<typeof parsed>>).then(undefined, (error: unknown) => { throw clientMistake(error); }) as typeof parsed
          : parsed;
      });
    },
  };
}

/** A failure of yoga's request parser as the client's mistake (a GraphQL error as it is). */
function clientMistake(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return createGraphQLError(`The request could not be read (${reason}): send a GraphQL request as JSON (POST) or with JSON-encoded \`variables\` (GET).`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/** A document the parser gave up on (it ran out of stack: brackets nested too deep). */
const unreadableDocument = () => createGraphQLError('The document could not be read: its values or selections are nested too deeply.', {
  extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } },
});

const UNSUPPORTED_BODY = 'Send a GraphQL request as `application/json` (POST), or in the URL (GET).';

/** Why a 406: what the answer could have come as (yoga's `Accept` response header), and where subscriptions go. */
function notAcceptable(served: string): string {
  const types = served.split(',').map((type) => type.split(';')[0]!.trim()).filter(Boolean);
  if (types.length > 0 && types.every((type) => type === 'text/event-stream')) {
    return 'A subscription streams as `text/event-stream` (Accept it on /graphql, or use graphql-sse at /graphql/stream) or over the WebSocket on /graphql; '
      + '`multipart/mixed` carries only the @defer and @stream payloads of queries.';
  }
  return `Nothing this request accepts can carry its answer: accept ${[...new Set(types)].map((type) => `\`${type}\``).join(', ') || '`application/json`'}.`;
}
