/** Experiment: what dataset-based tasks evaluate and RUN_EXPERIMENT runs record into; the `experiments` list. */
import { builder } from './builder.ts';
import { SPACE_ARGUMENT, cost, listConnection, pageArgs, nameFilterArg } from './args.ts';
import { DatasetRef, ExperimentRef, SpaceRef } from './refs.ts';
import { inSpace, lookup } from './cost.ts';
import { experimentRuns } from '../resolvers/experiment.ts';
import { listExperiments } from '../resolvers/lists.ts';
import type { ExperimentRun } from '../upstream/types.ts';

const node = builder.nodeInterfaceRef();

const ExperimentRunRef = builder.objectRef<ExperimentRun>('ExperimentRun').implement({
  description: 'One example\'s result in an experiment: its output or error, annotations, and every other column (evaluations, trace metadata). ' +
    'Not a Node: the Arize API reads experiment runs only as pages of their experiment (no lookup by id), so refetch one through `Experiment.runs`.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The experiment run\'s id (an opaque string, not a global id).' }),
    exampleId: t.id({
      nullable: true, description: 'The dataset example it ran on; null for a run of a standalone experiment (one with no dataset).',
      resolve: (r) => r.example_id,
    }),
    output: t.field({ type: 'JSON', nullable: true, description: 'What the task produced; null when it errored.', resolve: (r) => r.output }),
    error: t.string({ nullable: true, description: 'Why it failed; null on success.', resolve: (r) => r.error }),
    annotations: t.field({ type: 'JSON', nullable: true, description: 'Human annotations, as the upstream sends them.', resolve: (r) => r.annotations }),
    columns: t.field({ type: 'JSON', description: 'Every other column (evaluation results, trace metadata), as the upstream sends them.', resolve: (r) => r.columns }),
  }),
});

const ExperimentRunConnectionRef = listConnection(ExperimentRunRef, 'ExperimentRun', 'experiment run');

ExperimentRef.implement({
  description: 'A run of an application over a dataset (or, for a standalone experiment, over no dataset, in a space); dataset-based tasks evaluate experiments.',
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
    spaceId: t.id({ nullable: true, description: 'Id of the space the experiment belongs to; null from servers that do not send it.', resolve: (e) => e.space_id }),
    space: t.field({
      type: SpaceRef, nullable: true, description: 'The space the experiment belongs to (fetched only when selected).', extensions: cost(1),
      resolve: (e, _args, ctx) => (e.space_id ? ctx.loaders.space.load(e.space_id) : null),
    }),
    integrationId: t.id({ nullable: true, description: 'Id of the agent integration behind the experiment; null for other experiments.', resolve: (e) => e.integration_id }),
    runs: t.field({
      type: ExperimentRunConnectionRef,
      description: 'The experiment\'s runs (one per example), in insertion order, paged forward (`first` 1..500).',
      args: pageArgs(t.arg, 500),
      extensions: cost(1, 'first'),
      resolve: (e, args, ctx) => experimentRuns(ctx, e, args),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the experiment was created.', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the experiment was last updated.', resolve: (e) => e.updated_at }),
  }),
});


builder.queryField('experiments', (t) => t.field({
  type: listConnection(ExperimentRef, 'Experiment', 'experiment'),
  description: 'Experiments, paged forward: of one dataset (what a dataset-based task evaluates) with `dataset`; else of one space with `space`, standalone experiments included; else every experiment the key can read.',
  args: {
    ...pageArgs(t.arg),
    name: nameFilterArg(t.arg, 'Case-insensitive substring of the experiment name.'),
    dataset: t.arg.string({ description: 'Only this dataset\'s experiments: a dataset id or name (a name needs `space`).' }),
    space: t.arg.string({ description: `Without \`dataset\`: only this space's experiments; with it, only to look up a dataset name. ${SPACE_ARGUMENT}` }),
  },
  extensions: cost(1, 'first', (a) => (typeof a.dataset === 'string' && a.dataset !== '' ? lookup(a.dataset, a.space) : inSpace(a.space))),
  resolve: (_root, args, ctx) => listExperiments(ctx, args),
}));
