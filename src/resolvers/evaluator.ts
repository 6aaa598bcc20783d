/** What the evaluator fields do: one version (the latest, or by id) and the version history. */
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { isNotFound } from '../upstream/errors.ts';
import type { Evaluator, EvaluatorVersion, EvaluatorWithVersion } from '../upstream/types.ts';
import { connectionFromUpstream, type Connection } from './connection.ts';
import { expectIdKind } from './id-args.ts';

/**
 * The evaluator's latest version (free when the evaluator was read by id),
 * or the one with `versionId` (`GET /v2/evaluators/{id}?version_id=`);
 * NOT_FOUND when it is not a version of this evaluator.
 */
export async function evaluatorVersion(ctx: Context, evaluator: Evaluator | EvaluatorWithVersion, versionId: string | undefined | null): Promise<EvaluatorVersion | null> {
  if ((versionId === undefined || versionId === null) && 'version' in evaluator && evaluator.version) return evaluator.version;
  if (versionId !== undefined && versionId !== null) expectIdKind(versionId, 'EvaluatorVersion', 'id');
  try {
    const loaded = await ctx.upstream.getEvaluator(evaluator.id, versionId ? { version_id: versionId } : {});
    if (loaded.version) ctx.loaders.evaluatorVersion.prime(loaded.version.id, loaded.version);
    return loaded.version;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    if (!versionId) return null;
    throw notFound(`Evaluator ${JSON.stringify(evaluator.id)} has no version ${JSON.stringify(versionId)}.`);
  }
}

/** Every version of the evaluator, newest first, paged forward. */
export function evaluatorVersions(ctx: Context, evaluator: Evaluator, args: { first?: number | null; after?: string | null }): Promise<Connection<EvaluatorVersion>> {
  return connectionFromUpstream(async (cursor, limit) => {
    const page = await ctx.upstream.listEvaluatorVersions(evaluator.id, { limit, ...(cursor ? { cursor } : {}) });
    for (const version of page.items) ctx.loaders.evaluatorVersion.prime(version.id, version);
    return page;
  }, args, `evaluatorVersions:${evaluator.id}`);
}
