import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { freePort, serviceDatabase } from '../src/processes.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** `pnpm start` as a newcomer runs it: scripts/start.mjs, development mode, demo data. */
describe('pnpm start', () => {
  let runner: ChildProcessWithoutNullStreams | undefined;
  const databases: { drop(): Promise<void> }[] = [];

  afterAll(async () => {
    if (runner && runner.exitCode === null) runner.kill('SIGKILL');
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('when run in a console, then both services and the storefront start, each request is one readable line, probes are silent, and Ctrl-C stops all three', async () => {
    const [customersDb, cartDb] = await Promise.all([
      serviceDatabase('start_customers'),
      serviceDatabase('start_cart'),
    ]);
    databases.push(customersDb, cartDb);
    const [customersPort, grpcPort, cartPort, storefrontPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const { NODE_OPTIONS: _nodeOptions, JEST_WORKER_ID: _worker, ...env } = process.env;
    runner = spawn(process.execPath, ['scripts/start.mjs', '--pretty'], {
      cwd: root,
      env: {
        ...env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        CUSTOMERS_HTTP_PORT: String(customersPort),
        CUSTOMERS_GRPC_PORT: String(grpcPort),
        CART_HTTP_PORT: String(cartPort),
        STOREFRONT_PORT: String(storefrontPort),
        CUSTOMERS_DATABASE_URL: customersDb.url,
        CART_DATABASE_URL: cartDb.url,
        // The development signing key customers generates goes here, not into the checkout.
        DATA_DIR: mkdtempSync(join(tmpdir(), 'e2e-start-')),
      },
    });
    let output = '';
    runner.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    runner.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => runner?.once('close', resolve));
    const printed = async (pattern: RegExp) => {
      while (!pattern.test(output)) {
        if (runner?.exitCode !== null) throw new Error(`pnpm start ended:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    await printed(/Cartwright is running/);
    expect((await fetch(`http://127.0.0.1:${cartPort}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${customersPort}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${cartPort}/api/v1/products`)).status).toBe(200);
    await printed(/GET \/api\/v1\/products/);
    // The storefront is printed with the services and told where they are.
    const storefront = `http://127.0.0.1:${storefrontPort}`;
    expect(output).toContain(`storefront ${storefront}`);
    expect((await fetch(`${storefront}/shared-carts/any-slug`)).headers.get('content-type')).toMatch(
      /text\/html/,
    );
    expect(await (await fetch(`${storefront}/config.json`)).json()).toEqual({
      customersUrl: `http://127.0.0.1:${customersPort}`,
      cartUrl: `http://127.0.0.1:${cartPort}`,
    });

    runner.kill('SIGINT');
    expect(await exited).toBe(0);

    const lines = output.split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[cart\] +\[[\d:.]+\] INFO: GET \/api\/v1\/products 200 \d+ ms$/),
    );
    expect(lines.filter((line) => line.includes('"level"'))).toEqual([]);
    expect(lines.filter((line) => /\/(healthz|readyz)\b/.test(line))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^\[customers\] .*SIGTERM received/));
    expect(lines).toContainEqual(expect.stringMatching(/^\[cart\] .*SIGTERM received/));
    await expect(fetch(`http://127.0.0.1:${cartPort}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${customersPort}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${storefrontPort}/`)).rejects.toThrow();
  }, 120_000);
});
