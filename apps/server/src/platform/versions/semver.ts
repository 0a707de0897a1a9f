import { compareDigits, compareText } from './numbers';

/**
 * Semantic Versioning 2.0.0 (semver.org §11), as npm, Go modules and Cargo use it, and NuGet's variant
 * (up to four numbers, pre-release labels compared case-insensitively). A leading `v` or `=` is accepted
 * (npm's loose form, Go's required prefix); build metadata (`+…`) does not take part in the order.
 */
export interface SemverOptions {
  /** how many numeric parts a release has (3 for SemVer, 4 for NuGet) */
  parts: 3 | 4;
  /** NuGet compares pre-release labels case-insensitively */
  caseInsensitive?: boolean;
  /** accept fewer parts than `parts` (missing ones are 0): NuGet's `1.0`, npm's loose `1.2` */
  short?: boolean;
}

interface Parsed {
  release: string[];
  pre: string[];
}

const NUMERIC = /^\d+$/;

export function parseSemver(v: string, o: SemverOptions): Parsed | null {
  const m = /^[vV=]?\s*(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v.trim());
  if (!m) return null;
  const release = m[1]!.split('.');
  if (release.length > o.parts || (!o.short && release.length < o.parts)) return null;
  while (release.length < o.parts) release.push('0');
  const pre = m[2] ? m[2].split('.') : [];
  if (pre.some((p) => p === '')) return null;
  return { release, pre: o.caseInsensitive ? pre.map((p) => p.toLowerCase()) : pre };
}

function comparePre(a: string[], b: string[]): number {
  if (!a.length || !b.length) return a.length === b.length ? 0 : a.length ? -1 : 1; // a pre-release sorts first
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1; // fewer identifiers, all equal so far: lower
    if (y === undefined) return 1;
    const xn = NUMERIC.test(x);
    const yn = NUMERIC.test(y);
    const c = xn && yn ? compareDigits(x, y) : xn ? -1 : yn ? 1 : compareText(x, y);
    if (c) return c;
  }
  return 0;
}

export function compareParsedSemver(a: Parsed, b: Parsed): number {
  for (let i = 0; i < a.release.length; i++) {
    const c = compareDigits(a.release[i]!, b.release[i]!);
    if (c) return c;
  }
  return comparePre(a.pre, b.pre);
}

/** The text two equal versions share: numbers without leading zeros, the pre-release, no build metadata. */
export function semverKey(p: Parsed): string {
  const release = p.release.map((n) => n.replace(/^0+(?=\d)/, '')).join('.');
  return p.pre.length ? `${release}-${p.pre.join('.')}` : release;
}
