/**
 * What the harness reads from /proc: a process's resident memory and CPU time, PostgreSQL's CPU
 * time and the whole machine's. Linux only; 0 where a figure cannot be read.
 */
import { readdirSync, readFileSync } from 'node:fs';

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** User + system CPU time of a process so far, in ms. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU time of every PostgreSQL server process (the cluster is shared by all services), and of the
 * whole machine (all cores, any process: includes the load generator, the kernel's loopback work
 * and anyone else's jobs). A request's cost is not only the service's: a heavier SQL statement or
 * a bigger response body shows up here, and on a 2-core machine it takes CPU from the services.
 */
export const cpuMeters: Record<string, () => number> = {
  postgres: () =>
    readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .reduce((ms, pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres'
            ? ms + cpuMs(Number(pid))
            : ms;
        } catch {
          return ms; // exited meanwhile
        }
      }, 0),
  machine: () => {
    // First line of /proc/stat: user nice system idle iowait irq softirq steal ... in clock ticks.
    const ticks = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/).slice(1).map(Number);
    return ((ticks[0] ?? 0) + (ticks[1] ?? 0) + (ticks[2] ?? 0) + (ticks[5] ?? 0) + (ticks[6] ?? 0)) * 10;
  },
};

/** Samples the peak RSS of each process every 250 ms until `stop()`, which returns the peaks. */
export function samplePeakRss(processes: { name: string; pid: number }[]): {
  stop(): Record<string, number>;
} {
  const peak: Record<string, number> = {};
  const timer = setInterval(() => {
    for (const p of processes) peak[p.name] = Math.max(peak[p.name] ?? 0, rssMb(p.pid));
  }, 250);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
