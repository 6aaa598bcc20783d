import { describe, expect, it } from 'vitest';
import { connectionFromUpstream, filterKey, type FetchPage } from '../../src/resolvers/connection.ts';

/** An upstream list of `n` items served in pages of at most `pageSize`, counting its calls. */
function upstream(n: number, pageSize = 100) {
  const items = Array.from({ length: n }, (_, i) => `item-${i}`);
  const calls: Array<{ cursor: string | undefined; limit: number }> = [];
  const fetchPage: FetchPage<string> = async (cursor, limit) => {
    calls.push({ cursor, limit });
    const start = cursor === undefined ? 0 : Number(cursor);
    const take = Math.min(limit, pageSize);
    const end = Math.min(start + take, items.length);
    return { items: items.slice(start, end), pagination: end < items.length ? { has_more: true, next_cursor: String(end) } : { has_more: false } };
  };
  return { items, calls, fetchPage };
}

describe('connections over upstream cursors', () => {
  it('pages forward with exact hasNextPage, one upstream call a page', async () => {
    const up = upstream(25);
    const page1 = await connectionFromUpstream(up.fetchPage, { first: 10 }, 'list');
    expect(page1.edges.map((e) => e.node)).toEqual(up.items.slice(0, 10));
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page3 = await connectionFromUpstream(up.fetchPage, { first: 10, after: (await connectionFromUpstream(up.fetchPage, { first: 10, after: page1.pageInfo.endCursor }, 'list')).pageInfo.endCursor }, 'list');
    expect(page3.edges.map((e) => e.node)).toEqual(up.items.slice(20));
    expect(page3.pageInfo.hasNextPage).toBe(false);
    expect(up.calls).toHaveLength(3);
  });

  it('resumes right after any edge, not only the last', async () => {
    const up = upstream(30, 7);
    const page = await connectionFromUpstream(up.fetchPage, { first: 12 }, 'list');
    for (const [i, edge] of page.edges.entries()) {
      const next = await connectionFromUpstream(up.fetchPage, { first: 3, after: edge.cursor }, 'list');
      expect(next.edges.map((e) => e.node)).toEqual(up.items.slice(i + 1, i + 4));
    }
  });

  it('fills a page across upstream pages that are shorter than asked', async () => {
    const up = upstream(12, 5);
    const page = await connectionFromUpstream(up.fetchPage, { first: 12 }, 'list');
    expect(page.edges.map((e) => e.node)).toEqual(up.items);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  it.each([[0], [101], [2.5], [-1]])('refuses first=%s before any call', async (first) => {
    const up = upstream(5);
    await expect(connectionFromUpstream(up.fetchPage, { first }, 'list')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    expect(up.calls).toEqual([]);
  });

  it('refuses a cursor it did not make, and a cursor from other filters', async () => {
    const up = upstream(20);
    await expect(connectionFromUpstream(up.fetchPage, { after: 'bm9wZQ' }, 'list')).rejects.toMatchObject({ extensions: { argument: 'after' } });
    const page = await connectionFromUpstream(up.fetchPage, { first: 2, name: 'a' } as object, 'list');
    await expect(connectionFromUpstream(up.fetchPage, { first: 2, name: 'b', after: page.pageInfo.endCursor } as object, 'list'))
      .rejects.toMatchObject({ message: expect.stringMatching(/other filters/) });
  });

  it('derives the fingerprint from every argument but first and after, ignoring absent ones', () => {
    expect(filterKey('tasks', { first: 1, after: 'x', name: 'a' })).toBe(filterKey('tasks', { name: 'a', type: null }));
    expect(filterKey('tasks', { name: 'a' })).not.toBe(filterKey('tasks', { name: 'a', project: 'p' }));
    expect(filterKey('tasks', { name: 'a' })).not.toBe(filterKey('runs:t1', { name: 'a' }));
  });
});
