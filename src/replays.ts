/**
 * Recent mutation results, in this process's memory, so that a retry with
 * the same `clientMutationId` is answered with the first result instead of
 * a second write. Process state shared by every request (built once by
 * `server.ts`, reached as `ctx.replays`); `resolvers/mutations.ts` decides
 * the key (who, which key, which mutation) and when to ask.
 */
import { createHash } from 'node:crypto';
import { badUserInput } from './errors.ts';

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
