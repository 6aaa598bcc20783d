/**
 * A request yoga cannot read (broken percent-encoding in a form body,
 * `variables` that are not JSON in a GET or an SSE request, ...) is the
 * client's mistake: BAD_USER_INPUT with HTTP 400, never a masked
 * INTERNAL_SERVER_ERROR logged as an error. So is a document the parser
 * cannot follow (brackets nested a few thousand deep, within
 * MAX_QUERY_TOKENS, run graphql-js's recursive parser out of stack):
 * GRAPHQL_PARSE_FAILED, as the WebSocket answers it.
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
