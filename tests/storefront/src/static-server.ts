import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticSite {
  origin: string;
  /** What GET /config.json answers from now on. */
  setConfig(config: { customersUrl: string; cartUrl: string }): void;
  close(): Promise<void>;
}

/**
 * The built storefront as a production host serves it: files from `dist/`, any other path
 * answered with index.html (the app routes in the browser), /config.json from the test.
 * Listens on port 0 of loopback.
 */
export async function serveStorefront(dist: string): Promise<StaticSite> {
  let config = {};
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      if (path === '/config.json') {
        response.writeHead(200, { 'content-type': types['.json']!, 'cache-control': 'no-store' });
        return response.end(JSON.stringify(config));
      }
      const file = normalize(join(dist, path));
      const inside = file.startsWith(dist + sep);
      const body = inside && extname(file) ? await readFile(file).catch(() => undefined) : undefined;
      if (body) {
        response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
        return response.end(body);
      }
      if (extname(path)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': types['.html']! });
      response.end(await readFile(join(dist, 'index.html')));
    })().catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    setConfig: (next) => {
      config = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
