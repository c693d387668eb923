import { redactUrl } from '@cartwright/platform/database';
import { beginDraining } from '@cartwright/platform/http';
import { exitOnSignals, runEntryPoint } from '@cartwright/platform/lifecycle';
import { buildCartApp } from './app.js';
import { loadConfig } from './config.js';

await runEntryPoint(async () => {
  const config = loadConfig(process.env);
  const app = await buildCartApp(config);
  const address = await app.http.listen({ host: config.http.host, port: config.http.port });
  app.orderExpiry.start();
  if (config.userEvents.consume) app.startUserEventsConsumer();
  const metrics = config.telemetry.metrics;
  const metricsPort =
    metrics.enabled && metrics.port !== undefined
      ? await app.listenMetrics(config.http.host, metrics.port)
      : undefined;

  app.logger.info(
    {
      database: app.database.description,
      customers: config.customers.target,
      tls: config.customers.tls ? (config.customers.tls.certFile ? 'mutual' : 'server') : 'off',
      metrics: metrics.enabled
        ? `${metricsPort ? `http://${config.http.host}:${metricsPort}` : address}/metrics`
        : 'off',
      tracing: config.telemetry.tracing
        ? `OTLP to ${redactUrl(config.telemetry.tracing.url.split('?')[0] ?? '')}`
        : 'off',
    },
    'cart service ready',
  );
  console.log(`cart      ${address}  (Swagger UI ${address}/docs, OpenAPI ${address}/docs/json)`);

  exitOnSignals({
    drain: { begin: () => beginDraining(app.http), delayMs: config.shutdownDrainMs },
    stop: app.close,
    log: app.logger,
  });
});
