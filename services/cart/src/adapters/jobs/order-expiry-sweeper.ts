import type { Logger } from 'pino';

/** What one sweep did: orders expired, or another replica was sweeping. */
export type SweepResult = number | 'busy';

export interface OrderExpirySweeper {
  /** Sweeps every interval from now on (the first one interval after the call). */
  start(): void;
  /** Sweeps now and resolves when done; joins the sweep already running in this process, if any. */
  sweepNow(): Promise<SweepResult>;
  /** No more sweeps; resolves once a sweep in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Runs the expiry use case on a timer in every replica; which replica actually sweeps is the
 * repository's advisory lock's business. The timer is re-armed only after a sweep ends, so a
 * slow database never piles sweeps up, and it is unref'd: it never keeps the process alive. A
 * failed sweep (database down) is logged and counted, and the next one retries: the orders are
 * still there, still overdue.
 */
export function createOrderExpirySweeper(options: {
  sweep: () => Promise<SweepResult>;
  intervalMs: number;
  logger: Logger;
  /** Orders expired by sweeps, and sweeps by outcome (swept, busy, failed). */
  metrics?: {
    expired: { inc(value: number): void };
    sweeps: { inc(labels: { outcome: 'swept' | 'busy' | 'failed' }): void };
  };
}): OrderExpirySweeper {
  const { sweep, intervalMs, logger, metrics } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SweepResult> | undefined;
  let stopped = false;

  const sweepNow = (): Promise<SweepResult> => {
    running ??= sweep()
      .then((result) => {
        if (result === 'busy') {
          metrics?.sweeps.inc({ outcome: 'busy' });
        } else {
          metrics?.sweeps.inc({ outcome: 'swept' });
          if (result > 0) {
            metrics?.expired.inc(result);
            logger.info({ expired: result }, 'expired unpaid orders and returned their stock');
          }
        }
        return result;
      })
      .catch((error: unknown) => {
        metrics?.sweeps.inc({ outcome: 'failed' });
        throw error;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      sweepNow()
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'order expiry sweep failed; retrying next interval'),
        )
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };

  return {
    start() {
      if (timer === undefined && !stopped) schedule();
    },
    sweepNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
