import {
  DRILL_ROLE_GROUPS,
  type DrillRecipient,
  type DrillResultRow,
  type DrillResults,
  type DrillTrendRow,
} from '@mamori/contracts';
import { eq, sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../../db/sql';
import { covers, scopeOf, scopeSql } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { addTextSafeRow } from '../../../platform/files/xlsx-write';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { drills } from './tables';

/** Groups of fewer people than this are merged, so that no one's result can be told from the figures. */
export const MIN_GROUP = 5;

const ROLE_LABELS: Record<(typeof DRILL_ROLE_GROUPS)[number], [string, string]> = {
  executive: ['役員・会社の組織責任者', 'Executives and company heads'],
  org_head: ['組織責任者', 'Organisation heads'],
  staff: ['従業員', 'Staff'],
};

interface Agg {
  key: string;
  recipients: string | number;
  delivered: string | number;
  opened: string | number;
  clicked: string | number;
  reported: string | number;
  first_sent: Date | string | null;
  first_report: Date | string | null;
}

const AGG = sql`count(*) AS recipients, count(r.sent_at) AS delivered, count(r.opened_at) AS opened,
  count(r.clicked_at) AS clicked, count(r.reported_at) AS reported, min(r.sent_at) AS first_sent, min(r.reported_at) AS first_report`;

const minutes = (from: Date | string | null, to: Date | string | null) =>
  from && to ? Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000)) : null;

const toRow = (
  a: Agg,
  labelJa: string,
  labelEn: string,
): DrillResultRow & { firstSent: number | null; firstReport: number | null } => ({
  key: a.key,
  labelJa,
  labelEn,
  recipients: Number(a.recipients),
  delivered: Number(a.delivered),
  opened: Number(a.opened),
  clicked: Number(a.clicked),
  reported: Number(a.reported),
  firstReportMinutes: minutes(a.first_sent, a.first_report),
  firstSent: a.first_sent ? new Date(a.first_sent).getTime() : null,
  firstReport: a.first_report ? new Date(a.first_report).getTime() : null,
});
type Row = ReturnType<typeof toRow>;

const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
function sum(key: string, labelJa: string, labelEn: string, rows: Row[]): Row {
  const out: Row = {
    key,
    labelJa,
    labelEn,
    recipients: 0,
    delivered: 0,
    opened: 0,
    clicked: 0,
    reported: 0,
    firstReportMinutes: null,
    firstSent: null,
    firstReport: null,
  };
  for (const r of rows) {
    out.recipients += r.recipients;
    out.delivered += r.delivered;
    out.opened += r.opened;
    out.clicked += r.clicked;
    out.reported += r.reported;
    out.firstSent = minOf(out.firstSent, r.firstSent);
    out.firstReport = minOf(out.firstReport, r.firstReport);
  }
  out.firstReportMinutes =
    out.firstSent !== null && out.firstReport !== null
      ? Math.max(0, Math.round((out.firstReport - out.firstSent) / 60_000))
      : null;
  return out;
}

/**
 * Merges groups of fewer than MIN_GROUP people into one "others" row; if that row is itself too small, the smallest
 * remaining groups join it until it is not (or nothing is left), so the total minus the shown rows never isolates
 * a person.
 */
export function mergeSmall(rows: Row[]): Row[] {
  const big = rows.filter((r) => r.recipients >= MIN_GROUP).sort((a, b) => a.recipients - b.recipients);
  const small = rows.filter((r) => r.recipients < MIN_GROUP);
  if (!small.length) return rows;
  while (small.reduce((n, r) => n + r.recipients, 0) < MIN_GROUP && big.length) small.push(big.shift()!);
  const kept = rows.filter((r) => big.includes(r));
  return [...kept, sum('others', 'その他(少人数の組織をまとめたもの)', 'Others (small groups merged)', small)];
}

const present = (r: Row): DrillResultRow => ({
  key: r.key,
  labelJa: r.labelJa,
  labelEn: r.labelEn,
  recipients: r.recipients,
  delivered: r.delivered,
  opened: r.opened,
  clicked: r.clicked,
  reported: r.reported,
  firstReportMinutes: r.firstReportMinutes,
});

async function drillOrThrow(ctx: Ctx, id: string) {
  const [d] = await ctx.db.select().from(drills).where(eq(drills.id, id));
  if (!d) throw notFound();
  return d;
}

/**
 * Aggregate results of a drill, per unit (the children of `unitId`), role group or template, within the reader's
 * drills:read scope; small groups merged. Automated hits are never counted in the rates: they are shown apart.
 */
