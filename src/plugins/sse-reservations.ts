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
export interface Reservation { release: () => void; timer: NodeJS.Timeout | undefined; open: boolean; operations: number; waiting: Array<() => void> }

/** An operation's place on its reservation: given back once (idempotent); `kept` when a running result holds it. */
export interface OperationSlot { release: () => void; kept: boolean }

/** Takes one of `reservation`'s operation places; null when it already carries `max` operations. */
export function takeSlot(reservation: Reservation, max: number): OperationSlot | null {
  if (reservation.operations >= max) return null;
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

/** The reservation's stream is open: it stops expiring, and the results that waited for it go out, their places free. */
export function streamOpened(reservation: Reservation): void {
  reservation.open = true;
  clearTimeout(reservation.timer);
  for (const release of reservation.waiting.splice(0)) release();
}
