import { ConfigError } from './config.js';

/**
 * How long a service may take to drain after SIGTERM before it gives up and exits 1. Compose's
 * `stop_grace_period` and the pods' termination grace period are checked against it.
 */
export const shutdownTimeoutMs = 10_000;

/**
 * Graceful shutdown on SIGTERM/SIGINT. First `drain.begin` (readiness fails, answers carry
 * `Connection: close`) and `drain.delayMs` of serving as usual, so load balancers stop sending
 * work and keep-alive clients leave by themselves; closing an idle keep-alive socket at once
 * races the client's next request on it, which then sees a reset. Then `stop` (close listeners
 * so no new connection is accepted, let in-flight requests finish, close pools) and exit 0. If
 * all that takes longer than `shutdownTimeoutMs`, or a second signal arrives, exit 1 instead of
 * hanging forever.
 */
export function exitOnSignals(options: {
  stop: () => Promise<void>;
  drain?: { begin: () => void; delayMs: number };
  log: { info(msg: string): void; error(obj: unknown, msg: string): void };
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
    }, shutdownTimeoutMs);
    timer.unref();
    const drain = options.drain;
    drain?.begin();
    new Promise((resolve) => setTimeout(resolve, drain?.delayMs ?? 0))
      .then(() => options.stop())
      .then(() => exit(0))
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'error during shutdown');
        exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** What an entry point prints when it fails before or while starting. */
export function startupFailureMessage(error: unknown): string {
  // A bad configuration is the operator's to fix: the list of problems, not a stack trace.
  if (error instanceof ConfigError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Runs an entry point: a server's main or a command. A number it returns becomes the exit code
 * (set, not forced, so buffered output is written first). A failure prints
 * `startupFailureMessage` and exits 1 at once: a half-started server may hold timers or sockets
 * that would otherwise keep a failed process alive.
 */
export function runEntryPoint(
  main: () => Promise<number | void>,
  io: { error: (text: string) => void; exit: (code: number) => void } = {
    // Written straight to stderr: files and pipes are written synchronously, so the message is
    // out before the process exits.
    error: (text) => process.stderr.write(`${text}\n`),
    exit: (code) => process.exit(code),
  },
): Promise<void> {
  return main().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error: unknown) => {
      io.error(startupFailureMessage(error));
      io.exit(1);
    },
  );
}
