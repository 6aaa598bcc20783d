/** The GraphiQL page's "last-triggered" stand-in: what the fetcher sends and what it remembers. */
import { describe, expect, it } from 'vitest';
import { rememberTriggered, withLastTriggered } from '../../graphiql/fetcher.ts';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() { return items.size; },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => { items.delete(key); },
    setItem: (key, value) => { items.set(key, value); },
  };
}

describe('GraphiQL fetcher: last-triggered', () => {
  it('sends the variables as they are until a run was triggered', () => {
    const variables = { runId: 'last-triggered', input: { task: 't' } };
    expect(withLastTriggered(variables, memoryStorage())).toBe(variables);
  });

  it('puts the id of the last triggered run wherever the variables say "last-triggered", and nowhere else', () => {
    const storage = memoryStorage();
    rememberTriggered({ data: { triggerTaskRun: { run: { id: 'VGFza1J1bjox', status: 'PENDING' } } } }, storage);
    expect(withLastTriggered({ runId: 'last-triggered', nested: { ids: ['last-triggered', 'other'] }, note: 'last-triggered run' }, storage))
      .toEqual({ runId: 'VGFza1J1bjox', nested: { ids: ['VGFza1J1bjox', 'other'] }, note: 'last-triggered run' });
    rememberTriggered({ data: { triggerTaskRun: { run: { id: 'VGFza1J1bjoy' } } } }, storage);
    expect(withLastTriggered({ runId: 'last-triggered' }, storage)).toEqual({ runId: 'VGFza1J1bjoy' });
  });

  it('remembers nothing from other results or a failed trigger', () => {
    const storage = memoryStorage();
    rememberTriggered({ data: { task: { id: 'x' } } }, storage);
    rememberTriggered({ data: { triggerTaskRun: null }, errors: [{ message: 'no' }] }, storage);
    rememberTriggered(null, storage);
    expect(storage.length).toBe(0);
  });
});
