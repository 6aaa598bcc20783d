/** What the dataset fields do. */
import type { Context } from '../context.ts';
import type { Dataset, DatasetVersion } from '../upstream/types.ts';

/** The dataset's versions, newest first: free when the dataset was read by id, one GET when it came from a list. */
export async function datasetVersions(ctx: Context, dataset: Dataset): Promise<DatasetVersion[]> {
  return dataset.versions ?? (await ctx.loaders.datasetVersions.load(dataset.id)) ?? [];
}
