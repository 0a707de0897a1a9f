import { compareDigits, compareText } from './numbers';

/**
 * The order for versions of no known scheme — a product's own releases, purl type `generic` and any type
 * without its own rules. It reads a version as SemVer-like: numbers compare as numbers, missing numbers are 0
 * (`2.0` = `2.0.0`), and a word marks a pre-release (`2.0.0-rc1` < `2.0.0`) unless it is a post-release word
 * (`sp`, `patch`, `post`, `pl`, `hotfix`, `fix`, `rev`, `r`): `2.0.0` < `2.0.0-sp1`. Known pre-release words
 * order dev < snapshot < alpha = a < beta = b < milestone = m < pre = preview < rc = cr = c; other words after
 * them, by text. A leading `v` and build metadata after `+` are ignored; letters compare case-insensitively.
 */
const PRE = new Map<string, number>(
  Object.entries({
    dev: 0,
    snapshot: 1,
    alpha: 2,
    a: 2,
    beta: 3,
    b: 3,
    milestone: 4,
    m: 4,
    pre: 5,
    preview: 5,
    rc: 6,
    cr: 6,
    c: 6,
  }),
);
const POST = new Set(['sp', 'patch', 'post', 'pl', 'hotfix', 'fix', 'rev', 'r']);

type Token = { num: string } | { word: string };

export function tokens(v: string): Token[] {
  const s = v
    .trim()
    .toLowerCase()
    .replace(/^v(?=\d)/, '')
    .replace(/\+.*$/, '');
  return [...s.matchAll(/\d+|[a-z]+/g)].map((m) => (/\d/.test(m[0][0]!) ? { num: m[0] } : { word: m[0] }));
}

/** Where a word stands against "the version ends here" (0): pre-release words below, post-release words above. */
const wordRank = (w: string): [number, string] =>
  PRE.has(w) ? [-2, String(PRE.get(w)).padStart(2, '0')] : POST.has(w) ? [1, w] : [-1, w];

function compareTail(t: Token | undefined, u: Token | undefined): number {
  // one side has ended: it is "0", or the end before a word
  if (!t && !u) return 0;
  if (!t) return -compareTail(u, t);
  if ('num' in t) return /^0+$/.test(t.num) ? 0 : 1;
  return wordRank(t.word)[0] < 0 ? -1 : 1;
}

export function compareGeneric(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const t = x[i];
    const u = y[i];
    let c: number;
    if (!t || !u) c = compareTail(t, u);
    else if ('num' in t && 'num' in u) c = compareDigits(t.num, u.num);
    else if ('num' in t)
      c = 1; // 2.0.1 > 2.0-rc1, 2.1 > 2-sp1
    else if ('num' in u) c = -1;
    else {
      const [rt, kt] = wordRank(t.word);
      const [ru, ku] = wordRank(u.word);
      c = rt !== ru ? (rt < ru ? -1 : 1) : compareText(kt, ku);
    }
    if (c) return c;
  }
  return 0;
}

/** Equal versions, equal text: numbers without leading zeros, trailing zeros dropped, words lower-cased. */
export function genericKey(v: string): string {
  const t = tokens(v).map((x) => ('num' in x ? x.num.replace(/^0+(?=\d)/, '') : x.word));
  while (t.length > 1 && t[t.length - 1] === '0') t.pop();
  return t.join('.');
}
