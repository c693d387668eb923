// One jest run over every workspace package, so `pnpm test` prints one summary. Each project
// gets its own test databases from the platform's global setup (packages/platform/jest/).
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const project = (dir, name) => ({
  displayName: name,
  rootDir: here(dir),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Workspace packages are tested from source: no build step before `pnpm test`.
  testEnvironmentOptions: { customExportConditions: ['source', 'node', 'node-addons'] },
  globalSetup: here('./packages/platform/jest/global-setup.mjs'),
  globalTeardown: here('./packages/platform/jest/global-teardown.mjs'),
});

export default {
  projects: [
    project('./packages/platform', 'platform'),
    project('./packages/launcher', 'launcher'),
    project('./services/customers', 'customers'),
    project('./services/cart', 'cart'),
    project('./apps/storefront', 'storefront-app'),
    project('./tests/e2e', 'e2e'),
    project('./tests/deploy', 'deploy'),
    project('./tests/reliability', 'reliability'),
    project('./tests/storefront', 'storefront'),
    project('./bench', 'bench'),
    project('./tests/contract', 'contract'),
  ],
  // A backstop for a hang, not a bound on speed: tests wait on conditions. On PGlite with both
  // cores busy, opening a database and starting an app takes several times its quiet 5 s, and
  // a tighter default failed suites that were only slow.
  testTimeout: 120_000,
  // On 2 cores jest runs the files in band, in its own process: one library handle left behind
  // (a gRPC channel's idle timer, a keep-alive socket) keeps it alive after the summary and
  // would hang CI. Each suite closes what it opens; this is the backstop, not the cleanup.
  forceExit: true,
};
