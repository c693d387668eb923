/**
 * Prunes the outbox at start and then every `intervalMs`. Every replica runs it; the prune is
 * idempotent and its horizon only grows, so they need no coordination.
 */
export function schedulePruning(options: {
  prune: () => Promise<number>;
  intervalMs: number;
  log: { info(msg: string): void; warn(obj: unknown, msg: string): void };
}): () => void {
  const run = () =>
    options.prune().then(
      (count) => {
        if (count > 0) options.log.info(`user events: pruned ${count} event(s) older than the retention`);
      },
      (error: unknown) => options.log.warn({ err: error }, 'user events: pruning failed, retried later'),
    );
  void run();
  const timer = setInterval(() => void run(), options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
