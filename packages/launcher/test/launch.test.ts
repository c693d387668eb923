import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { freePort, launch, type LaunchedProcess, type LaunchOptions } from '../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const started: LaunchedProcess[] = [];

function start(options: Partial<LaunchOptions> & { script: string }): LaunchedProcess {
  const launched = launch({ name: options.script, cwd: fixtures, env: process.env, ...options });
  started.push(launched);
  return launched;
}

/** Resolves when `launched` has printed a line satisfying `test`. */
function lineFrom(launched: LaunchedProcess, test: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const line = launched.output().split('\n').find(test);
      if (line !== undefined) done(() => resolve(line));
    }, 20);
    const done = (settle: () => void) => {
      clearInterval(poll);
      settle();
    };
    void launched.exited.then(() =>
      done(() => {
        const line = launched.output().split('\n').find(test);
        if (line === undefined) reject(new Error(`ended without that line:\n${launched.output()}`));
        else resolve(line);
      }),
    );
  });
}

/** A process that is gone or a zombie no longer runs (whether anyone reaps it is not ours to say). */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

async function untilGone(pid: number): Promise<void> {
  while (isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((launched) => launched.stop('SIGKILL')));
});

describe('launch', () => {
  it('when the ready URL answers, then ready resolves and both output streams are kept and split into lines', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const service = start({
      script: 'http-service.mjs',
      env: { ...process.env, HTTP_PORT: String(port) },
      readyUrl: `http://127.0.0.1:${port}/ready`,
      onLine: (line, stream) => lines.push(`${stream}: ${line}`),
    });

    await service.ready;
    await lineFrom(service, (line) => line === 'a line on stderr');

    expect(lines).toEqual(
      expect.arrayContaining([`stdout: listening on ${port}`, 'stderr: a line on stderr']),
    );
    expect(service.output()).toContain(`listening on ${port}`);
  });

  it('when stopped, then the process gets SIGTERM, ends its own way and stop resolves with its exit code', async () => {
    const port = await freePort();
    const service = start({
      script: 'http-service.mjs',
      env: { ...process.env, HTTP_PORT: String(port) },
      readyUrl: `http://127.0.0.1:${port}/ready`,
    });
    await service.ready;

    expect(await service.stop()).toBe(0);
    expect(service.output()).toContain('got SIGTERM, closing');
  });

  it('when the process exits before it is ready, then ready rejects with the reason it printed', async () => {
    const port = await freePort();
    const service = start({ script: 'fails-to-start.mjs', readyUrl: `http://127.0.0.1:${port}/ready` });

    await expect(service.ready).rejects.toThrow(
      /fails-to-start\.mjs exited before it was ready:\n.*HTTP_PORT is not a port/,
    );
    expect(await service.exited).toBe(3);
  });

  it('when the ready URL does not answer in time, then ready rejects and the process is killed', async () => {
    const port = await freePort();
    const service = start({
      script: 'never-ready.mjs',
      readyUrl: `http://127.0.0.1:${port}/ready`,
      readyTimeoutMs: 300,
    });

    await expect(service.ready).rejects.toThrow(/was not ready within 300 ms/);
    expect(await service.exited).toBeNull();
    expect(service.child.signalCode).toBe('SIGKILL');
  });

  it('when it has its own process group and is stopped, then SIGTERM reaches the processes it started too', async () => {
    const service = start({ script: 'with-helper.mjs', ownProcessGroup: true });
    await lineFrom(service, (line) => line.startsWith('helper '));

    expect(await service.stop()).toBe(0);
    expect(service.output()).toContain('helper ended by SIGTERM');
  });

  it('when the process ignores SIGTERM, then stop escalates to SIGKILL after killAfterMs', async () => {
    const stubborn = start({ script: 'ignores-sigterm.mjs', killAfterMs: 200 });
    await lineFrom(stubborn, (line) => line === 'handler installed');

    expect(await stubborn.stop()).toBeNull();
    expect(stubborn.output()).toContain('SIGTERM ignored');
    expect(stubborn.child.signalCode).toBe('SIGKILL');
  });

  it('when output is limited, then only the newest characters are kept', async () => {
    const port = await freePort();
    const service = start({
      script: 'http-service.mjs',
      env: { ...process.env, HTTP_PORT: String(port) },
      readyUrl: `http://127.0.0.1:${port}/ready`,
      keepOutputChars: 5,
    });
    await service.ready;
    await service.stop();

    expect(service.output()).toBe('sing\n');
  });

  it.each(['exit', 'SIGINT', 'SIGTERM'])(
    'when the caller ends (%s) without stopping what it launched, then its children are killed',
    async (how) => {
      const caller = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'caller.ts', how], {
        cwd: fixtures,
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      caller.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
        caller.once('close', (c, s) => resolve([c, s])),
      );

      const pid = Number(/child (\d+)/.exec(out)?.[1]);
      expect(pid).toBeGreaterThan(0);
      // The caller ended the way it would have without the launcher: exit 0, or by the signal.
      expect(how === 'exit' ? code : signal).toBe(how === 'exit' ? 0 : how);
      await untilGone(pid);
      expect(isRunning(pid)).toBe(false);
    },
  );
});

describe('freePort', () => {
  it('when asked, then it gives a loopback port another listener can bind', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    expect((server.address() as { port: number }).port).toBe(port);
    await new Promise((resolve) => server.close(resolve));
  });
});
