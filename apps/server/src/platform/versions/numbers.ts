/** Compares two strings of digits as unbounded integers (leading zeros ignored): -1, 0 or 1. */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Plain code-unit order (ASCII for version texts), never locale-dependent. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
