/**
 * CSRF prevention: a request a browser could send cross-site without a CORS
 * preflight (a GET, or a POST with a form or text content type) must carry
 * one of {@link CSRF_HEADERS}, which no cross-site page can add without a
 * preflight. `Authorization` counts: a browser cannot send it cross-site
 * unpreflighted either. The refusal (403, FORBIDDEN) names the headers.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Headers that mark a request as one a cross-site page could not have sent unpreflighted. */
export const CSRF_HEADERS = ['authorization', 'x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'] as const;

const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** The plugin: refuse requests a cross-site page could have sent unpreflighted. */
export function useCsrfPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      const type = request.headers.get('content-type')?.toLowerCase();
      if (type && !SIMPLE_CONTENT_TYPES.some((simple) => type.startsWith(simple))) return;
      if (CSRF_HEADERS.some((header) => request.headers.has(header))) return;
      throw createGraphQLError(
        `This request could have been sent by any web page (CSRF protection): send it with one of the headers ${CSRF_HEADERS.map((h) => `\`${h}\``).join(', ')} (e.g. \`x-graphql-yoga-csrf: 1\`), or as a POST with \`content-type: application/json\`.`,
        { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
      );
    },
  };
}
