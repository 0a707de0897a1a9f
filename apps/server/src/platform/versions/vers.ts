import { compareVersions, type Ecosystem } from './compare';

/**
 * Version ranges in the `vers` notation (package-url/vers-spec): `vers:<scheme>/<constraint>|<constraint>|…`, a
 * constraint being a comparator (`=`, `!=`, `<`, `<=`, `>`, `>=`; none means `=`) and a percent-encoded version,
 * or the one constraint `*` (every version). The scheme is the purl type, and versions order by that ecosystem's
 * rules (platform/versions/compare.ts; generic for an unknown scheme).
 *
 * Containment follows the spec's algorithm: a version equal to an `=` constraint is in, one equal to a `!=` is
 * out; the other constraints, sorted by version, are read as intervals — below a leading `<`/`<=`, above a
 * trailing `>`/`>=`, and between each `>`/`>=` followed by a `<`/`<=`. A range of `!=` constraints alone holds
 * every other version.
 *
 * Suppliers also write ranges without the `vers:` prefix in CSAF's product_version_range (`>= 2.0, < 2.4.1`,
 * `<=4.2`): `parseLooseRange` reads those as the same constraints, or gives null for text it cannot read.
 */
export const COMPARATORS = ['=', '!=', '<', '<=', '>', '>='] as const;
export type Comparator = (typeof COMPARATORS)[number];
export interface Constraint {
  comparator: Comparator;
  version: string;
}
export interface VersRange {
  scheme: Ecosystem;
  /** empty for `*` */
  constraints: Constraint[];
  all: boolean;
}

/** Why a text is not a vers range (a stable code, for the problem document). */
export type VersError =
  'vers.scheme' | 'vers.empty' | 'vers.comparator' | 'vers.version' | 'vers.duplicate' | 'vers.star' | 'vers.order';

export class VersSyntaxError extends Error {
  constructor(readonly code: VersError) {
    super(code);
  }
}

const MAX_CONSTRAINTS = 200;
/** `<`, `<=`: the range goes on below this version (an upper bound); `>`, `>=`: above it (a lower bound). */
const opensBelow = (c: Comparator) => c === '<' || c === '<=';
const opensAbove = (c: Comparator) => c === '>' || c === '>=';

function decode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    throw new VersSyntaxError('vers.version');
  }
}

function constraintOf(text: string): Constraint {
  const m = /^(!=|<=|>=|<|>|=)?(.*)$/.exec(text.trim())!;
  const version = decode(m[2]!.trim());
  if (!version || /[<>=!|*\s]/.test(version)) throw new VersSyntaxError(version ? 'vers.comparator' : 'vers.version');
  return { comparator: (m[1] ?? '=') as Comparator, version };
}

/**
 * Checks the parsed constraints as the spec asks: at most MAX_CONSTRAINTS, no version named twice (by the scheme's
 * equality), and the bounds (`<` `<=` `>` `>=`), in version order, alternate between a lower bound (`>`, `>=`)
 * and an upper one (`<`, `<=`): `>=1|>=2` says nothing `>=1` does not and is refused.
 */
function checked(scheme: Ecosystem, constraints: Constraint[]): Constraint[] {
  if (!constraints.length || constraints.length > MAX_CONSTRAINTS) throw new VersSyntaxError('vers.empty');
  const sorted = [...constraints].sort((a, b) => compareVersions(scheme, a.version, b.version));
  for (let i = 1; i < sorted.length; i++)
    if (compareVersions(scheme, sorted[i - 1]!.version, sorted[i]!.version) === 0) throw new VersSyntaxError('vers.duplicate');
  const bounds = sorted.filter((c) => c.comparator !== '=' && c.comparator !== '!=');
  for (let i = 1; i < bounds.length; i++)
    if (opensAbove(bounds[i - 1]!.comparator) === opensAbove(bounds[i]!.comparator)) throw new VersSyntaxError('vers.order');
  return sorted;
}

