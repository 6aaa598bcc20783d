/**
 * A subscription's stream of results with a plugin watching it: each result
 * and its end. Plugins use it (through `setResult` in `onSubscribeResult`)
 * instead of envelop's `onNext`/`onEnd` hooks, because a subscription lives
 * for minutes: envelop puts the `onEnd` hooks behind one more iterator of
 * closures and keeps its handler lists, about 1 KiB held per subscription
 * for its whole life, where a subclass of this is one small object.
 */

/** `source`'s results passed on unchanged; a subclass is told of each ({@link onResult}) and of the end ({@link onEnd}, once). */
export abstract class WatchedStream<T> implements AsyncIterableIterator<T> {
  readonly #source: AsyncIterator<T>;
  #ended = false;

  constructor(source: AsyncIterable<T>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  /** A result on its way to the client. */
  protected onResult(_result: T): void {}

  /** The stream ended: its last result was read, it failed, or the client left (`return()`). */
  protected abstract onEnd(): void;

  // not async: the next() a subscription always has pending then holds no suspended frame
  next(): Promise<IteratorResult<T>> {
    return this.#source.next().then((step) => {
      if (step.done) this.#end();
      else this.onResult(step.value);
      return step;
    }, (error: unknown) => {
      this.#end();
      throw error;
    });
  }

  return(value?: unknown): Promise<IteratorResult<T>> {
    this.#end();
    return this.#source.return ? this.#source.return(value) : Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.#end();
    return this.#source.throw ? this.#source.throw(error) : Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.onEnd();
  }
}
