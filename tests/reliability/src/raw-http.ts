import { request } from 'node:http';

export type RawOutcome =
  | { kind: 'answered'; status: number; body: string; contentType: string | undefined }
  /** The TCP connection was refused: the listener is closed (what a stopped server must do). */
  | { kind: 'refused' }
  /** Anything else: reset, hang-up mid-answer, timeout. A client must never see this. */
  | { kind: 'broken'; error: string };

/**
 * One request on a connection of its own (`agent: false`, `Connection: close`), so a refused
 * connection and a reset of a started request can be told apart, which fetch's pooled
 * keep-alive connections blur.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const url = new URL(path, baseUrl);
    const req = request(
      url,
      {
        method,
        agent: false,
        headers: {
          connection: 'close',
          // Node's client frames a body without a length only for methods it expects one on; on
          // DELETE it sends the bytes unframed, which a server rightly reads as a request with no
          // body followed by garbage (and runs that request). State the length, as every real
          // client does.
          ...(options.body !== undefined
            ? { 'content-length': String(Buffer.byteLength(options.body)) }
            : {}),
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            kind: 'answered',
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            contentType: res.headers['content-type'],
          }),
        );
        res.on('error', (error) => resolve({ kind: 'broken', error: String(error) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'broken', error: String(error) }),
    );
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
