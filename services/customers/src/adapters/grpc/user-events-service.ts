import * as grpc from '@grpc/grpc-js';
import {
  heartbeatEventType,
  maxFindExistingUsersBatch,
  type UserEvent as UserEventMessage,
  type UserEventsServiceHandlers,
} from '@cartwright/protos';
import { isUuid } from '@cartwright/platform/uuid';
import type { UserEvent } from '../../domain/user-event.js';
import type { FeedSubscriber, UserEventsFeed } from '../events/user-events-feed.js';
import { grpcStatusOf } from './status-table.js';

const timestampOf = (date: Date) => {
  const millis = date.getTime();
  return { seconds: String(Math.floor(millis / 1000)), nanos: (millis % 1000) * 1_000_000 };
};
const messageOf = (event: UserEvent): UserEventMessage => ({
  id: event.id,
  type: event.type,
  user_id: event.userId,
  occurred_at: timestampOf(event.occurredAt),
});

/** Heartbeat period asked for by the consumer, clamped: 0 (unset) means 15 s. */
export function heartbeatMillis(requestedSeconds: number): number {
  if (requestedSeconds === 0) return 15_000;
  return Math.min(60, Math.max(1, requestedSeconds)) * 1000;
}

export interface UserEventsService {
  handlers: UserEventsServiceHandlers;
  /** Ends every open stream with UNAVAILABLE (consumers reconnect elsewhere or later). */
  endStreams(): void;
}

/**
 * UserEventsService over the use cases. Subscribe sends the backlog in pages (respecting the
 * stream's flow control), then joins the process's one feed for live events; a stream whose
 * client reads too slowly leaves the feed and catches up from the database again.
 */
export function createUserEventsService(options: {
  readUserEvents: (cursor: string, limit: number) => Promise<{ events: UserEvent[] }>;
  findExistingUsers: (ids: readonly string[]) => Promise<string[]>;
  feed: UserEventsFeed;
  log: { warn(obj: unknown, msg: string): void; error(obj: unknown, msg: string): void };
  pageSize?: number;
}): UserEventsService {
  const pageSize = options.pageSize ?? 500;
  const open = new Set<grpc.ServerWritableStream<unknown, UserEventMessage>>();

  const fail = (rpc: string, error: unknown) => {
    const failure = grpcStatusOf(error);
    if (failure.code === grpc.status.UNAVAILABLE)
      options.log.warn({ err: error }, `${rpc}: database unavailable`);
    else if (failure.code === grpc.status.INTERNAL) options.log.error({ err: error }, `${rpc} failed`);
    return failure;
  };

  const handlers: UserEventsServiceHandlers = {
    Subscribe(call) {
      let cursor = call.request.after;
      let ended = false;
      let lastWrite = Date.now();
      const heartbeatMs = heartbeatMillis(call.request.heartbeat_seconds);
      open.add(call);

      const write = (message: UserEventMessage) => {
        lastWrite = Date.now();
        return call.write(message);
      };
      const end = (failure?: { code: grpc.status; details: string }) => {
        if (ended) return;
        ended = true;
        open.delete(call);
        clearInterval(heartbeat);
        options.feed.leave(subscriber);
        if (failure) call.emit('error', failure);
      };
      const waitForDrain = () =>
        new Promise<void>((resolve) => {
          call.once('drain', resolve);
          call.once('close', resolve);
        });

      const subscriber: FeedSubscriber = {
        deliver(events) {
          let writable = true;
          for (const event of events) {
            if (BigInt(event.id) <= BigInt(cursor || '0')) continue;
            writable = write(messageOf(event));
            cursor = event.id;
          }
          if (!writable) {
            // The client is slower than the feed: stop buffering for it and let it catch up
            // from the database at its own pace.
            options.feed.leave(subscriber);
            void waitForDrain().then(catchUp);
          }
        },
      };

      // Backlog in pages, then join the feed; loops when the feed moved on meanwhile.
      async function catchUp(): Promise<void> {
        try {
          while (!ended) {
            const { events } = await options.readUserEvents(cursor, pageSize);
            if (ended) return;
            let writable = true;
            for (const event of events) {
              writable = write(messageOf(event));
              cursor = event.id;
            }
            if (!writable) await waitForDrain();
            else if (events.length < pageSize && options.feed.join(subscriber, cursor)) return;
          }
        } catch (error) {
          end(fail('Subscribe', error));
        }
      }

      // Sent while nothing else was, so the consumer can tell a quiet stream from a dead one.
      const heartbeat = setInterval(() => {
        if (Date.now() - lastWrite < heartbeatMs / 2) return;
        write({ id: '', type: heartbeatEventType, user_id: '', occurred_at: timestampOf(new Date()) });
      }, heartbeatMs / 2);
      heartbeat.unref();
      call.on('cancelled', () => end());
      call.on('close', () => end());
      void catchUp();
    },

    FindExistingUsers(call, callback) {
      const ids = call.request.user_ids;
      if (ids.length > maxFindExistingUsersBatch) {
        callback({
          code: grpc.status.INVALID_ARGUMENT,
          details: `at most ${maxFindExistingUsersBatch} user ids per call, got ${ids.length}`,
        });
        return;
      }
      const invalid = ids.find((id) => !isUuid(id));
      if (invalid !== undefined) {
        callback({ code: grpc.status.INVALID_ARGUMENT, details: 'every user id must be a UUID' });
        return;
      }
      options.findExistingUsers(ids).then(
        (existing) => callback(null, { user_ids: existing }),
        (error: unknown) => callback(fail('FindExistingUsers', error)),
      );
    },
  };

  return {
    handlers,
    endStreams() {
      for (const call of [...open]) {
        open.delete(call);
        call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'customers is shutting down' });
      }
    },
  };
}
