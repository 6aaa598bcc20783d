/** Space, Project, Dataset, Experiment and Evaluator: what tasks point at (read-only), and their lists. */
import type { ObjectRef } from '@pothos/core';
import { builder, type BuilderTypes } from './builder.ts';
import { notFound } from '../errors.ts';
import type { Context } from '../context.ts';
import { expectIdKind } from '../resolvers/id-args.ts';
import { resolveId, scoped, spaceFilter } from '../resolvers/name-lookup.ts';
import { connectionFromUpstream } from '../resolvers/connection.ts';
import { isNotFound } from '../upstream/errors.ts';
import {
  UNKNOWN, type Dataset, type DatasetVersion, type Evaluator, type EvaluatorType, type EvaluatorVersion, type EvaluatorWithVersion,
  type Experiment, type Page, type Project, type Space, type Unknown,
} from '../upstream/types.ts';

export const SpaceRef = builder.objectRef<Space>('Space');
export const ProjectRef = builder.objectRef<Project>('Project');
export const DatasetRef = builder.objectRef<Dataset>('Dataset');
export const DatasetVersionRef = builder.objectRef<DatasetVersion>('DatasetVersion');
export const ExperimentRef = builder.objectRef<Experiment>('Experiment');
export const EvaluatorRef = builder.objectRef<Evaluator>('Evaluator');
export const EvaluatorVersionRef = builder.objectRef<EvaluatorVersion>('EvaluatorVersion');

const node = builder.nodeInterfaceRef();

export const EvaluatorTypeEnum = builder.enumType('EvaluatorType', {
  description: 'What an evaluator is built from.',
  values: {
    TEMPLATE: { value: 'TEMPLATE' as EvaluatorType, description: 'An LLM judge built from a prompt template.' },
    CODE: { value: 'CODE' as EvaluatorType, description: 'Managed (built-in) or custom Python code.' },
    HARNESS: { value: 'HARNESS' as EvaluatorType, description: 'A test harness evaluator.' },
    REMOTE: { value: 'REMOTE' as EvaluatorType, description: 'A remote evaluator.' },
    UNKNOWN: { value: UNKNOWN as Unknown, description: 'A type the Arize API sent that this gateway does not know yet.' },
  } as const,
});

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
    versions: t.field({
      type: [DatasetVersionRef], description: 'The dataset\'s saved versions, newest first (one GET of the dataset unless it was read by id already).',
      resolve: async (d, _args, ctx) => d.versions ?? (await ctx.loaders.datasetVersions.load(d.id)) ?? [],
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
      type: DatasetRef, nullable: true, description: 'The dataset this version belongs to (fetched only when selected).',
      resolve: (v, _args, ctx) => ctx.loaders.dataset.load(v.dataset_id),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the version was created.', resolve: (v) => v.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the version was last updated.', resolve: (v) => v.updated_at }),
  }),
});

ExperimentRef.implement({
  description: 'A run of an application over a dataset; dataset-based tasks evaluate experiments.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The experiment\'s global id.' }),
    name: t.exposeString('name', { description: 'The experiment\'s name.' }),
    datasetId: t.id({ nullable: true, description: 'Id of the dataset the experiment ran on; null when it is not tied to a dataset.', resolve: (e) => e.dataset_id }),
    dataset: t.field({
      type: DatasetRef, nullable: true, description: 'The dataset the experiment ran on (fetched only when selected).',
      resolve: (e, _args, ctx) => (e.dataset_id ? ctx.loaders.dataset.load(e.dataset_id) : null),
    }),
    datasetVersionId: t.id({ nullable: true, description: 'Id of the dataset version the experiment ran on.', resolve: (e) => e.dataset_version_id }),
    integrationId: t.id({ nullable: true, description: 'Id of the agent integration behind the experiment; null for other experiments.', resolve: (e) => e.integration_id }),
    createdAt: t.field({ type: 'DateTime', description: 'When the experiment was created.', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the experiment was last updated.', resolve: (e) => e.updated_at }),
  }),
});

EvaluatorRef.implement({
  description: 'Reusable evaluation logic (an LLM template, code, a harness or a remote evaluator) that tasks attach.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The evaluator\'s global id.' }),
    name: t.exposeString('name', { description: 'The evaluator\'s name.' }),
    description: t.string({ nullable: true, description: 'What the evaluator checks.', resolve: (e) => e.description ?? null }),
    type: t.field({ type: EvaluatorTypeEnum, description: 'What the evaluator is built from.', resolve: (e) => e.type }),
    spaceId: t.exposeID('space_id', { description: 'Id of the space the evaluator belongs to.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the evaluator was created.', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the evaluator was last updated.', resolve: (e) => e.updated_at }),
    version: t.field({
      type: EvaluatorVersionRef, nullable: true,
      description: 'One version: the latest, or the one with `id` (null with NOT_FOUND when it is not a version of this evaluator).',
      args: { id: t.arg.id({ description: 'An evaluator version id; the latest version when absent.' }) },
      resolve: (e, args, ctx) => evaluatorVersion(ctx, e, args.id ?? undefined),
    }),
    versions: t.field({
      type: EvaluatorVersionConnectionRef,
      description: 'Every version of the evaluator, paged forward.',
      args: {
        first: t.arg.int({ defaultValue: 100, description: 'Page size, 1..100.' }),
        after: t.arg.string({ description: 'Continue right after the edge with this cursor.' }),
      },
      resolve: (e, args, ctx) => connectionFromUpstream(async (cursor, limit) => {
        const page = await ctx.upstream.listEvaluatorVersions(e.id, { limit, ...(cursor ? { cursor } : {}) });
        for (const version of page.items) ctx.loaders.evaluatorVersion.prime(version.id, version);
        return page;
      }, args, { q: 'evaluatorVersions', evaluator: e.id }),
    }),
  }),
});

