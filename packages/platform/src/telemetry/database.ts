import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { AppDatabase, Database, QueryObserver } from '../database.js';
import type { Metrics } from './metrics.js';
import type { Telemetry } from './telemetry.js';
import type { Tracing } from './tracing.js';

const statementShape = /^\s*(select|insert|update|delete|with)\b/i;
const tableAfterKeyword = /\b(?:from|into|update)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/i;
const knownOperations = new Map<string, { operation: string; table: string | undefined }>();

/**
 * "select carts", "insert cart_items": the operation and main table of a statement, the low-
 * cardinality name its span and its histogram use. Statements are parameterised ($1, $2...), so
 * the text holds no values; it is parsed once per distinct text.
 */
export function operationOf(text: string): { operation: string; table: string | undefined } {
  const known = knownOperations.get(text);
  if (known) return known;
  const verb = statementShape.exec(text)?.[1]?.toLowerCase() ?? 'other';
  const table = tableAfterKeyword.exec(text)?.[1];
  const found = { operation: table ? `${verb} ${table}` : verb, table };
  // Drizzle builds a bounded set of texts; the cap only guards against an unbounded one.
  if (knownOperations.size < 2000) knownOperations.set(text, found);
  return found;
}

/**
 * Times every statement into `db_client_operation_duration_seconds` and, when tracing and
 * inside a traced request, makes it a client span. Also keeps the pool counts postgres.js does
 * not expose: statements outside transactions in flight, and open transactions (each holds a
 * connection until it ends).
 */
export function createQueryObserver(
  metrics: Metrics,
  tracing: Tracing | undefined,
  pool: { max: number },
): QueryObserver {
  let statementsInFlight = 0;
  let transactionsOpen = 0;
  metrics.gauge('db_pool_connections_max', 'Connections the pool may open', [], (gauge) =>
    gauge.set(pool.max),
  );
  // postgres.js hands a statement to an idle connection first and only pipelines or queues
  // when all are busy, so demand beyond `max` is what waits.
  metrics.gauge(
    'db_pool_connections',
    'Pool connections by state: in_use, idle (includes not yet opened) and waiting (statements queued beyond the pool size)',
    ['state'],
    (gauge) => {
      const demand = statementsInFlight + transactionsOpen;
      const inUse = Math.min(pool.max, demand);
      gauge.set({ state: 'in_use' }, inUse);
      gauge.set({ state: 'idle' }, pool.max - inUse);
      gauge.set({ state: 'waiting' }, Math.max(0, demand - pool.max));
    },
  );
  const duration = metrics.db.duration;

  return {
    query(text, inTransaction) {
      const { operation, table } = operationOf(text);
      const started = performance.now();
      if (!inTransaction) statementsInFlight += 1;
      const parent = tracing ? context.active() : undefined;
      const span =
        tracing && parent && trace.getSpan(parent)
          ? tracing.tracer.startSpan(
              operation,
              {
                kind: SpanKind.CLIENT,
                attributes: {
                  'db.system.name': 'postgresql',
                  'db.operation.name': operation.split(' ')[0] ?? operation,
                  ...(table ? { 'db.collection.name': table } : {}),
                  // Parameterised text: placeholders, never the values.
                  'db.query.text': text,
                },
              },
              parent,
            )
          : undefined;
      return (error) => {
        if (!inTransaction) statementsInFlight -= 1;
        duration.observe({ operation }, (performance.now() - started) / 1000);
        if (span) {
          if (error) {
            const code = (error as { code?: unknown }).code;
            if (typeof code === 'string') span.setAttribute('db.response.status_code', code);
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          span.end();
        }
      };
    },

    async transaction(run) {
      transactionsOpen += 1;
      try {
        const parent = tracing ? context.active() : undefined;
        if (!tracing || !parent || !trace.getSpan(parent)) return await run();
        const span = tracing.tracer.startSpan('transaction', { kind: SpanKind.INTERNAL }, parent);
        try {
          return await context.with(trace.setSpan(parent, span), run);
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      } finally {
        transactionsOpen -= 1;
      }
    },
  };
}

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
