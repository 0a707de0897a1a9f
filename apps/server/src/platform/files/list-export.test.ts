import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { FastifyBaseLogger } from 'fastify';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvField, listCsv, listXlsx, wallTime, type ListExport } from './list-export';

interface Row {
  name: string;
  at: Date;
  n: number;
  ok: boolean;
}
const log = { error: () => undefined } as unknown as FastifyBaseLogger;
const read = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
};
async function* pagesOf(rows: Row[], size = 2) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
const rows: Row[] = [
  { name: '田中, "太郎"', at: new Date('2026-12-07T15:30:00Z'), n: 1, ok: true },
  { name: '=HYPERLINK("x")', at: new Date('2026-12-07T00:00:00Z'), n: 2.5, ok: false },
  { name: 'line\nbreak', at: new Date('2026-01-01T00:00:00Z'), n: 3, ok: true },
];
const spec = (over: Partial<ListExport<Row>> = {}): ListExport<Row> => ({
  sheet: { ja: '一覧', en: 'List' },
  columns: [
    { header: { ja: '名前', en: 'Name' }, value: (r) => r.name },
    { header: { ja: '日時', en: 'At' }, value: (r) => r.at, kind: 'datetime' },
    { header: { ja: '数', en: 'Count' }, value: (r) => r.n, kind: 'number' },
    { header: { ja: '可否', en: 'OK' }, value: (r) => r.ok },
  ],
  pages: pagesOf(rows),
  lang: 'ja',
  timeZone: 'Asia/Tokyo',
  ...over,
});

describe('list export', () => {
  it('writes CSV with a BOM and CRLF that an RFC 4180 reader parses back, in the reader’s language and zone', async () => {
    const text = (await read(listCsv(spec(), log))).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    const parsed = parse(text, { bom: true }) as string[][];
    expect(parsed[0]).toEqual(['名前', '日時 (Asia/Tokyo)', '数', '可否']);
    expect(parsed[1]).toEqual(['田中, "太郎"', '2026-12-08 00:30', '1', 'はい']);
    expect(parsed[2]![0]).toBe(`'=HYPERLINK("x")`); // a formula stays text
    expect(parsed[3]![0]).toBe('line\nbreak');
    expect(parsed).toHaveLength(4);
  });

  it('writes English headers and another zone when asked', async () => {
    const text = (await read(listCsv(spec({ lang: 'en', timeZone: 'Europe/Berlin' }), log))).toString('utf8');
    const parsed = parse(text, { bom: true }) as string[][];
    expect(parsed[0]).toEqual(['Name', 'At (Europe/Berlin)', 'Count', 'OK']);
    expect(parsed[1]!.slice(1)).toEqual(['2026-12-07 16:30', '1', 'yes']);
  });

  it('writes an XLSX that exceljs opens: bold frozen header, wall-time dates, numbers, formula-like text kept as text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await read(listXlsx(spec(), log))) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('一覧');
    expect(ws.getRow(1).values).toEqual([undefined, '名前', '日時 (Asia/Tokyo)', '数', '可否']);
    expect(ws.getCell('A2').value).toBe('田中, "太郎"');
    expect((ws.getCell('B2').value as Date).toISOString()).toBe('2026-12-08T00:30:00.000Z');
    expect(ws.getCell('C3').value).toBe(2.5);
    expect(ws.getCell('A3').value).toBe('=HYPERLINK("x")');
    expect(ws.getCell('A3').type).not.toBe(ExcelJS.ValueType.Formula);
    expect(ws.rowCount).toBe(4);
  });

  it('stops at the row cap and says so in a last row, in both formats', async () => {
    const csv = parse((await read(listCsv(spec({ maxRows: 2 }), log))).toString('utf8'), {
      bom: true,
      relax_column_count: true,
    }) as string[][];
    expect(csv).toHaveLength(4);
    expect(csv[3]![0]).toContain('上限の 2 行で打ち切りました');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await read(listXlsx(spec({ maxRows: 2, lang: 'en' }), log))) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    expect(String(ws.getCell('A4').value)).toContain('Stopped at the limit of 2 rows');
  });

  it('quotes CSV fields only when RFC 4180 needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('+81')).toBe("'+81");
    expect(wallTime(new Date('2026-03-31T15:00:00Z'), 'Asia/Tokyo').text).toBe('2026-04-01 00:00');
  });
});
