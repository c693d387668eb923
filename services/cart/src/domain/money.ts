/**
 * An amount of the store currency in integer minor units (cents for EUR). Prices never pass
 * through floating point: 0.1 + 0.2 must not turn a cart total into 0.30000000000000004.
 */
export type Money = number;

/** Prices stay below 10^9 minor units, so price x 99 x many lines stays a safe integer. */
export const MAX_PRICE: Money = 999_999_999;

export function isValidPrice(amount: number): amount is Money {
  return Number.isInteger(amount) && amount >= 0 && amount <= MAX_PRICE;
}

export function multiply(amount: Money, quantity: number): Money {
  const result = amount * quantity;
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount overflow: ${amount} x ${quantity}`);
  return result;
}

export function sum(amounts: Money[]): Money {
  const total = amounts.reduce((acc, amount) => acc + amount, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError('amount overflow in sum');
  return total;
}
