// Exports each service's OpenAPI document to openapi/<service>.json (`pnpm openapi:export`), or
// with --check fails when a committed document differs from what the code describes
// (`pnpm openapi:check`), so an API change cannot land without its document. Each app is built
// as the tests build it, without listening, on an in-memory PGlite database that is never
// migrated: the document needs the routes, not the data.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { buildCartApp } from '../services/cart/src/app.js';
import { loadConfig as loadCartConfig } from '../services/cart/src/config.js';
import { buildCustomersApp } from '../services/customers/src/app.js';
import { loadConfig as loadCustomersConfig } from '../services/customers/src/config.js';

const check = process.argv.includes('--check');
const outputDir = new URL('../openapi/', import.meta.url);

// Every optional route is on (introspection), nothing touches a disk or a network.
const common = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'pglite://memory',
  MIGRATE_ON_START: 'false',
  DEMO_DATA: 'false',
  METRICS_ENABLED: 'true',
};

async function documentOf(service: 'customers' | 'cart'): Promise<unknown> {
  const app =
    service === 'customers'
      ? await buildCustomersApp(
          loadCustomersConfig({
            ...common,
            JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
              .privateKey.export({ type: 'pkcs8', format: 'pem' })
              .toString(),
            JWT_KEY_ID: 'openapi-export',
            INTROSPECTION_CLIENT_SECRET: 'openapi-export-secret-0123456789',
          }),
        )
      : await buildCartApp(loadCartConfig(common));
  try {
    return app.http.swagger();
  } finally {
    await app.close();
  }
}

const services = ['customers', 'cart'] as const;
// Built side by side: each app's start is mostly PGlite's, which waits on its own I/O.
const documents = await Promise.all(services.map(documentOf));
let stale = 0;
for (const [index, service] of services.entries()) {
  const file = new URL(`${service}.json`, outputDir);
  const path = fileURLToPath(file);
  const text = await format(JSON.stringify(documents[index]), {
    ...(await resolveConfig(path)),
    filepath: path,
  });
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // not exported yet
  }
  if (check) {
    if (committed !== text) {
      stale += 1;
      console.error(`openapi/${service}.json is out of date: run pnpm openapi:export and commit it.`);
    } else {
      console.log(`openapi/${service}.json is up to date`);
    }
  } else if (committed !== text) {
    writeFileSync(file, text);
    console.log(`wrote openapi/${service}.json`);
  } else {
    console.log(`openapi/${service}.json unchanged`);
  }
}
process.exit(stale > 0 ? 1 : 0);
