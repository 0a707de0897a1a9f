import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Language, SystemListQuery } from '@mamori/contracts';
import { and, asc, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { addTextSafeRow } from '../../../platform/files/xlsx-write';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { systemFindings, systems } from '../tables';
import { systemsWhere } from './list';

const BATCH = 2000;
/** An export holds at most this many systems (the group profile has 20,000). */
export const SYSTEMS_EXPORT_MAX_ROWS = 50_000;

type L = Record<Language, string>;
const KIND: Record<string, L> = {
  it: { ja: 'IT システム', en: 'IT system' },
  saas: { ja: 'クラウドサービス（SaaS）', en: 'Cloud service (SaaS)' },
  iaas: { ja: 'クラウド基盤（IaaS）', en: 'Cloud infrastructure (IaaS)' },
  network: { ja: 'ネットワーク', en: 'Network' },
  ot: { ja: '工場システム（OT）', en: 'Factory system (OT)' },
};
const STATUS: Record<string, L> = { active: { ja: '稼働中', en: 'Active' }, retired: { ja: '廃棄済み', en: 'Retired' } };
const BACKUP: Record<string, L> = {
  none: { ja: 'なし', en: 'None' },
  daily: { ja: '毎日', en: 'Daily' },
  weekly: { ja: '毎週', en: 'Weekly' },
  monthly: { ja: '毎月', en: 'Monthly' },
};
const YES: L = { ja: 'あり', en: 'Yes' };
const NO: L = { ja: 'なし', en: 'No' };

/** The columns of the inventory export, in order: key and header in both languages. */
const COLUMNS: [string, L][] = [
  ['name', { ja: 'システム名', en: 'System' }],
  ['kind', { ja: '種別', en: 'Kind' }],
  ['status', { ja: '状態', en: 'Status' }],
  ['unit', { ja: '管理組織', en: 'Owning unit' }],
  ['class', { ja: '保有する最高区分', en: 'Highest class held' }],
  ['internet', { ja: 'インターネット公開', en: 'Internet-facing' }],
  ['line', { ja: '生産ライン', en: 'Production line' }],
  ['conduits', { ja: '接続先ネットワーク', en: 'Connected networks' }],
  ['product', { ja: '製品・バージョン', en: 'Product and version' }],
  ['epp', { ja: 'EPP', en: 'EPP' }],
  ['edr', { ja: 'EDR', en: 'EDR' }],
  ['mfa', { ja: '多要素認証', en: 'MFA' }],
  ['waf', { ja: 'WAF', en: 'WAF' }],
  ['backup', { ja: 'バックアップ', en: 'Backup' }],
  ['restore', { ja: '最終リストアテスト', en: 'Last restore test' }],
  ['logs', { ja: 'ログ保存日数', en: 'Log retention (days)' }],
  ['isolated', { ja: 'ネットワーク分離', en: 'Network isolation' }],
  ['gaps', { ja: '未解決の指摘', en: 'Open findings' }],
  ['retired', { ja: '廃棄日', en: 'Retired on' }],
  ['id', { ja: 'ID', en: 'ID' }],
];

/**
 * The inventory the reader sees with the list's filters as XLSX (no text ever becomes a formula: xlsx-write.ts),
 * headers and values in the reader's language, read in keyset batches of 2,000 (name, id) so memory holds one batch.
 */
export async function exportSystemsXlsx(ctx: Ctx, q: Omit<SystemListQuery, 'limit' | 'cursor'>, lang: Language): Promise<Buffer> {
  const where = await systemsWhere(ctx, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const ws = wb.addWorksheet(lang === 'ja' ? 'システム台帳' : 'Systems', { views: [{ state: 'frozen', ySplit: 1 }] });
  addTextSafeRow(
    ws,
    COLUMNS.map(([, h]) => h[lang]),
  ).font = { bold: true };
  const yesNo = (v: boolean) => (v ? YES : NO)[lang];
  let after: { name: string; id: string } | null = null;
  for (let n = 0; n < SYSTEMS_EXPORT_MAX_ROWS; n += BATCH) {
    const conditions: SQL[] = [where];
    if (after) conditions.push(or(gt(systems.name, after.name), and(eq(systems.name, after.name), gt(systems.id, after.id)))!);
    const page = await ctx.db
      .select({ s: systems, unitJa: orgUnits.nameJa, unitEn: orgUnits.nameEn })
      .from(systems)
      .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
      .where(and(...conditions))
      .orderBy(asc(systems.name), asc(systems.id))
      .limit(BATCH);
    const open = new Map<string, number>();
    if (page.length)
      for (const f of await ctx.db
        .select({ id: systemFindings.systemId })
        .from(systemFindings)
        .where(
          and(
            inArray(
              systemFindings.systemId,
              page.map((p) => p.s.id),
            ),
            isNull(systemFindings.closedAt),
          ),
        ))
        if (f.id) open.set(f.id, (open.get(f.id) ?? 0) + 1);
    for (const { s, unitJa, unitEn } of page) {
      const values: Record<string, string | number> = {
        name: s.name,
        kind: KIND[s.kind]![lang],
        status: STATUS[s.status]![lang],
        unit: lang === 'ja' ? unitJa : unitEn,
        class: s.maxClassCode,
        internet: yesNo(s.internetFacing),
        line: s.productionLine,
        conduits: s.conduits.join(', '),
        product: [s.product, s.productVersion].filter(Boolean).join(' '),
        epp: yesNo(s.epp),
        edr: yesNo(s.edr),
        mfa: yesNo(s.mfa),
        waf: yesNo(s.waf),
        backup: BACKUP[s.backupFrequency]![lang],
        restore: s.lastRestoreTestOn ?? '',
        logs: s.logRetentionDays,
        isolated: yesNo(s.networkIsolated),
        gaps: open.get(s.id) ?? 0,
        retired: s.retiredOn ?? '',
        id: s.id,
      };
      addTextSafeRow(
        ws,
        COLUMNS.map(([k]) => values[k] ?? ''),
      );
    }
    if (page.length < BATCH) break;
    const last = page[page.length - 1]!.s;
    after = { name: last.name, id: last.id };
    await yieldToLoop();
  }
  ws.columns.forEach((c, i) => (c.width = i === 0 || i === COLUMNS.length - 1 ? 38 : 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