const EvaluatorVersionConnectionRef = builder.connectionObject(
  { type: EvaluatorVersionRef, name: 'EvaluatorVersionConnection', description: 'A forward-only page of evaluator versions.' },
  { name: 'EvaluatorVersionEdge', description: 'An evaluator version and the cursor to continue right after it.' },
);

/** The evaluator's latest version (free when the evaluator was read by id), or the one with `versionId`. */
async function evaluatorVersion(ctx: Context, evaluator: Evaluator | EvaluatorWithVersion, versionId: string | undefined): Promise<EvaluatorVersion | null> {
  if (versionId === undefined && 'version' in evaluator && evaluator.version) return evaluator.version;
  if (versionId !== undefined) expectIdKind(versionId, 'EvaluatorVersion', 'id');
  try {
    const loaded = await ctx.upstream.getEvaluator(evaluator.id, versionId !== undefined ? { version_id: versionId } : {});
    if (loaded.version) ctx.loaders.evaluatorVersion.prime(loaded.version.id, loaded.version);
    return loaded.version;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    if (versionId === undefined) return null;
    throw notFound(`Evaluator ${JSON.stringify(evaluator.id)} has no version ${JSON.stringify(versionId)}.`);
  }
}

EvaluatorVersionRef.implement({
  description: 'A versioned snapshot of an evaluator\'s configuration; its `type` says which config it carries.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The version\'s global id.' }),
    evaluatorId: t.exposeID('evaluator_id', { description: 'Id of the evaluator this is a version of.' }),
    evaluator: t.field({
      type: EvaluatorRef, nullable: true, description: 'The evaluator this is a version of (fetched only when selected).',
      resolve: (v, _args, ctx) => ctx.loaders.evaluator.load(v.evaluator_id),
    }),
    type: t.field({ type: EvaluatorTypeEnum, description: 'Matches the evaluator\'s type.', resolve: (v) => v.type }),
    commitHash: t.exposeString('commit_hash', { description: 'The version\'s commit hash.' }),
    commitMessage: t.string({ nullable: true, description: 'The version\'s commit message.', resolve: (v) => v.commit_message }),
    createdAt: t.field({ type: 'DateTime', description: 'When the version was created.', resolve: (v) => v.created_at }),
    createdByUserId: t.id({ nullable: true, description: 'Who created the version.', resolve: (v) => v.created_by_user_id }),
    templateConfig: t.field({
      type: 'JSON', nullable: true, description: 'TEMPLATE versions: the template, its LLM config and choices, as the upstream sends them.',
      resolve: (v) => v.template_config,
    }),
    codeConfig: t.field({
      type: 'JSON', nullable: true, description: 'CODE versions: the managed or custom code config (`type` MANAGED or CUSTOM), as the upstream sends it.',
      resolve: (v) => v.code_config,
    }),
  }),
});

// ------------------------------------------------------------------ lists
// What a task form needs to offer: the spaces, projects, datasets,
// experiments and evaluators a task can point at, paged like tasks.

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
/** A list scoped by the `space` argument: an unknown space id is NOT_FOUND naming `space`. */
function inSpace<T>(args: ListArgs, list: (space: ReturnType<typeof spaceFilter>) => Promise<Page<T>>): Promise<Page<T>> {
  const space = spaceFilter(args.space);
  return scoped(list(space), { space: space.space_id });
}

listQuery('spaces', {
  ref: SpaceRef, typeName: 'Space', noun: 'space', loader: 'space', extra: { space: undefined, dataset: undefined },
  description: 'Spaces the key can see, paged forward.',
  fetch: (ctx, args, page) => ctx.upstream.listSpaces({ ...page, ...named(args) }),
});

listQuery('projects', {
  ref: ProjectRef, typeName: 'Project', noun: 'project', loader: 'project', extra: { space: SPACE_FILTER, dataset: undefined },
  description: 'Projects (the data of project-based tasks), paged forward.',
  fetch: (ctx, args, page) => inSpace(args, (space) => ctx.upstream.listProjects({ ...page, ...space, ...named(args) })),
});

listQuery('datasets', {
  ref: DatasetRef, typeName: 'Dataset', noun: 'dataset', loader: 'dataset', extra: { space: SPACE_FILTER, dataset: undefined },
  description: 'Datasets (the data of dataset-based tasks), newest first, paged forward.',
  fetch: (ctx, args, page) => inSpace(args, (space) => ctx.upstream.listDatasets({ ...page, ...space, ...named(args) })),
});

listQuery('experiments', {
  ref: ExperimentRef, typeName: 'Experiment', noun: 'experiment', loader: 'experiment',
  extra: { dataset: 'Dataset id or name (a name needs `space`).', space: 'Space id or name, to look up `dataset` by name.' },
  description: 'Experiments, usually of one dataset (what a dataset-based task evaluates), paged forward.',
  fetch: async (ctx, args, page) => {
    const datasetId = args.dataset ? await resolveId(ctx, 'dataset', args.dataset, args.space) : undefined;
    return scoped(ctx.upstream.listExperiments({ ...page, ...(datasetId ? { dataset_id: datasetId } : {}), ...named(args) }), { dataset: datasetId });
  },
});

listQuery('evaluators', {
  ref: EvaluatorRef, typeName: 'Evaluator', noun: 'evaluator', loader: 'evaluator', extra: { space: SPACE_FILTER, dataset: undefined },
  description: 'Evaluators a task can attach, most recently updated first, paged forward.',
  fetch: (ctx, args, page) => inSpace(args, (space) => ctx.upstream.listEvaluators({ ...page, ...space, ...named(args) })),
});
