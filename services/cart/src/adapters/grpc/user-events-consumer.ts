import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  heartbeatEventType,
  loadUserEventsProto,
  type UserEvent__Output,
  type UserEventsServiceClient,
} from '@cartwright/protos';
import type { Telemetry } from '@cartwright/platform/telemetry';
import type { UserEvent } from '../../domain/user-event.js';
import type { UserDirectory } from '../../ports.js';

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ConsumerSettings {
  /** The heartbeat period asked of customers; the stream is dropped after three silent ones. */
  heartbeatSeconds: number;
  /** Reconnection backoff: doubles from `initialBackoffMs` up to `maxBackoffMs`, with jitter. */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/** The UserEventsService client, on the channel cart already keeps to customers. */
export function userEventsClientOn(channel: ReturnType<grpc.Client['getChannel']>): UserEventsServiceClient {
  const proto = loadUserEventsProto();
  // channelOverride: one HTTP/2 connection (and its keepalive, TLS and backoff) for both services.
  return new proto.customers.v1.UserEventsService('unused', grpc.credentials.createInsecure(), {
    channelOverride: channel,
  });
}

/** FindExistingUsers as the reconciliation use case asks it. */
export function userDirectoryOf(client: UserEventsServiceClient, deadlineMs: number): UserDirectory {
  return {
    existing: (userIds) =>
      new Promise((resolve, reject) => {
        client.FindExistingUsers(
          { user_ids: [...userIds] },
          { deadline: Date.now() + deadlineMs },
          (error, response) => (error ? reject(error) : resolve(response?.user_ids ?? [])),
        );
      }),
  };
}

const eventOf = (message: UserEvent__Output): UserEvent => ({
  id: message.id,
  type: message.type,
  userId: message.user_id,
  occurredAt: new Date(
    Number(message.occurred_at?.seconds ?? 0) * 1000 + (message.occurred_at?.nanos ?? 0) / 1e6,
  ),
});

type StreamOutcome =
  | { kind: 'ended'; progressed: boolean; error?: unknown }
  | { kind: 'out_of_range' }
  | { kind: 'fatal'; error: unknown };

/**
 * Cart's one consumer of customers' user events (while it holds the consumer lock): subscribes
 * after its stored cursor, applies each event in order (the apply moves the cursor in the same
 * transaction), reconnects with capped exponential backoff when the stream breaks, and
 * reconciles when its cursor is empty (first start: deletions made before events existed) or
 * out of customers' retention. Returns when `lost` aborts or a fatal error (the test fault)
 * stops it.
 */
export function createUserEventsConsumer(options: {
  client: UserEventsServiceClient;
  cursor: () => Promise<string>;
  apply: (event: UserEvent) => Promise<void>;
  reconcile: () => Promise<number>;
  resetCursor: () => Promise<void>;
  /** Errors that stop the consumer as if its process had died there (the test-only fault). */
  isFatal: (error: unknown) => boolean;
  settings: ConsumerSettings;
  telemetry: Telemetry;
  log: Log;
}) {
  const { settings, log } = options;
  const metrics = options.telemetry.metrics;
  const applied = metrics.counter('cart_user_events_applied_total', 'User events applied, by type', ['type']);
  const lastApplied = metrics.gauge(
    'cart_user_events_last_applied_timestamp_seconds',
    'When the last applied user event happened in customers (Unix time)',
    [],
  );
  const lag = metrics.gauge(
    'cart_user_events_lag_seconds',
    'How far behind customers the consumer is: age of the event just applied, 0 once a heartbeat says it is caught up',
    [],
  );
  const active = metrics.gauge(
    'cart_user_events_consumer_active',
    '1 on the replica that holds the consumer lock and streams events, 0 elsewhere',
    [],
  );
  const restarts = metrics.counter(
    'cart_user_events_stream_restarts_total',
    'Event streams that ended and were opened again, by reason',
    ['reason'],
  );
  const reconciled = metrics.counter(
    'cart_user_events_reconciled_users_total',
    'Users erased by reconciliation (customers no longer knows them)',
    [],
  );
  const tracer = options.telemetry.tracing?.tracer;

  const applyTraced = async (event: UserEvent) => {
    if (!tracer) return options.apply(event);
    // One span per applied event, its SQL statements as children, like one request's trace.
    return tracer.startActiveSpan(
      `apply ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'cartwright',
          'messaging.operation.type': 'process',
          'messaging.destination.name': 'customers.v1.UserEventsService/Subscribe',
          'messaging.message.id': event.id,
          'cartwright.user_event.type': event.type,
        },
      },
      async (span) => {
        try {
          await options.apply(event);
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };

  const reconcile = async (why: string) => {
    const erased = await options.reconcile();
    reconciled.inc(erased);
    log.info({ erased, why }, 'user events: reconciled with customers');
  };

  async function streamOnce(after: string, lost: AbortSignal): Promise<StreamOutcome> {
    const call = options.client.Subscribe({ after, heartbeat_seconds: settings.heartbeatSeconds });
    const cancel = () => call.cancel();
    lost.addEventListener('abort', cancel);
    // A stream can look open while nothing arrives (a frozen server, a half-dead connection):
    // three missed heartbeats and it is dropped and opened again.
    let watchdog: NodeJS.Timeout | undefined;
    const rearm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(cancel, settings.heartbeatSeconds * 3000);
    };
    rearm();
    let progressed = false;
    try {
      for await (const message of call as AsyncIterable<UserEvent__Output>) {
        rearm();
        if (message.type === heartbeatEventType) {
          lag.set(0);
          continue;
        }
        const event = eventOf(message);
        await applyTraced(event);
        progressed = true;
        applied.inc({ type: event.type });
        lastApplied.set(event.occurredAt.getTime() / 1000);
        lag.set(Math.max(0, (Date.now() - event.occurredAt.getTime()) / 1000));
      }
      return { kind: 'ended', progressed };
    } catch (error) {
      if ((error as grpc.ServiceError).code === grpc.status.OUT_OF_RANGE) return { kind: 'out_of_range' };
      if (options.isFatal(error)) return { kind: 'fatal', error };
      return { kind: 'ended', progressed, error };
    } finally {
      clearTimeout(watchdog);
      lost.removeEventListener('abort', cancel);
      call.cancel();
    }
  }

  /** Consumes until `lost` aborts; false when a fatal error stopped it. */
  async function consume(lost: AbortSignal): Promise<boolean> {
    active.set(1);
    let backoff = settings.initialBackoffMs;
    // Set right after an out-of-range reconciliation, whose reset cursor needs no second one.
    let justReconciled = false;
    try {
      while (!lost.aborted) {
        let outcome: StreamOutcome;
        try {
          const after = await options.cursor();
          if (after === '' && !justReconciled) await reconcile('no cursor yet');
          justReconciled = false;
          outcome = await streamOnce(after, lost);
        } catch (error) {
          // The database or customers' FindExistingUsers failed: retried like a broken stream.
          outcome = { kind: 'ended', progressed: false, error };
        }
        if (lost.aborted) break;
        if (outcome.kind === 'fatal') {
          log.error({ err: outcome.error }, 'user events consumer stopped');
          return false;
        }
        if (outcome.kind === 'out_of_range') {
          restarts.inc({ reason: 'out_of_range' });
          log.warn({}, 'user events: cursor out of customers retention, reconciling');
          try {
            await reconcile('cursor out of range');
            await options.resetCursor();
            justReconciled = true;
            backoff = settings.initialBackoffMs;
            continue;
          } catch (error) {
            log.warn({ err: error }, 'user events: reconciliation failed, retrying');
          }
        } else {
          restarts.inc({ reason: outcome.error ? 'error' : 'ended' });
          if (outcome.progressed) backoff = settings.initialBackoffMs;
          if (outcome.error) {
            const code = (outcome.error as grpc.ServiceError).code;
            log.warn(
              { err: outcome.error, grpc_code: code === undefined ? undefined : grpc.status[code] },
              'user events: stream broken, reconnecting',
            );
          }
        }
        // Half the delay random, so replicas and restarts do not reconnect in lockstep.
        const delay = Math.round(backoff / 2 + (Math.random() * backoff) / 2);
        await sleep(delay, undefined, { signal: lost }).catch(() => {});
        backoff = Math.min(backoff * 2, settings.maxBackoffMs);
      }
      return true;
    } finally {
      active.set(0);
    }
  }

  return { consume };
}
