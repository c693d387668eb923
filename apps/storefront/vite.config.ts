import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/**
 * The app learns the services' URLs at run time from /config.json, so one build serves every
 * deployment: `public/config.json` holds the local defaults, compose and Kubernetes answer their
 * own, the browser tests point it at services on port 0. The dev and preview servers answer it
 * from STOREFRONT_CUSTOMERS_URL / STOREFRONT_CART_URL when set (pnpm start sets both).
 */
function runtimeConfig(): Plugin {
  const customersUrl = process.env.STOREFRONT_CUSTOMERS_URL;
  const cartUrl = process.env.STOREFRONT_CART_URL;
  const answer = (_request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if (!customersUrl || !cartUrl) return next();
    response.setHeader('content-type', 'application/json');
    response.setHeader('cache-control', 'no-store');
    response.end(JSON.stringify({ customersUrl, cartUrl }));
  };
  return {
    name: 'cartwright-runtime-config',
    configureServer: (server) => void server.middlewares.use('/config.json', answer),
    configurePreviewServer: (server) => void server.middlewares.use('/config.json', answer),
  };
}

export default defineConfig({
  plugins: [runtimeConfig()],
  // The workspace's client is bundled from its TypeScript sources, as the tests use it: no
  // build of packages/client has to come first.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // 127.0.0.1, not localhost: the services' default CORS origins name both, and a fixed port
  // keeps the origin the services were told about.
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: { target: 'es2022' },
});
