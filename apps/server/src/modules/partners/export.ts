import type { PartnerExportQuery } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../../platform/tx';
import { partnerPages } from './partners';

/**
 * The partner list (same filters and sort as GET /api/partners) as XLSX, streamed: rows are read a keyset
 * page at a time and committed to the zip stream as they come, so memory stays flat for 20,000 partners.
 */
export function exportPartners(ctx: Ctx, q: z.infer<typeof PartnerExportQuery>, log: FastifyBaseLogger): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('Partners', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'ID', key: 'id', width: 38 },
    { header: '名称', key: 'nameJa', width: 30 },
    { header: 'Name', key: 'nameEn', width: 30 },
    { header: 'Corporate number', key: 'corporateNumber', width: 16 },
    { header: 'Country', key: 'country', width: 8 },
    { header: 'Tier', key: 'tier', width: 8 },
    { header: 'Score', key: 'latestScore', width: 8 },
    { header: 'Scored at', key: 'latestScoredAt', width: 22 },
    { header: 'Valid NDA', key: 'hasValidNda', width: 10 },
    { header: 'Overdue', key: 'overdue', width: 10 },
    { header: 'Status', key: 'status', width: 8 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  void (async () => {
    for await (const items of partnerPages(ctx, q)) for (const p of items) ws.addRow(p).commit();
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => {
    log.error({ err }, 'partner export failed');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}
