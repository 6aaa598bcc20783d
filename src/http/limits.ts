/** Open connections (WebSockets, SSE streams) per client address, with a cap. */
export class PerClientLimit {
  readonly #open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Takes a slot for `client`; false when it already holds `max`. Give it back with the returned release. */
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

type Listener = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;

/** `next` for requests, with Server-Sent Events streams capped at `max` per client address (429 past it). */
export function withStreamCap(max: number, next: Listener): Listener {
  const streams = new PerClientLimit(max);
  return (req, res) => {
    if ((req.headers.accept ?? '').includes('text/event-stream')) {
      const release = streams.take(req.socket.remoteAddress ?? 'unknown');
      if (!release) {
        res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({
          errors: [{ message: `Too many event streams from this address (at most ${max}).`, extensions: { code: 'RATE_LIMITED' } }],
        }));
        return;
      }
      res.once('close', release);
    }
    next(req, res);
  };
}
