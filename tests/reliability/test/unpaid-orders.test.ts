import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordFigures } from '../src/figures.js';
import { call, createProduct, logIn, newUser, startStack, waitFor, type Stack } from '../src/stack.js';

// The attack: register, check out the whole stock, never pay. cart runs as a real process with a
// tiny payment timeout and a fast sweeper; the test waits on the stock coming back (a condition,
// polled), never on a fixed sleep. The bound of waitFor only turns a hang into a failure.
const paymentTimeoutSeconds = 2;
const sweepIntervalMs = 200;

describe('stock held hostage by unpaid orders', () => {
  let stack: Stack;
  let admin: string;

  beforeAll(async () => {
    stack = await startStack({
      cartEnv: {
        ORDER_PAYMENT_TIMEOUT_SECONDS: String(paymentTimeoutSeconds),
        ORDER_EXPIRY_SWEEP_INTERVAL_MS: String(sweepIntervalMs),
      },
    });
    admin = (await logIn(stack, 'admin1@example.com')).accessToken;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('when an attacker checks out the whole stock and never pays, then the sweeper puts it back on sale and the attacker cannot pay', async () => {
    const productId = await createProduct(stack, admin, { name: 'Limited edition', price: 5000, stock: 5 });
    const attacker = await newUser(stack, 'hoarder');
    const customer = await newUser(stack, 'customer');
    const stockOf = async () =>
      (await call(stack.cart, 'GET', `/api/v1/products/${productId}`)).body.stock as number;

    expect(
      (
        await call(stack.cart, 'POST', '/api/v1/cart/items', {
          token: attacker.accessToken,
          body: { product_id: productId, quantity: 5 },
        })
      ).status,
    ).toBe(200);
    // Taken before the request, so the order's created_at (database time, same host) is later.
    const checkedOutAt = Date.now();
    const held = await call(stack.cart, 'POST', '/api/v1/orders', { token: attacker.accessToken });
    expect(held.status).toBe(201);
    expect(await stockOf()).toBe(0);

    // Nobody reads the attacker's order: only the sweeper can bring the stock back.
    const waitedMs = await waitFor(async () => (await stockOf()) === 5, 60_000, 100);
    const returnedAfterMs = Date.now() - checkedOutAt;
    // Not before the deadline: the sweeper expires only what is overdue.
    expect(returnedAfterMs).toBeGreaterThanOrEqual(paymentTimeoutSeconds * 1000);

    const order = await call(stack.cart, 'GET', `/api/v1/orders/${held.body.id}`, {
      token: attacker.accessToken,
    });
    expect(order.body).toMatchObject({ status: 'expired', payment_due_at: null });
    const pay = await call(stack.cart, 'POST', `/api/v1/orders/${held.body.id}/pay`, {
      token: attacker.accessToken,
    });
    expect(pay.status).toBe(409);
    expect(pay.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(pay.body.code).toBe('order_expired');

    // The stock is really for sale again.
    await call(stack.cart, 'POST', '/api/v1/cart/items', {
      token: customer.accessToken,
      body: { product_id: productId, quantity: 5 },
    });
    expect((await call(stack.cart, 'POST', '/api/v1/orders', { token: customer.accessToken })).status).toBe(
      201,
    );
    expect(await stockOf()).toBe(0);

    recordFigures('unpaid_orders', {
      payment_timeout_s: paymentTimeoutSeconds,
      sweep_interval_ms: sweepIntervalMs,
      stock_back_after_checkout_ms: returnedAfterMs,
      waited_for_stock_ms: waitedMs,
    });
  }, 90_000);
});
