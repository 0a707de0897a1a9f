import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error';
import { parseCycloneDxXml, parseSbomJson } from './sbom-parse';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const inputs = {
  json: [fixture('npm-sbom-cyclonedx-1.5.json'), fixture('npm-sbom-spdx-2.3.json')],
  xml: [fixture('cyclonedx-npm-1.6.xml')],
};

/** Seeded PRNG (mulberry32), so a failing case can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '<',
  '>',
  '/',
  '&',
  '&amp;',
  '<!--',
  ']]>',
  '\u0000',
  'null',
  '1e999',
  '"name"',
  '<component>',
];

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at); // truncated
    case 1:
      return text.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)]! + text.slice(at); // inserted token
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 50)); // deleted span
    default: {
      const from = Math.floor(random() * text.length);
      return text.slice(0, at) + text.slice(from, from + 200) + text.slice(at); // duplicated span
    }
  }
}

/** Every input either parses or fails with an AppError (400/413): never another exception. */
function outcome(parse: () => unknown): 'ok' | number {
  try {
    parse();
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.status;
    throw e;
  }
}

describe('SBOM parsers under fuzzing', () => {
  it('answer every mutated JSON document with a result or a clear 400', () => {
    const random = rng(20261123);
    for (let i = 0; i < 400; i++) {
      const text = mutate(inputs.json[i % 2]!, random);
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        continue; // the HTTP layer answers invalid JSON with 400 before the parser runs
      }
      expect([200, 'ok', 400, 413]).toContain(outcome(() => parseSbomJson(doc)));
    }
  });

  it('answer every mutated XML document with a result or a clear 400', () => {
    const random = rng(7);
    const statuses = new Set<string | number>();
    for (let i = 0; i < 150; i++) statuses.add(outcome(() => parseCycloneDxXml(mutate(inputs.xml[0]!, random))));
    expect([...statuses].every((s) => s === 'ok' || s === 400)).toBe(true);
  });

  it('answer documents of the wrong shape at every level', () => {
    const shapes: unknown[] = [null, 1, 'x', [], {}, { bomFormat: 'CycloneDX', specVersion: 1.5 }, { spdxVersion: 2.3 }];
    const parents = [
      (v: unknown) => ({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [v] }),
      (v: unknown) => ({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        components: [{ name: 'a', licenses: v, purl: v, version: v }],
      }),
      (v: unknown) => ({ spdxVersion: 'SPDX-2.3', packages: [{ name: 'a', externalRefs: v, versionInfo: v }] }),
      (v: unknown) => ({ spdxVersion: 'SPDX-2.3', packages: [v], documentDescribes: v }),
    ];
    for (const shape of shapes) {
      expect(['ok', 400]).toContain(outcome(() => parseSbomJson(shape)));
      for (const wrap of parents) expect(['ok', 400]).toContain(outcome(() => parseSbomJson(wrap(shape))));
    }
  });
});