export async function drillResults(
  ctx: Ctx,
  id: string,
  by: 'unit' | 'role' | 'template',
  unitId?: string,
): Promise<DrillResults> {
  await drillOrThrow(ctx, id);
  const scope = scopeOf(ctx.principal, 'drills:read');
  const inScope = scopeSql(scope, sql`r.unit_path`);
  const base = sql`FROM drill_recipients r WHERE r.drill_id = ${id}::uuid AND ${inScope}`;
  let rows: Row[];
  if (by === 'role') {
    const aggs = await queryRows<Agg>(ctx.db, sql`SELECT r.role_group AS key, ${AGG} ${base} GROUP BY r.role_group`);
    rows = DRILL_ROLE_GROUPS.flatMap((g) => {
      const a = aggs.find((x) => x.key === g);
      return a ? [toRow(a, ...ROLE_LABELS[g])] : [];
    });
  } else if (by === 'template') {
    const aggs = await queryRows<Agg & { subject_ja: string; subject_en: string; position: number }>(
      ctx.db,
      sql`SELECT t.id AS key, t.subject_ja, t.subject_en, t.position, x.recipients, x.delivered, x.opened, x.clicked, x.reported, x.first_sent, x.first_report
          FROM (SELECT r.template_id, ${AGG} ${base} GROUP BY r.template_id) x JOIN drill_templates t ON t.id = x.template_id
          ORDER BY t.position`,
    );
    rows = aggs.map((a) => toRow(a, a.subject_ja, a.subject_en));
  } else {
    const parent = await parentUnit(ctx, scope, unitId);
    const prefix = parent?.path ?? '/';
    const aggs = await queryRows<Agg>(
      ctx.db,
      sql`SELECT split_part(substr(r.unit_path, ${prefix.length + 1}::int), '/', 1) AS key, ${AGG} ${base}
            AND r.unit_path LIKE ${prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}
          GROUP BY 1`,
    );
    const ids = aggs.map((a) => a.key).filter((k) => /^[0-9a-f-]{36}$/.test(k));
    const names = new Map(
      ids.length
        ? (
            await ctx.db
              .select()
              .from(orgUnits)
              .where(
                sql`${orgUnits.id} IN (${sql.join(
                  ids.map((i) => sql`${i}::uuid`),
                  sql`, `,
                )})`,
              )
          ).map((u) => [u.id, u] as const)
        : [],
    );
    rows = aggs
      .map((a) => {
        const u = a.key ? names.get(a.key) : parent;
        return toRow({ ...a, key: u?.id ?? a.key }, u?.nameJa ?? '', u?.nameEn ?? '');
      })
      .sort((a, b) => a.labelEn.localeCompare(b.labelEn));
  }
  const total = sum('total', '合計', 'Total', rows);
  const filtered = await queryRows<{ automated: string; n: string | number }>(
    ctx.db,
    sql`SELECT h.automated, count(*) AS n FROM drill_hits h JOIN drill_recipients r ON r.id = h.recipient_id
        WHERE h.drill_id = ${id}::uuid AND h.automated IS NOT NULL AND ${inScope} GROUP BY h.automated`,
  );
  return {
    drillId: id,
    total: present(
      total.recipients < MIN_GROUP ? { ...total, opened: 0, clicked: 0, reported: 0, firstReportMinutes: null } : total,
    ),
    rows: total.recipients < MIN_GROUP ? [] : mergeSmall(rows).map(present),
    filtered: Object.fromEntries(filtered.map((f) => [f.automated, Number(f.n)])),
    minGroup: MIN_GROUP,
  };
}

/** The unit whose children are the rows: the one asked for (in scope, else 404), or the top of the scope. */
async function parentUnit(ctx: Ctx, scope: ReturnType<typeof scopeOf>, unitId?: string) {
  if (unitId) {
    const [u] = await ctx.db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
    if (!u || !covers(scope, u.path)) throw notFound();
    return u;
  }
  if (scope.kind === 'paths') {
    const top = scope.paths[0]!.split('/').filter(Boolean).at(-1)!;
    return (await ctx.db.select().from(orgUnits).where(eq(orgUnits.id, top)))[0] ?? null;
  }
  const roots = await ctx.db
    .select()
    .from(orgUnits)
    .where(sql`${orgUnits.parentId} IS NULL`)
    .limit(2);
  return roots.length === 1 ? roots[0]! : null;
}

/** Every queued or finished drill's totals within the reader's scope, oldest first: the trend over drills and years. */
export async function drillTrend(ctx: Ctx): Promise<DrillTrendRow[]> {
  const scope = scopeOf(ctx.principal, 'drills:read');
  const aggs = await queryRows<Agg & { name: string; fiscal_year: number; window_start: Date | string }>(
    ctx.db,
    sql`SELECT d.id AS key, d.name, d.fiscal_year, d.window_start, x.recipients, x.delivered, x.opened, x.clicked, x.reported, x.first_sent, x.first_report
        FROM drills d
        JOIN LATERAL (SELECT ${AGG} FROM drill_recipients r WHERE r.drill_id = d.id AND ${scopeSql(scope, sql`r.unit_path`)}) x ON true
        WHERE d.status IN ('queued', 'done')
        ORDER BY d.window_start, d.id`,
  );
  return aggs
    .filter((a) => Number(a.recipients) >= MIN_GROUP)
    .map((a) => {
      const r = toRow(a, '', '');
      return {
        drillId: a.key,
        name: a.name,
        fiscalYear: Number(a.fiscal_year),
        windowStart: new Date(a.window_start).toISOString(),
        recipients: r.recipients,
        delivered: r.delivered,
        opened: r.opened,
        clicked: r.clicked,
        reported: r.reported,
        firstReportMinutes: r.firstReportMinutes,
      };
    });
}

