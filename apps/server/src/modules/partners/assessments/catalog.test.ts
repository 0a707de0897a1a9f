import { describe, expect, it } from 'vitest';
import { applicableItems, catalogVersions, loadCatalog, parseCatalog, type PartnerProfile } from './catalog';

const everything: PartnerProfile = { digitized: true, usesSubcontractors: true, embodiments: true, papers: true };
const papersOnly: PartnerProfile = { digitized: false, usesSubcontractors: false, embodiments: false, papers: true };

describe('partner criteria catalogue v1', () => {
  const c = loadCatalog(1);

  it('has the five groups and every sub-item of the guidelines', () => {
    expect(c.file.groups.map((g) => g.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(c.file.groups.flatMap((g) => g.subItems.map((s) => s.id))).toEqual([
      '1-1',
      '1-2',
      '2-1',
      '2-2',
      '2-3',
      '2-4',
      '2-5',
      '2-6',
      '2-7',
      '2-8',
      '3-1',
      '3-2',
      '4-1',
      '4-2',
      '5-1',
      '5-2',
    ]);
  });

  it('has every detailed requirement, points included, with unique ids', () => {
    const ids = c.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(84);
    const letters = (stem: string, last: string) =>
      Array.from({ length: last.charCodeAt(0) - 96 }, (_, i) => `${stem}-${String.fromCharCode(97 + i)}`);
    for (const expected of [
      ...letters('2-2-2', 'd'),
      ...letters('2-2-3', 'd'),
      ...letters('2-3-5', 'b'),
      ...letters('2-4-1', 'd'),
      ...letters('2-4-2', 'c'),
      ...letters('2-5-6', 'b'),
      ...letters('2-6-1', 'd'),
      ...letters('2-8-2', 'l'),
      ...letters('4-1', 'c'),
      ...letters('4-2', 'f'),
      ...['1-1', '1-2', '2-1-1', '2-1-2', '2-1-3', '2-2-1', '2-2-3', '2-3-5', '2-5-5', '2-7-2', '2-8-1', '2-8-7', '3-1-4'],
      ...['3-2-2', '4-1', '5-1', '5-2'],
    ])
      expect(ids).toContain(expected);
    expect(c.file.ndaProvisions.map((p) => p.id).join('')).toBe('abcdefghijkl');
  });

  it('has non-empty ja and en texts, positive weights, and some critical requirements', () => {
    for (const i of c.items) {
      expect(i.text.ja.length * i.text.en.length).toBeGreaterThan(0);
      expect(i.weight).toBeGreaterThan(0);
    }
    for (const g of c.file.groups) expect(g.title.ja && g.title.en).toBeTruthy();
    expect(c.items.filter((i) => i.critical).map((i) => i.id)).toContain('2-8-1');
  });

  it('keeps 2-4 … 2-7 to partners with digitized information and 2-8 to partners using outsourced companies', () => {
    const ids = applicableItems(c, papersOnly).map((i) => i.id);
    expect(ids.some((id) => /^2-[4-8]-/.test(id))).toBe(false);
    expect(ids).toContain('2-2-3-b');
    expect(ids).not.toContain('2-2-2-c');
    const digital = applicableItems(c, { ...papersOnly, digitized: true }).map((i) => i.id);
    expect(digital.some((id) => id.startsWith('2-4-'))).toBe(true);
    expect(digital.some((id) => id.startsWith('2-8-'))).toBe(false);
    const subs = applicableItems(c, { ...papersOnly, usesSubcontractors: true }).map((i) => i.id);
    expect(subs).toContain('2-8-1');
    expect(subs).not.toContain('2-8-3'); // e-mail encryption: only with digitized information
    expect(applicableItems(c, everything)).toHaveLength(84);
  });

  it('lists its published versions', () => {
    expect(catalogVersions()).toContain(1);
  });
});

describe('catalogue validation', () => {
  const base = () =>
    structuredClone(loadCatalog(1).file) as unknown as {
      version: number;
      groups: { subItems: { requirements: { id: string; text: { ja: string } }[] }[] }[];
    };

  it('refuses a duplicate id, an empty translation and a requirement in the wrong group', () => {
    const dup = base();
    dup.groups[0]!.subItems[0]!.requirements.push({ ...dup.groups[0]!.subItems[0]!.requirements[0]! });
    expect(() => parseCatalog(dup)).toThrow(/duplicate requirement id 1-1/);
    const empty = base();
    empty.groups[0]!.subItems[0]!.requirements[0]!.text.ja = ' ';
    expect(() => parseCatalog(empty)).toThrow();
    const moved = base();
    moved.groups[0]!.subItems[0]!.requirements[0]!.id = '3-9';
    expect(() => parseCatalog(moved)).toThrow(/not in group 1/);
  });

  it('parses a new version independently of the old one', () => {
    const v2 = base();
    v2.version = 2;
    v2.groups[0]!.subItems[0]!.requirements[0]!.id = '1-1-1';
    const parsed = parseCatalog(v2);
    expect(parsed.byId.has('1-1-1')).toBe(true);
    expect(loadCatalog(1).byId.has('1-1-1')).toBe(false);
  });
});
