import { afterAll, describe, expect, it } from '@jest/globals';
import { freePort, serviceDatabase, startService, type RunningService } from '../src/processes.js';

describe('graceful shutdown of a service process', () => {
  const started: RunningService[] = [];
  const databases: { drop(): Promise<void> }[] = [];

  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop('SIGKILL')));
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('when customers gets SIGTERM with requests in flight, then they complete, new ones are refused and it exits 0', async () => {
    const db = await serviceDatabase('customers');
    databases.push(db);
    const customers = await startService('customers', {
      DATABASE_URL: db.url,
      GRPC_PORT: String(await freePort()),
      DEMO_DATA: 'true',
      LOG_LEVEL: 'info',
    });
    started.push(customers);

    // Logins are the slowest requests (argon2id at production cost): some are still running
    // when the signal arrives.
    const inFlight = Array.from({ length: 6 }, () =>
      fetch(`${customers.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'user1@example.com', password: 'testPass123' }),
      }).then((r) => r.status),
    );
    // Signal only once the service has received all of them (its log says so): requests that
    // arrive after the signal are refused with 503 by design.
    while ((customers.logs().match(/"url":"\/api\/v1\/auth\/login".*incoming request/g) ?? []).length < 6) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const started_at = Date.now();
    const exit = customers.stop('SIGTERM');

    expect(await Promise.all(inFlight)).toEqual([200, 200, 200, 200, 200, 200]);
    // The log is the only clue when a shutdown goes wrong: show it with the failure.
    const exitCode = await exit;
    expect(exitCode === 0 ? 'exit 0' : `exit ${exitCode}\n${customers.logs()}`).toBe('exit 0');
    expect(Date.now() - started_at).toBeLessThan(10_000);
    await expect(fetch(`${customers.baseUrl}/healthz`)).rejects.toThrow();
  }, 90_000);
});
