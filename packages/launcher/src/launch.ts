import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';

export interface LaunchOptions {
  /** Names the process in errors (and, for the caller, in its output). */
  name: string;
  /** The directory the script runs in, e.g. a service's folder. */
  cwd: string;
  /**
   * The script, relative to `cwd`. A `.ts` file runs through tsx's loader inside one node
   * process (not the tsx CLI, whose extra parent process would stand between the signals and
   * the service); a `.js` file runs on plain node, as production runs `dist/main.js`.
   */
  script: string;
  /** Arguments after the script. */
  args?: string[];
  /** Node flags before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  /** The child's whole environment: nothing is inherited unless the caller passes it on. */
  env: NodeJS.ProcessEnv;
  /** Ready once this URL answers 2xx; without it, ready as soon as it is spawned. */
  readyUrl?: string;
  /** Give up (kill it, reject with its output) when not ready by then. Default 60 s. */
  readyTimeoutMs?: number;
  /**
   * How long `stop()` waits after its signal before SIGKILL. Default 15 s: longer than a
   * service's own shutdown timeout, so a slow drain ends with the service's exit code.
   */
  killAfterMs?: number;
  /**
   * Its own process group (and session), for a caller that handles the terminal's signals
   * itself: Ctrl-C then reaches only the caller, which stops each child with one SIGTERM (a
   * child that got the terminal's SIGINT as well would take the second signal as "exit now"),
   * and a stop reaches everything the child started. Default: the caller's group, so Ctrl-C
   * reaches the child directly, as it reaches a test run or the bench.
   */
  ownProcessGroup?: boolean;
  /** Each complete line of output, as it arrives (a console prefixes and prints them). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** How much of the output `output()` keeps, in characters, oldest dropped. Default: all. */
  keepOutputChars?: number;
}

export interface LaunchedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /**
   * Resolves once `readyUrl` answers 2xx. Rejects when the process ends first or the time is
   * up; the process is then killed and the error carries its output.
   */
  readonly ready: Promise<void>;
  /** Resolves once the process has ended and its output is read: the exit code, or null after a signal. */
  readonly exited: Promise<number | null>;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  /**
   * Sends `signal` (to the whole group with `ownProcessGroup`) and resolves with the exit code;
   * after `killAfterMs` it sends SIGKILL. A second SIGTERM is never sent: services read it as
   * "skip the drain".
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts a node script as a child process; await `ready` before using it (the handle comes
 * first, so a caller can stop a process that is still starting).
 */
export function launch(options: LaunchOptions): LaunchedProcess {
  const script = options.script.endsWith('.ts')
    ? ['--import', 'tsx', '--conditions=source', options.script]
    : [options.script];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup ?? false,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name} could not be started (spawn gave no pid)`);
  const send = signaller(pid, options.ownProcessGroup ?? false);

  const limit = options.keepOutputChars ?? Number.POSITIVE_INFINITY;
  let output = '';
  const record = (stream: 'stdout' | 'stderr', readable: Readable) => {
    readable.setEncoding('utf8');
    let partial = '';
    readable.on('data', (chunk: string) => {
      output += chunk;
      if (output.length > limit) output = output.slice(output.length - limit);
      if (!options.onLine) return;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onLine(line, stream);
    });
    readable.on('end', () => {
      if (partial && options.onLine) options.onLine(partial, stream);
    });
  };
  record('stdout', child.stdout);
  record('stderr', child.stderr);

  // 'close', not 'exit': by then every line the process wrote has been read.
  let ended = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code) => {
      ended = true;
      running.delete(pid);
      resolve(code);
    });
  });
  child.on('error', (error) => {
    output += `\n[launcher] ${error.message}\n`;
  });
  running.set(pid, send);
  cleanUpWhenTheCallerEnds();

  let stopSignalSent = false;
  const stop = async (how: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    if (ended) return exited;
    if (how === 'SIGKILL') {
      send('SIGKILL');
    } else if (!stopSignalSent) {
      stopSignalSent = true;
      send(how);
      const escalation = setTimeout(() => send('SIGKILL'), options.killAfterMs ?? 15_000);
      void exited.finally(() => clearTimeout(escalation));
    }
    return exited;
  };

  const { readyUrl } = options;
  const ready = readyUrl
    ? waitUntilReady(readyUrl, options.readyTimeoutMs ?? 60_000, () => ended).catch(
        async (error: unknown) => {
          await stop('SIGKILL');
          throw new Error(`${options.name} ${(error as Error).message}:\n${output}`);
        },
      )
    : Promise.resolve();

  return { name: options.name, child, pid, ready, exited, output: () => output, stop };
}

/** Polls until the URL answers 2xx; the process ending first is a failure, not a wait. */
async function waitUntilReady(url: string, timeoutMs: number, hasEnded: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasEnded()) throw new Error('exited before it was ready');
    try {
      // A listening but stuck process must not stall the loop: each attempt has its own limit.
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`was not ready within ${timeoutMs} ms`);
    await delay(100);
  }
}

/** Signals the child, or its whole group when it leads one (a negative pid names the group). */
function signaller(pid: number, group: boolean): (signal: NodeJS.Signals) => void {
  return (signal) => {
    try {
      process.kill(group ? -pid : pid, signal);
    } catch (error) {
      // ESRCH: it has already gone.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
}

/**
 * A child outlives its caller unless someone ends it: a program that exits without stopping
 * what it started, or one killed by a signal no terminal sent to its children too, would leave
 * services holding ports and databases. So the caller's exit, and a SIGINT, SIGTERM or SIGHUP
 * it does not handle itself, kill every child still running. Process-wide state by nature (the
 * caller's exit is process-wide), installed on the first launch, never at import. Inside jest
 * this is inert (test code sees a copy of `process` whose events never fire): the suites stop
 * what they start, and a terminal's Ctrl-C reaches children in the caller's process group.
 */
const running = new Map<number, (signal: NodeJS.Signals) => void>();
let cleanupInstalled = false;

function cleanUpWhenTheCallerEnds(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = () => {
    for (const send of running.values()) send('SIGKILL');
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      // A caller that handles the signal itself (pnpm start) stops its children gracefully.
      if (process.listenerCount(signal) > 1) return;
      killAll();
      // Then end the way the signal would have ended the caller without this listener.
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
