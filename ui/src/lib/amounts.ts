// Amounts arrive from core as exact decimal strings (`15000`, `2350.00`, `-120.5`), or as words
// when a total could not be computed exactly. They are shown as they are, only grouped for
// reading: never parsed to a floating-point number, which would change the digits.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** `15000` → `15,000`, `1234567.891` → `1,234,567.891`; anything that is not a decimal is returned unchanged. */
export function groupDigits(amount: string, separator = ','): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, sign, whole, fraction] = m;
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, separator);
  return `${sign === '-' ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** -1, 0 or 1 for a decimal string read digit by digit; null for words. */
export function signOf(amount: string): -1 | 0 | 1 | null {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return null;
  const [, sign, whole, fraction = ''] = m;
  if (/^0+$/.test(whole + fraction) || (whole + fraction).length === 0) return 0;
  return sign === '-' ? -1 : 1;
}

/** `-120.50` → `120.50`: the amount without its sign (for "received back more than paid: 120.50"). */
export function withoutSign(amount: string): string {
  return amount.trim().replace(/^[+-]/, '');
}
