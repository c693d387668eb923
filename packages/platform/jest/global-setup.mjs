// Jest loads global setup with Node's own loader, not through its transform: tsx lets this
// plain module import the TypeScript sources (no build step needed before testing).
//
// Jest runs a global setup module once per run, not once per project, when projects share
// it. So it provisions a template (or snapshot) for every service that has migrations.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const services = fileURLToPath(new URL('../../../services', import.meta.url));

export default async function globalSetup() {
  const { provisionTestDatabases } = await tsImport('../src/testing/provision.ts', import.meta.url);
  await provisionTestDatabases({ service: 'platform', migrationsDir: undefined });
  for (const service of readdirSync(services).sort()) {
    const migrationsDir = join(services, service, 'migrations');
    if (existsSync(migrationsDir)) await provisionTestDatabases({ service, migrationsDir });
  }
}
