import type * as http from 'node:http';

export type RequestBody =
  | { kind: 'complete'; body: Buffer }
  /** More bytes than the limit were declared or sent; reading stopped there. */
  | { kind: 'tooLarge'; bytes: number }
  /** The client went away (or the server's request timeout closed the connection) before the end. */
  | { kind: 'aborted' };

/**
 * A request's body, refused as soon as it declares or passes `limit` bytes: nothing beyond the limit
 * is buffered, and reading stops so the client cannot keep the host busy with the rest.
 */
export function readRequestBody(req: http.IncomingMessage, limit: number): Promise<RequestBody> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.pause();
    return Promise.resolve({ kind: 'tooLarge', bytes: declared });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: RequestBody) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        chunks.length = 0;
        settle({ kind: 'tooLarge', bytes: size });
      } else {
        chunks.push(chunk);
      }
    };
    req.on('data', onData);
    req.on('end', () => settle({ kind: 'complete', body: Buffer.concat(chunks) }));
    req.on('close', () => settle({ kind: 'aborted' }));
    req.on('error', () => settle({ kind: 'aborted' }));
  });
}
