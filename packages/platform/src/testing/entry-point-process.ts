import { execFile } from 'node:child_process';

export interface ProcessOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a service's TypeScript entry point (a main.ts or a command) in a child process, from
 * sources, with exactly the environment given (plus PATH), and resolves when it exits.
 */
export function runEntryPointProcess(options: {
  /** The service folder; `file` is relative to it. */
  cwd: string;
  file: string;
  args?: string[];
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', options.file, ...(options.args ?? [])],
      {
        cwd: options.cwd,
        env: { PATH: process.env.PATH ?? '', ...options.env },
        timeout: options.timeoutMs ?? 60_000,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = error ? error.code : 0;
        if (typeof code !== 'number') reject(error ?? new Error('no exit code'));
        else resolve({ code, stdout, stderr });
      },
    );
  });
}
