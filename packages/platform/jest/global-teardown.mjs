import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const { teardownTestDatabases } = await tsImport('../src/testing/provision.ts', import.meta.url);
  await teardownTestDatabases();
}
