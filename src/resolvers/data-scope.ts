/**
 * One data scope per task (`upstream-api.md`, "Same data scope"): every
 * evaluator on an evaluation task evaluates the same granularity, `SPAN`,
 * `TRACE` or `SESSION` (the pinned version's `data_granularity`, else the
 * latest version's; null counts as `SPAN`), or the upstream refuses the
 * create or update with a 422 whose wording is not published.
 *
 * The gateway does not pay for reading every evaluator before each write.
 * When a write that named evaluators comes back 422, it reads their scopes
 * (nothing was written: a 422 is a refusal) and tells this rule's refusal
 * from the others by the scopes alone, never by the detail text.
 */
import type { Context } from '../context.ts';
import { badUserInput } from '../errors.ts';
import { UpstreamError } from '../upstream/errors.ts';
import type { TaskEvaluatorBody } from '../upstream/requests.ts';
import { dataScopeOf } from '../upstream/types.ts';

/** The scope one evaluator entry evaluates: its pinned version's, else its latest version's. */
async function scopeOf(ctx: Context, entry: TaskEvaluatorBody): Promise<string> {
  if (entry.evaluator_version_id) {
    const version = await ctx.loaders.evaluatorVersion.load(entry.evaluator_version_id);
    if (!version) throw new Error('pinned version not readable');
    return dataScopeOf(version);
  }
  const loaded = await ctx.loaders.evaluator.load(entry.evaluator_id);
  const version = loaded && 'version' in loaded ? loaded.version : (await ctx.upstream.getEvaluator(entry.evaluator_id)).version;
  return version ? dataScopeOf(version) : 'SPAN';
}

/**
 * Rethrows a failed create or update. An upstream 422 for a body whose
 * `evaluators` evaluate more than one data scope becomes BAD_USER_INPUT with
 * `extensions.field: "evaluators"`, the upstream's detail and each entry's
 * scope; any other failure (or one whose scopes cannot be read) is rethrown
 * as it was.
 */
export async function explainScopeRefusal(ctx: Context, error: unknown, evaluators: TaskEvaluatorBody[] | undefined): Promise<never> {
  if (!(error instanceof UpstreamError) || error.kind !== 'http' || error.status !== 422 || !evaluators || evaluators.length < 2) throw error;
  let scopes: string[];
  try {
    scopes = await Promise.all(evaluators.map((entry) => scopeOf(ctx, entry)));
  } catch {
    throw error;
  }
  if (new Set(scopes).size < 2) throw error;
  throw badUserInput(error.message, {
    field: 'evaluators',
    upstreamStatus: 422,
    scopes: evaluators.map((entry, i) => ({ evaluatorId: entry.evaluator_id, evaluatorVersionId: entry.evaluator_version_id ?? null, scope: scopes[i] })),
  });
}
