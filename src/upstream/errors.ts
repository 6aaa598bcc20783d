/**
 * The one error type the upstream client throws. It knows HTTP and network
 * failures, not GraphQL: `src/errors.ts` maps it to the contract's codes.
 */

/** How an upstream call failed: an HTTP answer, no answer at all, or an answer that breaks the protocol (not JSON, endless pages). */
export type UpstreamFailureKind = 'http' | 'timeout' | 'network' | 'protocol';

/**
 * For a failed write whose answer may have been lost: `NOT_APPLIED` (checked:
 * nothing changed, safe to retry) or `UNKNOWN` (it may have happened).
 */
export type WriteOutcome = 'NOT_APPLIED' | 'UNKNOWN';

/** What an {@link UpstreamError} is made of. */
export interface UpstreamErrorInit {
  kind: UpstreamFailureKind;
  /** The operation, e.g. `getTask`; never a URL (URLs carry ids, not secrets, but stay internal). */
  operation: string;
  status?: number;
  title?: string;
  detail?: string;
  retryAfterSeconds?: number;
  /** For `timeout`/`network`: the system error code (`ECONNREFUSED`, `ETIMEDOUT`, ...). */
  networkCode?: string;
  /** How many times the call was retried before this failure. */
  retries?: number;
  /** For writes that were checked after a lost answer. */
  outcome?: WriteOutcome;
  /** The object the call was about, e.g. `{ kind: 'Task run', id }`: a 404 then reads "Task run "…" was not found." */
  subject?: Subject;
}

/** The object an upstream call is about, in words: `Task`, `Task run`, `Evaluator version`, ... */
export interface Subject { kind: string; id: string }

/** The one wording of a missing object, for every query, mutation and subscription. */
export const notFoundMessage = (kind: string, id: string) => `${kind} ${JSON.stringify(id)} was not found.`;


/**
 * A failed upstream call. It never holds the API key, the request headers or
 * the underlying got error (whose options carry the headers).
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly kind: UpstreamFailureKind;
  readonly operation: string;
  readonly status: number | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly networkCode: string | undefined;
  readonly retries: number;
  readonly outcome: WriteOutcome | undefined;
  readonly subject: Subject | undefined;
  readonly #init: UpstreamErrorInit;

  constructor(init: UpstreamErrorInit) {
    super(describe(init));
    this.#init = init;
    this.outcome = init.outcome;
    this.subject = init.subject;
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.networkCode = init.networkCode;
    this.retries = init.retries ?? 0;
  }

  /** The same failure, saying what became of the write. */
  withOutcome(outcome: WriteOutcome): UpstreamError {
    return new UpstreamError({ ...this.#init, outcome });
  }

  /** The same failure, about `subject` (a 404 then names it). */
  about(subject: Subject | undefined): UpstreamError {
    return subject ? new UpstreamError({ ...this.#init, subject }) : this;
  }

  /** True for failures worth trying again later: 5xx, 429, timeouts, network errors. */
  get isTransient(): boolean {
    return this.kind !== 'http' || this.status === 429 || (this.status ?? 0) >= 500;
  }
}

const OUTCOME_TEXT: Record<WriteOutcome, string> = {
  NOT_APPLIED: ' Nothing was changed: it is safe to try again.',
  UNKNOWN: ' The change may have been made all the same: look before trying again.',
};

function describe(init: UpstreamErrorInit): string {
  const outcome = init.outcome ? OUTCOME_TEXT[init.outcome] : '';
  if (init.kind === 'timeout') return `The Arize API did not answer in time (${init.operation}).${outcome}`;
  if (init.kind === 'protocol') return `The Arize API answered ${init.operation} in a way this gateway cannot use: ${init.detail ?? 'a broken answer'}.${outcome}`;
  if (init.kind === 'network') {
    return `The Arize API could not be reached (${init.operation}${init.networkCode ? `: ${init.networkCode}` : ''}).${outcome}`;
  }
  if (init.status === 404 && init.subject) return `${notFoundMessage(init.subject.kind, init.subject.id)}${outcome}`;
  const text = init.detail ?? init.title ?? 'request failed';
  return `${`Arize API ${init.status ?? ''}: ${text}`.replace(/\s+/g, ' ').trim()}${outcome}`;
}

/** True when `error` is an upstream 404. */
export function isNotFound(error: unknown): boolean {
  return error instanceof UpstreamError && error.kind === 'http' && error.status === 404;
}
