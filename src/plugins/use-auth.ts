/**
 * Who each HTTP request is (see `src/auth.ts`), decided before anything
 * runs. With end-user authentication, a request without a valid token is
 * answered 401 UNAUTHENTICATED at once and calls nothing upstream.
 */
import type { Plugin } from 'graphql-yoga';
import { AuthError, type Authenticator, type Identity } from '../auth.ts';

const identities = new WeakMap<Request, Identity>();

/** The identity `useAuth` gave `request`; a caller with no key when it gave none. */
export function identityOf(request: Request): Identity {
  return identities.get(request) ?? { caller: { kind: 'anonymous' }, apiKey: undefined };
}

/**
 * Identifies `request` (kept for {@link identityOf}); with end-user
 * authentication and no valid token, the 401 response to answer instead.
 */
export async function identify(request: Request, authenticator: Authenticator, fetchAPI: { Response: typeof Response }): Promise<Response | undefined> {
  try {
    identities.set(request, await authenticator.identify(request.headers.get('authorization') ?? undefined, request.headers.get('x-arize-api-key') ?? undefined));
    return undefined;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return new fetchAPI.Response(JSON.stringify({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
      status: 401,
      headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' },
    });
  }
}

/** The plugin: identify every GraphQL request before it is parsed. */
export function useAuth(authenticator: Authenticator): Plugin {
  return {
    async onRequestParse({ request, endResponse, fetchAPI }) {
      const refusal = await identify(request, authenticator, fetchAPI);
      if (refusal) endResponse(refusal);
    },
  };
}
