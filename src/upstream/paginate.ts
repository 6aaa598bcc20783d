/**
 * Following upstream cursors, bounded, in one place: a lookup that walks
 * pages (name resolution, uniqueness checks) and the connection that fills
 * one GraphQL page both spend from a budget of pages.
 */
import { UpstreamError } from './errors.ts';
import type { Page } from './types.ts';

/** Most upstream pages one connection page follows (10,000 items): a guard against an upstream that never ends. */
export const MAX_UPSTREAM_PAGES = 100;

/**
 * Most pages of 100 one search by name reads (a task, project, dataset or
 * space name, a task name's uniqueness): 1,000 items whose name contains the
 * name. The upstream filters by substring, so the exact match is nearly
 * always on the first page; the bound is what makes a lookup's price (and so
 * `MAX_QUERY_COST`) a real bound on its upstream calls.
 */
export const NAME_LOOKUP_PAGES = 10;

/** Counts upstream pages followed by one lookup; past {@link MAX_UPSTREAM_PAGES} an UpstreamError (`protocol`, UPSTREAM_ERROR). */
export function pageBudget(what: string): () => void {
  let pages = 0;
  return () => {
    if (++pages > MAX_UPSTREAM_PAGES) {
      throw new UpstreamError({ kind: 'protocol', operation: what, detail: `gave up after ${MAX_UPSTREAM_PAGES} pages` });
    }
  };
}

/** What a bounded search found: the item, or none with `exhausted` true when pages remained unread. */
export interface Search<R> { found: R | undefined; exhausted: boolean; pages: number }

/**
 * Follows upstream cursors from the first page until `visit` returns
 * something for an item (which is returned), the pages end, or `maxPages`
 * pages were read with more to come (`exhausted`). Never reads more than
 * `maxPages` pages.
 */
export async function searchPages<T, R>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>, visit: (item: T) => R | undefined, maxPages = NAME_LOOKUP_PAGES,
): Promise<Search<R>> {
  let cursor: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(cursor);
    for (const item of page.items) {
      const found = visit(item);
      if (found !== undefined) return { found, exhausted: false, pages };
    }
    if (!page.pagination.has_more || !page.pagination.next_cursor) return { found: undefined, exhausted: false, pages };
    if (pages >= maxPages) return { found: undefined, exhausted: true, pages };
    cursor = page.pagination.next_cursor;
  }
}
