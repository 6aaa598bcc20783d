/** What the dataset fields do. */
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { isNotFound } from '../upstream/errors.ts';
import type { Dataset, DatasetExample, DatasetVersion } from '../upstream/types.ts';
import { connectionFromUpstream, type Connection } from './connection.ts';
import { expectIdKind } from './id-args.ts';

/** The dataset's versions, newest first: free when the dataset was read by id, one GET when it came from a list. */
export async function datasetVersions(ctx: Context, dataset: Dataset): Promise<DatasetVersion[]> {
  return dataset.versions ?? (await ctx.loaders.datasetVersions.load(dataset.id)) ?? [];
}

/**
 * A dataset version's examples (the latest version when `versionId` is null),
 * oldest first; `first` up to 500. The upstream's 404 for a `versionId` that
 * is not a version of this (just read) dataset is NOT_FOUND naming `versionId`.
 */
export function datasetExamples(ctx: Context, dataset: Dataset, args: { versionId?: string | null; first?: number | null; after?: string | null }): Promise<Connection<DatasetExample>> {
  const versionId = args.versionId ? expectIdKind(args.versionId, 'DatasetVersion', 'versionId') : undefined;
  return connectionFromUpstream((cursor, limit) => ctx.upstream.listDatasetExamples(dataset.id, {
    limit, ...(versionId ? { dataset_version_id: versionId } : {}), ...(cursor ? { cursor } : {}),
  }).catch((error: unknown) => {
    if (versionId === undefined || !isNotFound(error)) throw error;
    throw notFound(`Dataset ${JSON.stringify(dataset.id)} has no version ${JSON.stringify(versionId)} (or this key cannot read it).`, { argument: 'versionId' });
  }), args, `examples:${dataset.id}`, 500);
}
