import { describe, expect, it } from '@jest/globals';
import { operationOf } from '../src/telemetry/index.js';

describe('operationOf (span and metric names of statements)', () => {
  it('when drizzle-shaped statements are named, then each is "<verb> <main table>"', () => {
    expect(operationOf('select "id", "email" from "users" where "users"."id" = $1').operation).toBe(
      'select users',
    );
    expect(
      operationOf('insert into "cart_items" ("cart_id") values ($1) on conflict do nothing').operation,
    ).toBe('insert cart_items');
    expect(operationOf('update "products" set "stock" = $1 where "id" = $2').operation).toBe(
      'update products',
    );
    expect(operationOf('delete from "cart_shares" where "slug" = $1').operation).toBe('delete cart_shares');
    expect(operationOf('  WITH moved AS (select 1) SELECT * FROM orders').operation).toBe('with orders');
    expect(operationOf('select 1')).toEqual({ operation: 'select', table: undefined });
  });

  it('when a statement is not DML, then it gets a bounded name, never its text', () => {
    expect(operationOf('begin isolation level serializable').operation).toBe('other');
  });
});
