// Jest loads global setup with Node's own loader, not through its transform: tsx lets this
// plain module import the TypeScript sources (no build step needed before testing).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup(_globalConfig, projectConfig) {
  const { provisionTestDatabases } = await tsImport('../src/testing/provision.ts', import.meta.url);
  const migrationsDir = join(projectConfig.rootDir, 'migrations');
  await provisionTestDatabases({
    service: projectConfig.displayName?.name ?? projectConfig.id,
    migrationsDir: existsSync(migrationsDir) ? migrationsDir : undefined,
  });
}
