import { describe, expect, it } from '@jest/globals';
import { cartView, lineCap } from '../src/domain/cart.js';
import { isValidPrice, multiply, sum } from '../src/domain/money.js';

describe('money', () => {
  it('when amounts are fractional, negative or too large, then they are not prices', () => {
    expect([0, 1, 999_999_999].every(isValidPrice)).toBe(true);
    expect([0.5, -1, 1_000_000_000, Number.NaN].some(isValidPrice)).toBe(false);
  });

  it('when a sum or product leaves the safe integer range, then it throws instead of rounding', () => {
    expect(() => multiply(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
    expect(() => sum([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(sum([10, 20])).toBe(30);
  });
});

describe('cart rules', () => {
  it('when stock is below 99, then stock caps the line; otherwise 99 does', () => {
    expect(lineCap(5)).toEqual({ limit: 5, reason: 'stock' });
    expect(lineCap(0)).toEqual({ limit: 0, reason: 'stock' });
    expect(lineCap(99)).toEqual({ limit: 99, reason: 'max_per_line' });
    expect(lineCap(1000)).toEqual({ limit: 99, reason: 'max_per_line' });
  });

  it('when another per-line maximum is given, then it takes the place of 99 and stock still caps below it', () => {
    expect(lineCap(10, 3)).toEqual({ limit: 3, reason: 'max_per_line' });
    expect(lineCap(2, 3)).toEqual({ limit: 2, reason: 'stock' });
    expect(lineCap(-4, 3)).toEqual({ limit: 0, reason: 'stock' });
  });

  it('when lines are priced in cents, then totals are exact integers', () => {
    const view = cartView(
      [
        { productId: 'a', name: 'A', unitPrice: 10, quantity: 3, available: true },
        { productId: 'b', name: 'B', unitPrice: 20, quantity: 1, available: true },
        { productId: 'c', name: 'C', unitPrice: 1999, quantity: 7, available: true },
      ],
      new Date(0),
      'EUR',
    );
    expect(view.items.map((i) => i.lineTotal)).toEqual([30, 20, 13_993]);
    expect(view.total).toBe(14_043);
    expect(view.itemCount).toBe(11);
  });
});
