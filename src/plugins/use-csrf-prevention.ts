/**
 * CSRF prevention by Fetch Metadata and `Origin`: a browser says where a
 * request comes from, and only pages that belong may cause work here.
 *
 * - `Sec-Fetch-Site: same-origin` or `none` (the gateway's own pages, GraphiQL,
 *   a typed URL): allowed, GET queries and `EventSource` included.
 * - An `Origin` that is the gateway's own or in `CORS_ORIGINS`: allowed.
 * - `Sec-Fetch-Site: same-site` or `cross-site` from any other origin (or
 *   none): refused (403, `FORBIDDEN`), whatever the method or headers, so no
 *   other site's page can make a side effect or spend the server's key.
 * - No Fetch Metadata at all (servers, CLIs, or browsers older than 2023):
 *   a request a page could send without a CORS preflight (a GET, or a POST
 *   with a form or text content type) from a foreign `Origin` is refused
 *   unless it carries one of {@link CSRF_HEADERS}; one with no `Origin`
 *   (servers, CLIs, `graphql-request`) is allowed, except a form or text
 *   POST, which must carry one of those headers.
 *
 * Mutations stay POST-only (yoga refuses them over GET). `docs/security.md`
 * explains the rules.
 */
import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { originAllowed } from '../http/origin.ts';

/** Headers that mark a request as one a cross-site page could not have sent unpreflighted. */
export const CSRF_HEADERS = ['authorization', 'x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'] as const;

const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * True when a page could send this `content-type` without a CORS preflight.
 * Fetch reads a comma-separated value by its last type
 * (`application/json, text/plain` is `text/plain`: no preflight) while yoga
 * parses the body by the first (JSON), so a value naming a simple type
 * anywhere counts as simple.
 */
function isSimpleContentType(type: string): boolean {
  return type.toLowerCase().split(',').some((part) => SIMPLE_CONTENT_TYPES.some((simple) => part.trim().startsWith(simple)));
}

const forbidden = (message: string) => createGraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });

/** Why `request` is refused as one another site's page could have made, or undefined when it may go on. */
export function csrfRefusal(request: Request, corsOrigins: readonly string[]): GraphQLError | undefined {
  const site = request.headers.get('sec-fetch-site')?.toLowerCase();
  if (site === 'same-origin' || site === 'none') return undefined;
  const origin = request.headers.get('origin') ?? undefined;
  if (origin !== undefined && originAllowed(origin, request.headers.get('host'), corsOrigins)) return undefined;
  if (site !== undefined) {
    return forbidden(`Requests from another site (${origin ?? 'an unnamed origin'}) are refused (CSRF protection): ` +
      'a browser app on another origin must be listed in CORS_ORIGINS.');
  }
  const type = request.headers.get('content-type') ?? undefined;
  const simpleBody = type !== undefined && isSimpleContentType(type);
  const preflighted = type !== undefined && !simpleBody;
  if (preflighted || CSRF_HEADERS.some((header) => request.headers.has(header))) return undefined;
  if (origin === undefined && !simpleBody) return undefined; // a server or CLI: no browser sends a bare cross-site request without Origin or Fetch Metadata today
  return forbidden(
    `This request could have been sent by any web page (CSRF protection): send it with one of the headers ${CSRF_HEADERS.map((h) => `\`${h}\``).join(', ')} (e.g. \`x-graphql-yoga-csrf: 1\`), or as a POST with \`content-type: application/json\`.`,
  );
}

/** The plugin: refuse requests another site's page could have made. `corsOrigins` is `CORS_ORIGINS`. */
export function useCsrfPrevention(corsOrigins: readonly string[]): Plugin {
  return {
    onRequestParse({ request }) {
      const refusal = csrfRefusal(request, corsOrigins);
      if (refusal) throw refusal;
    },
  };
}
