import type { Language } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import { localOf } from '../deadlines/zoned-time';
import { requestLanguage } from '../errors/handler';
import { addTextSafeRow, isFormulaLike } from './xlsx-write';

/**
 * One export for every list (issue #18): the rows a reader sees with the list's filters, as CSV or XLSX, with
 * headers and texts in the reader's language and moments in the reader's time zone. Both formats are streamed:
 * rows are written as their pages come from the database, so memory stays flat however long the list.
 *
 * The row cap: a list export stops at `maxRows` rows and says so in a last row ("stopped at the limit of N rows;
 * narrow the filters") in both formats, rather than refusing: the export is a plain download link, where a refusal
 * would show the reader a JSON problem page instead of a file, and the first N rows in the list's order are still
 * useful. Readers who need everything narrow the filters (the note says so).
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';
/** Rows of one export unless its list says otherwise. */
export const LIST_EXPORT_MAX_ROWS = 100_000;

/** A cell's value: text, number, a moment (written in the reader's zone) or a calendar day (`YYYY-MM-DD`). */
export type CellValue = string | number | boolean | Date | null | undefined;

export interface ListExportColumn<R> {
  header: { ja: string; en: string };
  value: (row: R, lang: Language) => CellValue;
  /** `datetime`: a Date shown as the reader's wall time to the minute (the header names the zone) */
  kind?: 'text' | 'number' | 'datetime' | 'date';
  width?: number;
}

export interface ListExport<R> {
  sheet: { ja: string; en: string };
  columns: ListExportColumn<R>[];
  /** pages of rows in the list's order (keyset batches) */
  pages: AsyncIterable<R[]>;
  lang: Language;
  timeZone: string;
  maxRows?: number;
}

const TRUNCATED = {
  ja: (n: number) => `上限の ${n.toLocaleString('ja-JP')} 行で打ち切りました。条件を絞ってエクスポートしてください。`,
  en: (n: number) => `Stopped at the limit of ${n.toLocaleString('en-GB')} rows; narrow the filters to export the rest.`,
};
const YES_NO = { ja: ['はい', 'いいえ'], en: ['yes', 'no'] } as const;

/**
 * The wall time of a moment in a zone, as `YYYY-MM-DD HH:mm` and as its parts, through the deadline engine's cached
 * formatter per zone (a formatter made per cell cost more than the row's other work in a 100,000-row export).
 */
export function wallTime(at: Date, timeZone: string): { text: string; parts: number[] } {
  const l = localOf(at.getTime(), timeZone);
  const parts = [l.y, l.m, l.d, l.h, l.mi];
  const two = (n: number) => String(n).padStart(2, '0');
  return { text: `${l.y}-${two(l.m)}-${two(l.d)} ${two(l.h)}:${two(l.mi)}`, parts };
}

const headerOf = <R>(c: ListExportColumn<R>, lang: Language, timeZone: string) =>
  c.kind === 'datetime' ? `${c.header[lang]} (${timeZone})` : c.header[lang];

/** A value as the CSV writes it: moments in the reader's zone, booleans as yes/no in the reader's language. */
function textOf(v: CellValue, kind: ListExportColumn<unknown>['kind'], lang: Language, timeZone: string): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return kind === 'date' ? v.toISOString().slice(0, 10) : wallTime(v, timeZone).text;
  if (typeof v === 'boolean') return YES_NO[lang][v ? 0 : 1];
  return String(v);
}

