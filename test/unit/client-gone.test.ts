import { describe, expect, it } from 'vitest';
import { ClientGone } from '../../src/context.ts';

describe('what says a client has gone away', () => {
  it('aborts a signal asked for before the client left, once', () => {
    const gone = new ClientGone();
    const signal = gone.signal;
    let aborts = 0;
    signal.addEventListener('abort', () => aborts++);
    expect(signal.aborted).toBe(false);
    gone.abort();
    gone.abort();
    expect(gone.aborted).toBe(true);
    expect(signal.aborted).toBe(true);
    expect(aborts).toBe(1);
    expect(gone.signal).toBe(signal);
  });

  it('hands out an already aborted signal when first asked after the client left', () => {
    const gone = new ClientGone();
    gone.abort();
    expect(gone.signal.aborted).toBe(true);
  });

  it('calls each listener of whenGone once when the client leaves, and none that was stopped', () => {
    const gone = new ClientGone();
    const called: string[] = [];
    gone.whenGone(() => called.push('a'));
    const stopB = gone.whenGone(() => called.push('b'));
    stopB();
    gone.abort();
    gone.abort();
    expect(called).toEqual(['a']);
    expect(gone.aborted).toBe(true);
  });

  it('calls a listener added after the client left at once, and the others when one of them throws', () => {
    const gone = new ClientGone();
    let called = 0;
    gone.whenGone(() => { throw new Error('a listener that fails'); });
    gone.whenGone(() => called++);
    gone.abort();
    expect(called).toBe(1);
    gone.whenGone(() => called++);
    expect(called).toBe(2);
  });
});
