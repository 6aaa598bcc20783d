/** Space, Project, Dataset, Experiment and Evaluator: what tasks point at (read-only), and their lists. */
import { builder } from './builder.ts';
import type { Context } from '../context.ts';
import { resolveId, spaceFilter } from '../resolvers/names.ts';
import { connectionFromUpstream } from '../resolvers/pagination.ts';
import type { Dataset, Evaluator, Experiment, Pagination, Project, Space } from '../upstream/types.ts';

export const SpaceRef = builder.objectRef<Space>('Space');
export const ProjectRef = builder.objectRef<Project>('Project');
export const DatasetRef = builder.objectRef<Dataset>('Dataset');
export const ExperimentRef = builder.objectRef<Experiment>('Experiment');
export const EvaluatorRef = builder.objectRef<Evaluator>('Evaluator');

const node = builder.nodeInterfaceRef();

SpaceRef.implement({
  description: 'A container within an organization for projects, datasets and evaluators.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The space\'s global id.' }),
    name: t.exposeString('name', { description: 'The space\'s name.' }),
    description: t.string({ nullable: true, description: 'What the space is for.', resolve: (s) => s.description ?? null }),
    createdAt: t.field({ type: 'DateTime', description: 'When the space was created.', resolve: (s) => s.created_at }),
  }),
});

ProjectRef.implement({
  description: 'An LLM application whose traces project-based tasks evaluate.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The project\'s global id.' }),
    name: t.exposeString('name', { description: 'The project\'s name.' }),
    spaceId: t.exposeID('space_id', { description: 'Id of the space the project belongs to.' }),
    space: t.field({
      type: SpaceRef, nullable: true, description: 'The space the project belongs to (fetched only when selected).',
      resolve: (p, _args, ctx) => ctx.loaders.space.load(p.space_id),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the project was created.', resolve: (p) => p.created_at }),
  }),
});

DatasetRef.implement({
  description: 'A collection of examples that dataset-based tasks evaluate through experiments.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The dataset\'s global id.' }),
    name: t.exposeString('name', { description: 'The dataset\'s name.' }),
    spaceId: t.exposeID('space_id', { description: 'Id of the space the dataset belongs to.' }),
    space: t.field({
      type: SpaceRef, nullable: true, description: 'The space the dataset belongs to (fetched only when selected).',
      resolve: (d, _args, ctx) => ctx.loaders.space.load(d.space_id),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the dataset was created.', resolve: (d) => d.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the dataset was last updated.', resolve: (d) => d.updated_at }),
  }),
});

ExperimentRef.implement({
  description: 'A run of an application over a dataset; dataset-based tasks evaluate experiments.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The experiment\'s global id.' }),
    name: t.exposeString('name', { description: 'The experiment\'s name.' }),
    datasetId: t.exposeID('dataset_id', { description: 'Id of the dataset the experiment ran on.' }),
    dataset: t.field({
      type: DatasetRef, nullable: true, description: 'The dataset the experiment ran on (fetched only when selected).',
      resolve: (e, _args, ctx) => ctx.loaders.dataset.load(e.dataset_id),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the experiment was created.', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the experiment was last updated.', resolve: (e) => e.updated_at }),
  }),
});

EvaluatorRef.implement({
  description: 'Reusable evaluation logic (an LLM template or code) that tasks attach.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The evaluator\'s global id.' }),
    name: t.exposeString('name', { description: 'The evaluator\'s name.' }),
    description: t.string({ nullable: true, description: 'What the evaluator checks.', resolve: (e) => e.description ?? null }),
    type: t.exposeString('type', { description: 'The evaluator\'s kind as the upstream names it: `template` (LLM) or `code`.' }),
    spaceId: t.exposeID('space_id', { description: 'Id of the space the evaluator belongs to.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the evaluator was created.', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the evaluator was last updated.', resolve: (e) => e.updated_at }),
  }),
});

// ------------------------------------------------------------------ lists
// What a task form needs to offer: the spaces, projects, datasets,
// experiments and evaluators a task can point at, paged like tasks.

const SpaceConnection = builder.connectionObject(
  { type: SpaceRef, name: 'SpaceConnection', description: 'A forward-only page of spaces.' },
  { name: 'SpaceEdge', description: 'A space and the cursor to continue right after it.' },
);
const ProjectConnection = builder.connectionObject(
  { type: ProjectRef, name: 'ProjectConnection', description: 'A forward-only page of projects.' },
  { name: 'ProjectEdge', description: 'A project and the cursor to continue right after it.' },
);
const DatasetConnection = builder.connectionObject(
  { type: DatasetRef, name: 'DatasetConnection', description: 'A forward-only page of datasets.' },
  { name: 'DatasetEdge', description: 'A dataset and the cursor to continue right after it.' },
);
const ExperimentConnection = builder.connectionObject(
  { type: ExperimentRef, name: 'ExperimentConnection', description: 'A forward-only page of experiments.' },
  { name: 'ExperimentEdge', description: 'An experiment and the cursor to continue right after it.' },
);
const EvaluatorConnection = builder.connectionObject(
  { type: EvaluatorRef, name: 'EvaluatorConnection', description: 'A forward-only page of evaluators.' },
  { name: 'EvaluatorEdge', description: 'An evaluator and the cursor to continue right after it.' },
);

