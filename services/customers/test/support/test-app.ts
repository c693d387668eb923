import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { decodeJwt } from 'jose';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import { buildCustomersApp, type CustomersApp } from '../../src/app.js';
import { schema, type CustomersSchema } from '../../src/adapters/db/schema.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/ports.js';

export function ed25519Pem(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Test configuration: cheap argon2id (still argon2id), a throwaway key, no demo data. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_ITERATIONS: '1',
    MIGRATE_ON_START: 'false',
    DEMO_DATA: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '10000',
    REGISTER_RATE_LIMIT_PER_MINUTE: '10000',
    REGISTER_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '10000',
    PASSWORD_CHANGE_RATE_LIMIT_PER_MINUTE: '10000',
    PASSWORD_CHANGE_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '10000',
    // Tests fire dozens of parallel registrations on purpose; the queue bound has its own tests.
    ARGON2_MAX_QUEUE: '10000',
    JWT_PRIVATE_KEY: ed25519Pem().privatePem,
    JWT_KEY_ID: 'test-key',
    DATA_DIR: '/nonexistent-test-data-dir',
    ...extra,
  };
}

export interface TestApp extends CustomersApp {
  db: TestDatabase<CustomersSchema>;
  env: Record<string, string>;
  /** Closes the app and drops the test database. */
  stop(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  healthIntervalMs?: number;
  poolMax?: number;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase({
    service: 'customers',
    schema,
    ...(options.poolMax ? { poolMax: options.poolMax } : {}),
  });
  const env = testEnv(options.env);
  const app = await buildCustomersApp(loadConfig(env), {
    database: db,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.healthIntervalMs ? { healthIntervalMs: options.healthIntervalMs } : {}),
  });
  return {
    ...app,
    db,
    env,
    async stop() {
      await app.close();
      await db.drop();
    },
  };
}

/**
 * The app of one test file: started before its tests, stopped (database dropped) after them.
 * The object is filled in when the app has started, so use it inside tests and hooks only.
 */
export function appForThisFile(options: TestAppOptions = {}): TestApp {
  const app = {} as TestApp;
  beforeAll(async () => {
    Object.assign(app, await startTestApp(options));
  });
  afterAll(async () => {
    await app.stop();
  });
  return app;
}

let counter = 0;
/** A unique email per call, so tests in one file never collide. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${counter}.${Date.now().toString(36)}@example.com`;
}

export const password = 'password123';

export interface Account {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  /** The session of this login (the access token's `sid`). */
  sessionId: string;
  auth: { authorization: string };
}

/** Registers through the API (admins are then promoted directly in the database) and logs in. */
export async function createAccount(
  app: TestApp,
  options: { admin?: boolean; email?: string } = {},
): Promise<Account> {
  const email = options.email ?? uniqueEmail(options.admin ? 'admin' : 'user');
  const registered = await app.http.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: { email, password },
  });
  if (registered.statusCode !== 201) throw new Error(`register failed: ${registered.body}`);
  const id = registered.json<{ id: string }>().id;
  if (options.admin) {
    await app.db.withSession((s) => s.query('update users set is_admin = true where id = $1', [id]));
  }
  return { id, email, ...(await logIn(app, email)) };
}

export async function logIn(app: TestApp, email: string, pw = password) {
  const response = await app.http.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: pw },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  const body = response.json<{ access_token: string; refresh_token: string }>();
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    sessionId: decodeJwt(body.access_token).sid as string,
    auth: { authorization: `Bearer ${body.access_token}` },
  };
}

/** Fails a test when any response body mentions a password hash or an argon2 string. */
export function expectNoSecrets(body: string): void {
  if (/password_hash|passwordHash|\$argon2/.test(body))
    throw new Error(`response leaks a password hash: ${body}`);
}

function requireNoContent(what: string, response: { statusCode: number; body: string }): void {
  if (response.statusCode !== 204) throw new Error(`${what} failed: ${response.statusCode} ${response.body}`);
}

/** POST /auth/logout {all: true}: every access and refresh token of the account dies. */
export async function logOutEverywhere(app: TestApp, account: Account): Promise<void> {
  requireNoContent(
    'logout everywhere',
    await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: account.auth,
      payload: { all: true },
    }),
  );
}

/** PUT /users/me/password from the test password: every earlier token of the account dies. */
export async function changePassword(app: TestApp, account: Account, newPassword: string): Promise<void> {
  requireNoContent(
    'password change',
    await app.http.inject({
      method: 'PUT',
      url: '/api/v1/users/me/password',
      headers: account.auth,
      payload: { current_password: password, new_password: newPassword },
    }),
  );
}

/** DELETE /users/me. */
export async function deleteOwnAccount(app: TestApp, account: Account): Promise<void> {
  requireNoContent(
    'account deletion',
    await app.http.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: account.auth }),
  );
}
