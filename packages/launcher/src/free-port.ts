import { createServer } from 'node:net';

/**
 * A TCP port on loopback that was free a moment ago: the OS picks it, and it is closed again
 * before the caller's process binds it (a race another process could win, rare on loopback).
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('loopback listener has no port'));
      });
    });
  });
}
