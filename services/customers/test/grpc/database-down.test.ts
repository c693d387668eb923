import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { buildCustomersApp, type CustomersApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { authServiceClient, healthStatus, refusalOf } from '../support/auth-service-client.js';
import { craftAccessToken } from '../support/crafted-tokens.js';
import { testEnv } from '../support/test-app.js';

// A PostgreSQL URL where nothing listens: postgres.js connects lazily, so the app builds, and
// every query fails with ECONNREFUSED, as when the database is down.
const env = testEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/customers', DATABASE_POOL_MAX: '1' });
let app: CustomersApp;
let address: string;

beforeAll(async () => {
  app = await buildCustomersApp(loadConfig(env), { healthIntervalMs: 100 });
  address = `127.0.0.1:${await app.grpcServer.listen('127.0.0.1', 0)}`;
});
afterAll(async () => {
  await app.close();
});

describe('when the database is unreachable', () => {
  it('then ValidateToken of a well-signed token answers UNAVAILABLE without internals', async () => {
    const token = await craftAccessToken(
      createPrivateKey(env.JWT_PRIVATE_KEY as string),
      '7b0e3c1a-0003-4000-8000-000000000003',
      { claims: { sid: '0f1e2d3c-4b5a-4698-8776-655443322110' } },
    );
    const client = authServiceClient(address);
    try {
      expect(await refusalOf(client, token)).toEqual({
        code: grpc.status.UNAVAILABLE,
        details: 'customers database unavailable',
      });
    } finally {
      client.close();
    }
  });

  it('then the gRPC health service reports NOT_SERVING and /readyz answers 503', async () => {
    expect(await healthStatus(address)).toBe('NOT_SERVING');
    expect((await app.http.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
  });

  it('then a REST login answers 503 database_unavailable', async () => {
    const response = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'user1@example.com', password: 'testPass123' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('database_unavailable');
  });
});
