/**
 * What a task form offers: the spaces, projects, datasets, experiments and
 * evaluators a task can point at, paged like tasks. Listed items are primed
 * into the request's loaders, so later reads in the request are free.
 */
import type { Context } from '../context.ts';
import type { ListedLoader } from './loaders.ts';
import type { IntegrationType, Page } from '../upstream/types.ts';
import { connectionFromUpstream, type Connection } from './connection.ts';
import { resolveId, scoped } from './name-lookup.ts';
import { spaceScope } from './space-lookup.ts';

/** The arguments of the list queries (each takes the ones it declares). */
export interface ListArgs { first?: number | null; after?: string | null; name?: string | null; space?: string | null; dataset?: string | null }

type Fetch<T> = (page: { limit: number; cursor?: string }) => Promise<Page<T>>;

function listed<T extends { id: string }>(ctx: Context, scope: string, args: ListArgs, loader: ListedLoader | undefined, fetch: Fetch<T>): Promise<Connection<T>> {
  return connectionFromUpstream(async (cursor, limit) => {
    const page = await fetch({ limit, ...(cursor ? { cursor } : {}) });
    if (loader) ctx.loaders.primeWith(loader, page.items);
    return page;
  }, args, scope);
}

const named = (args: ListArgs) => (args.name ? { name: args.name } : {});

/** A list scoped by the `space` argument (an id, or a name resolved once per request): an unknown space id is NOT_FOUND naming `space`. */
async function inSpace<T>(ctx: Context, args: ListArgs, list: (space: { space_id?: string }) => Promise<Page<T>>): Promise<Page<T>> {
  const space = await spaceScope(ctx, args.space);
  return scoped(list(space), { space: space.space_id });
}

/** `spaces`: the spaces the key can see. */
export const listSpaces = (ctx: Context, args: ListArgs) =>
  listed(ctx, 'spaces', args, 'space', (page) => ctx.upstream.listSpaces({ ...page, ...named(args) }));

/** `projects`, in a space by id or name. */
export const listProjects = (ctx: Context, args: ListArgs) =>
  listed(ctx, 'projects', args, 'project', (page) => inSpace(ctx, args, (space) => ctx.upstream.listProjects({ ...page, ...space, ...named(args) })));

/** `datasets`, in a space by id or name, newest first. */
export const listDatasets = (ctx: Context, args: ListArgs) =>
  listed(ctx, 'datasets', args, 'dataset', (page) => inSpace(ctx, args, (space) => ctx.upstream.listDatasets({ ...page, ...space, ...named(args) })));

/** `evaluators`, in a space by id or name, most recently updated first. */
export const listEvaluators = (ctx: Context, args: ListArgs) =>
  listed(ctx, 'evaluators', args, 'evaluator', (page) => inSpace(ctx, args, (space) => ctx.upstream.listEvaluators({ ...page, ...space, ...named(args) })));

/**
 * `experiments`: of one dataset (by id, or by name within `space`), else of
 * one space (by id or name; standalone experiments included), else every one
 * the key can read. With `dataset`, `space` only serves to resolve its name.
 */
export const listExperiments = (ctx: Context, args: ListArgs) =>
  listed(ctx, 'experiments', args, 'experiment', async (page) => {
    if (!args.dataset) return inSpace(ctx, args, (space) => ctx.upstream.listExperiments({ ...page, ...space, ...named(args) }));
    const datasetId = await resolveId(ctx, 'dataset', args.dataset, args.space);
    return scoped(ctx.upstream.listExperiments({ ...page, dataset_id: datasetId, ...named(args) }), { dataset: datasetId });
  });

/** `aiIntegrations`: the LLM providers a run configuration can name, in a space by id or name. */
export const listAiIntegrations = (ctx: Context, args: ListArgs) =>
  listed(ctx, 'aiIntegrations', args, 'aiIntegration', (page) => inSpace(ctx, args, (space) => ctx.upstream.listAiIntegrations({ ...page, ...space, ...named(args) })));

/** `integrations(type:)`: LLM or AGENT integrations (an AGENT one backs an AGENT_CALL configuration). */
export const listIntegrations = (ctx: Context, args: ListArgs & { type: IntegrationType }) =>
  listed(ctx, 'integrations', args, 'integration', (page) => inSpace(ctx, args, (space) => ctx.upstream.listIntegrations({ ...page, ...space, ...named(args), type: args.type })));
