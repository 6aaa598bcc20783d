/**
 * What every mutation shares: one audit line each (who, what, outcome, the
 * request id; never a key), a retry with the same `clientMutationId` from the
 * same caller answered with the first result instead of a second write, and
 * honest outcomes for writes whose answer was lost.
 */
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { describeCaller } from '../auth.ts';
import type { Context } from '../context.ts';
import { badUserInput, codeForUpstreamError } from '../errors.ts';
import { UpstreamError, type WriteOutcome } from '../upstream/errors.ts';

interface Replay { expires: number; inputHash: string; result: Promise<unknown> }

/**
 * Recent mutation results by (caller, mutation, `clientMutationId`), kept
 * for `ttlMs` in memory (at most `max` entries, oldest dropped first). Only
 * successes are kept: a failed write may be retried.
 */
export class MutationReplays {
  readonly #entries = new Map<string, Replay>();

  constructor(private readonly ttlMs: number, private readonly max = 10_000) {}

  /**
   * `write()`'s result, or the result of an earlier call with the same `key`
   * (and the same input) within the time to live. The same key with another
   * input is BAD_USER_INPUT.
   */
  async run<T>(key: string | undefined, input: unknown, write: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    if (key === undefined || this.ttlMs === 0) return { value: await write(), replayed: false };
    const now = Date.now();
    const inputHash = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
    const earlier = this.#entries.get(key);
    if (earlier && earlier.expires > now) {
      if (earlier.inputHash !== inputHash) {
        throw badUserInput('This `clientMutationId` was used for a different input a moment ago: use a new one for a new change.', { field: 'input.clientMutationId' });
      }
      return { value: (await earlier.result) as T, replayed: true };
    }
    const result = write();
    this.#entries.set(key, { expires: now + this.ttlMs, inputHash, result });
    this.#evict(now);
    try {
      return { value: await result, replayed: false };
    } catch (error) {
      if (this.#entries.get(key)?.result === result) this.#entries.delete(key);
      throw error;
    }
  }

  #evict(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.max && entry.expires > now) break;
      this.#entries.delete(key);
    }
  }
}

/** The `extensions.code` an error reaches the client with. */
function outcomeOf(error: unknown): string {
  if (error instanceof GraphQLError) return String(error.extensions.code ?? 'INTERNAL_SERVER_ERROR');
  if (error instanceof UpstreamError) return codeForUpstreamError(error);
  return 'INTERNAL_SERVER_ERROR';
}

/**
 * Runs one mutation: replays a retry with the same `clientMutationId`, and
 * writes one audit line at info with who (`user:<sub>`, `anonymous` or
 * `own-key:<hash>`), the mutation, its target id and its outcome code.
 */
export async function runMutation<R>(
  ctx: Context,
  mutation: string,
  input: { clientMutationId?: string | null | undefined },
  target: (result: R | undefined) => string | undefined,
  write: () => Promise<R>,
): Promise<R> {
  const who = describeCaller(ctx.caller);
  const key = input.clientMutationId ? `${who}\u0000${mutation}\u0000${input.clientMutationId}` : undefined;
  try {
    const { value, replayed } = await ctx.replays.run(key, input, write);
    ctx.logger.info({ audit: true, who, mutation, target: target(value), outcome: 'ok', ...(replayed ? { replayed } : {}) }, 'audit');
    return value;
  } catch (error) {
    const outcome = error instanceof UpstreamError && error.outcome ? { writeOutcome: error.outcome } : {};
    ctx.logger.info({ audit: true, who, mutation, target: target(undefined), outcome: outcomeOf(error), ...outcome }, 'audit');
    throw error;
  }
}

/**
 * True when a failed write may have been applied all the same: its answer
 * was lost (a timeout or a dropped connection after sending) or the upstream
 * failed while handling it (5xx, 429). A refused connection never arrived.
 */
function mayHaveApplied(error: unknown): error is UpstreamError {
  if (!(error instanceof UpstreamError)) return false;
  if (error.kind === 'network') return !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'ERR_INVALID_CHAR'].includes(error.networkCode ?? '');
  return error.kind === 'timeout' || error.status === 429 || (error.status ?? 0) >= 500;
}

/**
 * Sends a write once. When its answer is lost ({@link mayHaveApplied}),
 * `check()` looks at the upstream to tell what happened: it returns the
 * written object (the write is a success after all), `null` when it can tell
 * the write did not happen, or `'ambiguous'` (or throws) when it cannot tell.
 * The original failure is then thrown with `outcome` `NOT_APPLIED` (safe to
 * retry) or `UNKNOWN` (look before retrying).
 */
export async function writeOnce<T>(ctx: Context, write: string, send: () => Promise<T>, check: () => Promise<T | null | 'ambiguous'>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!mayHaveApplied(error)) throw error;
    return reconcile(ctx, write, error, check);
  }
}

async function reconcile<T>(ctx: Context, write: string, failure: UpstreamError, check: () => Promise<T | null | 'ambiguous'>): Promise<T> {
  let found: T | null | 'ambiguous';
  try {
    found = await check();
  } catch {
    found = 'ambiguous';
  }
  if (found !== null && found !== 'ambiguous') {
    ctx.logger.info({ write, failure: failure.message }, 'a write whose answer was lost did happen: returning what it wrote');
    return found;
  }
  throw failure.withOutcome((found === null ? 'NOT_APPLIED' : 'UNKNOWN') satisfies WriteOutcome);
}
