/**
 * What every mutation shares: one audit line each (who, with which key,
 * from where, what, outcome, the request id; never a key), and a retry with
 * the same `clientMutationId` from the same caller with the same key
 * answered with the first result instead of a second write. Honest outcomes
 * for writes whose answer was lost are `reconcile.ts`'s.
 */
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { describeCaller } from '../auth.ts';
import type { Context } from '../context.ts';
import { badUserInput, codeForUpstreamError } from '../errors.ts';
import { UpstreamError } from '../upstream/errors.ts';

interface Replay { expires: number; inputHash: string; result: Promise<unknown> }

/**
 * Recent mutation results by (caller, key, mutation, `clientMutationId`;
 * anonymous callers also by client address), kept for `ttlMs` in memory (at
 * most `max` entries, oldest dropped first). Only successes are kept (a
 * failed write may be retried), and a success is only what the upstream
 * answered or what reconciliation proved to be this call's.
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

/** The longest user agent kept in an audit line. */
const MAX_USER_AGENT = 200;

/**
 * Runs one mutation: replays a retry with the same `clientMutationId`, and
 * writes one audit line at info with who (`user:<sub>`, `anonymous` or
 * `own-key:<hash>`), which key acted (`key`: `server` or `own`, and
 * `keyHash`), the client's address and user agent, the mutation, its target
 * id and its outcome code.
 */
export async function runMutation<R>(
  ctx: Context,
  mutation: string,
  input: { clientMutationId?: string | null | undefined },
  target: (result: R | undefined) => string | undefined,
  write: () => Promise<R>,
): Promise<R> {
  const who = describeCaller(ctx.caller);
  // anonymous callers on the server's key are told apart by their address only
  const scope = ctx.caller.kind === 'anonymous' ? ctx.client.address ?? 'unknown' : '';
  const key = input.clientMutationId ? [who, ctx.key?.hash ?? 'no-key', scope, mutation, input.clientMutationId].join('\u0000') : undefined;
  const audit = {
    audit: true, who, key: ctx.key?.kind ?? 'none', ...(ctx.key ? { keyHash: ctx.key.hash } : {}),
    client: ctx.client.address, userAgent: ctx.client.userAgent?.slice(0, MAX_USER_AGENT), mutation,
  };
  try {
    const { value, replayed } = await ctx.replays.run(key, input, write);
    ctx.logger.info({ ...audit, target: target(value), outcome: 'ok', ...(replayed ? { replayed } : {}) }, 'audit');
    return value;
  } catch (error) {
    const outcome = error instanceof UpstreamError && error.outcome ? { writeOutcome: error.outcome } : {};
    ctx.logger.info({ ...audit, target: target(undefined), outcome: outcomeOf(error), ...outcome }, 'audit');
    throw error;
  }
}
