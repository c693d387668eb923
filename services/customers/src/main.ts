import { redactUrl } from '@cartwright/platform/database';
import { beginDraining } from '@cartwright/platform/http';
import { exitOnSignals, runEntryPoint } from '@cartwright/platform/lifecycle';
import { buildCustomersApp } from './app.js';
import { loadConfig } from './config.js';

await runEntryPoint(async () => {
  const config = loadConfig(process.env);
  const app = await buildCustomersApp(config);
  const httpUrl = await app.http.listen({ host: config.http.host, port: config.http.port });
  const grpcPort = await app.grpcServer.listen(config.grpc.host, config.grpc.port);
  const metrics = config.telemetry.metrics;
  if (metrics.enabled && metrics.port !== undefined) {
    const port = await app.listenMetrics(config.http.host, metrics.port);
    app.log.info(`metrics:    http://${config.http.host}:${port}/metrics`);
  }
  if (config.telemetry.tracing)
    app.log.info(`tracing:    OTLP to ${redactUrl(config.telemetry.tracing.url.split('?')[0] ?? '')}`);
  app.log.info(`database: ${app.database.description}`);
  app.log.info(`REST API:   ${httpUrl}/api/v1  (Swagger UI ${httpUrl}/docs)`);
  app.log.info(
    `gRPC:       ${config.grpc.host}:${grpcPort} (${config.grpc.tls ? (config.grpc.tls.clientCa ? 'mutual TLS' : 'TLS') : 'plaintext'})`,
  );
  // Ended and expired sessions are kept while a refresh token of theirs could still be replayed
  // (so the replay counts as reuse), then deleted. Every replica may run it: the DELETE is
  // idempotent. Once at start, then hourly.
  const pruneSessions = () =>
    app.useCases.pruneSessions().then(
      (pruned) => {
        if (pruned > 0) app.log.info(`sessions: pruned ${pruned} ended or expired session(s)`);
      },
      (error: unknown) => app.log.warn({ err: error }, 'sessions: pruning failed, will retry'),
    );
  void pruneSessions();
  const pruning = setInterval(() => void pruneSessions(), 3_600_000);
  pruning.unref();
  exitOnSignals({
    drain: { begin: () => beginDraining(app.http), delayMs: config.shutdownDrainMs },
    stop: async () => {
      clearInterval(pruning);
      await app.close();
    },
    log: app.log,
  });
});
