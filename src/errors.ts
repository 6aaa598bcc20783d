/**
 * The contract's errors, in the one module every layer may import: the
 * `extensions.code` list, their constructors, the table from an upstream
 * failure to a code, and yoga's `maskError` (coded errors pass, upstream
 * failures are mapped, anything else is hidden behind INTERNAL_SERVER_ERROR).
 */
import { GraphQLError } from 'graphql';
import type { RunFailure } from './runs/feed.ts';
import { UpstreamError } from './upstream/errors.ts';

export { notFoundMessage } from './upstream/errors.ts';

/** Every `extensions.code` the gateway's contract allows. */
const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'TIMEOUT',
  'UPSTREAM_ERROR',
  'UPSTREAM_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
/** An `extensions.code` the contract allows. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The single table from upstream outcome to `extensions.code`:
 * 400/422 -> BAD_USER_INPUT, 401 -> UNAUTHENTICATED, 403 -> FORBIDDEN,
 * 404 -> NOT_FOUND, 409 -> CONFLICT, 429 -> RATE_LIMITED, other 4xx ->
 * UPSTREAM_ERROR, 5xx / timeouts / network failures -> UPSTREAM_UNAVAILABLE.
 */
export function codeForUpstreamError(error: Pick<UpstreamError, 'kind' | 'status'>): ErrorCode {
  if (error.kind === 'protocol') return 'UPSTREAM_ERROR';
  if (error.kind !== 'http' || error.status === undefined) return 'UPSTREAM_UNAVAILABLE';
  switch (error.status) {
    case 400:
    case 422:
      return 'BAD_USER_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'RATE_LIMITED';
    default:
      return error.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR';
  }
}

/** A GraphQL error with the contract's `code`; the only kind clients see. */
function gatewayError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/**
 * The code an error of a result will reach the client with: its own, or,
 * for an upstream failure not yet masked (plugins read results before yoga
 * masks them), the one the mask gives it; `ERROR` otherwise.
 */
export function codeOfResultError(error: { readonly extensions?: Readonly<Record<string, unknown>>; readonly originalError?: unknown }): string {
  const code = error.extensions?.code;
  if (code !== undefined) return String(code);
  return error.originalError instanceof UpstreamError ? codeForUpstreamError(error.originalError) : 'ERROR';
}

/**
 * BAD_USER_INPUT: the input breaks a rule; nothing was called or changed.
 * `extensions.field` names the argument path (e.g. `input.samplingRate`);
 * an older `argument` extension is kept beside it.
 */
export const badUserInput = (message: string, extensions: Record<string, unknown> = {}) =>
  gatewayError('BAD_USER_INPUT', message, typeof extensions.argument === 'string' && extensions.field === undefined ? { field: extensions.argument, ...extensions } : extensions);

/** One broken input rule: the argument path and what is wrong with it. */
export interface InputProblem { field: string; message: string }

/**
 * Every broken rule of one input as one thrown error; the
 * `useInputProblems` plugin answers it as one BAD_USER_INPUT error per
 * problem, each with its `field`. Carries the list in `extensions.problems`
 * until then.
 */
export function inputProblems(problems: readonly InputProblem[]): GraphQLError {
  const [first] = problems;
  if (problems.length === 1 && first) return badUserInput(first.message, { field: first.field });
  return badUserInput(problems.map((p) => p.message).join(' '), { field: first?.field, problems });
}

/** NOT_FOUND: no such object (or the key cannot read it). */
export const notFound = (message: string, extensions?: Record<string, unknown>) => gatewayError('NOT_FOUND', message, extensions);
/** CONFLICT: the change clashes with what exists (a taken name). */
export const conflict = (message: string) => gatewayError('CONFLICT', message);
/** UNAUTHENTICATED: no usable key or sign-in. */
export const unauthenticated = (message = 'No Arize API key: send `Authorization: Bearer <api-key>` or configure ARIZE_API_KEY on the server.') =>
  gatewayError('UNAUTHENTICATED', message);
