/** Experiment: what dataset-based tasks evaluate and RUN_EXPERIMENT runs record into; the `experiments` list. */
import { builder } from './builder.ts';
import { cost, listConnection, pageArgs } from './args.ts';
import { DatasetRef, ExperimentRef } from './refs.ts';
import { listExperiments } from '../resolvers/lists.ts';

const node = builder.nodeInterfaceRef();

ExperimentRef.implement({
  description: 'A run of an application over a dataset; dataset-based tasks evaluate experiments.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The experiment\'s global id.' }),
    name: t.exposeString('name', { description: 'The experiment\'s name.' }),
    datasetId: t.id({ nullable: true, description: 'Id of the dataset the experiment ran on; null when it is not tied to a dataset.', resolve: (e) => e.dataset_id }),
    dataset: t.field({
      type: DatasetRef, nullable: true, description: 'The dataset the experiment ran on (fetched only when selected).', extensions: cost(1),
      resolve: (e, _args, ctx) => (e.dataset_id ? ctx.loaders.dataset.load(e.dataset_id) : null),
    }),
    datasetVersionId: t.id({ nullable: true, description: 'Id of the dataset version the experiment ran on.', resolve: (e) => e.dataset_version_id }),
    integrationId: t.id({ nullable: true, description: 'Id of the agent integration behind the experiment; null for other experiments.', resolve: (e) => e.integration_id }),
    createdAt: t.field({ type: 'DateTime', description: 'When the experiment was created.', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the experiment was last updated.', resolve: (e) => e.updated_at }),
  }),
});


builder.queryField('experiments', (t) => t.field({
  type: listConnection(ExperimentRef, 'Experiment', 'experiment'),
  description: 'Experiments, usually of one dataset (what a dataset-based task evaluates), paged forward.',
  args: { ...pageArgs(t.arg), dataset: t.arg.string({ description: 'Dataset id or name (a name needs `space`).' }), space: t.arg.string({ description: 'Space id or name, to look up `dataset` by name.' }), name: t.arg.string({ description: 'Case-insensitive substring of the experiment name.' }) },
  extensions: cost(2, 'first'),
  resolve: (_root, args, ctx) => listExperiments(ctx, args),
}));
