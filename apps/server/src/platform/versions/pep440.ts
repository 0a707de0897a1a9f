import { compareDigits, compareText } from './numbers';

/**
 * PEP 440 (Python packages): `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, with the normalisations the PEP
 * allows (case, `alpha`/`beta`/`c`/`pre`/`preview`, `-`/`_`/`.` separators, implicit numbers, `1.0-1` as a
 * post-release, a leading `v`). Order as `packaging.version`: epoch, release (trailing zeros ignored), then
 * dev-only < pre-releases (a < b < rc) < release < post-releases, each with its dev-releases first; a local
 * label sorts after the same public version.
 */
const PATTERN = new RegExp(
  '^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?' +
    '(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?' +
    '\\s*$',
  'i',
);

const PRE: Record<string, string> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc' };
const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 };

export interface Pep440 {
  epoch: string;
  release: string[];
  pre: { label: string; n: string } | null;
  post: string | null;
  dev: string | null;
  local: string[] | null;
}

const strip = (n: string) => n.replace(/^0+(?=\d)/, '');

export function parsePep440(v: string): Pep440 | null {
  const g = PATTERN.exec(v)?.groups;
  if (!g) return null;
  const release = g.release!.split('.').map(strip);
  while (release.length > 1 && release[release.length - 1] === '0') release.pop();
  return {
    epoch: strip(g.epoch ?? '0'),
    release,
    pre: g.pre ? { label: PRE[g.preL!.toLowerCase()]!, n: strip(g.preN ?? '0') } : null,
    post: g.post ? strip(g.postN1 ?? g.postN2 ?? '0') : null,
    dev: g.dev ? strip(g.devN ?? '0') : null,
    local: g.local ? g.local.toLowerCase().split(/[-_.]/) : null,
  };
}

/** -1/0/1 where a missing part is ±infinity as in packaging's _cmpkey. */
const cmpOpt = (a: string | null, b: string | null, missing: -1 | 1) =>
  a === null ? (b === null ? 0 : missing) : b === null ? -missing : compareDigits(a, b);

function compareRelease(a: string[], b: string[]) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c) return c;
  }
  return 0;
}

/** Pre-release part: a dev-only release (1.0.dev0) sorts before any pre-release; no pre-release sorts after all. */
function comparePre(a: Pep440, b: Pep440) {
  const rank = (p: Pep440): [number, string] =>
    p.pre ? [PRE_RANK[p.pre.label]!, p.pre.n] : p.post === null && p.dev !== null ? [-1, '0'] : [3, '0'];
  const [ra, na] = rank(a);
  const [rb, nb] = rank(b);
  return ra !== rb ? (ra < rb ? -1 : 1) : compareDigits(na, nb);
}

/** Local labels: numeric segments above alphanumeric ones; a longer label wins when all else is equal. */
function compareLocal(a: string[] | null, b: string[] | null) {
  if (!a || !b) return a === b ? 0 : a ? 1 : -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    const c = xn && yn ? compareDigits(x, y) : xn ? 1 : yn ? -1 : compareText(x, y);
    if (c) return c;
  }
  return 0;
}

export function compareParsedPep440(a: Pep440, b: Pep440): number {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    comparePre(a, b) ||
    cmpOpt(a.post, b.post, -1) ||
    cmpOpt(a.dev, b.dev, 1) ||
    compareLocal(a.local, b.local)
  );
}

/** The normalised form (PEP 440 "Normalization"), trailing release zeros dropped: equal versions, equal text. */
export function pep440Key(p: Pep440): string {
  return [
    p.epoch === '0' ? '' : `${p.epoch}!`,
    p.release.join('.'),
    p.pre ? `${p.pre.label}${p.pre.n}` : '',
    p.post !== null ? `.post${p.post}` : '',
    p.dev !== null ? `.dev${p.dev}` : '',
    p.local ? `+${p.local.join('.')}` : '',
  ].join('');
}
