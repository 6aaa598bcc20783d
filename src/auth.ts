/**
 * Who a request acts as, and with which Arize key.
 *
 * Without end-user authentication (the default), `Authorization: Bearer <key>`
 * carries the caller's own Arize key; without it the server's key is used
 * (an anonymous caller). With it (`AUTH_*`), `Authorization: Bearer <jwt>`
 * must carry a valid token from the configured issuer for the configured
 * audience, and the upstream is called with the server's key (or, when the
 * operator allows it, the user's own key from `x-arize-api-key`).
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from './config.ts';
import { keyHashOf } from './upstream/transport.ts';

/** Who is acting: a signed-in user, an anonymous caller on the server's key, or a caller with their own key. */
export type Caller = { kind: 'user'; sub: string } | { kind: 'anonymous' } | { kind: 'own-key'; keyHash: string };

/** What a request may act with. */
export interface Identity {
  caller: Caller;
  /** The Arize key calls are made with; undefined when there is none (every call is then UNAUTHENTICATED). */
  apiKey: string | undefined;
  /** Why there is no key, when one was given but cannot be used (never echoes it). */
  problem?: string;
  /** When the user's token expires (ms since the epoch); undefined without end-user authentication. */
  expiresAt?: number;
}

/** A refused sign-in: HTTP 401, WebSocket close 4401. The message never holds the token. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
}

/** A short, stable hash of an API key, for audit lines and poller keys; never the key. */
export function keyHash(key: string): string {
  return keyHashOf(key).slice(0, 12);
}

/** How a caller is named in audit lines: `user:<sub>`, `anonymous`, or `own-key:<hash>`. */
export function describeCaller(caller: Caller): string {
  if (caller.kind === 'user') return `user:${caller.sub}`;
  if (caller.kind === 'own-key') return `own-key:${caller.keyHash}`;
  return 'anonymous';
}

/**
 * True when `key` can travel as a Bearer credential in an HTTP header:
 * visible ASCII, no spaces, at most 16 KiB (Node's default header limit).
 * Nothing else is judged: an Arize API key (`ak-…`) and an OAuth access
 * token (a JWT) are both forwarded unchanged.
 */
function isUsableKey(key: string): boolean {
  return key.length <= 16_384 && /^[\x21-\x7E]+$/.test(key);
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** Reads `Authorization` and `x-arize-api-key` values (from headers or WebSocket `connectionParams`). */
export interface Authenticator {
  /** True when end-user authentication is on. */
  readonly required: boolean;
  /** The identity of a request; throws {@link AuthError} when a required token is missing or not valid. */
  identify(authorization: unknown, userApiKey: unknown): Promise<Identity>;
}

/** The authenticator for `auth` (undefined: no end-user authentication) and the server's key. */
export function createAuthenticator(auth: AuthConfig | undefined, serverKey: string | undefined): Authenticator {
  if (!auth) {
    return {
      required: false,
      identify: (authorization) => Promise.resolve(keyIdentity(authorization, serverKey)),
    };
  }
  const key: JWTVerifyGetKey | Uint8Array = auth.secret !== undefined
    ? new TextEncoder().encode(auth.secret)
    : createRemoteJWKSet(new URL(auth.jwksUrl!), { cooldownDuration: auth.jwksCooldownMs, timeoutDuration: 5000 });
  const options = {
    issuer: auth.issuer,
    audience: auth.audience,
    clockTolerance: auth.clockSkewSeconds,
    algorithms: auth.secret !== undefined ? ['HS256'] : ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
    requiredClaims: ['sub', 'exp'],
  };
  return {
    required: true,
    async identify(authorization, userApiKey) {
      const token = typeof authorization === 'string' ? BEARER.exec(authorization.trim())?.[1] : undefined;
      if (token === undefined) {
        throw new AuthError(authorization === undefined || authorization === null || authorization === ''
          ? 'Sign in first: send `Authorization: Bearer <token>` (a JWT from the configured issuer).'
          : placeholder(authorization) ?? 'The authorization value must be `Bearer <token>`.');
      }
      let payload: { sub?: string; exp?: number };
      try {
        ({ payload } = key instanceof Uint8Array ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options));
      } catch (error) {
        throw new AuthError(tokenProblem(error));
      }
      const caller: Caller = { kind: 'user', sub: String(payload.sub) };
      const expiresAt = (payload.exp ?? 0) * 1000 + auth.clockSkewSeconds * 1000;
      if (userApiKey === undefined || userApiKey === null || userApiKey === '') return { caller, apiKey: serverKey, expiresAt };
      if (!auth.allowUserApiKeys) throw new AuthError('This gateway does not accept `x-arize-api-key`: it calls Arize with its own key.');
      if (typeof userApiKey !== 'string' || !isUsableKey(userApiKey)) throw new AuthError('`x-arize-api-key` is not a usable Arize API key.');
      return { caller, apiKey: userApiKey, expiresAt };
    },
  };
}

/** Without end-user authentication: `Bearer <key>` is the caller's own key; no value means the server's key. */
function keyIdentity(authorization: unknown, serverKey: string | undefined): Identity {
  if (authorization === undefined || authorization === null || authorization === '') return { caller: { kind: 'anonymous' }, apiKey: serverKey };
  const key = typeof authorization === 'string' ? BEARER.exec(authorization.trim())?.[1] : undefined;
  if (key === undefined) {
    const problem = placeholder(authorization) ?? 'The authorization value must be `Bearer <api-key>`.';
    return { caller: { kind: 'anonymous' }, apiKey: undefined, problem };
  }
  if (!isUsableKey(key)) {
    return { caller: { kind: 'anonymous' }, apiKey: undefined, problem: 'The API key holds characters an API key cannot have (only visible ASCII is allowed).' };
  }
  return { caller: { kind: 'own-key', keyHash: keyHash(key) }, apiKey: key };
}

/** For a template left as it was (GraphiQL's `Bearer <your Arize API key>`): what to do about it. */
function placeholder(authorization: unknown): string | undefined {
  const template = typeof authorization === 'string' ? /<[^>]*>/.exec(authorization)?.[0] : undefined;
  return template && `The authorization value still holds the placeholder \`${template}\`: replace it (in GraphiQL, in the Headers tab) with the real value.`;
}

function tokenProblem(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The sign-in token has expired: sign in again.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The sign-in token was not issued for this gateway (claim \`${error.claim}\` does not match).`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) {
    return 'The sign-in token\'s signature is not valid.';
  }
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid || !(error instanceof joseErrors.JOSEError)) {
    return 'The sign-in token could not be checked: the issuer\'s keys are unavailable.';
  }
  return 'The sign-in token is not a valid JWT.';
}
