/**
 * The dependency rule (docs/architecture.md), enforced in `pnpm lint`: the inner layers
 * (domain, use cases) never depend on adapters or on framework, database and gRPC libraries.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing outside domain/ (Node built-ins are fine).',
      severity: 'error',
      from: { path: '/src/domain/' },
      to: { pathNot: ['/src/domain/', '^node:'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'use-cases-not-to-adapters',
      comment: 'use-cases/ reach the outside world only through ports.ts, never adapters/.',
      severity: 'error',
      from: { path: '/src/use-cases/' },
      to: { path: '/src/adapters/' },
    },
    {
      name: 'inner-layers-not-to-frameworks',
      comment:
        'domain/ and use-cases/ stay free of fastify, drizzle, postgres, gRPC, jose, argon2 and telemetry libraries.',
      severity: 'error',
      from: { path: '/src/(domain|use-cases)/' },
      to: {
        path: '/node_modules/(fastify|@fastify|drizzle-orm|postgres|@electric-sql|@grpc|grpc-health-check|jose|argon2|pino|@opentelemetry|prom-client)/',
      },
    },
    {
      name: 'ports-are-interfaces',
      comment: 'ports.ts describes what use cases need; it must not import adapters.',
      severity: 'error',
      from: { path: '/src/ports\\.ts$' },
      to: { path: '/src/adapters/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/dist/', '/generated/'] },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
