/**
 * The one error type the upstream client throws. It knows HTTP and network
 * failures, not GraphQL: `src/errors.ts` maps it to the contract's codes.
 */
import { HTTPError, RequestError, TimeoutError } from 'got';
import { readWire } from './tolerant.ts';
import { Problem } from './types.ts';

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

/**
 * The object an upstream call is about, in words: `Task`, `Task run`,
 * `Evaluator version`, ... `orNamedInInput`: the call's body names other
 * objects too (evaluators, experiments, an integration, ...), any of which
 * the upstream's 404 may be about.
 */
export interface Subject { kind: string; id: string; orNamedInInput?: boolean }

/**
 * The upstream statuses whose `detail` is shown: documented refusals of the
 * caller's input (400, 409, 422). Any other answer's text (401, 403, 5xx,
 * ...) may hold anything (a traceback, a URL, the key it was sent) and is
 * replaced by the gateway's own words.
 */
export const SHOWN_DETAIL_STATUSES: readonly number[] = [400, 409, 422];
/** The most of an upstream `detail` shown (longer ones are cut, with `…`). */
export const MAX_SHOWN_DETAIL = 300;
/** The most of an upstream `detail` or `title` kept at all. */
const MAX_KEPT_TEXT = 2000;

const cut = (text: string | undefined, max: number) => (text === undefined || text.length <= max ? text : `${text.slice(0, max - 1)}…`);

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
    this.title = cut(init.title, MAX_KEPT_TEXT);
    this.detail = cut(init.detail, MAX_KEPT_TEXT);
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.networkCode = init.networkCode;
    this.retries = init.retries ?? 0;
  }

  /** The same failure, saying what became of the write. */
  withOutcome(outcome: WriteOutcome): UpstreamError {
    return new UpstreamError({ ...this.#init, outcome });
  }

  /**
   * The same failure with every occurrence of `secret` (the key the call was
   * made with) in the upstream's text replaced by `[redacted]`.
   */
  redacting(secret: string): UpstreamError {
    if (secret === '') return this;
    const scrub = (text: string | undefined) => (text === undefined ? undefined : scrubbed(text, secret));
    const title = scrub(this.#init.title);
    const detail = scrub(this.#init.detail);
    if (title === this.#init.title && detail === this.#init.detail) return this;
    return new UpstreamError({ ...this.#init, ...(title !== undefined ? { title } : {}), ...(detail !== undefined ? { detail } : {}) });
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

/** What stands for the key in an upstream's text. */
const REDACTED = '[redacted]';
/** What replaces an upstream's text that still quotes part of the key in another form. */
const WITHHELD = '[withheld: it quoted the credential]';

/** Letters and digits only, lower-cased: the key's characters whatever the separators and case. */
const letters = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** `text` read the ways an echoed key may be written: as is, percent-decoded (up to three times), and each base64 run decoded. */
function readings(text: string): string[] {
  const seen = [text];
  let decoded = text;
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(decoded); i++) {
    decoded = decoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    seen.push(decoded);
  }
  for (const run of text.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []) seen.push(Buffer.from(run, 'base64').toString('latin1'));
  return seen;
}

/**
 * `text` with the key replaced wherever it appears as sent (any case), and
 * withheld whole when it still holds 8 or more of the key's characters in a
 * row in another form (split, percent-encoded, base64, other separators).
 */
function scrubbed(text: string, secret: string): string {
  const lower = secret.toLowerCase();
  let out = text;
  for (let at = out.toLowerCase().indexOf(lower); at !== -1; at = out.toLowerCase().indexOf(lower, at + REDACTED.length)) {
    out = out.slice(0, at) + REDACTED + out.slice(at + secret.length);
  }
  const key = letters(secret);
  const width = Math.min(8, key.length);
  const views = readings(out).map(letters);
  for (let i = 0; i + width <= key.length; i++) {
    const piece = key.slice(i, i + width);
    if (views.some((view) => view.includes(piece))) return WITHHELD;
  }
  return out;
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
  if (init.status === 404 && init.subject?.orNamedInInput) {
    return `${init.subject.kind} ${JSON.stringify(init.subject.id)}, or an object the input names, was not found.${outcome}`;
  }
  if (init.status === 404 && init.subject) return `${notFoundMessage(init.subject.kind, init.subject.id)}${outcome}`;
  const status = init.status ?? 0;
  if (status < 400 || SHOWN_DETAIL_STATUSES.includes(status)) {
    const text = cut((init.detail ?? init.title ?? 'request refused').replace(/\s+/g, ' ').trim(), MAX_SHOWN_DETAIL);
    return `Arize API ${status}: ${text}${outcome}`;
  }
  return `${ownWords(status, init.operation)}${outcome}`;
}

/** What the gateway says for an upstream answer whose text it does not show. */
function ownWords(status: number, operation: string): string {
  if (status === 401) return 'Arize API 401: the Arize API refused the API key (missing, not valid or expired).';
  if (status === 403) return `Arize API 403: the API key may not do this (${operation}).`;
  if (status === 404) return `Arize API 404: nothing was found (${operation}).`;
  if (status === 429) return `Arize API 429: too many requests (${operation}); try again later.`;
  if (status >= 500) return `Arize API ${status}: the Arize API failed (${operation}).`;
  return `Arize API ${status}: the Arize API refused ${operation}.`;
}

/** True when `error` is an upstream 404. */
export function isNotFound(error: unknown): boolean {
  return error instanceof UpstreamError && error.kind === 'http' && error.status === 404;
}

/**
 * An answer dropped for its size: its status still says what happened (a
 * refusal wrote nothing, a failure may have), so any status but a 2xx stays
 * an HTTP failure of that status; a 2xx whose body could not be read is a
 * `protocol` failure (the write happened).
 */
export function answerTooLarge(operation: string, retries: number, maxBytes: number, status: number | undefined): UpstreamError {
  const detail = `the answer was larger than ${maxBytes} bytes`;
  if (status !== undefined && (status < 200 || status >= 300)) {
    return new UpstreamError({ kind: 'http', operation, retries, status, detail: `${detail} and was not read` });
  }
  return new UpstreamError({ kind: 'protocol', operation, retries, detail });
}

/** `error` (from got, or already an {@link UpstreamError}) as an {@link UpstreamError}, its problem details read tolerantly. */
export function fromGotError(operation: string, error: unknown, retries: number): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const common = { operation, retries };
  if (error instanceof HTTPError) {
    const { statusCode, headers } = error.response;
    const problem = parseProblem(error.response.body);
    const retryAfter = parseRetryAfter(headers['retry-after']);
    return new UpstreamError({
      kind: 'http',
      ...common,
      status: statusCode,
      title: problem?.title ?? error.response.statusMessage,
      ...(problem?.detail != null ? { detail: problem.detail } : {}),
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    });
  }
  if (error instanceof TimeoutError || (error instanceof RequestError && error.code === 'ETIMEDOUT')) {
    return new UpstreamError({ kind: 'timeout', ...common, networkCode: error.code });
  }
  if (error instanceof RequestError) {
    return new UpstreamError({ kind: 'network', ...common, networkCode: error.code });
  }
  return new UpstreamError({ kind: 'network', ...common });
}

function parseProblem(body: unknown): Problem | undefined {
  if (typeof body !== 'string' || body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? readWire(Problem, parsed) : undefined;
  } catch {
    return undefined; // not JSON: keep the status text only
  }
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
