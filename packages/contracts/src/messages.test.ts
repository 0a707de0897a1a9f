import { describe, expect, it } from 'vitest';
import { MESSAGE_TEXTS, placeholdersOf, renderMessage } from './messages';

describe('message catalogue', () => {
  it('has every code in Japanese and English, with the same placeholders in both', () => {
    const { ja, en } = MESSAGE_TEXTS;
    const wrong: string[] = [];
    for (const code of new Set([...Object.keys(ja), ...Object.keys(en)])) {
      const j = (ja as Record<string, string>)[code];
      const e = (en as Record<string, string>)[code];
      if (!j?.trim() || !e?.trim()) {
        wrong.push(`${code}: missing in ${j?.trim() ? 'en' : 'ja'}`);
        continue;
      }
      if (placeholdersOf(j).sort().join() !== placeholdersOf(e).sort().join()) wrong.push(`${code}: placeholders differ`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps Japanese texts Japanese and English texts free of Japanese', () => {
    const kana = /[\u3040-\u30ff\u4e00-\u9fff]/;
    expect(
      Object.entries(MESSAGE_TEXTS.ja)
        .filter(([, t]) => !kana.test(t.replace(/\{\{\w+\}\}/g, '')))
        .map(([c]) => c),
    ).toEqual([]);
    expect(
      Object.entries(MESSAGE_TEXTS.en)
        .filter(([, t]) => kana.test(t))
        .map(([c]) => c),
    ).toEqual([]);
  });

  it('fills values in the language asked for: names in that language, moments in its zone', () => {
    expect(renderMessage('ja', { code: 'validation.too_short', params: { minimum: 12 } })).toBe('12 文字以上で入力してください');
    expect(renderMessage('en', { code: 'validation.too_short', params: { minimum: 12 } })).toBe('Enter at least 12 characters');
    expect(renderMessage('ja', { code: 'problem.no_route', params: { path: { ja: '/ジャ', en: '/en' } } })).toContain('/ジャ');
    expect(renderMessage('en', { code: 'problem.no_route', params: { path: { at: '2026-12-07T21:11:00Z' } } })).toContain(
      '21:11',
    );
    expect(renderMessage('ja', { code: 'problem.no_route', params: { path: { at: '2026-12-07T21:11:00Z' } } })).toContain('6:11');
  });
});
