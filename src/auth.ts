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
import { timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, customFetch, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from './config.ts';
import { keyHashOf } from './upstream/key-hash.ts';

/** Who is acting: a signed-in user, an anonymous caller on the server's key, or a caller with their own key. */
export type Caller = { kind: 'user'; sub: string } | { kind: 'anonymous' } | { kind: 'own-key'; keyHash: string };

/** Which key acts, for audit lines: the server's (`ARIZE_API_KEY`) or the caller's own, and its hash ({@link keyHashOf}); never the key. */
export interface KeyUsed { kind: 'server' | 'own'; hash: string }

/** The largest JWKS body read from `AUTH_JWKS_URL` (a key set is a few kilobytes; a larger body is refused unread). */
export const JWKS_MAX_BYTES = 256 * 1024;

/** What a request may act with. */
export interface Identity {
  caller: Caller;
  /** The Arize key calls are made with; undefined when there is none (every call is then UNAUTHENTICATED). */
  apiKey: string | undefined;
  /** Which key {@link apiKey} is, when there is one. */
  key?: KeyUsed | undefined;
  /** Why there is no key, when one was given but cannot be used (never echoes it). */
  problem?: string;
  /** When the user's token expires (ms since the epoch); undefined without end-user authentication. */
  expiresAt?: number;
}

/** A refused sign-in: HTTP 401, WebSocket close 4401. The message never holds the token. */
export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    message: string,
    /** Why, as a fixed word for logs and metrics (never the token or any text the caller sent). */
    readonly reason: RefusalReason,
  ) {
    super(message);
  }
}

/** Why a sign-in was refused: `keys-unavailable` is the issuer's JWKS failing, not the caller. */
export type RefusalReason = 'missing' | 'malformed' | 'expired' | 'claims' | 'signature' | 'keys-unavailable' | 'invalid' | 'user-key';

/**
 * `authenticator`, calling `onRefused` with each {@link AuthError} it throws
 * or rejects with (on every transport: HTTP, SSE, WebSocket), before passing
 * it on unchanged. Without end-user authentication nothing is refused:
 * `authenticator` itself is returned.
 */
export function reportingRefusals(authenticator: Authenticator, onRefused: (error: AuthError) => void): Authenticator {
  if (!authenticator.required) return authenticator;
  const report = (error: unknown): never => {
    if (error instanceof AuthError) onRefused(error);
    throw error;
  };
  return {
    required: authenticator.required,
    identify(authorization, userApiKey) {
      let identity: Identity | Promise<Identity>;
      try {
        identity = authenticator.identify(authorization, userApiKey);
      } catch (error) {
        return report(error);
      }
      return identity instanceof Promise ? identity.catch(report) : identity;
    },
  };
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
  /**
   * The identity of a request; rejects (or throws) {@link AuthError} when a
   * required token is missing or not valid. Without end-user authentication
   * it answers at once, not as a promise: a request then waits for nothing.
   */
  identify(authorization: unknown, userApiKey: unknown): Identity | Promise<Identity>;
}

/**
 * `fetch` for the JWKS: the body is read up to {@link JWKS_MAX_BYTES} and the
 * connection dropped past it, so a huge or endless answer cannot fill memory.
 */
