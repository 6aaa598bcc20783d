/**
 * Every connection is built here, from the upstream's forward cursors.
 *
 * An edge cursor says where to resume right after that edge: the upstream
 * cursor of the page the edge came from and how many items of that page to
 * skip (base64url JSON, opaque to clients, bound to the query's filters). The
 * last edge of an upstream page that has more points straight at the next
 * upstream page, so following `endCursor` costs one upstream call per page.
 */
import { createHash } from 'node:crypto';
import { badUserInput, gatewayError } from '../schema/errors.ts';
import type { Page } from '../upstream/types.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 100;
/** Most upstream pages one lookup follows (10,000 items): a guard against an upstream that never ends. */
export const MAX_UPSTREAM_PAGES = 100;

/** Counts upstream pages followed by one lookup; throws UPSTREAM_ERROR past {@link MAX_UPSTREAM_PAGES}. */
export function pageBudget(what: string): () => void {
  let pages = 0;
  return () => {
    if (++pages > MAX_UPSTREAM_PAGES) {
      throw gatewayError('UPSTREAM_ERROR', `Gave up ${what} after ${MAX_UPSTREAM_PAGES} upstream pages.`);
    }
  };
}

/** Fetches one upstream page: `limit` items after the upstream `cursor` (undefined for the first page). */
export type FetchPage<T> = (cursor: string | undefined, limit: number) => Promise<Page<T>>;

/**
 * Follows upstream cursors from the first page, bounded by
 * {@link MAX_UPSTREAM_PAGES}, until `visit` returns something for an item
 * (which is returned) or the pages end (undefined). `what` names the search
 * in the error when the bound is hit.
 */
export async function followPages<T, R>(
  what: string, fetchPage: (cursor: string | undefined) => Promise<Page<T>>, visit: (item: T) => R | undefined,
): Promise<R | undefined> {
  const spend = pageBudget(what);
  let cursor: string | undefined;
  for (;;) {
    spend();
    const page = await fetchPage(cursor);
    for (const item of page.items) {
      const found = visit(item);
      if (found !== undefined) return found;
    }
    if (!page.pagination.has_more || !page.pagination.next_cursor) return undefined;
    cursor = page.pagination.next_cursor;
  }
}

export interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

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

/** A short fingerprint of a query's filters, so a cursor is not reused with other filters. */
export function filterKey(filters: object): string {
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 8);
}

/** Checks `first` (1..100, default 100) before anything is fetched. */
function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE} (got ${first}).`, { argument: 'first' });
  }
  return first;
}

function encode(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
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
 */
export async function connectionFromUpstream<T>(fetchPage: FetchPage<T>, args: ConnectionArgs, filters: object): Promise<Connection<T>> {
  const first = pageSize(args.first);
  const fingerprint = filterKey(filters);
  const start = args.after ? decode(args.after, fingerprint) : { o: 0, f: fingerprint };
  const edges: Connection<T>['edges'] = [];
  let cursor = start.c;
  let skip = start.o;
  let hasNextPage = false;
  const spend = pageBudget('filling a page');
  for (;;) {
    spend();
    const need = first - edges.length;
    const page = await fetchPage(cursor, Math.min(MAX_PAGE_SIZE, skip + need));
    const { items, pagination } = page;
    for (let i = skip; i < items.length && edges.length < first; i++) {
      const isLastOfPage = i === items.length - 1;
      const resume: Position = isLastOfPage && pagination.has_more && pagination.next_cursor
        ? { c: pagination.next_cursor, o: 0, f: fingerprint }
        : { ...(cursor !== undefined ? { c: cursor } : {}), o: i + 1, f: fingerprint };
      edges.push({ cursor: encode(resume), node: items[i] as T });
    }
    if (edges.length >= first) {
      hasNextPage = items.length > skip + need || pagination.has_more;
      break;
    }
    if (!pagination.has_more || !pagination.next_cursor) break;
    cursor = pagination.next_cursor;
    skip = 0;
  }
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
