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

/** The 401 answer for a refused sign-in. */
function refusal(error: AuthError, fetchAPI: { Response: typeof Response }): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' },
  });
}

/**
 * Identifies `request` (kept for {@link identityOf}); with end-user
 * authentication and no valid token, the 401 response to answer instead.
 * Without end-user authentication it answers at once (no promise).
 */
export function identify(request: Request, authenticator: Authenticator, fetchAPI: { Response: typeof Response }): Response | undefined | Promise<Response | undefined> {
  const keep = (identity: Identity) => {
    identities.set(request, identity);
    return undefined;
  };
  const refuse = (error: unknown) => {
    if (!(error instanceof AuthError)) throw error;
    return refusal(error, fetchAPI);
  };
  let identity: Identity | Promise<Identity>;
  try {
    identity = authenticator.identify(request.headers.get('authorization') ?? undefined, request.headers.get('x-arize-api-key') ?? undefined);
  } catch (error) {
    return refuse(error);
  }
  return identity instanceof Promise ? identity.then(keep, refuse) : keep(identity);
}

/** The plugin: identify every GraphQL request before it is parsed. */
export function useAuth(authenticator: Authenticator): Plugin {
  return {
    onRequestParse({ request, endResponse, fetchAPI }) {
      const answer = identify(request, authenticator, fetchAPI);
      if (answer instanceof Promise) return answer.then((refused) => { if (refused) endResponse(refused); });
      if (answer) endResponse(answer);
      return undefined;
    },
  };
}