async function cappedFetch(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > JWKS_MAX_BYTES) {
    await response.body?.cancel();
    throw new Error(`the JWKS is larger than ${JWKS_MAX_BYTES} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    size += next.value.byteLength;
    if (size > JWKS_MAX_BYTES) {
      await reader!.cancel();
      throw new Error(`the JWKS is larger than ${JWKS_MAX_BYTES} bytes`);
    }
    chunks.push(next.value);
  }
  return new Response(Buffer.concat(chunks), { status: response.status, headers: response.headers });
}

/** The authenticator for `auth` (undefined: no end-user authentication) and the server's key. */
export function createAuthenticator(auth: AuthConfig | undefined, serverKey: string | undefined): Authenticator {
  const server: KeyUsed | undefined = serverKey === undefined ? undefined : { kind: 'server', hash: keyHashOf(serverKey) };
  if (!auth) {
    // one object for every caller who brings no key: a WebSocket keeps its identity for hours
    const anonymous: Identity = Object.freeze({ caller: Object.freeze({ kind: 'anonymous' as const }), apiKey: serverKey, key: server });
    return {
      required: false,
      identify: (authorization, userApiKey) => keyIdentity(authorization, userApiKey, anonymous),
    };
  }
  const key: JWTVerifyGetKey | Uint8Array = auth.secret !== undefined
    ? new TextEncoder().encode(auth.secret)
    : createRemoteJWKSet(new URL(auth.jwksUrl!), { cooldownDuration: auth.jwksCooldownMs, timeoutDuration: 5000, [customFetch]: cappedFetch });
  const options = {
    issuer: auth.issuer,
    audience: auth.audience,
    clockTolerance: auth.clockSkewSeconds,
    algorithms: auth.secret !== undefined ? ['HS256'] : ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
    requiredClaims: ['sub', 'exp', 'iat'],
    maxTokenAge: auth.maxTokenAgeSeconds,
  };
  return {
    required: true,
    async identify(authorization, userApiKey) {
      const token = typeof authorization === 'string' ? BEARER.exec(authorization.trim())?.[1] : undefined;
      if (token === undefined) {
        const missing = authorization === undefined || authorization === null || authorization === '';
        throw new AuthError(missing
          ? 'Sign in first: send `Authorization: Bearer <token>` (a JWT from the configured issuer).'
          : placeholder(authorization) ?? 'The authorization value must be `Bearer <token>`.', missing ? 'missing' : 'malformed');
      }
      let payload: { sub?: unknown; exp?: number; iat?: number };
      try {
        ({ payload } = key instanceof Uint8Array ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options));
      } catch (error) {
        throw tokenProblem(error);
      }
      if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 256) {
        throw new AuthError('The sign-in token names no user: its `sub` claim must be a string.', 'claims');
      }
      const exp = payload.exp ?? 0;
      const latest = Date.now() / 1000 + auth.maxTokenAgeSeconds + auth.clockSkewSeconds;
      if (exp > latest) {
        throw new AuthError(`The sign-in token lives longer than this gateway accepts (AUTH_MAX_TOKEN_AGE_SECONDS=${auth.maxTokenAgeSeconds}): ask the issuer for shorter-lived tokens.`, 'claims');
      }
      const caller: Caller = { kind: 'user', sub: payload.sub };
      // the token is good until its `exp`, and never past AUTH_MAX_TOKEN_AGE_SECONDS after its `iat`
      const until = Math.min(exp, (payload.iat ?? 0) + auth.maxTokenAgeSeconds);
      const expiresAt = until * 1000 + auth.clockSkewSeconds * 1000;
      if (userApiKey === undefined || userApiKey === null || userApiKey === '') return { caller, apiKey: serverKey, key: server, expiresAt };
      if (!auth.allowUserApiKeys) throw new AuthError('This gateway does not accept `x-arize-api-key`: it calls Arize with its own key.', 'user-key');
      if (typeof userApiKey !== 'string' || !isUsableKey(userApiKey)) throw new AuthError('`x-arize-api-key` is not a usable Arize API key.', 'user-key');
      // the server's own key sent as the user's is still the key every caller shares
      return { caller, apiKey: userApiKey, key: isKey(userApiKey, serverKey) ? server : ownKeyUsed(userApiKey), expiresAt };
    },
  };
}

const absent = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Without end-user authentication: the caller's own key comes as
 * `Authorization: Bearer <key>` or as `x-arize-api-key: <key>` (both
 * honoured; two different keys are refused); neither is `anonymous` (the
 * server's key acts).
 */
function keyIdentity(authorization: unknown, userApiKey: unknown, anonymous: Identity): Identity {
  const refused = (problem: string): Identity => ({ caller: { kind: 'anonymous' }, apiKey: undefined, problem });
  let bearer: string | undefined;
  if (!absent(authorization)) {
    bearer = typeof authorization === 'string' ? BEARER.exec(authorization.trim())?.[1] : undefined;
    if (bearer === undefined) return refused(placeholder(authorization) ?? 'The authorization value must be `Bearer <api-key>`.');
  }
  let header: string | undefined;
  if (!absent(userApiKey)) {
    if (typeof userApiKey !== 'string') return refused('`x-arize-api-key` must be an Arize API key.');
    header = userApiKey.trim();
    if (bearer !== undefined && header !== bearer) {
      return refused('Two different keys were sent (`Authorization` and `x-arize-api-key`): send your Arize key once.');
    }
  }
  const key = bearer ?? header;
  if (key === undefined) return anonymous;
  if (!isUsableKey(key)) return refused('The API key holds characters an API key cannot have (only visible ASCII is allowed).');
  return ownKey(key, isKey(key, anonymous.apiKey) ? anonymous.key : undefined);
}

/** True when `sent` is `key`, compared in constant time (how long it takes says nothing of the server's key but its length). */
function isKey(sent: string, key: string | undefined): boolean {
  if (key === undefined || sent.length !== key.length) return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(key)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A caller's own `key` in use. Its hash (for audit lines, replays and
 * reconciliation) is computed when first read: a request that only reads never
 * needs it, and on Node 20 it is about 5 us of every such request.
 */
function ownKeyUsed(key: string): KeyUsed {
  let hash: string | undefined;
  return { kind: 'own', get hash() { return (hash ??= keyHashOf(key)); } };
}

/** A caller acting with their own `key` (named by its hash, computed when first read). */
function ownKey(key: string, shared?: KeyUsed): Identity {
  // the server's key sent as the caller's own is still the key every caller shares (`server`)
  const used = shared ?? ownKeyUsed(key);
  return { caller: { kind: 'own-key', get keyHash() { return used.hash; } }, apiKey: key, key: used };
}

/** For a template left as it was (GraphiQL's `Bearer <your Arize API key>`): what to do about it. */
function placeholder(authorization: unknown): string | undefined {
  const template = typeof authorization === 'string' ? /<[^>]*>/.exec(authorization)?.[0] : undefined;
  return template && `The authorization value still holds the placeholder \`${template}\`: replace it (in GraphiQL, in the Headers tab) with the real value.`;
}

function tokenProblem(error: unknown): AuthError {
  if (error instanceof joseErrors.JWTExpired) {
    return error.claim === 'iat'
      ? new AuthError('The sign-in token is older than this gateway accepts (AUTH_MAX_TOKEN_AGE_SECONDS): sign in again.', 'expired')
      : new AuthError('The sign-in token has expired: sign in again.', 'expired');
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'iat') {
    return new AuthError(error.reason === 'missing' ? 'The sign-in token has no `iat` (issued-at) claim.' : 'The sign-in token was issued in the future (`iat`): check the issuer\'s clock.', 'claims');
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) return new AuthError(`The sign-in token was not issued for this gateway (claim \`${error.claim}\` does not match).`, 'claims');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) {
    return new AuthError('The sign-in token\'s signature is not valid.', 'signature');
  }
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid || !(error instanceof joseErrors.JOSEError)) {
    return new AuthError('The sign-in token could not be checked: the issuer\'s keys are unavailable.', 'keys-unavailable');
  }
  return new AuthError('The sign-in token is not a valid JWT.', 'invalid');
}
