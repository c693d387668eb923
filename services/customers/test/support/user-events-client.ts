import * as grpc from '@grpc/grpc-js';
import {
  loadUserEventsProto,
  type UserEvent__Output,
  type UserEventsServiceClient,
} from '@cartwright/protos';

const proto = loadUserEventsProto();

export function userEventsClient(
  address: string,
  credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure(),
): UserEventsServiceClient {
  return new proto.customers.v1.UserEventsService(address, credentials);
}

export interface Subscription {
  /** Every message received so far, heartbeats included. */
  readonly received: UserEvent__Output[];
  /** The events (heartbeats left out). */
  events(): UserEvent__Output[];
  /** Resolves when a received message satisfies `predicate` (or already has). */
  until(predicate: (received: UserEvent__Output[]) => boolean): Promise<void>;
  /** Resolves with the status the stream ended with. */
  readonly ended: Promise<grpc.StatusObject>;
  cancel(): void;
}

/** Opens Subscribe and records what arrives; waits are on arrivals, never on time. */
export function subscribe(
  client: UserEventsServiceClient,
  request: { after?: string; heartbeat_seconds?: number } = {},
): Subscription {
  const received: UserEvent__Output[] = [];
  const waiters = new Set<() => void>();
  const call = client.Subscribe({
    after: request.after ?? '',
    heartbeat_seconds: request.heartbeat_seconds ?? 0,
  });
  call.on('data', (message: UserEvent__Output) => {
    received.push(message);
    for (const check of [...waiters]) check();
  });
  const ended = new Promise<grpc.StatusObject>((resolve) => {
    call.on('status', resolve);
    // Errors arrive as 'error' and then 'status'; the status carries what the tests need.
    call.on('error', () => {});
  });
  return {
    received,
    events: () => received.filter((m) => m.type !== 'heartbeat'),
    until(predicate) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(received)) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
        void ended.then((status) => {
          if (waiters.delete(check))
            reject(new Error(`stream ended first: ${status.code} ${status.details}`));
        });
      });
    },
    ended,
    cancel: () => call.cancel(),
  };
}

export function findExistingUsers(client: UserEventsServiceClient, ids: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    client.FindExistingUsers({ user_ids: ids }, { deadline: Date.now() + 10_000 }, (error, response) =>
      error ? reject(error) : resolve(response?.user_ids ?? []),
    );
  });
}
