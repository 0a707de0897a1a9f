import { compareDigits } from './numbers';

/**
 * Composer (Packagist): the version is normalised as Composer's VersionParser does (a leading `v` dropped,
 * four numbers, `-dev`/`alpha`/`beta`/`RC`/`patch` suffixes) and compared as PHP's version_compare(): parts
 * split at `.`, `-`, `_`, `+` and digit/letter transitions; special words dev < alpha = a < beta = b <
 * RC = rc < (a number) < pl = p = patch; any other word sorts before dev.
 */
const SPECIAL: [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
const special = (form: string) => SPECIAL.find(([name]) => form.startsWith(name))?.[1] ?? -6;

/** php_canonicalize_version: separators become '.', and a '.' goes between digits and non-digits. */
function canonical(v: string): string[] {
  let out = '';
  for (const c of v) {
    const prev = out[out.length - 1];
    const digit = c >= '0' && c <= '9';
    if ('-_+'.includes(c) || !/[0-9A-Za-z]/.test(c)) {
      if (prev !== '.' && out) out += '.';
    } else if (prev !== undefined && prev !== '.' && (prev >= '0' && prev <= '9') !== digit) out += `.${c}`;
    else out += c;
  }
  return out.split('.').filter(Boolean);
}

function phpVersionCompare(a: string, b: string): number {
  const x = canonical(a);
  const y = canonical(b);
  const num = (s: string) => /^\d+$/.test(s);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return num(q!) ? -1 : Math.sign(special('#N#') - special(q!));
    if (q === undefined) return num(p) ? 1 : Math.sign(special(p) - special('#N#'));
    const c =
      num(p) && num(q)
        ? compareDigits(p, q)
        : num(p)
          ? Math.sign(special('#N#') - special(q))
          : num(q)
            ? Math.sign(special(p) - special('#N#'))
            : Math.sign(special(p) - special(q));
    if (c) return c;
  }
  return 0;
}

/** Composer's expandStability(): the short spellings of the stability words. */
const EXPAND: Record<string, string> = { a: 'alpha', b: 'beta', p: 'patch', pl: 'patch' };

/** Composer's normalised form: `v1.2` → `1.2.0.0`, `1.0.0-beta2` → `1.0.0.0-beta2`; null if it is no version. */
export function normalizeComposer(v: string): string | null {
  const m = /^[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:[._-]?(.*))?$/.exec(v.trim());
  if (!m) return null;
  const nums = [m[1], m[2], m[3], m[4]].map((n) => (n ?? '0').replace(/^0+(?=\d)/, ''));
  const rest = (m[5] ?? '')
    .toLowerCase()
    .replace(/^stable$/, '')
    .replace(/^(alpha|a|beta|b|rc|patch|pl|p)(?![a-z])[._-]?/, (_, w: string) => EXPAND[w] ?? w);
  if (rest && !/^[0-9a-z.+_-]+$/.test(rest)) return null;
  return rest ? `${nums.join('.')}-${rest}` : nums.join('.');
}

export function compareComposer(a: string, b: string): number | null {
  const x = normalizeComposer(a);
  const y = normalizeComposer(b);
  return x === null || y === null ? null : phpVersionCompare(x, y);
}
