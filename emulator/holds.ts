/**
 * Held routes (`Emulator.hold`): a request that matches a hold waits,
 * unanswered, until the test releases it; a delay that ends on cue, so a
 * test can see what a client got while a call is still in flight upstream.
 */

/** Requests held by {@link Emulator.hold}. */
export interface Hold {
  /** How many matching requests wait now. */
  readonly waiting: number;
  /** Serves the waiting requests and lets later ones through. */
  release(): void;
}

/** The held routes of one emulator: a request that matches one waits in its queue. */
export class Holds {
  readonly #holds: Array<{ method: string; path: RegExp; queue: Array<() => void> }> = [];

  add(method: string, path: RegExp): Hold {
    const entry = { method: method.toUpperCase(), path, queue: [] as Array<() => void> };
    this.#holds.push(entry);
    return {
      get waiting() { return entry.queue.length; },
      release: () => {
        const index = this.#holds.indexOf(entry);
        if (index >= 0) this.#holds.splice(index, 1);
        for (const go of entry.queue.splice(0)) go();
      },
    };
  }

  /** True when `go` was queued behind a hold; false when the request may go on now. */
  queued(method: string, path: string, go: () => void): boolean {
    const entry = this.#holds.find((h) => h.method === method && h.path.test(path));
    entry?.queue.push(go);
    return entry !== undefined;
  }
}
