/**
 * One watcher's queue as an async iterator. `return()` (called by graphql-ws
 * or graphql-js when a client leaves) unsubscribes at once, even while a
 * `next()` is waiting.
 */
import type { RunEvent } from './feed.ts';

/** What a subscriber tells when it leaves: the poller or group it watches through. */
export interface SubscriberOwner {
  remove(subscriber: Subscriber): void;
}

/** One watcher of a run. */
export class Subscriber implements AsyncIterableIterator<RunEvent> {
  readonly #queue: RunEvent[] = [];
  #waiting: ((result: IteratorResult<RunEvent>) => void) | undefined;
  #ended = false;
  #owner: SubscriberOwner | undefined;

  /** `intervalMs`: the poll interval this watcher wants; `owner`: told once when it leaves (none for a watch that never began). */
  constructor(readonly intervalMs: number, owner?: SubscriberOwner) {
    this.#owner = owner;
  }

  /** Delivers `event` to a waiting `next()`, or queues it. */
  push(event: RunEvent): void {
    if (this.#ended) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ value: event, done: false });
    } else {
      this.#queue.push(event);
    }
  }

  /** Ends after the queued events have been read. */
  end(): void {
    this.#ended = true;
    if (this.#waiting && this.#queue.length === 0) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<RunEvent>> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => { this.#waiting = resolve; });
  }

  return(): Promise<IteratorResult<RunEvent>> {
    this.#queue.length = 0;
    this.end();
    const owner = this.#owner;
    this.#owner = undefined;
    owner?.remove(this);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<RunEvent> {
    return this;
  }
}
