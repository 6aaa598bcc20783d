/**
 * WebSocket frames, below graphql-ws: what a client message says it is
 * ({@link messageOf}), the client message types allowed, a close reason within
 * the protocol's limit, and what the server does about a client that asks but
 * does not read ({@link MAX_UNREAD_BYTES}, {@link readWhileRead}, {@link sendOrDrop}).
 */
import { WebSocket, type RawData } from 'ws';

/**
 * Most bytes a socket may leave unread on our side before its client's
 * further messages wait: every answer to a client that keeps asking without
 * reading would pile up in the process.
 */
export const MAX_UNREAD_BYTES = 4 * 1024 * 1024;

/** How often a paused socket's unread bytes are looked at again. */
const DRAIN_CHECK_MS = 50;

/** A socket's message handler. */
export type MessageHandler = (this: WebSocket, data: RawData, isBinary: boolean) => void;

/**
 * `handle`, behind back-pressure: while a socket has more than
 * {@link MAX_UNREAD_BYTES} of answers its client has not read yet, the
 * socket is paused (its client's further messages wait in the network, not
 * here), and the messages already read wait in order until the client has
 * read enough. A slow client loses nothing; one that never reads asks for
 * nothing more, and the keepalive ends it (its pong never comes).
 */
export function readWhileRead(handle: MessageHandler): MessageHandler {
  const held = new WeakMap<WebSocket, Array<[RawData, boolean]>>();
  return function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
    const waiting = held.get(this);
    if (waiting) return void waiting.push([data, isBinary]);
    if (this.bufferedAmount <= MAX_UNREAD_BYTES) return handle.call(this, data, isBinary);
    held.set(this, [[data, isBinary]]);
    this.pause();
    const check = setInterval(() => {
      if (this.readyState !== WebSocket.OPEN) {
        clearInterval(check);
        held.delete(this);
        this.resume(); // a closing socket reads its client's close frame
        return;
      }
      if (this.bufferedAmount > MAX_UNREAD_BYTES) return;
      clearInterval(check);
      const messages = held.get(this) ?? [];
      held.delete(this);
      this.resume();
      // a message that finds the socket crowded again holds the rest behind it, in order
      for (const [message, binary] of messages) onMessage.call(this, message, binary);
    }, DRAIN_CHECK_MS);
    check.unref();
  };
}

/** The message types a client may send in the graphql-transport-ws protocol. */
export const CLIENT_MESSAGE_TYPES: ReadonlySet<unknown> = new Set(['connection_init', 'ping', 'pong', 'subscribe', 'complete']);

/** A message's `type` and `id` when it is a JSON object (anything else is graphql-ws's to refuse). */
export function messageOf(data: RawData): { type?: unknown; id?: unknown } | undefined {
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
  try {
    const message: unknown = JSON.parse(text);
    return typeof message === 'object' && message !== null ? message : undefined;
  } catch {
    return undefined;
  }
}

/** A close reason within the WebSocket limit of 123 bytes. */
export const reason = (text: string) => (Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString('utf8')}...`);

/**
 * A socket's `send`, set on every socket graphql-ws serves (`this` is the
 * socket): a frame still queued when the socket goes away (the client left,
 * or was cut off) is dropped, not failed. graphql-ws logs a stack trace for
 * every failed send, and a client could queue thousands before leaving.
 */
export function sendOrDrop(this: WebSocket, data: string, callback?: (error?: Error) => void): void {
  WebSocket.prototype.send.call(this, data, {}, (error?: Error) => callback?.(error && this.readyState !== WebSocket.OPEN ? undefined : error));
}
