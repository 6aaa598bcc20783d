/**
 * Name-or-ID arguments, resolved as `upstream-api.md` says (and Arize's
 * reference client does): an id is used as it is; a name needs a `space`,
 * which is resolved to one space id first (`space-lookup.ts`), then the name
 * is found by listing with the `name` filter and `space_id`, following
 * cursors (at most {@link NAME_LOOKUP_PAGES} pages), until an exact match.
 * Resolutions are memoised per request.
 */
import type { Context } from '../context.ts';
import { badUserInput, notFound } from '../errors.ts';
import { isNotFound } from '../upstream/errors.ts';
import type { Page } from '../upstream/types.ts';
import { idPrefix, type IdKind } from '../upstream/ids.ts';
import { NAME_LOOKUP_PAGES, searchPages } from '../upstream/paginate.ts';
import { characterCount, MAX_NAME_FILTER_LENGTH } from '../upstream/requests.ts';
import { expectIdKind } from './id-args.ts';
import { resolveSpace, tooLongToLookUp } from './space-lookup.ts';

/** What a name-or-id argument can name (spaces have their own resolution). */
export type NamedKind = 'task' | 'project' | 'dataset';

const KIND: Record<NamedKind, IdKind> = { task: 'Task', project: 'Project', dataset: 'Dataset' };
const NAMES_SHOWN = 20;

/** The GraphQL argument that gives the space for `argument` (`input.task` -> `input.space`). */
export const spaceArgumentFor = (argument: string): string => (argument.startsWith('input.') ? 'input.space' : 'space');

/**
 * The id for a name-or-ID `value` of `kind`. `argument` names the GraphQL
 * argument in errors. A name needs `space` (an id, or a name resolved once
 * per request); an id needs nothing, and its `space` is not looked up.
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
      return Promise.resolve(expectIdKind(value, KIND[kind], argument));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  if (space === null || space === undefined || space === '') {
    return Promise.reject(badUserInput(
      `\`${argument}\` ${JSON.stringify(value)} is a name: give \`space\` (a space id or name) to look it up, or pass the ${kind}'s id.`,
      { argument },
    ));
  }
  if (characterCount(value) > MAX_NAME_FILTER_LENGTH) return Promise.reject(tooLongToLookUp(argument, kind, value));
  const key = `${kind}\u0000${value}\u0000${space}`;
  const lookups = (ctx.nameLookups ??= new Map());
  let resolution = lookups.get(key);
  if (!resolution) {
    resolution = findByName(ctx, kind, value, space, argument);
    lookups.set(key, resolution);
  }
  return resolution;
}

async function findByName(ctx: Context, kind: NamedKind, name: string, space: string, argument: string): Promise<string> {
  const spaceArgument = spaceArgumentFor(argument);
  const spaceId = await resolveSpace(ctx, space, spaceArgument);
  const seen: string[] = [];
  const search = await scoped(
    searchPages((cursor) => listPage(ctx, kind, { name, space_id: spaceId, limit: 100, ...(cursor ? { cursor } : {}) }),
      (item) => {
        if (item.name === name) return item;
        seen.push(item.name);
        return undefined;
      }),
    { [spaceArgument]: spaceId },
  );
  if (search.found) {
    prime(ctx, kind, search.found);
    return search.found.id;
  }
  const where = ` in space ${JSON.stringify(space)}`;
  if (search.exhausted) {
    throw notFound(
      `No ${kind} named ${JSON.stringify(name)} among the first ${seen.length} ${kind}s${where} whose name contains it (\`${argument}\`); ` +
        `the rest were not read. Pass the ${kind}'s id instead.`,
      { argument },
    );
  }
  const shown = seen.slice(0, NAMES_SHOWN).map((n) => JSON.stringify(n)).join(', ');
  const more = seen.length > NAMES_SHOWN ? ` and ${seen.length - NAMES_SHOWN} more` : '';
  throw notFound(
    `No ${kind} named ${JSON.stringify(name)}${where} (\`${argument}\`). ` +
      (seen.length > 0 ? `Names that contain it: ${shown}${more}.` : 'No name contains it.'),
    { argument },
  );
}

/**
 * Runs a list call scoped by ids (`{ project: id, ... }`, keyed by the
 * GraphQL argument that gave each). Since mid-2026 the upstream answers 404
 * when a scoping id is unknown or unreadable: that becomes NOT_FOUND naming
 * the argument(s). Older servers answer an empty list instead, which stays so.
 */
export async function scoped<T>(call: Promise<T>, scopes: Record<string, string | undefined>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    const given = Object.entries(scopes).filter(([, id]) => id !== undefined);
    if (!isNotFound(error) || given.length === 0) throw error;
    const named = given.map(([argument, id]) => `\`${argument}\` ${JSON.stringify(id)}`).join(' or ');
    throw notFound(`${given.length > 1 ? 'One of ' : ''}${named} was not found (or this key cannot read it).`, { argument: given.map(([argument]) => argument).join(',') });
  }
}

/** A found item is already loaded: later by-id reads in this request need no GET. */
function prime(ctx: Context, kind: NamedKind, item: { id: string; name: string }): void {
  const loader = ctx.loaders[kind] as { prime(id: string, value: unknown): unknown };
  loader.prime(item.id, item);
}

function listPage(ctx: Context, kind: NamedKind, params: Record<string, unknown>): Promise<Page<{ id: string; name: string }>> {
  switch (kind) {
    case 'task': return ctx.upstream.listTasks(params);
    case 'project': return ctx.upstream.listProjects(params);
    case 'dataset': return ctx.upstream.listDatasets(params);
  }
}
