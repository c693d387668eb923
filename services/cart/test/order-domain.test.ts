import { describe, expect, it } from '@jest/globals';
import { cartFingerprint, findShortages, isRetryOf, orderLines } from '../src/domain/order.js';

const a = 'c0ffee00-0000-4000-8000-000000000001';
const b = 'c0ffee00-0000-4000-8000-000000000002';
const locked = (values: Partial<{ id: string; stock: number; archived: boolean; price: number }>) => ({
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
