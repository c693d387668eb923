import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import {
  loadAuthProto,
  type AuthServiceClient,
  type ValidateTokenResponse__Output,
  type ValidateTokensResponse__Output,
} from '@cartwright/protos';
import { SpanKind, SpanStatusCode, context, trace, type Span } from '@opentelemetry/api';
import { createRpcClientTelemetry, type Telemetry } from '@cartwright/platform/telemetry';
import type { CustomersClientConfig } from '../../config.js';
import type { Caller } from '../../domain/caller.js';
import { AuthServiceUnavailable } from '../../domain/errors.js';
import type { Authenticator } from '../../ports.js';

export interface CustomersClient {
  authenticator: Authenticator;
  /** The one client (one channel) every request shares; exposed for tests and shutdown. */
  readonly client: AuthServiceClient;
  /** Resolves once the channel is connected (within the call deadline); for /readyz only. */
  checkReachable(): Promise<void>;
  close(): void;
}

interface Log {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * What each gRPC status means for the caller. Only UNAUTHENTICATED says "this token is bad";
 * everything else means customers could not give an answer, which must never become a 403 or
 * a 500 for a caller whose token may be fine: it is 503, retry shortly.
 */
const statusTable: Partial<Record<grpc.status, 'refused' | 'unavailable'>> = {
  [grpc.status.UNAUTHENTICATED]: 'refused',
  [grpc.status.UNAVAILABLE]: 'unavailable',
  [grpc.status.DEADLINE_EXCEEDED]: 'unavailable',
  [grpc.status.RESOURCE_EXHAUSTED]: 'unavailable',
  [grpc.status.CANCELLED]: 'unavailable',
};

function channelOptions(config: CustomersClientConfig): grpc.ChannelOptions {
  return {
    // The only setting grpc-js honours for load balancing: with a dns:/// target it opens a
    // connection to every address the name resolves to and spreads calls over them.
    'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
    // No TXT lookups that could replace the policy above.
    'grpc.service_config_disable_resolution': 1,
    // Pings detect a dead idle connection (customers host gone, NAT dropped the flow) before a
    // request does; without them the next call hangs until its deadline.
    'grpc.keepalive_time_ms': config.keepaliveMs,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.keepalive_permit_without_calls': 1,
    // Reconnect quickly after a customers restart; the default backoff grows to 120 s. The cap
    // plus grpc-js's ±20 % jitter stays under the 2 s recovery the service promises.
    'grpc.initial_reconnect_backoff_ms': 200,
    'grpc.max_reconnect_backoff_ms': 1000,
    ...(config.tls?.serverName
      ? {
          'grpc.ssl_target_name_override': config.tls.serverName,
          'grpc.default_authority': config.tls.serverName,
        }
      : {}),
  };
}

function credentialsOf(config: CustomersClientConfig): grpc.ChannelCredentials {
  const tls = config.tls;
  if (!tls) return grpc.credentials.createInsecure();
  // Read once at start-up: a missing file fails the start, not the first request.
  const ca = readFileSync(tls.caFile);
  if (tls.certFile && tls.keyFile) {
    return grpc.credentials.createSsl(ca, readFileSync(tls.keyFile), readFileSync(tls.certFile));
  }
  return grpc.credentials.createSsl(ca);
}

function callerOf(response: ValidateTokenResponse__Output): Caller | undefined {
  if (!response.user_id) return undefined;
  return { userId: response.user_id, email: response.email, isAdmin: response.is_admin };
}

/**
 * The channel to customers, created once at start-up and shared by every request. grpc-js
 * reconnects it by itself; each call carries its own deadline so none can hang.
 */
export function createCustomersClient(
  config: CustomersClientConfig,
  log: Log,
  telemetry: Telemetry,
): CustomersClient {
  const proto = loadAuthProto();
  const client = new proto.customers.v1.AuthService(
    config.target,
    credentialsOf(config),
    channelOptions(config),
  );
  const rpc = createRpcClientTelemetry(telemetry);
  const tracer = telemetry.tracing?.tracer;
  const batchSizes = telemetry.metrics.histogram(
    'auth_validation_batch_size',
    'Tokens per ValidateTokens call (validations coalesced into one RPC)',
    [],
    [1, 2, 4, 8, 16, 32, 64, 128, 256],
  );
  const stopWatchingChannel = watchChannelState(client, telemetry);
  const metadataOf = (headers: Record<string, string>) => {
    const metadata = new grpc.Metadata();
    for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
    return metadata;
  };
  const statusName = (error: grpc.ServiceError | null) =>
    grpc.status[error?.code ?? grpc.status.OK] ?? String(error?.code);

  /** A status that is not an answer about the token: logged, and a 503 for every caller. */
  const unavailable = (rpc: string, error: grpc.ServiceError | null) => {
    const code = error?.code ?? grpc.status.UNKNOWN;
    const details = { target: config.target, grpc_code: grpc.status[code], grpc_details: error?.details };
    if (statusTable[code] === 'unavailable') log.warn(details, 'customers unavailable');
    // An unexpected status is a bug on one side or the other: loud, but still a 503.
    else log.error(details, `unexpected status from customers ${rpc}`);
    return new AuthServiceUnavailable(grpc.status[code] ?? String(code));
  };

  const validateOne = (token: string): Promise<Caller | null> =>
    new Promise((resolve, reject) => {
      const call = rpc.start(`${authService}/ValidateToken`, tracer ? context.active() : undefined);
      client.ValidateToken(
        { token },
        metadataOf(call.metadata),
        { deadline: Date.now() + config.deadlineMs },
        (error, response) => {
          call.end(statusName(error), error?.code ?? grpc.status.OK);
          if (!error && response) {
            const caller = callerOf(response);
            if (caller) return resolve(caller);
            log.error({ target: config.target }, 'customers answered ValidateToken without a user id');
            return reject(new AuthServiceUnavailable('malformed answer'));
          }
          if (error && statusTable[error.code] === 'refused') return resolve(null);
          reject(unavailable('ValidateToken', error));
        },
      );
    });

  /*
   * Coalescing: every validation that starts in one turn of the event loop (under load, all the
   * requests one socket read delivered) waits for setImmediate and then goes out as ONE
   * ValidateTokens call: one HTTP/2 message and one users read in customers for up to
   * `maxBatch` requests. Nothing is cached: each request still gets a verdict read from the user
   * rows after it arrived, so revocation stays immediate. Costs under a millisecond of latency.
   */
  interface Waiter {
    token: string;
    resolve: (caller: Caller | null) => void;
    reject: (error: Error) => void;
    /** Tracing: this request's wait for its verdict, in its own trace. */
    span: Span | undefined;
  }
  let queue: Waiter[] = [];
  let scheduled = false;

  const sendBatch = (batch: Waiter[]) => {
    const fail = (error: Error) =>
      batch.forEach((w) => {
        w.span?.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        w.span?.end();
        w.reject(error);
      });
    batchSizes.observe(batch.length);
    // One RPC serves requests of many traces: it is a child of the first and links the others.
    const first = batch[0]?.span;
    const call = rpc.start(
      `${authService}/ValidateTokens`,
      first ? trace.setSpan(context.active(), first) : undefined,
      batch.slice(1).flatMap((w) => (w.span ? [w.span.spanContext()] : [])),
    );
    call.span?.setAttribute('cartwright.batch_size', batch.length);
    client.ValidateTokens(
      { tokens: batch.map((w) => w.token) },
      metadataOf(call.metadata),
      { deadline: Date.now() + config.deadlineMs },
      (error, response?: ValidateTokensResponse__Output) => {
        call.end(statusName(error), error?.code ?? grpc.status.OK);
        if (error || !response) return fail(unavailable('ValidateTokens', error));
        if (response.results.length !== batch.length) {
          log.error({ target: config.target }, 'customers answered ValidateTokens with a wrong result count');
          return fail(new AuthServiceUnavailable('malformed answer'));
        }
        batch.forEach((waiter, i) => {
          waiter.span?.end();
          const result = response.results[i];
          if (!result?.valid) return waiter.resolve(null);
          const caller = result.caller ? callerOf(result.caller) : undefined;
          if (caller) return waiter.resolve(caller);
          log.error({ target: config.target }, 'customers answered ValidateTokens without a user id');
          waiter.reject(new AuthServiceUnavailable('malformed answer'));
        });
      },
    );
  };

  const flush = () => {
    scheduled = false;
    const waiting = queue;
    queue = [];
    for (let i = 0; i < waiting.length; i += config.maxBatch)
      sendBatch(waiting.slice(i, i + config.maxBatch));
  };

  const validateBatched = (token: string): Promise<Caller | null> =>
    new Promise((resolve, reject) => {
      const parent = tracer ? context.active() : undefined;
      const span =
        tracer && parent && trace.getSpan(parent)
          ? tracer.startSpan('validate token', { kind: SpanKind.INTERNAL }, parent)
          : undefined;
      queue.push({ token, resolve, reject, span });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });

  const validate = config.batching ? validateBatched : validateOne;

  return {
    authenticator: { validate },
    client,
    checkReachable: () =>
      new Promise((resolve, reject) => {
        client.waitForReady(Date.now() + config.deadlineMs, (error) => (error ? reject(error) : resolve()));
      }),
    close: () => {
      stopWatchingChannel();
      client.close();
    },
  };
}

const authService = 'customers.v1.AuthService';

/**
 * `grpc_client_channel_state{state}` (1 for the current state) and a counter of transitions:
 * a channel flapping between READY and TRANSIENT_FAILURE shows before requests fail.
 */
function watchChannelState(client: grpc.Client, telemetry: Telemetry): () => void {
  const channel = client.getChannel();
  const states = Object.keys(grpc.connectivityState).filter((k) => Number.isNaN(Number(k)));
  let current = channel.getConnectivityState(false);
  telemetry.metrics.gauge(
    'grpc_client_channel_state',
    'The customers channel: 1 for its current state',
    ['state'],
    (gauge) => {
      for (const state of states) gauge.set({ state }, grpc.connectivityState[current] === state ? 1 : 0);
    },
  );
  const changes = telemetry.metrics.counter(
    'grpc_client_channel_state_changes_total',
    'Transitions of the customers channel, by the state entered',
    ['state'],
  );
  let stopped = false;
  const watch = () => {
    // An infinite deadline sets no timer: nothing here keeps the process alive.
    channel.watchConnectivityState(current, Infinity, () => {
      if (stopped) return;
      current = channel.getConnectivityState(false);
      changes.inc({ state: grpc.connectivityState[current] });
      if (current !== grpc.connectivityState.SHUTDOWN) watch();
    });
  };
  watch();
  return () => {
    stopped = true;
  };
}
