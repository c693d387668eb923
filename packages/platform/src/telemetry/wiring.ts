import type { Server } from 'node:http';
import type { AppDatabase, Database } from '../database.js';
import { createQueryObserver } from './database.js';
import { listenMetrics } from './http.js';
import type { Telemetry } from './telemetry.js';

/**
 * The database as repositories should see it: timed and traced when someone looks (metrics on,
 * or tracing), the plain instance otherwise. PGlite is one connection, whatever the pool says.
 */
export function observedDatabase<TSchema extends Record<string, unknown>>(
  database: Database<TSchema>,
  telemetry: Telemetry,
  poolMax: number,
): AppDatabase<TSchema> {
  if (!telemetry.metricsEnabled && !telemetry.tracing) return database.db;
  return database.observed(
    createQueryObserver(telemetry.metrics, telemetry.tracing, {
      max: database.kind === 'pglite' ? 1 : poolMax,
    }),
  );
}

/** `GET /metrics` on a port of its own (METRICS_PORT), started on demand and closed with the app. */
export function metricsListener(telemetry: Telemetry) {
  let server: Server | undefined;
  return {
    async listen(host: string, port: number): Promise<number> {
      server = await listenMetrics(telemetry, host, port);
      return (server.address() as { port: number }).port;
    },
    close: () => new Promise<void>((done) => (server ? server.close(() => done()) : done())),
  };
}
