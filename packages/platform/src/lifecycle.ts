/**
 * Graceful shutdown on SIGTERM/SIGINT: run `stop` (close listeners so no new connection is
 * accepted, let in-flight requests finish, close pools), then exit 0. If stopping takes longer
 * than `timeoutMs`, or a second signal arrives, exit 1 instead of hanging forever.
 */
export function exitOnSignals(options: {
  stop: () => Promise<void>;
  log: { info(msg: string): void; error(obj: unknown, msg: string): void };
  timeoutMs?: number;
  exit?: (code: number) => void;
}): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log.info(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    options.log.info(`${signal} received: finishing in-flight requests, then exiting`);
    const timer = setTimeout(() => {
      options.log.info('shutdown timed out: exiting');
      exit(1);
    }, options.timeoutMs ?? 10_000);
    timer.unref();
    options
      .stop()
      .then(() => exit(0))
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'error during shutdown');
        exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
