import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAccount, startTestApp, type Account, type TestApp } from '../support/test-app.js';

/** A cursor as a client could forge it: base64url of any JSON. */
const forged = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const id = '7b0e3c1a-0003-4000-8000-000000000003';

let app: TestApp;
let admin: Account;
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAccount(app, { admin: true });
});
afterAll(async () => {
  await app.stop();
});

const list = (cursor: string) =>
  app.http.inject({ method: 'GET', url: `/api/v1/users?cursor=${cursor}`, headers: admin.auth });

describe('GET /api/v1/users with a cursor that was not handed out', () => {
  it.each([
    ['a year PostgreSQL cannot store', forged(['+275760-09-13T00:00:00.000Z', id])],
    ['a year before the common era', forged(['-000100-01-01T00:00:00.000Z', id])],
    ['year zero', forged(['0000-01-01T00:00:00.000Z', id])],
    ['a date written another way', forged(['Jan 15 2026', id])],
    ['an id that is no UUID', forged(['2026-01-15T09:30:00.000Z', '7b0e'])],
    ['characters outside base64url', `${forged(['2026-01-15T09:30:00.000Z', id])}*`],
    ['no JSON at all', 'bm9wZQ'],
  ])('when it carries %s, then 400 invalid_cursor', async (_case, cursor) => {
    const response = await list(cursor);
    expect({ status: response.statusCode, type: response.headers['content-type'] }).toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
    });
    expect(response.json()).toMatchObject({
      code: 'invalid_cursor',
      errors: [{ in: 'querystring', field: 'cursor', message: 'is not a valid cursor' }],
    });
  });

  it('when it names a position before every row, then an empty last page', async () => {
    const response = await list(forged(['0001-01-01T00:00:00.000Z', id]));
    expect(response.json()).toEqual({ items: [], next_cursor: null });
  });
});
