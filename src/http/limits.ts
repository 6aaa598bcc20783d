/** Open connections (WebSockets, event streams, graphql-sse reservations) per client address, with a cap. */
export class PerClientLimit {
  readonly #open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Takes a slot for `client`; undefined when it already holds `max`. Give it back with the returned release (idempotent). */
  take(client: string): (() => void) | undefined {
    const open = this.#open.get(client) ?? 0;
    if (open >= this.max) return undefined;
    this.#open.set(client, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#open.get(client) ?? 1) - 1;
      if (left <= 0) this.#open.delete(client);
      else this.#open.set(client, left);
    };
  }
}
