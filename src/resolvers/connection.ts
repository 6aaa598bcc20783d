/**
 * Every connection is built here, from the upstream's forward cursors.
 *
 * An edge cursor says where to resume right after that edge: the upstream
 * cursor of the page the edge came from and how many items of that page to
 * skip (base64url JSON, opaque to clients, bound to the query's filters). The
 * last edge of an upstream page that has more points straight at the next
 * upstream page, so following `endCursor` costs one upstream call per page.
 */
import { hash } from 'node:crypto';
import { badUserInput } from '../errors.ts';
import { MAX_UPSTREAM_PAGES, pageBudget } from '../upstream/paginate.ts';
import { UNKNOWN, type Page, type Unknown } from '../upstream/types.ts';

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 100;
/** Fetches one upstream page: `limit` items after the upstream `cursor` (undefined for the first page). */
export type FetchPage<T> = (cursor: string | undefined, limit: number) => Promise<Page<T>>;

/** The forward paging arguments every connection takes. */
export interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/** A Relay connection page, as the connection types resolve it. */
export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

interface Position {
  /** Upstream cursor of the page; absent for the first page. */
  c?: string;
  /** Items of that page to skip. */
  o: number;
  /** Fingerprint of the filters the cursor belongs to. */
  f: string;
}

/**
 * A short fingerprint of a connection's scope and every argument but `first`
 * and `after`, so a cursor is never reused with other filters. It is derived
 * from the arguments themselves: a filter added later cannot be forgotten.
 */
export function filterKey(scope: string, args: object): string {
  const filters = Object.entries(args)
    .filter(([name, value]) => name !== 'first' && name !== 'after' && value !== undefined && value !== null)
    .sort(([a], [b]) => a.localeCompare(b));
  return hash('sha256', JSON.stringify([scope, filters]), 'base64url').slice(0, 8);
}

/** Checks `first` (1..100, default 100) before anything is fetched. */
function pageSize(first: number | null | undefined, max: number): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput(`\`first\` must be between 1 and ${max} (got ${first}).`, { argument: 'first' });
  }
  return first;
}

/** A filter argument's value, refusing `UNKNOWN` (it names no value the upstream knows), before anything is fetched. */
export function knownFilter<T extends string>(value: T | Unknown | null | undefined, argument: string): T | undefined {
  if (value === UNKNOWN) throw badUserInput(`\`${argument}\`: UNKNOWN only reports values this gateway does not know; it cannot be used as a filter.`, { argument });
  return value ?? undefined;
}

function encode(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Where the items of one upstream page resume: what each of its edges' cursors is made of. */
class PageSpot {
  constructor(
    /** The page's own upstream cursor (absent for the first page). */
    private readonly cursor: string | undefined,
    /** The filters' fingerprint ({@link filterKey}), computed when a first cursor is written. */
    private readonly fingerprint: () => string,
    private readonly lastIndex: number,
    /** The upstream cursor of the next page, when there is one. */
    private readonly next: string | undefined,
  ) {}

  /** The position right after item `index` of the page: the next page's start after its last item. */
  after(index: number): Position {
    if (index === this.lastIndex && this.next !== undefined) return { c: this.next, o: 0, f: this.fingerprint() };
    return { ...(this.cursor !== undefined ? { c: this.cursor } : {}), o: index + 1, f: this.fingerprint() };
  }
}

/** An edge whose cursor is written when asked for: most queries select `nodes` and `endCursor`, not each edge's cursor. */
class Edge<T> {
  #cursor: string | undefined;
  constructor(readonly node: T, private readonly spot: PageSpot, private readonly index: number) {}
  get cursor(): string {
    return (this.#cursor ??= encode(this.spot.after(this.index)));
  }
}

/** A page's info, its start and end cursors those of its first and last edges (written when asked for). */
class PageInfo {
  constructor(readonly hasNextPage: boolean, readonly hasPreviousPage: boolean, private readonly edges: ReadonlyArray<{ cursor: string }>) {}
  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }
  get endCursor(): string | null {
    return this.edges.at(-1)?.cursor ?? null;
  }
}

function decode(cursor: string, fingerprint: string): Position {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  const p = position as Partial<Position> | undefined;
  if (!p || typeof p !== 'object' || !Number.isInteger(p.o) || (p.o ?? -1) < 0 || typeof p.f !== 'string' ||
    (p.c !== undefined && typeof p.c !== 'string')) {
    throw badUserInput('`after` is not a cursor from this API: pass an edge cursor or pageInfo.endCursor unchanged.', { argument: 'after' });
  }
  if (p.f !== fingerprint) {
    throw badUserInput('`after` is a cursor from a query with other filters: page with the same arguments it came from.', { argument: 'after' });
  }
  return p as Position;
}

/**
 * One page of a connection: `first` items after `after`, with exact
 * `hasNextPage`. Checks the arguments before any upstream call, and normally
 * makes one upstream call (two when resuming mid-page near the 100 limit).
 * `scope` names the list (and its parent, for a nested one); the cursor is
 * bound to it and to every other argument. `maxPageSize` is the upstream's
 * limit for this list (100; 500 for dataset examples and experiment runs).
 */
export async function connectionFromUpstream<T>(fetchPage: FetchPage<T>, args: ConnectionArgs & object, scope: string, maxPageSize = MAX_PAGE_SIZE): Promise<Connection<T>> {
  const first = pageSize(args.first, maxPageSize);
  // a hash of the filters: needed only to read `after` or to write a cursor (a page of nodes alone writes none)
  let fingerprintOnce: string | undefined;
  const fingerprint = () => (fingerprintOnce ??= filterKey(scope, args));
  const start: Pick<Position, 'c' | 'o'> = args.after ? decode(args.after, fingerprint()) : { o: 0 };
  const edges: Connection<T>['edges'] = [];
  let cursor = start.c;
  let skip = start.o;
  let hasNextPage = false;
  const spend = pageBudget('filling a page');
  for (;;) {
    spend();
    const need = first - edges.length;
    const page = await fetchPage(cursor, Math.min(maxPageSize, skip + need));
    const { items, pagination } = page;
    const spot = new PageSpot(cursor, fingerprint, items.length - 1, pagination.has_more && pagination.next_cursor ? pagination.next_cursor : undefined);
    for (let i = skip; i < items.length && edges.length < first; i++) edges.push(new Edge(items[i] as T, spot, i));
    if (edges.length >= first) {
      hasNextPage = items.length > skip + need || pagination.has_more;
      break;
    }
    if (!pagination.has_more || !pagination.next_cursor) break;
    cursor = pagination.next_cursor;
    skip = 0;
  }
  return { edges, pageInfo: new PageInfo(hasNextPage, Boolean(args.after), edges) };
}
