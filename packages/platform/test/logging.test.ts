import { describe, expect, it } from '@jest/globals';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createHttpServer, registerHealthRoutes } from '../src/http/index.js';
import { loggerOptions, serializeErrorWithoutQueryParams } from '../src/logging.js';

describe('error log serializer', () => {
  it('when a failed query carried a password hash, then the logged error keeps the SQL but not the values', () => {
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g';
    const cause = Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
    const error = new DrizzleQueryError(
      'insert into "users" ("email", "password_hash") values ($1, $2)',
      ['a@example.com', hash],
      cause,
    );
    const logged = JSON.stringify(
      serializeErrorWithoutQueryParams(new Error('register failed', { cause: error })),
    );
    expect(logged).not.toContain(hash);
    expect(logged).not.toContain('a@example.com');
    expect(logged).toContain('insert into \\"users\\"');
    expect(logged).toContain('connection reset');
  });
});

describe('request log lines', () => {
  /** A service's HTTP server whose log lines land in an array; `/readyz` fails while `ready` is false. */
  function serverLoggingAt(level: string) {
    const lines: { level: number; msg: string; req?: { url: string }; res?: { statusCode: number } }[] = [];
    const logger = pino(loggerOptions(level), { write: (line: string) => lines.push(JSON.parse(line)) });
    const app = createHttpServer({ logger, errorTable: () => undefined });
    const state = { ready: true };
    registerHealthRoutes(app as unknown as FastifyInstance, {
      required: {
        database: async () => {
          if (!state.ready) throw new Error('down');
        },
      },
    });
    app.get('/metrics', async () => 'metric 1\n');
    app.get('/api/v1/things', async () => ({ things: [] }));
    app.get('/api/v1/shared/:slug', async () => ({ shared: true }));
    return { app, lines, state };
  }
  const info = 30;
  const debug = 20;

  it('when a path carries a secret, then access logs show the route template, not the path or query', async () => {
    const { app, lines } = serverLoggingAt('info');
    await app.inject({ url: '/api/v1/shared/s3cr3t-slug-value?token=also-secret' });
    await app.inject({ url: '/api/v1/no-such-route/s3cr3t' });
    expect(lines.filter((l) => l.req).map((l) => l.req?.url)).toEqual(['/api/v1/shared/:slug', '(no route)']);
    expect(JSON.stringify(lines)).not.toMatch(/s3cr3t|also-secret/);
    await app.close();
  });

  it('when probes and scrapes succeed at level info, then they write no line; a request to the API writes its two', async () => {
    const { app, lines } = serverLoggingAt('info');
    for (const url of ['/healthz', '/readyz', '/metrics', '/readyz?verbose=1']) {
      expect((await app.inject({ url })).statusCode).toBe(200);
    }
    expect(lines).toEqual([]);

    await app.inject({ url: '/api/v1/things' });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [info, 'incoming request'],
      [info, 'request completed'],
    ]);
    await app.close();
  });

  it('when /readyz answers 503, then its outcome is logged at info', async () => {
    const { app, lines, state } = serverLoggingAt('info');
    state.ready = false;

    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);
    expect(lines.map((l) => [l.level, l.msg, l.res?.statusCode])).toEqual([[info, 'request completed', 503]]);
    await app.close();
  });

  it('when the level is debug, then probes are logged at debug', async () => {
    const { app, lines } = serverLoggingAt('debug');

    await app.inject({ url: '/healthz' });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [debug, 'incoming request'],
      [debug, 'request completed'],
    ]);
    await app.close();
  });
});
