/**
 * What the graphql-sse plugin (`use-graphql-sse.ts`) keeps per reservation:
 * its client's stream slot, its expiry, and its operation places
 * (`WS_MAX_SUBSCRIPTIONS_PER_CONNECTION`): a running result holds one until
 * it ends ({@link endingWith}), a result waiting for the stream to open holds
 * one until it opens.
 */
/**
 * One graphql-sse reservation: whose slot it holds, when it expires, whether its stream is open,
 * how many operations it carries, and what gives back the slots of results waiting for its stream.
 */
export interface Reservation {
  release: () => void; timer: NodeJS.Timeout | undefined; open: boolean; operations: number; waiting: Array<() => void>;
  /** The open stream's response: while it waits for its client to read (`writableNeedDrain`), results would pile up. */
  stream?: { readonly writableNeedDrain: boolean } | undefined;
}

/** An operation's place on its reservation: given back once (idempotent); `kept` when a running result holds it. */
export interface OperationSlot { release: () => void; kept: boolean }

/**
 * Why `reservation` takes no further operation now (its stream is not being
 * read, or it carries `max` operations), or undefined when it takes one.
 */
export function crowded(reservation: Reservation, max: number): string | undefined {
  if (reservation.stream?.writableNeedDrain) return 'This event stream is not being read: it takes another operation once its client has read what it holds.';
  if (reservation.operations < max) return undefined;
  return `Too many operations on this event stream (at most ${max}, WS_MAX_SUBSCRIPTIONS_PER_CONNECTION): complete one, or open the stream to take the results waiting for it.`;
}

/**
 * True when a request on a reservation carries an operation, as graphql-sse's
 * handler tells it: a POST, or a GET that does not open the stream (only an
 * `Accept` of exactly `text/event-stream` does); its result goes out on the
 * reservation's stream either way, so both take a place.
 */
export function carriesOperation(request: Pick<Request, 'method' | 'headers'>): boolean {
  if (request.method === 'POST') return true;
  return request.method === 'GET' && (request.headers.get('accept') || '*/*') !== 'text/event-stream';
}

/** Takes one of `reservation`'s operation places (after {@link crowded} said it has one). */
export function takeSlot(reservation: Reservation): OperationSlot {
  reservation.operations += 1;
  let released = false;
  return {
    kept: false,
    release: () => {
      if (released) return;
      released = true;
      reservation.operations -= 1;
    },
  };
}

/**
 * `result` that calls `onEnd` once when it ends: done, failed, or returned
 * (a client's complete, or its stream closing). Not an async generator: one
 * waiting in `next()` would not see `return()` until its next value.
 */
export function endingWith<T>(result: AsyncIterable<T>, onEnd: () => void): AsyncGenerator<T> {
  const inner = result[Symbol.asyncIterator]();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  const wrapped: AsyncGenerator<T> = {
    [Symbol.asyncIterator]: () => wrapped,
    async next() {
      try {
        const step = await inner.next();
        if (step.done) end();
        return step;
      } catch (error) {
        end();
        throw error;
      }
    },
    async return(value?: unknown) {
      end();
      return (await inner.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      end();
      if (inner.throw) return inner.throw(error);
      throw error;
    },
  };
  return wrapped;
}

/**
 * After the handler answered an operation on `reservation` (`accepted`: 202):
 * a result that is not running waits in memory for the stream unless it is
 * open, and keeps its place until then; a running one keeps it until it ends.
 */
export function settleSlot(reservation: Reservation, slot: OperationSlot, accepted: boolean): void {
  if (slot.kept) return;
  if (accepted && !reservation.open) reservation.waiting.push(slot.release);
  else slot.release();
}

/** The reservation's stream (`stream`) is open: it stops expiring, and the results that waited for it go out, their places free. */
export function streamOpened(reservation: Reservation, stream: Reservation['stream']): void {
  reservation.open = true;
  reservation.stream = stream;
  clearTimeout(reservation.timer);
  for (const release of reservation.waiting.splice(0)) release();
}
