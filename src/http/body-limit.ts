/**
 * The request body limit (`MAX_BODY_BYTES`): a larger body is refused with
 * 413 as soon as it passes the limit, before yoga reads it; the body read
 * here is handed on so nothing reads it twice.
 */
import type http from 'node:http';

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** `next` for requests within `limit` bytes; 413 BAD_USER_INPUT otherwise. GET, HEAD and OPTIONS pass as they are. */
export function withBodyLimit(limit: number, next: Listener): Listener {
  return (req, res) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next(req, res);
    readLimited(req, limit).then(
      (body) => {
        if (body.length > 0) (req as http.IncomingMessage & { body?: Buffer }).body = body;
        next(req, res);
      },
      () => {
        res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({
          errors: [{ message: `The request body is larger than ${limit} bytes.`, extensions: { code: 'BAD_USER_INPUT' } }],
        }));
      },
    );
  };
}

/** The request body, or a rejection as soon as it passes `limit` bytes. */
function readLimited(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(new Error('too large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
