/**
 * The emulator's refusals: a {@link ProblemError} carries the status, the
 * problem `title` and the broken rule, and the server answers it as
 * problem+json with Arize's error reference as its `type`.
 */

/** A 4xx answer with the problem's title and the rule that was broken. */
export class ProblemError extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Invalid request parameters', 401: 'Authentication required', 403: 'Access forbidden', 404: 'Resource not found',
  405: 'Method Not Allowed', 409: 'Resource conflict', 422: 'Unprocessable Entity', 429: 'Rate limit exceeded',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
const SLUGS: Record<number, string> = {
  400: 'invalid-request', 401: 'authentication-required', 403: 'access-forbidden', 404: 'resource-not-found',
  409: 'resource-conflict', 422: 'unprocessable-entity', 429: 'rate-limit-exceeded', 503: 'service-unavailable',
};
/** The problem `title` for a status, as the spec's examples write it. */
export const titleFor = (status: number) => TITLES[status] ?? 'Error';
/** The problem `type` URI of Arize's error reference for a status. */
export const typeFor = (status: number) => (SLUGS[status] ? `https://arize.com/docs/ax/rest-reference/errors#${SLUGS[status]}` : 'about:blank');
/** A 400: the input's shape breaks a rule. */
export const badRequest = (detail: string) => new ProblemError(400, titleFor(400), detail);
/** A 422: well-formed input that breaks a rule (names, windows, evaluators). */
export const invalid = (detail: string) => new ProblemError(422, titleFor(422), detail);
/** A 404: an unknown or unreadable id. */
export const notFound = (detail: string) => new ProblemError(404, titleFor(404), detail);
/** A 409: a reused experiment name. */
export const conflict = (detail: string) => new ProblemError(409, titleFor(409), detail);