/** Parses `vers:<scheme>/<constraints>`; throws VersSyntaxError with the reason. */
export function parseVers(text: string): VersRange {
  const m = /^vers:([A-Za-z][A-Za-z0-9.+-]*)\/(.*)$/s.exec(text.trim());
  if (!m) throw new VersSyntaxError('vers.scheme');
  const scheme = m[1]!.toLowerCase();
  const body = m[2]!.trim();
  if (body === '*') return { scheme, constraints: [], all: true };
  const parts = body.split('|').map((p) => p.trim());
  if (parts.some((p) => p === '*')) throw new VersSyntaxError('vers.star');
  if (parts.some((p) => !p)) throw new VersSyntaxError('vers.empty');
  return { scheme, constraints: checked(scheme, parts.map(constraintOf)), all: false };
}

/** The text of a range, constraints sorted (`vers:npm/>=1.0.0|<2.0.0`); versions percent-encoded where needed. */
export function formatVers(range: VersRange): string {
  const enc = (v: string) => v.replace(/[%|<>=!*\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  if (range.all) return `vers:${range.scheme}/*`;
  const sorted = [...range.constraints].sort((a, b) => compareVersions(range.scheme, a.version, b.version));
  return `vers:${range.scheme}/${sorted.map((c) => `${c.comparator === '=' ? '' : c.comparator}${enc(c.version)}`).join('|')}`;
}

/**
 * A range written without the `vers:` prefix: constraints separated by `,`, `|`, `&&`, `and` or spaces
 * (`>= 2.0, < 2.4.1`, `<=4.2`, `>=1.0 <2.0`). Null when a part is not a comparator and a version, or when there is
 * no comparator at all (a bare `4.2` is a version, not a range).
 */
export function parseLooseRange(scheme: Ecosystem, text: string): VersRange | null {
  const t = text.trim();
  if (/^vers:/i.test(t)) {
    try {
      return parseVers(t);
    } catch {
      return null;
    }
  }
  if (t === '*' || /^all versions?$/i.test(t)) return { scheme, constraints: [], all: true };
  const parts = [...t.matchAll(/(!=|<=|>=|<|>|=)\s*([^\s,|&<>=!]+)/g)];
  const rest = t.replace(/(!=|<=|>=|<|>|=)\s*([^\s,|&<>=!]+)/g, '').replace(/,|\||&&|\band\b|\s/gi, '');
  if (!parts.length || rest) return null;
  try {
    return {
      scheme,
      constraints: checked(
        scheme,
        parts.map((p) => ({ comparator: p[1] as Comparator, version: p[2]! })),
      ),
      all: false,
    };
  } catch {
    return null;
  }
}

/** Whether `version` is in the range, by the range's scheme's order. */
export function versContains(range: VersRange, version: string): boolean {
  if (range.all) return true;
  const cmp = (a: string, b: string) => compareVersions(range.scheme, a, b);
  for (const c of range.constraints) {
    if (c.comparator === '=' && cmp(version, c.version) === 0) return true;
    if (c.comparator === '!=' && cmp(version, c.version) === 0) return false;
  }
  const bounds = range.constraints
    .filter((c) => c.comparator !== '=' && c.comparator !== '!=')
    .sort((a, b) => cmp(a.version, b.version));
  if (!bounds.length) return range.constraints.some((c) => c.comparator === '!=');
  const below = (c: Constraint) => {
    const d = cmp(version, c.version);
    return d < 0 || (d === 0 && c.comparator === '<=');
  };
  const above = (c: Constraint) => {
    const d = cmp(version, c.version);
    return d > 0 || (d === 0 && c.comparator === '>=');
  };
  const first = bounds[0]!;
  const last = bounds[bounds.length - 1]!;
  if (opensBelow(first.comparator) && below(first)) return true;
  if (opensAbove(last.comparator) && above(last)) return true;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const lo = bounds[i]!;
    const hi = bounds[i + 1]!;
    if (opensAbove(lo.comparator) && opensBelow(hi.comparator) && above(lo) && below(hi)) return true;
  }
  return false;
}
