/**
 * Following upstream cursors, bounded, in one place: a lookup that walks
 * pages (name resolution, uniqueness checks) and the connection that fills
 * one GraphQL page both spend from a {@link pageBudget}.
 */
import { UpstreamError } from './errors.ts';
import type { Page } from './types.ts';

/** Most upstream pages one lookup follows (10,000 items): a guard against an upstream that never ends. */
export const MAX_UPSTREAM_PAGES = 100;

/** Counts upstream pages followed by one lookup; past {@link MAX_UPSTREAM_PAGES} an UpstreamError (`protocol`, UPSTREAM_ERROR). */
export function pageBudget(what: string): () => void {
  let pages = 0;
  return () => {
    if (++pages > MAX_UPSTREAM_PAGES) {
      throw new UpstreamError({ kind: 'protocol', operation: what, detail: `gave up after ${MAX_UPSTREAM_PAGES} pages` });
    }
  };
}

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