/** Each person's result: the security office only (drills:manage, group-wide). */
export async function drillRecipients(
  ctx: Ctx,
  id: string,
  q: { limit: number; cursor?: string; status: 'all' | 'clicked' | 'reported' | 'unsent'; q?: string },
) {
  await drillOrThrow(ctx, id);
  const conds: SQL[] = [sql`r.drill_id = ${id}::uuid`];
  if (q.status === 'clicked') conds.push(sql`r.clicked_at IS NOT NULL`);
  if (q.status === 'reported') conds.push(sql`r.reported_at IS NOT NULL`);
  if (q.status === 'unsent') conds.push(sql`r.sent_at IS NULL`);
  if (q.cursor && /^[0-9a-f-]{36}$/.test(q.cursor)) conds.push(sql`r.id > ${q.cursor}::uuid`);
  if (q.q) {
    const like = '%' + q.q.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
    conds.push(sql`(p.name_ja ILIKE ${like} OR p.name_en ILIKE ${like} OR r.email ILIKE ${like})`);
  }
  const rows = await queryRows<{
    id: string;
    person_id: string;
    name_ja: string;
    name_en: string;
    email: string;
    unit_ja: string;
    unit_en: string;
    role_group: DrillRecipient['roleGroup'];
    send_at: Date | string;
    sent_at: Date | string | null;
    failed_at: Date | string | null;
    opened_at: Date | string | null;
    clicked_at: Date | string | null;
    reported_at: Date | string | null;
    automated: string | number;
  }>(
    ctx.db,
    sql`SELECT r.id, r.person_id, p.name_ja, p.name_en, r.email, u.name_ja AS unit_ja, u.name_en AS unit_en, r.role_group, r.send_at,
               r.sent_at, r.failed_at, r.opened_at, r.clicked_at, r.reported_at,
               (SELECT count(*) FROM drill_hits h WHERE h.recipient_id = r.id AND h.automated IS NOT NULL) AS automated
        FROM drill_recipients r JOIN people p ON p.id = r.person_id JOIN org_units u ON u.id = r.unit_id
        WHERE ${sql.join(conds, sql` AND `)}
        ORDER BY r.id LIMIT ${q.limit + 1}`,
  );
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  const items = rows.slice(0, q.limit).map((r): DrillRecipient => ({
    id: r.id,
    personId: r.person_id,
    nameJa: r.name_ja,
    nameEn: r.name_en,
    email: r.email,
    unitNameJa: r.unit_ja,
    unitNameEn: r.unit_en,
    roleGroup: r.role_group,
    sendAt: iso(r.send_at)!,
    sentAt: iso(r.sent_at),
    failed: r.failed_at !== null,
    openedAt: iso(r.opened_at),
    clickedAt: iso(r.clicked_at),
    reportedAt: iso(r.reported_at),
    automatedHits: Number(r.automated),
  }));
  return { items, nextCursor: rows.length > q.limit ? items.at(-1)!.id : null };
}

const XL = {
  ja: {
    unit: '組織別',
    role: '役割別',
    template: 'テンプレート別',
    cols: ['区分', '対象者', '配信', '開封', 'クリック', '報告', '開封率', 'クリック率', '報告率', '最初の報告まで(分)'],
    filtered: '除外した自動アクセス',
  },
  en: {
    unit: 'By unit',
    role: 'By role',
    template: 'By template',
    cols: [
      'Group',
      'Recipients',
      'Delivered',
      'Opened',
      'Clicked',
      'Reported',
      'Open rate',
      'Click rate',
      'Report rate',
      'Minutes to first report',
    ],
    filtered: 'Automated hits filtered out',
  },
};

/** The aggregate results as an XLSX workbook: one sheet per dimension (merged small groups, as on screen). */
export async function drillResultsXlsx(ctx: Ctx, id: string, lang: 'ja' | 'en') {
  const d = await drillOrThrow(ctx, id);
  const t = XL[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const rate = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);
  for (const by of ['unit', 'role', 'template'] as const) {
    const res = await drillResults(ctx, id, by);
    const ws = wb.addWorksheet(t[by]);
    addTextSafeRow(ws, [d.name]);
    addTextSafeRow(ws, []);
    addTextSafeRow(ws, t.cols).font = { bold: true };
    for (const r of [...res.rows, res.total])
      addTextSafeRow(ws, [
        lang === 'ja' ? r.labelJa : r.labelEn,
        r.recipients,
        r.delivered,
        r.opened,
        r.clicked,
        r.reported,
        rate(r.opened, r.delivered),
        rate(r.clicked, r.delivered),
        rate(r.reported, r.delivered),
        r.firstReportMinutes ?? '',
      ]);
    addTextSafeRow(ws, []);
    addTextSafeRow(ws, [t.filtered, Object.values(res.filtered).reduce((a, b) => a + b, 0)]);
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 40 : 14));
  }
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), name: `drill-${d.fiscalYear}-${d.id.slice(0, 8)}.xlsx` };
}
