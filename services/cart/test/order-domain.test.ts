import { describe, expect, it } from '@jest/globals';
import {
  cartFingerprint,
  findShortages,
  isRetryOf,
  orderLines,
  planCheckout,
  type LockedProduct,
} from '../src/domain/order.js';

const a = 'c0ffee00-0000-4000-8000-000000000001';
const b = 'c0ffee00-0000-4000-8000-000000000002';
const locked = (values: Partial<LockedProduct>): LockedProduct => ({
  id: a,
  name: 'Mug',
  price: 1299,
  stock: 5,
  archived: false,
  ...values,
});

describe('order domain', () => {
  it('when lines fit the stock, then no shortages; when not, then each is named with what is available', () => {
    expect(findShortages([{ productId: a, quantity: 5 }], [locked({ stock: 5 })])).toEqual([]);
    expect(
      findShortages(
        [
          { productId: a, quantity: 6 },
          { productId: b, quantity: 1 },
        ],
        [locked({ stock: 5 }), locked({ id: b, archived: true, stock: 50 })],
      ),
    ).toEqual([
      { productId: a, name: 'Mug', requested: 6, available: 5, reason: 'stock' },
      { productId: b, name: 'Mug', requested: 1, available: 0, reason: 'archived' },
    ]);
  });

  it('when the cart has no lines, then checkout is refused as cart_empty', () => {
    expect(planCheckout([], [])).toEqual({ kind: 'cart_empty' });
  });

  it('when any line is short or archived, then the whole cart is refused, naming each such line', () => {
    const plan = planCheckout(
      [
        { productId: a, quantity: 6 },
        { productId: b, quantity: 1 },
      ],
      [locked({ stock: 5 }), locked({ id: b, stock: 50 })],
    );
    expect(plan).toEqual({
      kind: 'products_unavailable',
      shortages: [{ productId: a, name: 'Mug', requested: 6, available: 5, reason: 'stock' }],
    });
  });

  it('when every line fits, then the plan orders all of them with copied names and prices and their total', () => {
    const plan = planCheckout(
      [
        { productId: b, quantity: 2 },
        { productId: a, quantity: 5 },
      ],
      [locked({ stock: 5, price: 100 }), locked({ id: b, name: 'Tea', price: 450 })],
    );
    expect(plan).toEqual({
      kind: 'order',
      items: [
        { productId: b, name: 'Tea', unitPrice: 450, quantity: 2, lineTotal: 900 },
        { productId: a, name: 'Mug', unitPrice: 100, quantity: 5, lineTotal: 500 },
      ],
      total: 1400,
    });
  });

  it('when order lines are built, then prices are copied and totals are integer sums', () => {
    expect(orderLines([{ productId: a, quantity: 3 }], [locked({ price: 999_999_999 })])).toEqual({
      items: [{ productId: a, name: 'Mug', unitPrice: 999_999_999, quantity: 3, lineTotal: 2_999_999_997 }],
      total: 2_999_999_997,
    });
  });

  it('when the same lines come in another order, then the fingerprint is the same; other quantities differ', () => {
    const one = cartFingerprint([
      { productId: a, quantity: 1 },
      { productId: b, quantity: 2 },
    ]);
    expect(
      cartFingerprint([
        { productId: b, quantity: 2 },
        { productId: a, quantity: 1 },
      ]),
    ).toBe(one);
    expect(
      cartFingerprint([
        { productId: a, quantity: 2 },
        { productId: b, quantity: 2 },
      ]),
    ).not.toBe(one);
  });

  it('when a used key meets an empty or identical cart, then it is a retry; another cart is not', () => {
    const stored = cartFingerprint([{ productId: a, quantity: 1 }]);
    expect(isRetryOf(stored, [])).toBe(true);
    expect(isRetryOf(stored, [{ productId: a, quantity: 1 }])).toBe(true);
    expect(isRetryOf(stored, [{ productId: a, quantity: 2 }])).toBe(false);
  });
});
