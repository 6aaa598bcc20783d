/** Dataset and DatasetVersion: the data of dataset-based and RUN_EXPERIMENT tasks; the `datasets` list. */
import { builder } from './builder.ts';
import { SPACE_ARGUMENT, cost, listConnection, pageArgs, nameFilterArg } from './args.ts';
import { inSpace } from './cost.ts';
import { DatasetRef, DatasetVersionRef, SpaceRef } from './refs.ts';
import type { DatasetExample } from '../upstream/types.ts';
import { datasetExamples, datasetVersions } from '../resolvers/dataset.ts';
import { listDatasets } from '../resolvers/lists.ts';

const node = builder.nodeInterfaceRef();

const DatasetExampleRef = builder.objectRef<DatasetExample>('DatasetExample').implement({
  description: 'One example of a dataset version: its id and the user\'s columns. ' +
    'Not a Node: the Arize API reads examples only as pages of a dataset version (no lookup by id), so refetch one through `Dataset.examples`.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The example\'s id (an opaque string such as a UUID, not a global id).' }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When the example was created.', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the example was last updated.', resolve: (e) => e.updated_at }),
    columns: t.field({ type: 'JSON', description: 'Every user column (and annotations), as the upstream sends them.', resolve: (e) => e.columns }),
  }),
});

const DatasetExampleConnectionRef = listConnection(DatasetExampleRef, 'DatasetExample', 'dataset example');

DatasetRef.implement({
  description: 'A collection of examples that dataset-based tasks evaluate through experiments.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The dataset\'s global id.' }),
    name: t.exposeString('name', { description: 'The dataset\'s name.' }),
    spaceId: t.exposeID('space_id', { description: 'Id of the space the dataset belongs to.' }),
    space: t.field({
      type: SpaceRef, nullable: true, description: 'The space the dataset belongs to (fetched only when selected).', extensions: cost(1),
      resolve: (d, _args, ctx) => ctx.loaders.space.load(d.space_id),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the dataset was created.', resolve: (d) => d.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the dataset was last updated.', resolve: (d) => d.updated_at }),
    versions: t.field({
      type: [DatasetVersionRef], extensions: cost(1), description: 'The dataset\'s saved versions, newest first (one GET of the dataset unless it was read by id already).',
      resolve: (d, _args, ctx) => datasetVersions(ctx, d),
    }),
    examples: t.field({
      type: DatasetExampleConnectionRef,
      description: 'A version\'s examples (the latest when `versionId` is left out), oldest first, paged forward (`first` 1..500).',
      args: { versionId: t.arg.id({ description: 'A dataset version id; the latest version when absent.' }), ...pageArgs(t.arg, 500) },
      extensions: cost(1, 'first'),
      resolve: (d, args, ctx) => datasetExamples(ctx, d, args),
    }),
  }),
});

DatasetVersionRef.implement({
  description: 'A saved snapshot of a dataset. Read through its dataset: the Arize API has no lookup by version id.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The version\'s global id.' }),
    name: t.exposeString('name', { description: 'The version\'s name.' }),
    datasetId: t.exposeID('dataset_id', { description: 'Id of the dataset this version belongs to.' }),
    dataset: t.field({
      type: DatasetRef, nullable: true, description: 'The dataset this version belongs to (fetched only when selected).', extensions: cost(1),
      resolve: (v, _args, ctx) => ctx.loaders.dataset.load(v.dataset_id),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the version was created.', resolve: (v) => v.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the version was last updated.', resolve: (v) => v.updated_at }),
  }),
});


builder.queryField('datasets', (t) => t.field({
  type: listConnection(DatasetRef, 'Dataset', 'dataset'),
  description: 'Datasets (the data of dataset-based tasks), newest first, paged forward.',
  args: { ...pageArgs(t.arg), space: t.arg.string({ description: `Only this space's datasets. ${SPACE_ARGUMENT}` }), name: nameFilterArg(t.arg, 'Case-insensitive substring of the dataset name.') },
  extensions: cost(1, 'first', (a) => inSpace(a.space)),
  resolve: (_root, args, ctx) => listDatasets(ctx, args),
}));