/** One page of an upstream list, with every listed item primed into its by-id loader. */
function listed<T extends { id: string }>(
  ctx: Context,
  loader: keyof Context['loaders'],
  fetch: (page: { limit: number; cursor?: string }) => Promise<{ items: T[]; pagination: Pagination }>,
) {
  return async (cursor: string | undefined, limit: number) => {
    const page = await fetch({ limit, ...(cursor ? { cursor } : {}) });
    const prime = ctx.loaders[loader] as { prime(id: string, value: unknown): unknown };
    for (const item of page.items) prime.prime(item.id, item);
    return page;
  };
}

builder.queryFields((t) => ({
  spaces: t.field({
    type: SpaceConnection,
    description: 'Spaces the key can see, paged forward.',
    args: {
      first: t.arg.int({ defaultValue: 100, description: 'Page size, 1..100.' }),
      after: t.arg.string({ description: 'Continue right after the edge with this cursor.' }),
      name: t.arg.string({ description: 'Case-insensitive substring of the space name.' }),
    },
    resolve: (_root, args, ctx) => connectionFromUpstream(
      listed(ctx, 'space', async (page) => {
        const r = await ctx.upstream.listSpaces({ ...page, ...(args.name ? { name: args.name } : {}) });
        return { items: r.spaces, pagination: r.pagination };
      }), args, { q: 'spaces', name: args.name }),
  }),
  projects: t.field({
    type: ProjectConnection,
    description: 'Projects (the data of project-based tasks), paged forward.',
    args: {
      first: t.arg.int({ defaultValue: 100, description: 'Page size, 1..100.' }),
      after: t.arg.string({ description: 'Continue right after the edge with this cursor.' }),
      space: t.arg.string({ description: 'Space id, or a case-insensitive substring of the space name.' }),
      name: t.arg.string({ description: 'Case-insensitive substring of the project name.' }),
    },
    resolve: (_root, args, ctx) => connectionFromUpstream(
      listed(ctx, 'project', async (page) => {
        const r = await ctx.upstream.listProjects({ ...page, ...spaceFilter(args.space), ...(args.name ? { name: args.name } : {}) });
        return { items: r.projects, pagination: r.pagination };
      }), args, { q: 'projects', space: args.space, name: args.name }),
  }),
  datasets: t.field({
    type: DatasetConnection,
    description: 'Datasets (the data of dataset-based tasks), paged forward.',
    args: {
      first: t.arg.int({ defaultValue: 100, description: 'Page size, 1..100.' }),
      after: t.arg.string({ description: 'Continue right after the edge with this cursor.' }),
      space: t.arg.string({ description: 'Space id, or a case-insensitive substring of the space name.' }),
      name: t.arg.string({ description: 'Case-insensitive substring of the dataset name.' }),
    },
    resolve: (_root, args, ctx) => connectionFromUpstream(
      listed(ctx, 'dataset', async (page) => {
        const r = await ctx.upstream.listDatasets({ ...page, ...spaceFilter(args.space), ...(args.name ? { name: args.name } : {}) });
        return { items: r.datasets, pagination: r.pagination };
      }), args, { q: 'datasets', space: args.space, name: args.name }),
  }),
  experiments: t.field({
    type: ExperimentConnection,
    description: 'Experiments, usually of one dataset (what a dataset-based task evaluates), paged forward.',
    args: {
      first: t.arg.int({ defaultValue: 100, description: 'Page size, 1..100.' }),
      after: t.arg.string({ description: 'Continue right after the edge with this cursor.' }),
      dataset: t.arg.string({ description: 'Dataset id or name (a name needs `space`).' }),
      space: t.arg.string({ description: 'Space id or name, to look up `dataset` by name.' }),
      name: t.arg.string({ description: 'Case-insensitive substring of the experiment name.' }),
    },
    resolve: (_root, args, ctx) => {
      let datasetId: Promise<string | undefined> | undefined;
      return connectionFromUpstream(
        listed(ctx, 'experiment', async (page) => {
          datasetId ??= args.dataset ? resolveId(ctx, 'dataset', args.dataset, args.space) : Promise.resolve(undefined);
          const dataset = await datasetId;
          const r = await ctx.upstream.listExperiments({ ...page, ...(dataset ? { dataset_id: dataset } : {}), ...(args.name ? { name: args.name } : {}) });
          return { items: r.experiments, pagination: r.pagination };
        }), args, { q: 'experiments', dataset: args.dataset, space: args.space, name: args.name });
    },
  }),
  evaluators: t.field({
    type: EvaluatorConnection,
    description: 'Evaluators a task can attach, most recently updated first, paged forward.',
    args: {
      first: t.arg.int({ defaultValue: 100, description: 'Page size, 1..100.' }),
      after: t.arg.string({ description: 'Continue right after the edge with this cursor.' }),
      space: t.arg.string({ description: 'Space id, or a case-insensitive substring of the space name.' }),
      name: t.arg.string({ description: 'Case-insensitive substring of the evaluator name.' }),
    },
    resolve: (_root, args, ctx) => connectionFromUpstream(
      listed(ctx, 'evaluator', async (page) => {
        const r = await ctx.upstream.listEvaluators({ ...page, ...spaceFilter(args.space), ...(args.name ? { name: args.name } : {}) });
        return { items: r.evaluators, pagination: r.pagination };
      }), args, { q: 'evaluators', space: args.space, name: args.name }),
  }),
}));
