import { localName, type IncidentExportQuery } from '@mamori/contracts';
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { recordRead } from '../../platform/audit/record';
import { addTextSafeRow } from '../../platform/files/xlsx-write';
import type { Ctx } from '../../platform/tx';
import { causeLabel, typeLabel, typesCatalog } from './catalog';
import { filtersSql } from './list';
import { incidents } from './tables';
import { selectCases, type CaseRow } from './visibility';

const HEADERS = {
  ja: [
    '番号',
    '種別',
    '重大度',
    'ヒヤリハット',
    '状態',
    '件名',
    '組織',
    '発生日時',
    '報告日時',
    '封じ込め日時',
    '完了日時',
    '原因',
    '個人データ件数',
    '次の期限',
  ],
  en: [
    'Number',
    'Type',
    'Severity',
    'Near miss',
    'Status',
    'Title',
    'Org unit',
    'Occurred',
    'Reported',
    'Contained',
    'Closed',
    'Cause',
    'Personal data (people)',
    'Next deadline',
  ],
};
const YES_NO = { ja: ['はい', 'いいえ'], en: ['yes', 'no'] };
const BATCH = 2000;
export const EXPORT_MAX_ROWS = 100_000;

/** The list the caller sees (same visibility and filters), as an XLSX workbook with ja or en headers. */
export async function exportIncidents(ctx: Ctx, q: z.infer<typeof IncidentExportQuery>): Promise<Buffer> {
  const lang = q.lang;
  const severity = new Map(typesCatalog().severities.map((s) => [s.id, s[lang]]));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const ws = wb.addWorksheet(lang === 'ja' ? 'インシデント' : 'Incidents', { views: [{ state: 'frozen', ySplit: 1 }] });
  addTextSafeRow(ws, HEADERS[lang]).font = { bold: true };
  const base = await filtersSql(ctx.db, ctx, q);
  let after: CaseRow['incident'] | undefined;
  let count = 0;
  for (;;) {
    const keyset = after
      ? or(
          lt(incidents.reportedAt, sql`${after.reportedAt.toISOString()}::timestamptz`),
          and(eq(incidents.reportedAt, after.reportedAt), lt(incidents.id, after.id)),
        )
      : undefined;
    const rows = await selectCases(ctx.db)
      .where(and(...base, keyset))
      .orderBy(desc(incidents.reportedAt), desc(incidents.id))
      .limit(BATCH);
    for (const { incident: i, orgUnitName, orgUnitNameJa } of rows)
      addTextSafeRow(ws, [
        i.number,
        typeLabel(i.typeId, lang),
        severity.get(i.severity) ?? i.severity,
        YES_NO[lang][i.nearMiss ? 0 : 1],
        i.status,
        i.title,
        localName({ nameJa: orgUnitNameJa, nameEn: orgUnitName }, lang),
        i.occurredAt,
        i.reportedAt,
        i.containedAt,
        i.closedAt,
        causeLabel(i.causeCategory, lang),
        i.facts.personCount,
        i.nextDueAt,
      ]);
    count += rows.length;
    if (rows.length < BATCH || count >= EXPORT_MAX_ROWS) break;
    after = rows[rows.length - 1]!.incident;
  }
  for (const [i, width] of [16, 28, 10, 10, 16, 48, 28, 20, 20, 20, 20, 24, 14, 20].entries()) ws.getColumn(i + 1).width = width;
  for (const c of [8, 9, 10, 11, 14]) ws.getColumn(c).numFmt = 'yyyy-mm-dd hh:mm';
  await recordRead(ctx.db, ctx.actor, { action: 'incident.export', targetType: 'incident', detail: { rows: count, filters: q } });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
