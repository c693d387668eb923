import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTelemetry } from '@cartwright/platform/telemetry';
import { createCustomersClient, type CustomersClient } from '../../src/adapters/grpc/customers-client.js';
import { loadConfig } from '../../src/config.js';
import { AuthServiceUnavailable } from '../../src/domain/errors.js';
import { startFakeCustomers, userToken, type FakeCustomers } from '../support/fake-customers.js';
import { bearer, insertProduct, ROOMY_DEADLINE_MS } from '../support/cart-app.js';
import { useCartStack } from '../support/cart-stack.js';

const silent = { warn: () => {}, error: () => {} };

// The real gRPC client adapter against a fake customers on loopback: what coalescing sends.
describe('coalescing validations into ValidateTokens batches', () => {
  let customers: FakeCustomers;
  let client: CustomersClient;

  beforeAll(async () => {
    customers = await startFakeCustomers();
    const config = loadConfig({
      CUSTOMERS_GRPC_TARGET: customers.target,
      CUSTOMERS_GRPC_DEADLINE_MS: String(ROOMY_DEADLINE_MS),
      CUSTOMERS_GRPC_MAX_BATCH: '16',
    });
    client = createCustomersClient(
      config.customers,
      silent,
      createTelemetry(config.telemetry, { serviceVersion: 'test' }),
    );
    await client.checkReachable();
  });
  afterAll(async () => {
    client.close();
    await customers.stop();
  });

  const freshCounts = () => {
    customers.batches.length = 0;
    return customers.calls;
  };

  it('when 40 validations start together, then fewer calls go out (at most 16 tokens each) and each caller gets its own user', async () => {
    const before = freshCounts();
    const ids = Array.from({ length: 40 }, () => randomUUID());
    const callers = await Promise.all(ids.map((id) => client.authenticator.validate(userToken(id))));
    expect(callers.map((c) => c?.userId)).toEqual(ids);
    expect(customers.calls - before).toBe(3);
    expect(customers.batches).toEqual([16, 16, 8]);
  });

  it('when one token of a batch is refused, then only that caller is refused', async () => {
    freshCounts();
    const ids = [randomUUID(), randomUUID()];
    const answers = await Promise.all([
      client.authenticator.validate(userToken(ids[0] as string)),
      client.authenticator.validate('refused'),
      client.authenticator.validate(userToken(ids[1] as string)),
    ]);
    expect(customers.batches).toEqual([3]);
    expect(answers.map((a) => a?.userId ?? null)).toEqual([ids[0], null, ids[1]]);
  });

  it('when customers answers UNAVAILABLE for the batch, then every caller in it gets AuthServiceUnavailable', async () => {
    freshCounts();
    const outcomes = await Promise.allSettled([
      client.authenticator.validate(userToken(randomUUID())),
      client.authenticator.validate('unavailable'),
      client.authenticator.validate(userToken(randomUUID())),
    ]);
    expect(customers.batches).toEqual([3]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(AuthServiceUnavailable);
    }
  });

  it('when validations start in separate turns of the event loop, then each goes out alone (no waiting for company)', async () => {
    freshCounts();
    await client.authenticator.validate(userToken(randomUUID()));
    await client.authenticator.validate(userToken(randomUUID()));
    expect(customers.batches).toEqual([1, 1]);
  });
});

describe('coalescing through the HTTP routes', () => {
  const stack = useCartStack();
  let productId: string;
  beforeAll(async () => {
    productId = (await insertProduct(stack.database)).id;
  });

  it('when 20 users add to their carts at once, then fewer than 20 calls validate them and each sees its own cart', async () => {
    stack.customers.batches.length = 0;
    const users = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), quantity: (i % 5) + 1 }));
    const responses = await Promise.all(
      users.map((user) =>
        stack.app.http.inject({
          method: 'POST',
          url: '/api/v1/cart/items',
          headers: bearer(userToken(user.id)),
          payload: { product_id: productId, quantity: user.quantity },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(users.map(() => 200));
    expect(responses.map((r) => r.json().item_count)).toEqual(users.map((u) => u.quantity));
    expect(stack.customers.batches.reduce((a, b) => a + b, 0)).toBe(20);
    expect(stack.customers.batches.length).toBeLessThan(20);
  });

  it('when a refused token and an unavailable answer share one batch, then both get 503 (no verdict was given)', async () => {
    stack.customers.batches.length = 0;
    const [refused, unavailable] = await Promise.all([
      stack.app.http.inject({ method: 'GET', url: '/api/v1/cart', headers: bearer('refused') }),
      stack.app.http.inject({ method: 'GET', url: '/api/v1/cart', headers: bearer('unavailable') }),
    ]);
    const together = stack.customers.batches.length === 1;
    expect(unavailable.statusCode).toBe(503);
    expect(refused.statusCode).toBe(together ? 503 : 401);
    const alone = await stack.app.http.inject({
      method: 'GET',
      url: '/api/v1/cart',
      headers: bearer('refused'),
    });
    expect(alone.statusCode).toBe(401);
  });
});

describe('with CUSTOMERS_GRPC_BATCHING=false', () => {
  it('then every validation is its own ValidateToken call', async () => {
    const customers = await startFakeCustomers();
    const config = loadConfig({ CUSTOMERS_GRPC_TARGET: customers.target, CUSTOMERS_GRPC_BATCHING: 'false' });
    const client = createCustomersClient(
      { ...config.customers, deadlineMs: ROOMY_DEADLINE_MS },
      silent,
      createTelemetry(config.telemetry, { serviceVersion: 'test' }),
    );
    try {
      const ids = Array.from({ length: 5 }, () => randomUUID());
      const callers = await Promise.all(ids.map((id) => client.authenticator.validate(userToken(id))));
      expect(callers.map((c) => c?.userId)).toEqual(ids);
      expect(customers.calls).toBe(5);
      expect(customers.batches).toEqual([]);
    } finally {
      client.close();
      await customers.stop();
    }
  });
});
