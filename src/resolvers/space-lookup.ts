/**
 * Space arguments, resolved as Arize's own clients do since v8.51.0
 * (`upstream-api.md`, "Space resolution"): a space id is used as it is, with
 * no call; a name is looked up with `GET /v2/spaces?name=` (a
 * case-insensitive substring filter), following cursors and keeping the
 * spaces whose name equals it exactly (case-sensitive). One match is the
 * space; none is NOT_FOUND and two are BAD_USER_INPUT, with no further call.
 * Afterwards only `space_id` goes upstream, never `space_name`.
 *
 * A name is resolved once per GraphQL request however many fields use it
 * (a per-request DataLoader), and anew in the next request: spaces are
 * created and renamed, so a resolution is never kept.
 */
import DataLoader from 'dataloader';
import type { Context } from '../context.ts';
import { badUserInput, notFound } from '../errors.ts';
import type { UpstreamClient } from '../upstream/client.ts';
import { looksLikeId } from '../upstream/ids.ts';
import { NAME_LOOKUP_PAGES, searchPages } from '../upstream/paginate.ts';
import { characterCount, MAX_NAME_FILTER_LENGTH } from '../upstream/requests.ts';
import type { Space } from '../upstream/types.ts';
import { expectIdKind } from './id-args.ts';

/** What a space name resolved to: the one space of that exact name, or how many were seen and whether pages were left unread. */
export type SpaceMatch = { space: Space } | { space?: undefined; matches: number; exhausted: boolean };

/** Space names to their resolution, for one request; each distinct name costs one bounded search. */
export function spaceByNameLoader(upstream: UpstreamClient): DataLoader<string, SpaceMatch> {
  return new DataLoader<string, SpaceMatch>((names) => Promise.all(names.map((name) => matchSpace(upstream, name).catch((error: unknown) => error as Error))));
}

async function matchSpace(upstream: UpstreamClient, name: string): Promise<SpaceMatch> {
  const exact: Space[] = [];
  const search = await searchPages(
    (cursor) => upstream.listSpaces({ name, limit: 100, ...(cursor ? { cursor } : {}) }),
    (space) => {
      if (space.name === name) exact.push(space);
      return exact.length >= 2 ? true : undefined; // a second exact match settles it: stop reading
    },
    NAME_LOOKUP_PAGES,
  );
  if (exact.length === 1 && !search.exhausted) return { space: exact[0]! };
  return { matches: exact.length, exhausted: search.exhausted };
}

/** A name longer than the upstream's `name` filter takes: it cannot be looked up (the list would answer 400). */
export const tooLongToLookUp = (argument: string, kind: string, value: string) => badUserInput(
  `\`${argument}\`: a name of ${characterCount(value)} characters cannot be looked up (the Arize API's name filter takes at most ${MAX_NAME_FILTER_LENGTH}); pass the ${kind}'s id.`,
  { argument },
);

/**
 * The id of the space `value` names: an id as it is (no call; one of another
 * kind is BAD_USER_INPUT), a name resolved once per request. `argument`
 * names the GraphQL argument in errors (`space`, `input.space`).
 */
export async function resolveSpace(ctx: Context, value: string, argument = 'space'): Promise<string> {
  if (looksLikeId(value)) return expectIdKind(value, 'Space', argument);
  if (characterCount(value) > MAX_NAME_FILTER_LENGTH) throw tooLongToLookUp(argument, 'space', value);
  const match = await ctx.loaders.spaceByName.load(value);
  if (match.space) {
    ctx.loaders.space.prime(match.space.id, match.space);
    return match.space.id;
  }
  if (match.matches >= 2) throw badUserInput(`Multiple spaces named '${value}'. Use a space ID to disambiguate.`, { argument });
  const unread = `; more than ${NAME_LOOKUP_PAGES * 100} spaces have a name containing it, and the rest were not read: pass the space's id`;
  if (match.matches === 1) throw badUserInput(`space '${value}' cannot be told apart from other spaces of that name${unread}.`, { argument });
  throw notFound(match.exhausted ? `space '${value}' not found${unread}.` : `space '${value}' not found`, { argument });
}

/** The `space_id` filter for a list scoped by a `space` argument (none when it is absent or empty). */
export async function spaceScope(ctx: Context, value: string | null | undefined, argument = 'space'): Promise<{ space_id?: string }> {
  if (value === null || value === undefined || value === '') return {};
  return { space_id: await resolveSpace(ctx, value, argument) };
}
