import { describe, expect, it } from 'vitest';
import { compareVersions, ecosystemOfPurl, includesFix, sortVersions, versionKey } from './compare';

/** Each list is in ascending order as the ecosystem's own documentation gives it; `=` joins equal versions. */
function expectOrder(ecosystem: string, list: string[]) {
  const groups = list.map((g) => g.split(' = '));
  for (let i = 0; i < groups.length; i++)
    for (let j = 0; j < groups.length; j++)
      for (const a of groups[i]!)
        for (const b of groups[j]!) {
          const want = Math.sign(i - j);
          expect(compareVersions(ecosystem, a, b), `${ecosystem}: ${a} vs ${b}`).toBe(want);
          if (want === 0) expect(versionKey(ecosystem, a), `${ecosystem}: key ${a} = key ${b}`).toBe(versionKey(ecosystem, b));
          else expect(versionKey(ecosystem, a), `${ecosystem}: key ${a} ≠ key ${b}`).not.toBe(versionKey(ecosystem, b));
        }
}

describe('SemVer 2.0.0 (npm, golang, cargo)', () => {
  it('orders as semver.org §11 does, pre-releases before the release', () => {
    expectOrder('npm', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0 = v1.0.0 = =1.0.0 = 1.0.0+build.5',
      '2.0.0-rc1',
      '2.0.0',
      '2.1.0',
      '2.1.1',
      '2.10.0',
    ]);
  });

  it('reads Go module versions: the v prefix, pseudo-versions before the release, +incompatible as metadata', () => {
    expectOrder('golang', [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.1',
      'v1.2.3-pre',
      'v1.2.3',
      'v2.0.0+incompatible = v2.0.0',
    ]);
  });
});

describe('NuGet', () => {
  it('orders pre-release labels case-insensitively, and 1.0 = 1.0.0 = 1.0.0.0 (learn.microsoft.com, Package versioning)', () => {
    // the documentation's example list, reversed into ascending order
    expectOrder('nuget', [
      '1.0.1-aaa',
      '1.0.1-alpha10',
      '1.0.1-alpha2',
      '1.0.1-beta = 1.0.1-BETA',
      '1.0.1-open',
      '1.0.1-rc',
      '1.0.1-zzz',
      '1.0.1 = 1.0.1.0 = 1.00.01',
      '1.0.1.1',
      '1.1 = 1.1.0 = 1.1.0.0',
    ]);
  });
});

describe('Maven (ComparableVersion)', () => {
  it('follows the POM reference "Version Order Specification" examples', () => {
    expectOrder('maven', ['1', '1.1']);
    expectOrder('maven', ['1-snapshot', '1', '1-sp']);
    expectOrder('maven', ['1-foo2', '1-foo10']);
    expectOrder('maven', ['1.foo = 1-foo', '1-1', '1.1']);
    expectOrder('maven', ['1.ga = 1-ga = 1-0 = 1.0 = 1 = 1.0.0 = 1-final = 1.RELEASE', '1-sp']);
    expectOrder('maven', ['1-ga.1', '1-sp.1']);
    expectOrder('maven', ['1-sp-1', '1-ga-1 = 1-1']);
    expectOrder('maven', ['1-alpha-1 = 1-a1', '1-beta-1 = 1-b1', '1-milestone-1 = 1-m1', '1-rc-1 = 1-cr-1']);
  });

  it("orders Maven's own test lists (ComparableVersionTest: qualifiers, numbers)", () => {
    expectOrder('maven', [
      '1-alpha2snapshot',
      '1-alpha2',
      '1-alpha-123',
      '1-beta-2',
      '1-beta123',
      '1-m2',
      '1-m11',
      '1-rc',
      '1-cr2',
      '1-rc123',
      '1-SNAPSHOT',
      '1',
      '1-sp',
      '1-sp2',
      '1-sp123',
      '1-abc',
      '1-def',
      '1-pom-1',
      '1-1-snapshot',
      '1-1',
      '1-2',
      '1-123',
    ]);
    expectOrder('maven', [
      '2.0',
      '2.0.a',
      '2-1',
      '2.0.2',
      '2.0.123',
      '2.1.0',
      '2.1-a',
      '2.1b',
      '2.1-c',
      '2.1-1',
      '2.1.0.1',
      '2.2',
      '2.123',
      '11.a2',
      '11.a11',
      '11.b2',
      '11.b11',
      '11.m2',
      '11.m11',
      '11',
      '11.a',
      '11b',
      '11c',
      '11m',
    ]);
  });
});