/** RFC 4180: a field with a comma, quote or line break is quoted; a formula-like text gets a leading apostrophe. */
export const csvField = (v: string) => {
  const safe = isFormulaLike(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Runs the rows of an export through `write`, at most `max`; true when there were more. */
async function eachRow<R>(pages: AsyncIterable<R[]>, max: number, write: (r: R) => void): Promise<boolean> {
  let n = 0;
  for await (const page of pages)
    for (const r of page) {
      if (n === max) return true;
      write(r);
      n++;
    }
  return false;
}

/** Pipes a producer into a stream, ending it with the error when the producer fails after the headers went out. */
function produce(out: PassThrough, log: FastifyBaseLogger, what: string, run: () => Promise<void>): Readable {
  run().catch((err: unknown) => {
    log.error({ err, what }, 'list export failed');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}

/** The export as CSV: UTF-8 with a BOM (Excel reads the Japanese), CRLF lines (RFC 4180). */
export function listCsv<R>(spec: ListExport<R>, log: FastifyBaseLogger): Readable {
  const { columns, lang, timeZone } = spec;
  const max = spec.maxRows ?? LIST_EXPORT_MAX_ROWS;
  const out = new PassThrough();
  const line = (fields: string[]) => out.write(`${fields.map(csvField).join(',')}\r\n`);
  return produce(out, log, spec.sheet.en, async () => {
    out.write('\uFEFF');
    line(columns.map((c) => headerOf(c, lang, timeZone)));
    let batch: string[] = [];
    const flush = () => {
      if (batch.length) out.write(batch.join(''));
      batch = [];
    };
    const more = await eachRow(spec.pages, max, (r) => {
      batch.push(`${columns.map((c) => csvField(textOf(c.value(r, lang), c.kind, lang, timeZone))).join(',')}\r\n`);
      if (batch.length >= 500) flush();
    });
    flush();
    if (more) line([TRUNCATED[lang](max)]);
    out.end();
  });
}

/** A cell of the XLSX: moments as dates of the reader's wall time (a spreadsheet has no zones), the rest as is. */
function xlsxValue(v: CellValue, kind: ListExportColumn<unknown>['kind'], lang: Language, timeZone: string) {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    if (kind === 'date') return v;
    const [y, mo, d, h, mi] = wallTime(v, timeZone).parts as [number, number, number, number, number];
    return new Date(Date.UTC(y, mo - 1, d, h, mi));
  }
  if (typeof v === 'boolean') return YES_NO[lang][v ? 0 : 1];
  return v;
}

/** The export as one XLSX sheet (exceljs's streaming writer), headers frozen, no text ever a formula. */
export function listXlsx<R>(spec: ListExport<R>, log: FastifyBaseLogger): Readable {
  const { columns, lang, timeZone } = spec;
  const max = spec.maxRows ?? LIST_EXPORT_MAX_ROWS;
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = 'Mamori';
  const ws = wb.addWorksheet(spec.sheet[lang].slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    width: c.width ?? (c.kind === 'datetime' ? 18 : 20),
    style: c.kind === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  return produce(out, log, spec.sheet.en, async () => {
    const head = addTextSafeRow(
      ws,
      columns.map((c) => headerOf(c, lang, timeZone)),
    );
    head.font = { bold: true };
    head.commit();
    const more = await eachRow(spec.pages, max, (r) =>
      addTextSafeRow(
        ws,
        columns.map((c) => xlsxValue(c.value(r, lang), c.kind, lang, timeZone)),
      ).commit(),
    );
    if (more) addTextSafeRow(ws, [TRUNCATED[lang](max)]).commit();
    ws.commit();
    await wb.commit();
  });
}

/** Sends a list export in the asked format, as a download named `<name>-<day>.<format>`. */
export function sendListExport<R>(reply: FastifyReply, format: 'csv' | 'xlsx', name: string, spec: ListExport<R>): FastifyReply {
  const day = wallTime(new Date(), spec.timeZone).text.slice(0, 10);
  const log = reply.request.log;
  return reply
    .type(format === 'csv' ? CSV_TYPE : XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${name}-${day}.${format}"`)
    .header('cache-control', 'no-store')
    .send(format === 'csv' ? listCsv(spec, log) : listXlsx(spec, log));
}

type ListFn<Q, T> = (q: Q & { limit: number; cursor?: string | undefined }) => Promise<{ items: T[]; nextCursor: string | null }>;

/**
 * The pages of a keyset-paged list function, followed to the end: an export reads its list through the very function
 * the list API answers with, so it has the same scope, filters and order (and keyset paging stays correct under every
 * sort the list offers). The first page is read before anything is sent, so a refusal (a unit outside the reader's
 * scope: 404) is still a problem document, not a broken download.
 */
export async function listPages<Q extends object, T>(list: ListFn<Q, T>, q: Q, batch = 500): Promise<AsyncIterable<T[]>> {
  const first = await list({ ...q, limit: batch });
  return (async function* pages() {
    let page = first;
    for (;;) {
      yield page.items;
      if (!page.nextCursor) return;
      page = await list({ ...q, limit: batch, cursor: page.nextCursor });
    }
  })();
}

/** The language and zone of an export: asked in the query, else the reader's language and Tokyo. */
export function exportLocale(req: FastifyRequest, q: { lang?: Language | undefined; tz?: string | undefined }) {
  return { lang: q.lang ?? requestLanguage(req), timeZone: q.tz ?? 'Asia/Tokyo' };
}
