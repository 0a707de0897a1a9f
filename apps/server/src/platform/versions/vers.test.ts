import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions } from './compare';
import type { VersSyntaxError } from './vers';
import { formatVers, parseLooseRange, parseVers, versContains, type VersRange } from './vers';

const contains = (range: string, v: string) => versContains(parseVers(range), v);

/** Generic dotted versions: 1–4 numbers, sometimes a pre-release word. */
const dotted = fc
  .tuple(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '-rc1', '-beta2', '-alpha'))
  .map(([nums, pre]) => `${nums.join('.')}${pre}`);
/** npm SemVer versions. */
const semver = fc
  .tuple(fc.nat({ max: 20 }), fc.nat({ max: 20 }), fc.nat({ max: 20 }), fc.constantFrom('', '-rc.1', '-alpha.2'))
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre}`);

/** Distinct versions of a scheme, ascending. */
const ascending = (scheme: string, arb: fc.Arbitrary<string>, n: number) =>
  fc
    .uniqueArray(arb, { minLength: n, maxLength: n, comparator: (a, b) => compareVersions(scheme, a, b) === 0 })
    .map((vs) => [...vs].sort((a, b) => compareVersions(scheme, a, b)));

describe('vers: examples of the spec', () => {
  it('reads one version, intervals and unions', () => {
    expect(contains('vers:npm/1.2.3|>=2.0.0|<5.0.0', '1.2.3')).toBe(true);
    expect(contains('vers:npm/1.2.3|>=2.0.0|<5.0.0', '1.2.4')).toBe(false);
    expect(contains('vers:npm/1.2.3|>=2.0.0|<5.0.0', '4.9.9')).toBe(true);
    expect(contains('vers:npm/1.2.3|>=2.0.0|<5.0.0', '5.0.0')).toBe(false);
    expect(contains('vers:npm/<1.0.0|>=2.0.0', '0.9.0')).toBe(true);
    expect(contains('vers:npm/<1.0.0|>=2.0.0', '1.5.0')).toBe(false);
    expect(contains('vers:npm/<1.0.0|>=2.0.0', '7.0.0')).toBe(true);
    expect(contains('vers:pypi/*', 'anything')).toBe(true);
    expect(contains('vers:npm/!=1.0.0', '1.0.0')).toBe(false);
    expect(contains('vers:npm/!=1.0.0', '1.0.1')).toBe(true);
    expect(contains('vers:npm/>=1.0.0|!=1.2.0|<2.0.0', '1.2.0')).toBe(false);
    expect(contains('vers:npm/>=1.0.0|!=1.2.0|<2.0.0', '1.3.0')).toBe(true);
  });

  it("orders by the scheme's rules: pre-releases of npm, Maven qualifiers, PEP 440", () => {
    expect(contains('vers:npm/>=1.0.0|<2.0.0', '2.0.0-rc.1')).toBe(true);
    expect(contains('vers:maven/>=1.0|<1.0.1', '1.0-SP1')).toBe(true);
    expect(contains('vers:pypi/<2.0', '2.0rc1')).toBe(true);
    expect(contains('vers:generic/<=4.2', '4.2.0')).toBe(true);
    expect(contains('vers:generic/<4.10', '4.9')).toBe(true);
  });

  it('decodes percent-encoded versions', () => {
    expect(contains('vers:generic/1.0%2Bbuild', '1.0+build')).toBe(true);
  });

  it('refuses what is not a range, naming why', () => {
    const code = (t: string) => {
      try {
        parseVers(t);
        return null;
      } catch (e) {
        return (e as VersSyntaxError).code;
      }
    };
    expect(code('npm/>=1.0')).toBe('vers.scheme');
    expect(code('vers:npm/')).toBe('vers.empty');
    expect(code('vers:npm/>=1.0||<2.0')).toBe('vers.empty');
    expect(code('vers:npm/>=1.0|*')).toBe('vers.star');
    expect(code('vers:npm/>=1.0.0|1.0')).toBe('vers.duplicate');
    expect(code('vers:npm/>=1.0|>=2.0')).toBe('vers.order');
    expect(code('vers:npm/=>1.0')).toBe('vers.comparator');
    expect(code('vers:npm/>=%E0%A4%A')).toBe('vers.version');
    expect(code(`vers:npm/${Array.from({ length: 201 }, (_, i) => `!=${i}`).join('|')}`)).toBe('vers.empty');
  });

  it('reads the loose ranges suppliers write in product_version_range', () => {
    const r = parseLooseRange('generic', '>= 2.0, < 2.4.1')!;
    expect(versContains(r, '2.3.9')).toBe(true);
    expect(versContains(r, '2.4.1')).toBe(false);
    expect(versContains(parseLooseRange('generic', '<=4.2')!, '4.1')).toBe(true);
    expect(versContains(parseLooseRange('generic', '>=1.0 and <2.0')!, '1.5')).toBe(true);
    expect(parseLooseRange('generic', '4.2')).toBeNull();
    expect(parseLooseRange('generic', 'before 4.2')).toBeNull();
    expect(parseLooseRange('generic', 'vers:npm/>=1|>=2')).toBeNull();
    expect(parseLooseRange('generic', 'all versions')!.all).toBe(true);
  });
});

describe('vers: properties', () => {
  for (const [scheme, arb] of [
    ['generic', dotted],
    ['npm', semver],
  ] as const) {
    it(`${scheme}: >=a|<b holds exactly the versions from a up to, not including, b`, () => {
      fc.assert(
        fc.property(ascending(scheme, arb, 2), arb, ([a, b], v) => {
          const inside = compareVersions(scheme, v, a!) >= 0 && compareVersions(scheme, v, b!) < 0;
          expect(contains(`vers:${scheme}/>=${a}|<${b}`, v)).toBe(inside);
        }),
      );
    });

    it(`${scheme}: a union of disjoint intervals holds what one of them holds`, () => {
      fc.assert(
        fc.property(ascending(scheme, arb, 4), fc.boolean(), fc.boolean(), arb, ([a, b, c, d], inclA, inclD, v) => {
          const range = `vers:${scheme}/${inclA ? '>=' : '>'}${a}|<${b}|>${c}|${inclD ? '<=' : '<'}${d}`;
          const cmp = (x: string, y: string) => compareVersions(scheme, x, y);
          const first = (inclA ? cmp(v, a!) >= 0 : cmp(v, a!) > 0) && cmp(v, b!) < 0;
          const second = cmp(v, c!) > 0 && (inclD ? cmp(v, d!) <= 0 : cmp(v, d!) < 0);
          expect(contains(range, v)).toBe(first || second);
        }),
      );
    });

    it(`${scheme}: = holds only its version, != all but its version, * everything`, () => {
      fc.assert(
        fc.property(arb, arb, (x, v) => {
          const same = compareVersions(scheme, x, v) === 0;
          expect(contains(`vers:${scheme}/${x}`, v)).toBe(same);
          expect(contains(`vers:${scheme}/!=${x}`, v)).toBe(!same);
          expect(contains(`vers:${scheme}/*`, v)).toBe(true);
        }),
      );
    });

    it(`${scheme}: an open range below and above is the complement of the closed one between`, () => {
      fc.assert(
        fc.property(ascending(scheme, arb, 2), arb, ([a, b], v) => {
          expect(contains(`vers:${scheme}/<${a}|>${b}`, v)).toBe(!contains(`vers:${scheme}/>=${a}|<=${b}`, v));
        }),
      );
    });

    it(`${scheme}: formatting and parsing again gives the same range, whatever order it was written in`, () => {
      fc.assert(
        fc.property(ascending(scheme, arb, 3), fc.nat({ max: 5 }), arb, ([a, b, c], turn, v) => {
          const parts = [`>=${a}`, `<${b}`, `${c}`];
          const shuffled = [...parts.slice(turn % 3), ...parts.slice(0, turn % 3)];
          const range: VersRange = parseVers(`vers:${scheme}/${shuffled.join('|')}`);
          const again = parseVers(formatVers(range));
          expect(again).toEqual(range);
          expect(versContains(again, v)).toBe(versContains(range, v));
        }),
      );
    });
  }
});