describe('PyPI (PEP 440)', () => {
  it('orders the PEP\'s "Summary of permitted suffixes and relative ordering" list', () => {
    expectOrder('pypi', [
      '1.dev0',
      '1.0.dev456',
      '1.0a1 = 1.0-alpha.1 = 1.0.A1 = 1.0a01',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1 = 1.0c1 = 1.0pre1 = 1.0-preview-1',
      '1.0 = 1.0.0 = v1.0 = 1',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456 = 1.0-456 = 1.0.rev456 = 1.0r456',
      '1.0.15',
      '1.1.dev1',
    ]);
  });

  it('puts the epoch first', () => {
    expectOrder('pypi', ['2013.10', '2014.04', '1!1.0', '1!1.1', '1!2.0']);
  });
});

describe('Debian', () => {
  it('orders ~ before everything, even the end (Debian Policy 5.6.12)', () => {
    expectOrder('deb', ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0a']);
    expectOrder('deb', ['1.0~beta1~svn1245', '1.0~beta1', '1.0']);
  });

  it('compares the epoch, then upstream, then the revision (missing = 0)', () => {
    expectOrder('deb', [
      '1.0 = 0:1.0 = 1.0-0 = 1.00',
      '1.0-0.1',
      '1.0-1',
      '1.0-2',
      '1.0-10',
      '1.0+dfsg1-1',
      '1.0.1-1',
      '2.0',
      '1:0.9',
      '2:0.1',
    ]);
    expectOrder('deb', ['7.88.1-10+deb12u5', '7.88.1-10+deb12u8', '7.88.1-11']);
  });
});

describe('Composer', () => {
  it('normalises a leading v and missing numbers, and orders stabilities dev < alpha < beta < RC < stable < patch', () => {
    expectOrder('composer', [
      '1.0.0-dev',
      '1.0.0-alpha1 = 1.0.0-a1 = 1.0.0-alpha.1',
      '1.0.0-alpha2',
      '1.0.0-beta2 = 1.0.0-b2',
      '1.0.0-RC1 = 1.0.0-rc1',
      '1.0.0-rc2',
      '1.0.0 = v1.0.0 = 1.0 = 1 = 1.0.0.0',
      '1.0.0-patch1 = 1.0.0-pl1 = 1.0.0-p1',
      '1.0.1',
      '7.30.6 = v7.30.6',
      '7.30.10',
    ]);
  });
});

describe('generic (product releases, unknown types)', () => {
  it('puts pre-releases before the release, numbers in order, post-release words after', () => {
    expectOrder('generic', [
      '1.0-SNAPSHOT',
      '2.0.0-dev',
      '2.0.0-alpha',
      '2.0.0-beta.2',
      '2.0.0-rc1 = 2.0.0-RC1',
      '2.0.0 = v2.0.0 = 2.0',
      '2.0.0-sp1',
      '2.0.1',
      '2.9',
      '2.10',
    ]);
    expect(compareVersions('unknown-type', '2.0.0-rc1', '2.0.0')).toBe(-1);
    expect(compareVersions(null, '2.10', '2.9')).toBe(1);
  });

  it('falls back to the generic order for a version the ecosystem cannot read', () => {
    expect(compareVersions('npm', 'latest-2', 'latest-10')).toBe(-1);
    expect(compareVersions('pypi', 'not a version 1', 'not a version 2')).toBe(-1);
  });
});

describe('helpers', () => {
  it('reads the ecosystem from a purl, sorts and tells whether a version includes a fix', () => {
    expect(ecosystemOfPurl('pkg:Maven/org.apache/x@1')).toBe('maven');
    expect(ecosystemOfPurl('laravel/framework')).toBeNull();
    expect(sortVersions('generic', ['2.10', '2.0.0', '2.0.0-rc1', '2.9'])).toEqual(['2.0.0-rc1', '2.0.0', '2.9', '2.10']);
    expect(includesFix('generic', '2.0.0-rc1', '2.0.0')).toBe(false);
    expect(includesFix('generic', '2.0.0', '2.0.0')).toBe(true);
    expect(includesFix('pypi', '2.0.post1', '2.0')).toBe(true);
    expect(includesFix('deb', '2.0~rc1-1', '2.0-1')).toBe(false);
  });
});
