/**
 * `SSE_MAX_STREAMS_PER_CLIENT`, counted on what the gateway answers rather
 * than on what the client asked for: every response that is an event stream
 * (`text/event-stream`, or `multipart/mixed` for incremental delivery) takes
 * a slot of its client's address, whatever `Accept` said (`*\/*`, `text/*`,
 * none, any case), and gives it back when the connection closes. Past the
 * cap the stream is cancelled (its subscription ends at once) and the answer
 * is 429 RATE_LIMITED. A graphql-sse stream opened on a reservation is
 * already counted by its reservation (`use-graphql-sse.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { PerClientLimit } from '../http/limits.ts';

const counted = new WeakSet<Request>();

/** Marks `request` as one whose stream already holds a slot (a graphql-sse reservation's). */
export function alreadyCounted(request: Request): void {
  counted.add(request);
}

/** True when a response with this `content-type` is an event stream. */
export function isEventStream(contentType: string | null): boolean {
  const type = (contentType ?? '').trim().toLowerCase();
  return type.startsWith('text/event-stream') || type.startsWith('multipart/mixed');
}

/**
 * Ends a stream nobody will read, and the subscription behind it. yoga's
 * stream only learns of its subscription when it starts (on the first
 * read), so it is read once (a ping is ready at once) and then cancelled.
 */
async function endUnread(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  try {
    await reader.read();
  } finally {
    await reader.cancel();
  }
}

/** The plugin over the shared per-client `streams` limit; `clientOf` names a node request's client. */
export function useStreamCap(streams: PerClientLimit, clientOf: (req: IncomingMessage) => string): Plugin<object, { req?: IncomingMessage; res?: ServerResponse }> {
  return {
    onResponse({ request, response, serverContext, setResponse, fetchAPI }) {
      const { req, res } = serverContext;
      if (!req || !res || counted.has(request) || !isEventStream(response.headers.get('content-type'))) return;
      const release = streams.take(clientOf(req));
      if (release) {
        res.once('close', release);
        return;
      }
      endUnread(response.body).catch(() => undefined);
      setResponse(new fetchAPI.Response(JSON.stringify({
        errors: [{ message: `Too many event streams from this address (at most ${streams.max}).`, extensions: { code: 'RATE_LIMITED' } }],
      }), { status: 429, headers: { 'content-type': 'application/json; charset=utf-8' } }));
    },
  };
}
