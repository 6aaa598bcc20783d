/**
 * What every mutation shares: one audit line each (who, with which key,
 * from where, what, outcome, the request id; never a key), and a retry with
 * the same `clientMutationId` from the same caller with the same key
 * answered with the first result instead of a second write (the results
 * are kept by `src/replays.ts`). Honest outcomes for writes whose answer was
 * lost are `reconcile.ts`'s.
 */
import { GraphQLError } from 'graphql';
import { describeCaller } from '../auth.ts';
import type { Context } from '../context.ts';
import { codeForUpstreamError } from '../errors.ts';
import { UpstreamError } from '../upstream/errors.ts';

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
