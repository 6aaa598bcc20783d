/**
 * What the graphql-sse plugin (`use-graphql-sse.ts`) answers when it
 * refuses a request: the gateway's JSON errors, each with an
 * `extensions.code` (graphql-sse's own bare refusals included, in words
 * that say what to do), never a stack.
 */
import type { GraphQLError } from 'graphql';
import type { ErrorCode } from '../errors.ts';

const CODE_BY_STATUS: Record<number, ErrorCode> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 429: 'RATE_LIMITED' };
/** graphql-sse's bare refusals, in words that say what to do. */
const SAID_BY_STATUS: Record<number, string> = {
  404: 'No stream is reserved under this token: reserve one with PUT first, or send the operation with `Accept: text/event-stream`.',
  405: 'graphql-sse takes GET, POST, PUT and DELETE here.',
  406: 'Open the stream with `Accept: text/event-stream`; send operations with `Accept: application/json`.',
  415: 'Send operations as JSON (`content-type: application/json`).',
};

/** A JSON answer of `errors` with `status`. */
export const jsonErrors = (errors: ReadonlyArray<Record<string, unknown>>, status: number, Response: typeof globalThis.Response, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ errors }), { status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });

/** A refusal in graphql-sse's own answer form (for `onSubscribe`): the errors, each with its code. */
export const refusal = (errors: readonly GraphQLError[], status = 400) =>
  [JSON.stringify({ errors: errors.map((error) => error.toJSON()) }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } }] as const;

/** `response` unchanged when it succeeded; else the same status with the gateway's JSON errors, each with a code. */
export async function withCodes(response: Response, Response: typeof globalThis.Response): Promise<Response> {
  if (response.status < 400) return response;
  const text = await response.text().catch(() => '');
  let sent: unknown[] = [];
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(body.errors)) sent = body.errors;
  } catch {
    // no JSON body: the status says it all
  }
  const code = CODE_BY_STATUS[response.status] ?? (response.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT');
  const fallback = SAID_BY_STATUS[response.status] ?? (response.statusText || `HTTP ${response.status}`);
  const errors = (sent.length > 0 ? sent : [{}]).map((raw) => {
    const error = (raw && typeof raw === 'object' ? raw : {}) as { message?: unknown; locations?: unknown; extensions?: Record<string, unknown> };
    // yoga's `http` extension is its own (HTTP answers drop it); locations are kept, as /graphql sends them
    const { http: _http, ...extensions } = error.extensions && typeof error.extensions === 'object' ? error.extensions : {};
    return {
      message: typeof error.message === 'string' ? error.message : fallback,
      ...(Array.isArray(error.locations) ? { locations: error.locations } : {}),
      extensions: { ...extensions, code: extensions.code ?? code },
    };
  });
  const allow = response.headers.get('allow');
  return jsonErrors(errors, response.status, Response, allow ? { allow } : {});
}
