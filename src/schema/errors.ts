import { GraphQLError } from 'graphql';
import { UpstreamError, type ErrorCode } from '../upstream/errors.ts';

/**
 * The only errors clients see. Resolvers throw these or let an
 * {@link UpstreamError} through; {@link maskError} maps the latter with the
 * one table in `src/upstream/errors.ts` and hides everything else.
 */
export function gatewayError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badUserInput = (message: string, extensions?: Record<string, unknown>) => gatewayError('BAD_USER_INPUT', message, extensions);
export const notFound = (message: string, extensions?: Record<string, unknown>) => gatewayError('NOT_FOUND', message, extensions);
export const conflict = (message: string) => gatewayError('CONFLICT', message);
export const unauthenticated = (message = 'No Arize API key: send `Authorization: Bearer <api-key>` or configure ARIZE_API_KEY on the server.') =>
  gatewayError('UNAUTHENTICATED', message);
export const timeout = (message: string) => gatewayError('TIMEOUT', message);

/** The GraphQL error for a failed upstream call: the contract's code, the problem's detail, never internals. */
export function upstreamToGraphQLError(error: UpstreamError, located?: GraphQLError): GraphQLError {
  const code = error.code;
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

/** yoga's request-level refusals carry their original parse error (a SyntaxError) but are the client's mistake. */
function isRequestError(error: GraphQLError): boolean {
  return error.extensions.code === 'BAD_REQUEST';
}

/**
 * yoga's `maskError`: gateway errors and yoga's own pass through; upstream
 * failures are mapped; anything else becomes INTERNAL_SERVER_ERROR with
 * `message` and is reported through `onUnexpected` (for the log).
 */
export function createMaskError(onUnexpected: (error: unknown) => void) {
  return (error: unknown, message: string): Error => {
    if (error instanceof GraphQLError) {
      const original = error.originalError;
      if (original instanceof UpstreamError) return upstreamToGraphQLError(original, error);
      if (original === undefined || original === null || original instanceof GraphQLError || isRequestError(error)) {
        if (error.extensions.code === 'BAD_REQUEST') {
          // yoga's code for a malformed request (no query, bad JSON, a batch): the contract's BAD_USER_INPUT
          const { originalError: _hidden, ...extensions } = error.extensions as Record<string, unknown>;
          return new GraphQLError(error.message, { extensions: { ...extensions, code: 'BAD_USER_INPUT' } });
        }
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
