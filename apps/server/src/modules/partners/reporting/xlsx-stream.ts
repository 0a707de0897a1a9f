import type { Language } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import type { FastifyBaseLogger } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import { addTextSafeRow } from '../../../platform/files/xlsx-write';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A column of an exported list: the row's key, its width, and its header in each language. */
export interface ExportColumn<K extends string> {
  key: K;
  width: number;
  ja: string;
  en: string;
}

/**
 * Writes pages of rows as one XLSX sheet, streamed: each row is committed to the zip stream as it comes, so
 * memory stays flat however long the list. A failure after the headers were sent is logged and ends the
 * download (the client sees a broken transfer, never a truncated file that looks complete).
 */
export function streamXlsx<K extends string>(
  sheet: string,
  columns: ExportColumn<K>[],
  lang: Language,
  pages: AsyncIterable<Record<K, unknown>[]>,
  log: FastifyBaseLogger,
): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c[lang], key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  void (async () => {
    for await (const rows of pages) for (const r of rows) addTextSafeRow(ws, r).commit();
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => {
    log.error({ err, sheet }, 'XLSX export failed');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}
