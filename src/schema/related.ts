/** Space, Project, Dataset, Experiment and Evaluator: what tasks point at (read-only), and their lists. */
import type { ObjectRef } from '@pothos/core';
import { builder, type BuilderTypes } from './builder.ts';
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

type Page<T> = { items: T[]; pagination: Pagination };
type ListArgs = { first?: number | null; after?: string | null; name?: string | null; space?: string | null; dataset?: string | null };

/**
 * A forward-paged list query over an upstream list: its `<Type>Connection`,
 * the `first`/`after`/`name` arguments plus `extra` ones, and every listed
 * item primed into the by-id loader so later reads in the request are free.
 */
function listQuery<T extends { id: string }>(field: string, options: {
  ref: ObjectRef<BuilderTypes, T>;
  typeName: string;
  noun: string;
  description: string;
  loader: keyof Context['loaders'];
  extra: Record<'space' | 'dataset', string | undefined>;
  fetch: (ctx: Context, args: ListArgs, page: { limit: number; cursor?: string }) => Promise<Page<T>>;
}): void {
  const connection = builder.connectionObject(
    { type: options.ref, name: `${options.typeName}Connection`, description: `A forward-only page of ${options.noun}s.` },
    { name: `${options.typeName}Edge`, description: `${/^[aeiou]/.test(options.noun) ? 'An' : 'A'} ${options.noun} and the cursor to continue right after it.` },
  );
  builder.queryField(field, (t) => t.field({
    type: connection,
    description: options.description,
    args: {
      first: t.arg.int({ defaultValue: 100, description: 'Page size, 1..100.' }),
      after: t.arg.string({ description: 'Continue right after the edge with this cursor.' }),
      ...(options.extra.dataset ? { dataset: t.arg.string({ description: options.extra.dataset }) } : {}),
      ...(options.extra.space ? { space: t.arg.string({ description: options.extra.space }) } : {}),
      name: t.arg.string({ description: `Case-insensitive substring of the ${options.noun} name.` }),
    },
    resolve: (_root, args: ListArgs, ctx) => connectionFromUpstream(async (cursor, limit) => {
      const page = await options.fetch(ctx, args, { limit, ...(cursor ? { cursor } : {}) });
      const loader = ctx.loaders[options.loader] as { prime(id: string, value: unknown): unknown };
      for (const item of page.items) loader.prime(item.id, item);
      return page;
    }, args, { q: field, name: args.name, space: args.space, dataset: args.dataset }),
  }));
}

const SPACE_FILTER = 'Space id, or a case-insensitive substring of the space name.';
const named = (args: ListArgs) => (args.name ? { name: args.name } : {});

listQuery('spaces', {
  ref: SpaceRef, typeName: 'Space', noun: 'space', loader: 'space', extra: { space: undefined, dataset: undefined },
  description: 'Spaces the key can see, paged forward.',
  fetch: async (ctx, args, page) => {
    const r = await ctx.upstream.listSpaces({ ...page, ...named(args) });
    return { items: r.spaces, pagination: r.pagination };
  },
});

listQuery('projects', {
  ref: ProjectRef, typeName: 'Project', noun: 'project', loader: 'project', extra: { space: SPACE_FILTER, dataset: undefined },
  description: 'Projects (the data of project-based tasks), paged forward.',
  fetch: async (ctx, args, page) => {
    const r = await ctx.upstream.listProjects({ ...page, ...spaceFilter(args.space), ...named(args) });
    return { items: r.projects, pagination: r.pagination };
  },
});

listQuery('datasets', {
  ref: DatasetRef, typeName: 'Dataset', noun: 'dataset', loader: 'dataset', extra: { space: SPACE_FILTER, dataset: undefined },
  description: 'Datasets (the data of dataset-based tasks), newest first, paged forward.',
  fetch: async (ctx, args, page) => {
    const r = await ctx.upstream.listDatasets({ ...page, ...spaceFilter(args.space), ...named(args) });
    return { items: r.datasets, pagination: r.pagination };
  },
});

listQuery('experiments', {
  ref: ExperimentRef, typeName: 'Experiment', noun: 'experiment', loader: 'experiment',
  extra: { dataset: 'Dataset id or name (a name needs `space`).', space: 'Space id or name, to look up `dataset` by name.' },
  description: 'Experiments, usually of one dataset (what a dataset-based task evaluates), paged forward.',
  fetch: async (ctx, args, page) => {
    const datasetId = args.dataset ? await resolveId(ctx, 'dataset', args.dataset, args.space) : undefined;
    const r = await ctx.upstream.listExperiments({ ...page, ...(datasetId ? { dataset_id: datasetId } : {}), ...named(args) });
    return { items: r.experiments, pagination: r.pagination };
  },
});

listQuery('evaluators', {
  ref: EvaluatorRef, typeName: 'Evaluator', noun: 'evaluator', loader: 'evaluator', extra: { space: SPACE_FILTER, dataset: undefined },
  description: 'Evaluators a task can attach, most recently updated first, paged forward.',
  fetch: async (ctx, args, page) => {
    const r = await ctx.upstream.listEvaluators({ ...page, ...spaceFilter(args.space), ...named(args) });
    return { items: r.evaluators, pagination: r.pagination };
  },
});
