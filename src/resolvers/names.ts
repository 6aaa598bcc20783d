/**
 * Name-or-ID arguments, resolved as `upstream-api.md` says (and Arize's
 * reference client does): an id is used as it is; a name needs a `space` and
 * is found by listing with the `name` filter and the space filter, following
 * cursors, until an exact match. Resolutions are memoised per request.
 */
import type { Context } from '../context.ts';
import { badUserInput, notFound } from '../schema/errors.ts';
import type { Pagination } from '../upstream/types.ts';
import { expectIdKind, idPrefix, looksLikeId, type IdPrefix } from './ids.ts';
import { pageBudget } from './pagination.ts';

export type NamedKind = 'task' | 'project' | 'dataset' | 'space';

const PREFIX: Record<NamedKind, IdPrefix> = { task: 'OnlineTask', project: 'Project', dataset: 'Dataset', space: 'Space' };
const NAMES_SHOWN = 20;

/** The upstream list filter for a `space` argument: `space_id` for an id, else `space_name`. */
export function spaceFilter(space: string | null | undefined): { space_id?: string; space_name?: string } {
  if (space === null || space === undefined || space === '') return {};
  if (looksLikeId(space)) return { space_id: expectIdKind(space, 'Space', 'space') };
  return { space_name: space };
}

/**
 * The id for a name-or-ID `value` of `kind`. `argument` names the GraphQL
 * argument in errors. Names of tasks, projects and datasets need `space`.
 */
export function resolveId(
  ctx: Context,
  kind: NamedKind,
  value: string,
  space: string | null | undefined,
  argument: string = kind,
): Promise<string> {
  if (value.trim() === '') return Promise.reject(badUserInput(`\`${argument}\` must not be empty.`, { argument }));
  if (idPrefix(value) !== undefined) {
    try {
      return Promise.resolve(expectIdKind(value, PREFIX[kind], argument));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  if (kind !== 'space' && (space === null || space === undefined || space === '')) {
    return Promise.reject(badUserInput(
      `\`${argument}\` ${JSON.stringify(value)} is a name: give \`space\` (a space id or name) to look it up, or pass the ${kind}'s id.`,
      { argument },
    ));
  }
  const key = `${kind}\u0000${value}\u0000${space ?? ''}`;
  let resolution = ctx.resolved.get(key);
  if (!resolution) {
    resolution = findByName(ctx, kind, value, kind === 'space' ? undefined : space ?? undefined, argument);
    ctx.resolved.set(key, resolution);
  }
  return resolution;
}

async function findByName(ctx: Context, kind: NamedKind, name: string, space: string | undefined, argument: string): Promise<string> {
  const filter = kind === 'space' ? {} : spaceFilter(space);
  const seen: string[] = [];
  let cursor: string | undefined;
  const spend = pageBudget(`looking up the ${kind} named ${JSON.stringify(name)}`);
  for (;;) {
    spend();
    const page = await listPage(ctx, kind, { name, ...filter, limit: 100, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) {
      if (item.name === name) {
        prime(ctx, kind, item);
        return item.id;
      }
      seen.push(item.name);
    }
    if (!page.pagination.has_more || !page.pagination.next_cursor) break;
    cursor = page.pagination.next_cursor;
  }
  const where = space ? ` in space ${JSON.stringify(space)}` : '';
  const shown = seen.slice(0, NAMES_SHOWN).map((n) => JSON.stringify(n)).join(', ');
  const more = seen.length > NAMES_SHOWN ? ` and ${seen.length - NAMES_SHOWN} more` : '';
  throw notFound(
    `No ${kind} named ${JSON.stringify(name)}${where} (\`${argument}\`). ` +
      (seen.length > 0 ? `Names that contain it: ${shown}${more}.` : 'No name contains it.'),
  );
}

/** A found item is already loaded: later by-id reads in this request need no GET. */
function prime(ctx: Context, kind: NamedKind, item: { id: string; name: string }): void {
  const loader = ctx.loaders[kind] as { prime(id: string, value: unknown): unknown };
  loader.prime(item.id, item);
}

async function listPage(ctx: Context, kind: NamedKind, params: Record<string, unknown>):
  Promise<{ items: Array<{ id: string; name: string }>; pagination: Pagination }> {
  switch (kind) {
    case 'task': {
      const r = await ctx.upstream.listTasks(params);
      return { items: r.tasks, pagination: r.pagination };
    }
    case 'project': {
      const r = await ctx.upstream.listProjects(params);
      return { items: r.projects, pagination: r.pagination };
    }
    case 'dataset': {
      const r = await ctx.upstream.listDatasets(params);
      return { items: r.datasets, pagination: r.pagination };
    }
    case 'space': {
      const r = await ctx.upstream.listSpaces(params);
      return { items: r.spaces, pagination: r.pagination };
    }
  }
}
