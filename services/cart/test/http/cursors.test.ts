import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import type { CartApp } from '../../src/app.js';
import { schema, type CartSchema } from '../../src/adapters/db/schema.js';
import { startFakeCustomers, userToken, type FakeCustomers } from '../support/fake-customers.js';
import { bearer, startCartApp } from '../support/cart-app.js';

/** A cursor as a client could forge it: base64url of any JSON. */
const forged = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const id = '7b0e3c1a-0003-4000-8000-000000000003';

describe('list cursors that were not handed out', () => {
  let database: TestDatabase<CartSchema>;
  let customers: FakeCustomers;
  let app: CartApp;
  const shopper = bearer(userToken(randomUUID()));

  beforeAll(async () => {
    database = await createTestDatabase({ service: 'cart', schema });
    customers = await startFakeCustomers();
    app = await startCartApp(database, customers.target);
  });
  afterAll(async () => {
    await app.close();
    await customers.stop();
    await database.drop();
  });

  const expectInvalidCursor = async (url: string, headers: Record<string, string> = {}) => {
    const response = await app.http.inject({ method: 'GET', url, headers });
    expect({ status: response.statusCode, type: response.headers['content-type'] }).toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
    });
    expect(response.json()).toMatchObject({
      code: 'invalid_cursor',
      errors: [{ in: 'querystring', field: 'cursor', message: 'is not a valid cursor' }],
    });
  };

  it.each([
    ['a name PostgreSQL text cannot hold (NUL)', forged(['a\u0000b', id])],
    ['an upper-case id', forged(['Mug', id.toUpperCase()])],
    ['a third field', forged(['Mug', id, 'x'])],
    ['characters outside base64url', `${forged(['Mug', id])}!`],
    ['a truncated cursor', forged(['Mug', id]).slice(0, -3)],
  ])('when the products cursor carries %s, then 400 invalid_cursor', async (_case, cursor) => {
    await expectInvalidCursor(`/api/v1/products?cursor=${cursor}`);
  });

  it.each([
    ['a year PostgreSQL cannot store', forged(['+275760-09-13T00:00:00.000Z', id])],
    ['a year before the common era', forged(['-000100-01-01T00:00:00.000Z', id])],
    ['year zero', forged(['0000-01-01T00:00:00.000Z', id])],
    ['a date that does not exist', forged(['2026-02-30T00:00:00.000Z', id])],
    ['a date without a time', forged(['2026-01-15', id])],
    ['a product cursor', forged(['Mug', id])],
  ])('when the orders cursor carries %s, then 400 invalid_cursor', async (_case, cursor) => {
    await expectInvalidCursor(`/api/v1/orders?cursor=${cursor}`, shopper);
  });

  it('when a cursor names a position past every row, then an empty last page, not an error', async () => {
    const products = await app.http.inject({
      method: 'GET',
      url: `/api/v1/products?cursor=${forged(['\uffff', id])}`,
    });
    expect(products.json()).toEqual({ items: [], next_cursor: null });
    const orders = await app.http.inject({
      method: 'GET',
      url: `/api/v1/orders?cursor=${forged(['0001-01-01T00:00:00.000Z', id])}`,
      headers: shopper,
    });
    expect(orders.json()).toEqual({ items: [], next_cursor: null });
  });
});
