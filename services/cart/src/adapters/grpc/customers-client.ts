import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import {
  loadAuthProto,
  type AuthServiceClient,
  type ValidateTokenResponse__Output,
} from '@cartwright/protos';
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
    // Reconnect quickly after a customers restart; the default backoff grows to 120 s.
    'grpc.initial_reconnect_backoff_ms': 200,
    'grpc.max_reconnect_backoff_ms': 2000,
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
export function createCustomersClient(config: CustomersClientConfig, log: Log): CustomersClient {
  const proto = loadAuthProto();
  const client = new proto.customers.v1.AuthService(
    config.target,
    credentialsOf(config),
    channelOptions(config),
  );

  const validate = (token: string): Promise<Caller | null> =>
    new Promise((resolve, reject) => {
      client.ValidateToken({ token }, { deadline: Date.now() + config.deadlineMs }, (error, response) => {
        if (!error && response) {
          const caller = callerOf(response);
          if (caller) return resolve(caller);
          log.error({ target: config.target }, 'customers answered ValidateToken without a user id');
          return reject(new AuthServiceUnavailable('malformed answer'));
        }
        const code = error?.code ?? grpc.status.UNKNOWN;
        const outcome = statusTable[code];
        if (outcome === 'refused') return resolve(null);
        const details = { target: config.target, grpc_code: grpc.status[code], grpc_details: error?.details };
        if (outcome === 'unavailable') log.warn(details, 'customers unavailable');
        // An unexpected status is a bug on one side or the other: loud, but still a 503.
        else log.error(details, 'unexpected status from customers ValidateToken');
        reject(new AuthServiceUnavailable(grpc.status[code] ?? String(code)));
      });
    });

  return {
    authenticator: { validate },
    client,
    checkReachable: () =>
      new Promise((resolve, reject) => {
        client.waitForReady(Date.now() + config.deadlineMs, (error) => (error ? reject(error) : resolve()));
      }),
    close: () => client.close(),
  };
}
