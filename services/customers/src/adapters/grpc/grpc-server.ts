import * as grpc from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import { createRpcServerTelemetry, runInContext, type Telemetry } from '@cartwright/platform/telemetry';
import {
  loadAuthProto,
  loadUserEventsProto,
  maxValidateTokensBatch,
  type AuthServiceHandlers,
  type ValidateTokenResponse,
} from '@cartwright/protos';
import type { BatchOutcome, Caller } from '../../use-cases/authenticate.js';
import { grpcStatusOf } from './status-table.js';
import type { UserEventsService } from './user-events-service.js';

export interface GrpcTls {
  cert: Buffer;
  key: Buffer;
  clientCa: Buffer | undefined;
}

export interface CustomersGrpcServer {
  readonly server: grpc.Server;
  /** Binds and starts serving; returns the bound port (useful with port 0). */
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
}

const authServiceName = 'customers.v1.AuthService';
const userEventsServiceName = 'customers.v1.UserEventsService';

export function createGrpcServer(options: {
  authenticate: (token: string) => Promise<Caller>;
  authenticateMany: (tokens: readonly string[]) => Promise<BatchOutcome[]>;
  /** Resolves when the database answers. */
  ping: () => Promise<void>;
  tls: GrpcTls | undefined;
  log: { warn(obj: unknown, msg: string): void; error(obj: unknown, msg: string): void };
  telemetry: Telemetry;
  healthIntervalMs?: number;
  /** Served on the same port, behind the same TLS or mutual TLS. */
  userEvents: UserEventsService;
}): CustomersGrpcServer {
  // W3C trace context arrives as `traceparent` metadata (grpc-js lower-cases keys).
  const rpc = createRpcServerTelemetry<grpc.Metadata>(options.telemetry, {
    keys: (metadata) => Object.keys(metadata.getMap()),
    get: (metadata, key) => {
      const values = metadata.get(key);
      return values.length > 0 ? values.map(String) : undefined;
    },
  });
  /** Ends the call's span and timer with the status the callback is given. */
  const observed = <R>(
    call: { metadata: grpc.Metadata },
    fullMethod: string,
    callback: grpc.sendUnaryData<R>,
  ) => {
    const observation = rpc.start(fullMethod, call.metadata);
    const answer: grpc.sendUnaryData<R> = (error, value) => {
      const code = error?.code ?? grpc.status.OK;
      observation.end(grpc.status[code] ?? String(code), code);
      callback(error, value);
    };
    const ids = observation.span?.spanContext();
    // Log lines about this call name its trace, like the HTTP request lines do.
    const traceIds = ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
    return { context: observation.context, answer, traceIds };
  };
  const server = new grpc.Server({
    // Clients (cart) ping idle connections every 30 s so a dead peer is noticed before a call
    // hangs. grpc-js answers pings more often than every 5 min with GOAWAY "too_many_pings"
    // unless allowed: permit pings without calls, at most one per 10 s.
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 10_000,
    // And the server drops clients that vanished without closing (laptop lid, dead pod).
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_timeout_ms': 20_000,
  });

  const responseOf = (caller: Caller): ValidateTokenResponse => {
    const millis = caller.tokenExpiresAt.getTime();
    return {
      user_id: caller.user.id,
      email: caller.user.email,
      // From the row just read, not from the token: a demotion counts at once.
      is_admin: caller.user.isAdmin,
      expires_at: { seconds: String(Math.floor(millis / 1000)), nanos: (millis % 1000) * 1_000_000 },
    };
  };
  const failureOf = (rpc: string, error: unknown, traceIds: object) => {
    const failure = grpcStatusOf(error);
    if (failure.code === grpc.status.UNAVAILABLE) {
      setServing('NOT_SERVING');
      options.log.warn({ err: error, ...traceIds }, `${rpc}: database unavailable`);
    } else if (failure.code === grpc.status.INTERNAL) {
      options.log.error({ err: error, ...traceIds }, `${rpc} failed`);
    }
    return failure;
  };

  const handlers: AuthServiceHandlers = {
    ValidateToken(call, reply) {
      const {
        context,
        answer: callback,
        traceIds,
      } = observed(call, `${authServiceName}/ValidateToken`, reply);
      runInContext(context, () => options.authenticate(call.request.token)).then(
        (caller) => callback(null, responseOf(caller)),
        (error: unknown) => callback(failureOf('ValidateToken', error, traceIds)),
      );
    },
    ValidateTokens(call, reply) {
      const {
        context,
        answer: callback,
        traceIds,
      } = observed(call, `${authServiceName}/ValidateTokens`, reply);
      const tokens = call.request.tokens;
      if (tokens.length > maxValidateTokensBatch) {
        callback({
          code: grpc.status.INVALID_ARGUMENT,
          details: `at most ${maxValidateTokensBatch} tokens per call, got ${tokens.length}`,
        });
        return;
      }
      runInContext(context, () => options.authenticateMany(tokens)).then(
        (outcomes) =>
          callback(null, {
            results: outcomes.map((o) =>
              o.valid ? { valid: true, caller: responseOf(o.caller) } : { valid: false },
            ),
          }),
        (error: unknown) => callback(failureOf('ValidateTokens', error, traceIds)),
      );
    },
  };
  server.addService(loadAuthProto().customers.v1.AuthService.service, handlers);
  server.addService(
    loadUserEventsProto().customers.v1.UserEventsService.service,
    options.userEvents.handlers,
  );

  // Health is checked periodically rather than on each Check call: a Check is then answered
  // from memory (a flood of probes cannot load the database), Watch streams get notified on
  // change, and a failed ValidateToken flips it to NOT_SERVING at once. It lags by at most
  // one interval when the database comes back.
  const health = new HealthImplementation({
    '': 'NOT_SERVING',
    [authServiceName]: 'NOT_SERVING',
    [userEventsServiceName]: 'NOT_SERVING',
  });
  health.addToServer(server);
  let current: ServingStatus = 'NOT_SERVING';
  function setServing(next: ServingStatus) {
    if (next === current) return;
    current = next;
    health.setStatus('', next);
    health.setStatus(authServiceName, next);
    health.setStatus(userEventsServiceName, next);
  }
  // One ping at a time: while the database is slow to answer (or to refuse), a probe every
  // interval would otherwise queue pings in the request pool faster than they settle.
  let probing: Promise<void> | undefined;
  const probe = () =>
    (probing ??= options
      .ping()
      .then(
        () => setServing('SERVING'),
        () => setServing('NOT_SERVING'),
      )
      .finally(() => {
        probing = undefined;
      }));
  let timer: NodeJS.Timeout | undefined;

  const credentials = options.tls
    ? grpc.ServerCredentials.createSsl(
        options.tls.clientCa ?? null,
        [{ private_key: options.tls.key, cert_chain: options.tls.cert }],
        // With a client CA configured, a client without a certificate it signed is refused.
        options.tls.clientCa !== undefined,
      )
    : grpc.ServerCredentials.createInsecure();

  return {
    server,
    async listen(host, port) {
      await probe();
      timer = setInterval(() => void probe(), options.healthIntervalMs ?? 5000);
      timer.unref();
      return new Promise((resolve, reject) => {
        server.bindAsync(`${host}:${port}`, credentials, (error, boundPort) =>
          error ? reject(error) : resolve(boundPort),
        );
      });
    },
    async close() {
      clearInterval(timer);
      setServing('NOT_SERVING');
      // Event streams never finish by themselves: end them, or shutdown would wait for the force.
      options.userEvents.endStreams();
      await new Promise<void>((resolve) => {
        // Let in-flight calls finish, but not forever.
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 5000);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}
