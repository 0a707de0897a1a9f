import { compareComposer, normalizeComposer } from './composer';
import { compareParsedDebian, debianKey, parseDebian } from './debian';
import { compareGeneric, genericKey } from './generic';
import { compareMaven, mavenKey } from './maven';
import { sign } from './numbers';
import { compareParsedPep440, parsePep440, pep440Key } from './pep440';
import { compareParsedSemver, parseSemver, semverKey, type SemverOptions } from './semver';

/**
 * One place that knows how versions order, keyed by ecosystem (the purl type: npm, maven, pypi, deb, composer,
 * golang, nuget, cargo, gem, generic…). Every comparison of versions in Mamori goes through `compareVersions`
 * (fixed/affected in CSAF and VEX, where-used, remediation). A version the ecosystem's rules cannot read is
 * compared by the generic rules rather than refused: SBOMs carry what tools wrote.
 */
export type Ecosystem = string;

interface Scheme {
  compare(a: string, b: string): number | null;
  key(v: string): string | null;
}

const semverScheme = (o: SemverOptions): Scheme => ({
  compare(a, b) {
    const x = parseSemver(a, o);
    const y = parseSemver(b, o);
    return x && y ? compareParsedSemver(x, y) : null;
  },
  key: (v) => {
    const p = parseSemver(v, o);
    return p && semverKey(p);
  },
});

const SEMVER = semverScheme({ parts: 3, short: true });
const SCHEMES: Record<string, Scheme> = {
  npm: SEMVER,
  golang: SEMVER,
  cargo: SEMVER,
  nuget: semverScheme({ parts: 4, short: true, caseInsensitive: true }),
  maven: { compare: compareMaven, key: mavenKey },
  pypi: {
    compare(a, b) {
      const x = parsePep440(a);
      const y = parsePep440(b);
      return x && y ? compareParsedPep440(x, y) : null;
    },
    key: (v) => {
      const p = parsePep440(v);
      return p && pep440Key(p);
    },
  },
  deb: {
    compare(a, b) {
      const x = parseDebian(a);
      const y = parseDebian(b);
      return x && y ? compareParsedDebian(x, y) : null;
    },
    key: (v) => {
      const p = parseDebian(v);
      return p && debianKey(p);
    },
  },
  composer: { compare: compareComposer, key: normalizeComposer },
};

/** The ecosystem of a purl (`pkg:maven/…` → `maven`), lower-cased; null for anything that is not a purl. */
export function ecosystemOfPurl(purl: string | null | undefined): Ecosystem | null {
  const m = purl ? /^pkg:\/*([A-Za-z][A-Za-z0-9.+-]*)\//.exec(purl.trim()) : null;
  return m ? m[1]!.toLowerCase() : null;
}

/** -1, 0 or 1: how `a` orders against `b` under the ecosystem's rules (generic for unknown or unreadable ones). */
export function compareVersions(ecosystem: Ecosystem | null | undefined, a: string, b: string): number {
  const scheme = ecosystem ? SCHEMES[ecosystem.toLowerCase()] : undefined;
  const c = scheme?.compare(a, b);
  return sign(c ?? compareGeneric(a, b));
}

/** A text that two versions equal under the ecosystem's rules share (for lookups); generic when unreadable. */
export function versionKey(ecosystem: Ecosystem | null | undefined, v: string): string {
  const scheme = ecosystem ? SCHEMES[ecosystem.toLowerCase()] : undefined;
  return scheme?.key(v) ?? genericKey(v);
}

/** The versions in ascending order (a new array). */
export const sortVersions = (ecosystem: Ecosystem | null | undefined, versions: Iterable<string>) =>
  [...versions].sort((a, b) => compareVersions(ecosystem, a, b));

/** Whether `version` already has the fix released as `fixed` (it is that version or a later one). */
export const includesFix = (ecosystem: Ecosystem | null | undefined, version: string, fixed: string) =>
  compareVersions(ecosystem, version, fixed) >= 0;
