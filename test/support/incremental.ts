/**
 * Reading an incremental result (`@defer`/`@stream`) as a client does, one
 * payload at a time as it arrives: `multipart/mixed` parts or
 * `text/event-stream` events from a fetch `Response`. For tests and
 * `bench/pages.ts`.
 */

/** One payload: the first (`data`, `errors`) or a later one (`incremental`), with `hasNext`. */
export interface Payload {
  data?: any;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
  incremental?: Array<{ data?: any; items?: unknown[]; path: Array<string | number>; label?: string; errors?: Payload['errors'] }>;
  hasNext?: boolean;
}

/** The parts of a `multipart/mixed` body, each as its JSON, as they arrive. */
async function* multipartPayloads(body: ReadableStream<Uint8Array>, boundary: string): AsyncGenerator<Payload> {
  const delimiter = `\r\n--${boundary}`;
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    for (let at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter)) {
      const part = text.slice(0, at);
      text = text.slice(at + delimiter.length);
      const bodyAt = part.indexOf('\r\n\r\n');
      if (bodyAt >= 0 && part.slice(bodyAt + 4).trim() !== '') yield JSON.parse(part.slice(bodyAt + 4)) as Payload;
    }
  }
}

/** The `next` events of a `text/event-stream` body (yoga's or graphql-sse's), each as its JSON, as they arrive. */
async function* eventPayloads(body: ReadableStream<Uint8Array>): AsyncGenerator<Payload> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true }).replace(/\r\n/g, '\n');
    for (let at = text.indexOf('\n\n'); at >= 0; at = text.indexOf('\n\n')) {
      const event = text.slice(0, at);
      text = text.slice(at + 2);
      const lines = event.split('\n');
      const name = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'message';
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
      if (name === 'complete') return;
      if ((name === 'next' || name === 'message') && data !== '') yield JSON.parse(data) as Payload;
    }
  }
}

/** The payloads of `response` as they arrive: multipart parts, event-stream events, or its one JSON body. */
export async function* payloadsOf(response: Response): AsyncGenerator<Payload> {
  const type = response.headers.get('content-type') ?? '';
  if (!response.body) return;
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/mixed') && boundary) yield* multipartPayloads(response.body, boundary);
  else if (type.startsWith('text/event-stream')) yield* eventPayloads(response.body);
  else yield (await response.json()) as Payload;
}

/** An iterator over `response`'s payloads, for reading them one by one (`await next()`). */
export function reader(response: Response): { next(): Promise<Payload | undefined>; rest(): Promise<Payload[]> } {
  const iterator = payloadsOf(response)[Symbol.asyncIterator]();
  return {
    next: async () => {
      const step = await iterator.next();
      return step.done ? undefined : step.value;
    },
    rest: async () => {
      const all: Payload[] = [];
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) all.push(step.value);
      return all;
    },
  };
}