/** TIMEOUT: a wait ran out before the run finished. */
export const timeout = (message: string) => gatewayError('TIMEOUT', message);
/** RATE_LIMITED: the gateway's own cap (the upstream's 429 is mapped by {@link codeOf}). */
export const rateLimited = (message: string) => gatewayError('RATE_LIMITED', message);

/** The GraphQL error for a failed upstream call: the contract's code, the problem's detail, never internals. */
function upstreamToGraphQLError(error: UpstreamError, located?: GraphQLError): GraphQLError {
  const code = codeForUpstreamError(error);
  const extensions: Record<string, unknown> = { code };
  if (error.kind === 'http' && error.status !== undefined) extensions.upstreamStatus = error.status;
  if (error.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = error.retryAfterSeconds;
  if (error.outcome !== undefined) extensions.outcome = error.outcome;
  return new GraphQLError(error.message, {
    ...(located?.nodes ? { nodes: located.nodes } : {}),
    ...(located?.path ? { path: located.path } : {}),
    extensions,
  });
}

/** graphql-armor's refusals ("Syntax Error: Aliases limit of 20 exceeded, found 21."), by the limit they name. */
const ARMOR_LIMITS: Record<string, { variable: string; say: (n: number, found: string | undefined) => string }> = {
  Aliases: { variable: 'MAX_QUERY_ALIASES', say: (n, found) => `The operation has ${found ?? 'too many'} aliases; at most ${n} are allowed (MAX_QUERY_ALIASES).` },
  'Query depth': { variable: 'MAX_QUERY_DEPTH', say: (n, found) => `The operation is ${found ?? 'too many'} levels deep; at most ${n} are allowed (MAX_QUERY_DEPTH).` },
  Directives: { variable: 'directives', say: (n, found) => `The operation has ${found ?? 'too many'} directives; at most ${n} are allowed.` },
  Token: { variable: 'MAX_QUERY_TOKENS', say: (n) => `The document has more than ${n} tokens; at most ${n} are allowed (MAX_QUERY_TOKENS).` },
};

/**
 * A query-limit refusal in the gateway's words: which limit (`extensions.limit`,
 * the variable that sets it), its value (`max`) and what was found; BAD_USER_INPUT.
 * Undefined for any other error.
 */
export function limitError(error: GraphQLError): GraphQLError | undefined {
  const match = /^Syntax Error: (Aliases|Query depth|Directives|Token) limit of (\d+) exceeded(?:, found (\d+))?\.$/.exec(error.message);
  if (!match) return undefined;
  const limit = ARMOR_LIMITS[match[1]!]!;
  const max = Number(match[2]);
  return new GraphQLError(limit.say(max, match[3]), {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    extensions: { code: 'BAD_USER_INPUT', limit: limit.variable, max, ...(match[3] ? { found: Number(match[3]) } : {}) },
  });
}

/**
 * The error for an operation that fails before it runs (it does not parse,
 * breaks a query limit, or does not validate): a limit's own wording, the
 * error's own code, else the stage's (`GRAPHQL_PARSE_FAILED`,
 * `GRAPHQL_VALIDATION_FAILED`); never a stack. For the WebSocket and graphql-sse.
 */
export function operationError(error: unknown, stage: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED'): GraphQLError {
  if (error instanceof GraphQLError) {
    const limited = limitError(error);
    if (limited) return limited;
    const own = fromYogaCode(error) ?? error; // OPERATION_RESOLUTION_FAILURE comes from yoga's parse hook
    // yoga's `http` extension (the status it would answer over HTTP) is its own: HTTP answers drop it, so do these
    const { http: _http, ...extensions } = own.extensions as Record<string, unknown>;
    if (extensions.code !== undefined && _http === undefined) return own;
    return new GraphQLError(own.message, { ...(own.nodes ? { nodes: own.nodes } : {}), source: own.source, positions: own.positions, extensions: { ...extensions, code: extensions.code ?? stage } });
  }
  return new GraphQLError('The operation could not be read.', { extensions: { code: stage } });
}

/** yoga's request-level refusals carry their original parse error (a SyntaxError) but are the client's mistake. */
function isRequestError(error: GraphQLError): boolean {
  return error.extensions.code === 'BAD_REQUEST';
}

const RUN_FAILURE_CODES: Record<RunFailure['reason'], ErrorCode> = {
  upstream: 'UPSTREAM_UNAVAILABLE', outage: 'UPSTREAM_UNAVAILABLE', closed: 'UPSTREAM_UNAVAILABLE', timeout: 'TIMEOUT',
  aborted: 'BAD_USER_INPUT', expired: 'UNAUTHENTICATED', internal: 'INTERNAL_SERVER_ERROR',
};

/** The GraphQL error for a watch or wait that ended without a terminal state. */
export function runFailureToGraphQLError(failure: RunFailure): GraphQLError {
  if (failure.reason === 'upstream' && failure.upstream) return upstreamToGraphQLError(failure.upstream);
  return gatewayError(RUN_FAILURE_CODES[failure.reason], failure.message);
}

/**
 * A document whose operation cannot be told (several and no
 * `operationName`, an `operationName` it does not hold, or none at all): the
 * contract's BAD_USER_INPUT on every transport, where yoga says
 * OPERATION_RESOLUTION_FAILURE (not one of the contract's codes).
 */
export function noOperationError(): GraphQLError {
  return new GraphQLError(NO_OPERATION, { extensions: { code: 'BAD_USER_INPUT' } });
}

const NO_OPERATION = 'Name the operation to run (`operationName`): the document holds several, or none by that name.';

/** yoga's own codes that are not the contract's, each with what the contract's BAD_USER_INPUT says instead. */
const YOGA_CODES: Record<string, (error: GraphQLError) => string> = {
  BAD_REQUEST: (error) => error.message, // a malformed request: no query, bad JSON, a batch
  OPERATION_RESOLUTION_FAILURE: () => NO_OPERATION,
};

/** `error` under the contract's BAD_USER_INPUT when it carries one of yoga's own codes (its other extensions kept, its original error not); else undefined. */
function fromYogaCode(error: GraphQLError): GraphQLError | undefined {
  const say = YOGA_CODES[String(error.extensions.code)];
  if (!say) return undefined;
  const { originalError: _hidden, ...extensions } = error.extensions as Record<string, unknown>;
  return new GraphQLError(say(error), { extensions: { ...extensions, code: 'BAD_USER_INPUT' } });
}

/**
 * yoga's `maskError`: gateway errors and yoga's own pass through; upstream
 * failures are mapped; anything else becomes INTERNAL_SERVER_ERROR with
 * `message` and is reported through `onUnexpected` (for the log).
 */
export function createMaskError(onUnexpected: (error: unknown) => void) {
  return (error: unknown, message: string): Error => {
    if (error instanceof GraphQLError) {
      const limited = limitError(error);
      if (limited) return limited;
      const original = error.originalError;
      if (original instanceof UpstreamError) return upstreamToGraphQLError(original, error);
      if (original === undefined || original === null || original instanceof GraphQLError || isRequestError(error)) {
        const own = fromYogaCode(error);
        if (own) return own;
        if (error.extensions.code !== undefined) return error;
        // graphql-js' document/variable errors and yoga's HTTP refusals carry no code
        const status = (error.extensions.http as { status?: number } | undefined)?.status;
        const code: ErrorCode = status === 403 ? 'FORBIDDEN' : status === 401 ? 'UNAUTHENTICATED' : 'BAD_USER_INPUT';
        return new GraphQLError(error.message, {
          ...(error.nodes ? { nodes: error.nodes } : {}),
          ...(error.path ? { path: error.path } : {}),
          extensions: { ...error.extensions, code },
        });
      }
      onUnexpected(original);
      return new GraphQLError(message, {
        ...(error.nodes ? { nodes: error.nodes } : {}),
        ...(error.path ? { path: error.path } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    }
    if (error instanceof UpstreamError) return upstreamToGraphQLError(error);
    onUnexpected(error);
    return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}
