/**
 * A request yoga cannot read (broken percent-encoding in a form body,
 * `variables` that are not JSON in a GET or an SSE request, ...) is the
 * client's mistake: BAD_USER_INPUT with HTTP 400, never a masked
 * INTERNAL_SERVER_ERROR logged as an error.
 */
import { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** The plugin: wrap yoga's request parser so its failures are the client's. */
export function useRequestErrors(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (error instanceof GraphQLError) throw error;
          const reason = error instanceof Error ? error.message : String(error);
          throw createGraphQLError(`The request could not be read (${reason}): send a GraphQL request as JSON (POST) or with JSON-encoded \`variables\` (GET).`, {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        }
      });
    },
  };
}
