/**
 * Prices travel as integers of minor units in the currency the answer names; how many minor
 * units make one major unit depends on the currency (2 for EUR, 0 for JPY), which Intl knows.
 */
export function formatMoney(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
