import { describe, expect, it } from 'vitest';
import { facts, renderPdf, section } from './render';
import { readPdf } from './testing';

const meta = {
  title: '情報セキュリティ事故 事例',
  lang: 'ja' as const,
  footer: '社外秘',
  createdAt: new Date('2026-11-01T00:00:00Z'),
};

describe('renderPdf', () => {
  it('writes Japanese and English text that a PDF reader extracts again, with page numbers', async () => {
    const file = await renderPdf({ ...meta, subtitle: 'Education material' }, [
      facts([
        ['種類', '書類・PC・媒体の紛失、盗難'],
        ['Site', 'Yokohama'],
      ]),
      ...section('何が起きたか', '電車内にノートPCを置き忘れた。Customer list on it.'),
    ]);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await readPdf(file);
    expect(pdf.text).toContain('情報セキュリティ事故 事例');
    expect(pdf.text).toContain('書類・PC・媒体の紛失、盗難');
    expect(pdf.text).toContain('電車内にノートPCを置き忘れた。Customer list on it.');
    expect(pdf.text).toContain('社外秘');
    expect(pdf.text).toContain('1 / 1');
    expect(pdf.info.Title).toBe('情報セキュリティ事故 事例');
  });

  it('embeds only the glyphs used, so a one-page report stays small', async () => {
    const file = await renderPdf(meta, section('見出し', '本文'));
    expect(file.length).toBeLessThan(60_000);
  });

  it('runs onto further pages and numbers them', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `${i + 1}. 行 line`).join('\n');
    const pdf = await readPdf(await renderPdf(meta, section('長文', long)));
    expect(pdf.pages.length).toBeGreaterThan(1);
    expect(pdf.pages.at(-1)).toContain(`${pdf.pages.length} / ${pdf.pages.length}`);
  });
});
