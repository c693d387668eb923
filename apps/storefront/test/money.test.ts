import { describe, expect, it } from '@jest/globals';
import { formatMoney } from '../src/money.js';

describe('formatMoney', () => {
  it('when the currency has cents, then minor units are divided by 100', () => {
    expect(formatMoney(1250, 'EUR')).toBe('€12.50');
  });

  it('when the currency has no minor unit, then the integer is the amount', () => {
    expect(formatMoney(1250, 'JPY')).toBe('¥1,250');
  });
});
