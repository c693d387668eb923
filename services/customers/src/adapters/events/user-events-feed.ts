import type { UserEvent } from '../../domain/user-event.js';

/** One live stream, as the feed sees it. */
export interface FeedSubscriber {
  /** New events, oldest first; the subscriber skips those at or below its own cursor. */
  deliver(events: readonly UserEvent[]): void;
}

export interface UserEventsFeed {
  /**
   * Adds a subscriber whose stream has sent everything up to `cursor` ('' for nothing). Refused
   * (false) when the feed has already broadcast events past that cursor: the subscriber reads
   * its backlog once more and asks again. Checked and joined in one synchronous step, so no
   * broadcast can fall between a stream's last backlog read and its joining.
   */
  join(subscriber: FeedSubscriber, cursor: string): boolean;
  leave(subscriber: FeedSubscriber): void;
  /** Reads new events now (a commit was announced, or a test wants it). */
  wake(): void;
  close(): Promise<void>;
}

const position = (cursor: string | undefined) => BigInt(cursor || '0');

/**
 * The one reader of new events in a process, whatever the number of open streams: woken by
 * PostgreSQL NOTIFY (sent by each outbox write at commit), and by a slow poll in case a
 * notification was lost while the listening connection reconnected. Each read continues after
 * the newest id it has broadcast; since ids become visible in increasing order (see the
 * UserEventLog port), reading "after head" repeatedly misses nothing.
 */
export async function startUserEventsFeed(options: {
  read: (cursor: string, limit: number) => Promise<{ events: UserEvent[]; newest: string | undefined }>;
  /** Subscribes to commit announcements; calls `onListening` again after every reconnection. */
  listen: (handlers: { onNotify: () => void; onListening: () => void }) => Promise<() => Promise<void>>;
  pollIntervalMs: number;
  pageSize?: number;
  log: { warn(obj: unknown, msg: string): void };
}): Promise<UserEventsFeed> {
  const pageSize = options.pageSize ?? 500;
  const subscribers = new Set<FeedSubscriber>();
  // Everything up to `head` has been broadcast (or predates the feed); nothing above it has.
  // Unknown until the first read succeeds (the database may be down at start-up); until then
  // the first stream to join lends its cursor, which it read everything up to.
  let head: string | undefined;
  let reading = false;
  let readAgain = false;
  let closed = false;

  async function pump(): Promise<void> {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        if (head === undefined) {
          const { newest } = await options.read('', 0);
          // A stream may have joined during the read and set the head: its cursor wins.
          head ??= newest ?? '';
          void listen();
        }
        for (;;) {
          const { events } = await options.read(head, pageSize);
          const last = events.at(-1);
          if (!last || closed) break;
          head = last.id;
          for (const subscriber of [...subscribers]) subscriber.deliver(events);
          if (events.length < pageSize) break;
        }
      } while (readAgain && !closed);
    } catch (error) {
      // The next notification or poll tries again from the same head: nothing is skipped.
      options.log.warn({ err: error }, 'user events feed: reading new events failed');
    } finally {
      reading = false;
    }
  }

  // Listening is retried at each poll while the database refuses it: until then the poll alone
  // delivers, more slowly.
  let unlisten: (() => Promise<void>) | undefined;
  let listening: Promise<void> | undefined;
  const listen = () => {
    listening ??= options.listen({ onNotify: () => void pump(), onListening: () => void pump() }).then(
      (stop) => {
        // Closed while LISTEN was being set up: stop here, inside `listening`, which close()
        // awaits. Left floating, the UNLISTEN could still be pending when the caller closes
        // the database, and its rejection would be unhandled.
        if (closed) return stop().catch(() => {});
        unlisten = stop;
      },
      (error: unknown) => {
        listening = undefined;
        options.log.warn({ err: error }, 'user events feed: cannot listen for commits yet');
      },
    );
    return listening;
  };
  // Listening starts after the first read that succeeds: a database that is down at start-up
  // neither holds the service's start nor gets a listener reconnecting in a loop.
  void pump();
  const poll = setInterval(() => void pump(), options.pollIntervalMs);
  poll.unref();

  return {
    join(subscriber, cursor) {
      head ??= cursor;
      if (position(head) > position(cursor)) return false;
      subscribers.add(subscriber);
      return true;
    },
    leave: (subscriber) => void subscribers.delete(subscriber),
    wake: () => void pump(),
    async close() {
      closed = true;
      clearInterval(poll);
      subscribers.clear();
      await listening;
      await unlisten?.();
    },
  };
}
