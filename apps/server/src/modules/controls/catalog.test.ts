import { ANNEX_A_CONTROLS } from '@mamori/contracts';
import { describe, expect, it } from 'vitest';
import { controlCatalog } from './catalog';

describe('the Annex A catalogue', () => {
  const { controls } = controlCatalog();

  it('has the 93 controls of annex-a.ts, in order, each with its theme', () => {
    expect(controls).toHaveLength(93);
    expect(controls.map((c) => [c.id, c.theme])).toEqual(ANNEX_A_CONTROLS.map((c) => [c.id, c.theme]));
  });

  it('gives every title and guidance in both languages, Japanese text in Japanese', () => {
    for (const c of controls) {
      for (const lang of ['ja', 'en'] as const) {
        expect(c.title[lang].trim(), `${c.id} title ${lang}`).not.toBe('');
        expect(c.guidance[lang].length, `${c.id} guidance ${lang}`).toBeGreaterThan(40);
      }
      expect(c.title.ja, c.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(c.guidance.ja, c.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(c.types.length, c.id).toBeGreaterThan(0);
      expect(c.properties.length, c.id).toBeGreaterThan(0);
    }
  });

  it('has no duplicated title in either language', () => {
    for (const lang of ['ja', 'en'] as const) expect(new Set(controls.map((c) => c.title[lang])).size).toBe(93);
  });
});
