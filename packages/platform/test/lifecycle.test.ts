import { afterEach, describe, expect, it } from '@jest/globals';
import { ConfigError } from '../src/config.js';
import { runEntryPoint } from '../src/lifecycle.js';

describe('runEntryPoint', () => {
  const printed: string[] = [];
  const exits: number[] = [];
  const io = { error: (text: string) => printed.push(text), exit: (code: number) => exits.push(code) };
  afterEach(() => {
    printed.length = 0;
    exits.length = 0;
    process.exitCode = undefined;
  });

  it('when the configuration is bad, then it prints the list of problems, no stack trace, and exits 1', async () => {
    await runEntryPoint(async () => {
      throw new ConfigError(['HTTP_PORT must be an integer, got "eighty"', 'DATABASE_URL is required']);
    }, io);
    expect(printed).toEqual([
      'Invalid configuration:\n  - HTTP_PORT must be an integer, got "eighty"\n  - DATABASE_URL is required',
    ]);
    expect(exits).toEqual([1]);
  });

  it('when anything else fails, then it prints the error with its stack and exits 1', async () => {
    await runEntryPoint(async () => {
      throw new Error('database refused');
    }, io);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^Error: database refused\n\s+at /);
    expect(exits).toEqual([1]);
  });

  it('when the entry point returns a code, then that is the exit code, set without exiting at once', async () => {
    await runEntryPoint(async () => 2, io);
    expect({ printed, exits, exitCode: process.exitCode }).toEqual({ printed: [], exits: [], exitCode: 2 });
  });
});
