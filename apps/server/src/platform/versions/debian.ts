import { compareDigits } from './numbers';

/**
 * Debian package versions (Debian Policy §5.6.12, dpkg's verrevcmp): `[epoch:]upstream[-revision]`. Epochs
 * compare as numbers; upstream and revision alternately by non-digit runs (letters before other characters,
 * `~` before everything, even the end) and digit runs as numbers. A missing revision equals `0`.
 */
export interface DebVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

export function parseDebian(v: string): DebVersion | null {
  const s = v.trim();
  const m = /^(?:(\d+):)?(.+?)(?:-([A-Za-z0-9+.~]+))?$/.exec(s);
  if (!m || !/^[0-9A-Za-z.+~:-]*$/.test(m[2]!) || !/^\d/.test(m[2]!)) return null;
  return { epoch: m[1] ?? '0', upstream: m[2]!, revision: m[3] ?? '0' };
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string) => /[A-Za-z]/.test(c);
/** dpkg's order(): digits and the end weigh 0, '~' -1, letters their code, anything else its code + 256. */
const order = (c: string | undefined) =>
  c === undefined || isDigit(c) ? 0 : isAlpha(c) ? c.charCodeAt(0) : c === '~' ? -1 : c.charCodeAt(0) + 256;

export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return ac < bc ? -1 : 1;
      i++;
      j++;
    }
    let x = '';
    let y = '';
    while (isDigit(a[i])) x += a[i++];
    while (isDigit(b[j])) y += b[j++];
    const c = compareDigits(x || '0', y || '0');
    if (c) return c;
  }
  return 0;
}

export function compareParsedDebian(a: DebVersion, b: DebVersion): number {
  return compareDigits(a.epoch, b.epoch) || verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

/** Equal versions, equal text: the epoch always written, digit runs without leading zeros, the revision always. */
export function debianKey(p: DebVersion): string {
  const digits = (s: string) => s.replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, ''));
  return `${p.epoch.replace(/^0+(?=\d)/, '')}:${digits(p.upstream)}-${digits(p.revision)}`;
}
