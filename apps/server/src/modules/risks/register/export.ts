import type { RiskExportQuery } from '@mamori/contracts';
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { recordRead } from '../../../platform/audit/record';
import { addTextSafeRow } from '../../../platform/files/xlsx-write';
import type { Ctx } from '../../../platform/tx';
import { risks } from '../tables';
import { threatName } from '../threats';
import { riskFiltersSql } from './list';
import { levelRef, selectRisks, type RiskRow } from './query';

const HEADERS = {
  ja: [
    '組織',
    'リスク',
    '脅威',
    '脆弱性',
    '固有:発生可能性',
    '固有:影響度',
    '固有リスク',
    '既存の管理策',
    '残留:発生可能性',
    '残留:影響度',
    '残留リスク',
    '対応',
    '計画',
    'オーナー',
    '期限',
    '状態',
    '受容者',
    '受容日時',
    '手法バージョン',
  ],
  en: [
    'Org unit',
    'Risk',
    'Threat',
    'Vulnerability',
    'Inherent likelihood',
    'Inherent impact',
    'Inherent level',
    'Existing controls',
    'Residual likelihood',
    'Residual impact',
    'Residual level',
    'Treatment',
    'Plan',
    'Owner',
    'Due',
    'Status',
    'Accepted by',
    'Accepted at',
    'Method version',
  ],
};
const TREATMENT = {
  ja: { reduce: '低減', accept: '受容', avoid: '回避', transfer: '移転' },
  en: { reduce: 'Reduce', accept: 'Accept', avoid: 'Avoid', transfer: 'Transfer' },
};
const STATUS = {
  ja: { planned: '計画', in_progress: '実施中', done: '完了' },
  en: { planned: 'Planned', in_progress: 'In progress', done: 'Done' },
};
const BATCH = 2000;
const MAX_ROWS = 100_000;

/** The register the caller sees (same scope and filters as the list) as XLSX, headers and labels in ja or en. */
export async function exportRisks(ctx: Ctx, q: z.infer<typeof RiskExportQuery>): Promise<Buffer> {
  const lang = q.lang;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const ws = wb.addWorksheet(lang === 'ja' ? 'リスク台帳' : 'Risk register', { views: [{ state: 'frozen', ySplit: 1 }] });
  addTextSafeRow(ws, HEADERS[lang]).font = { bold: true };
  const base = await riskFiltersSql(ctx, q);
  const label = (r: RiskRow, code: string) => {
    const l = levelRef(r.method, code);
    return lang === 'ja' ? l.labelJa : l.labelEn;
  };
  let after: RiskRow | undefined;
  let n = 0;
  for (;;) {
    const keyset = after
      ? or(
          lt(risks.updatedAt, sql`${after.updatedAtText}::timestamptz`),
          and(eq(risks.updatedAt, sql`${after.updatedAtText}::timestamptz`), lt(risks.id, after.risk.id)),
        )
      : undefined;
    const rows = await selectRisks(ctx.db)
      .where(and(...base, keyset))
      .orderBy(desc(risks.updatedAt), desc(risks.id))
      .limit(BATCH);
    for (const r of rows) {
      const k = r.risk;
      addTextSafeRow(ws, [
        lang === 'ja' ? r.unitNameJa : r.unitName,
        k.title,
        threatName(k.threatId, lang),
        k.vulnerability,
        k.inherentLikelihood,
        k.inherentImpact,
        label(r, k.inherentLevel),
        k.controlIds.join(', '),
        k.residualLikelihood,
        k.residualImpact,
        label(r, k.residualLevel),
        TREATMENT[lang][k.treatment],
        k.plan,
        lang === 'ja' ? r.ownerNameJa : r.ownerName,
        k.dueDate,
        STATUS[lang][k.status],
        k.acceptedByName,
        k.acceptedAt,
        `${r.methodScope}@${r.methodVersion}`,
      ]);
    }
    n += rows.length;
    if (rows.length < BATCH || n >= MAX_ROWS) break;
    after = rows[rows.length - 1];
  }
  for (const [i, w] of [24, 40, 24, 32, 8, 8, 12, 20, 8, 8, 12, 10, 40, 20, 12, 12, 24, 18, 14].entries())
    ws.getColumn(i + 1).width = w;
  ws.getColumn(18).numFmt = 'yyyy-mm-dd hh:mm';
  await recordRead(ctx.db, ctx.actor, { action: 'risk.export', targetType: 'risk', detail: { rows: n, filters: q } });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
