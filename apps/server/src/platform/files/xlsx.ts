import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { AppError, invalid, type FieldError, msg } from '../errors/app-error';
import { mb, tooLarge } from './too-large';
import { readZip, writeStoredZip, type ZipEntry } from './zip';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An uploaded workbook is at most this large … */
export const MAX_XLSX_BYTES = 5 * 1024 * 1024;
/** … unpacks to at most this much (counted while inflating) … */
export const MAX_XLSX_UNPACKED = 16 * 1024 * 1024;
/** … and holds at most this many rows, cells, shared strings and rich-text runs (counted in its XML). */
export const MAX_XLSX_ITEMS = 50_000;

/** One worksheet's values: row number → the cells' texts (index 0 = column A); formulas were refused. */
export interface XlsxSheet {
  name: string;
  rows: Map<number, string[]>;
}

const notXlsx = () => new AppError('unsupported-media-type', msg('files.not_xlsx'));
const RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';
const STRINGS = 'xl/sharedStrings.xml';
const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const EMPTY_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
);

/** The longest run of XML between two tags: a cell holds at most 32,767 characters (Excel's own limit), in UTF-8. */
const MAX_RUN = 32_767 * 4 + 1024;

/**
 * Counts the elements that become an object each when read (rows, cells, shared strings, rich-text runs), and
 * refuses a text or tag longer than a cell can be (exceljs gathers a text by concatenation: one 3.5 MB string
 * cost 300 MB).
 */
function countItems(xml: Buffer, stop: number): number {
  let n = 0;
  let last = 0;
  for (let i = xml.indexOf(0x3c); i >= 0 && n <= stop; i = xml.indexOf(0x3c, i + 1)) {
    if (i - last > MAX_RUN) throw tooLarge('A cell of the workbook holds more than 32,767 characters.');
    last = i;
    let j = i + 1;
    while (j < xml.length && j - i <= 4 && xml[j]! >= 0x61 && xml[j]! <= 0x7a) j++;
    const name = xml.toString('latin1', i + 1, j);
    const next = xml[j];
    if (ITEMS.has(name) && (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x0a || next === 0x0d || next === 0x09))
      n++;
  }
  if (xml.length - last > MAX_RUN) throw tooLarge('A cell of the workbook holds more than 32,767 characters.');
  return n;
}
const ITEMS = new Set(['c', 'row', 'si', 'r']);

/** 64 KiB at a time: the streaming reader builds the rows of one chunk at once, so the chunk bounds them. */
function* chunks(buf: Buffer): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += 65_536) yield buf.subarray(i, i + 65_536);
}

/** The parts the values live in, in the order the streaming reader needs them (relations, names, strings, sheets). */
function valueParts(entries: ZipEntry[]): ZipEntry[] {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const rels = byName.get(RELS);
  const workbook = byName.get(WORKBOOK);
  if (!rels || !workbook) throw notXlsx();
  const sheets = entries
    .filter((e) => SHEET.test(e.name))
    .sort((a, b) => Number(SHEET.exec(a.name)![1]) - Number(SHEET.exec(b.name)![1]));
  return [rels, workbook, byName.get(STRINGS) ?? { name: STRINGS, data: EMPTY_STRINGS }, ...sheets];
}

/**
 * Reads the values of an uploaded workbook with bounded memory. The zip is unpacked by `readZip` (inflated
 * bytes counted while inflating, never trusting the sizes it declares), the rows, cells and strings are counted
 * in the XML, and exceljs's streaming reader then reads a stored copy of only the parts that hold values, one
 * row at a time: no styles, merges, data validations or defined names (which exceljs's full model expands cell
 * by cell: a 6 KB validation over A1:Z100000 cost 230 MB). Formulas are refused, naming their cells.
 */
export async function readXlsx(buf: Buffer): Promise<XlsxSheet[]> {
  if (buf.length > MAX_XLSX_BYTES) throw tooLarge(`The workbook is larger than ${mb(MAX_XLSX_BYTES)}.`);
  const parts = valueParts(readZip(buf, { maxEntries: 1000, maxInflated: MAX_XLSX_UNPACKED }));
  let items = 0;
  for (const p of parts) {
    items += countItems(p.data, MAX_XLSX_ITEMS);
    if (items > MAX_XLSX_ITEMS) throw tooLarge(`The workbook has more than ${MAX_XLSX_ITEMS} rows, cells and texts.`);
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks(writeStoredZip(parts))), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets: XlsxSheet[] = [];
  const formulas: FieldError[] = [];
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      const rows = new Map<number, string[]>();
      for await (const row of ws) {
        const texts: string[] = [];
        row.eachCell((cell, col) => {
          if (cell.type === ExcelJS.ValueType.Formula)
            formulas.push({
              path: `row ${row.number}.${cell.address}`,
              message: `formulas are not accepted (sheet ${name}); type the value`,
            });
          texts[col - 1] = cellText(cell);
        });
        rows.set(row.number, texts);
      }
      sheets.push({ name, rows });
    }
  } catch {
    throw notXlsx();
  }
  if (formulas.length)
    throw invalid(formulas.slice(0, 1000), `${formulas.length} problem(s) in the workbook; nothing was changed.`);
  return sheets;
}

/** A cell's value as trimmed text (rich text joined, hyperlinks by their text). */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return '';
  }
  return String(v).trim();
}

/** The text of a cell (column 1 = A), '' when empty. */
export const textAt = (row: string[] | undefined, col: number) => row?.[col - 1] ?? '';
