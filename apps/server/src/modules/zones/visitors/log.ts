import type { CreateZoneVisitBody, ZoneVisitListQuery } from '@mamori/contracts';
import { type ZoneVisit } from '@mamori/contracts';
import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { fieldError, invalid, msg, notFound, type FieldError } from '../../../platform/errors/app-error';
import { parseCsvYielding } from '../../../platform/files/csv';
import { applyImport, commitImport, stageImport, type ImportKind } from '../../../platform/imports/staged';
import { AppError } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { people } from '../../org/tables';
import { canKeepVisitors } from '../access';
import { loadZone, type ZoneRow } from '../zones/records';
import { zoneFindings, zoneVisits } from '../tables';

/** The zone, for its visitor log: visitors:manage over its site (the log names people: others get 404). */
async function zoneForLog(db: Db, ctx: Ctx, id: string): Promise<ZoneRow> {
  const zone = await loadZone(db, ctx, id);
  if (!canKeepVisitors(ctx.principal, zone.sitePath)) throw notFound();
  return zone;
}

const startOfDayJst = (day: string) => new Date(`${day}T00:00:00+09:00`);
const nextDay = (day: string) => new Date(startOfDayJst(day).getTime() + 86_400_000);

/** A zone's visits, latest first, keyset-paged; `findings=true`: only those the daily check found wrong. */
export async function listVisits(ctx: Ctx, zoneId: string, q: z.infer<typeof ZoneVisitListQuery>) {
  await zoneForLog(ctx.db, ctx, zoneId);
  const [cAt, cId] = q.cursor ? q.cursor.split('|') : [];
  const cursorOk = cAt && cId && !Number.isNaN(Date.parse(cAt)) && /^[0-9a-f-]{36}$/.test(cId);
  const host = sql<
    string | null
  >`(SELECT coalesce(h.name_ja || ' / ' || h.name_en, '') FROM people h WHERE h.id = ${zoneVisits.hostPersonId})`;
  const rows = await ctx.db
    .select({
      v: zoneVisits,
      personJa: people.nameJa,
      personEn: people.nameEn,
      finding: zoneFindings.reason,
      host,
    })
    .from(zoneVisits)
    .leftJoin(people, eq(people.id, zoneVisits.personId))
    .leftJoin(zoneFindings, eq(zoneFindings.visitId, zoneVisits.id))
    .where(
      and(
        eq(zoneVisits.zoneId, zoneId),
        q.from ? gte(zoneVisits.enteredAt, startOfDayJst(q.from)) : undefined,
        q.to ? lt(zoneVisits.enteredAt, nextDay(q.to)) : undefined,
        q.findings === 'true' ? isNotNull(zoneFindings.id) : q.findings === 'false' ? isNull(zoneFindings.id) : undefined,
        cursorOk ? sql`(${zoneVisits.enteredAt}, ${zoneVisits.id}) < (${new Date(cAt)}, ${cId}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(zoneVisits.enteredAt), desc(zoneVisits.id))
    .limit(q.limit + 1);
  const items: ZoneVisit[] = rows.slice(0, q.limit).map((r) => ({
    id: r.v.id,
    zoneId: r.v.zoneId,
    personId: r.v.personId,
    visitorName: r.v.personId ? `${r.personJa} / ${r.personEn}` : r.v.visitorName,
    visitorCompany: r.v.visitorCompany,
    hostPersonId: r.v.hostPersonId,
    hostName: r.host,
    enteredAt: r.v.enteredAt.toISOString(),
    leftAt: r.v.leftAt?.toISOString() ?? null,
    source: r.v.source,
    finding: r.finding ?? null,
  }));
  const last = rows[q.limit - 1];
  return { items, nextCursor: rows.length > q.limit && last ? `${last.v.enteredAt.toISOString()}|${last.v.id}` : null };
}

/** Records one visit by hand (a guard's log). */
export function recordVisit(ctx: Ctx, zoneId: string, body: z.output<typeof CreateZoneVisitBody>) {
  const errors: FieldError[] = [];
  if (!body.personId && !body.visitorName) errors.push(fieldError('body.visitorName', 'visits.who_missing'));
  if (body.leftAt && Date.parse(body.leftAt) < Date.parse(body.enteredAt))
    errors.push(fieldError('body.leftAt', 'visits.left_before_entered'));
  if (errors.length) throw invalid(errors);
  return inTransaction(ctx, async (tx, audit) => {
    const zone = await zoneForLog(tx, ctx, zoneId);
    const ids = [body.personId, body.hostPersonId].filter((x): x is string => !!x);
    const known = new Set(
      (
        await tx
          .select({ id: people.id })
          .from(people)
          .where(inArray(people.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']))
      ).map((p) => p.id),
    );
    if (body.personId && !known.has(body.personId)) errors.push(fieldError('body.personId', 'zones.person_unknown'));
    if (body.hostPersonId && !known.has(body.hostPersonId)) errors.push(fieldError('body.hostPersonId', 'zones.person_unknown'));
    if (errors.length) throw invalid(errors);
    const [row] = await tx
      .insert(zoneVisits)
      .values({
        ...body,
        zoneId,
        enteredAt: new Date(body.enteredAt),
        leftAt: body.leftAt ? new Date(body.leftAt) : null,
        source: 'manual',
      })
      .returning();
    await audit({
      action: 'zone.visit_record',
      targetType: 'zone',
      targetId: zoneId,
      orgPath: zone.sitePath,
      after: { visitId: row!.id },
    });
    return { id: row!.id };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// CSV import from an entry system
// ---------------------------------------------------------------------------------------------------------------
export const VISIT_COLUMNS = [
  'employee_no',
  'visitor_name',
  'visitor_company',
  'host_employee_no',
  'entered_at',
  'left_at',
] as const;

const VisitLine = z.object({
  zoneId: z.uuid(),
  personId: z.uuid().nullable(),
  visitorName: z.string(),
  visitorCompany: z.string(),
  hostPersonId: z.uuid().nullable(),
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
});
type VisitLine = z.infer<typeof VisitLine>;

/** Staged visit rows are plain inserts: applied 5,000 to a transaction (the import's own audit event names the batch). */
export const visitsImport: ImportKind<VisitLine> = {
  kind: 'zone-visits',
  row: VisitLine,
  applyChunk: 5000,
  async apply(tx, _audit, rows) {
    await tx.insert(zoneVisits).values(
      rows.map((r) => ({
        ...r,
        enteredAt: new Date(r.enteredAt),
        leftAt: r.leftAt ? new Date(r.leftAt) : null,
        source: 'import' as const,
      })),
    );
    return { created: rows.length, updated: 0 };
  },
};

/** An entry system's time: ISO 8601 with an offset, or `YYYY-MM-DD HH:MM[:SS]` in Japan time. */
function parseTime(s: string): string | null {
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(s);
  const text = local ? `${local[1]}T${local[2]!.length === 5 ? local[2] + ':00' : local[2]}+09:00` : s;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const t = Date.parse(text);
  if (Number.isNaN(t)) return null;
  const y = new Date(t).getUTCFullYear();
  return y >= 1900 && y <= 2200 ? new Date(t).toISOString() : null;
}

const MAX_PROBLEMS = 1000;

/**
 * Imports an entry system's CSV into a zone's log: every line is checked first (unknown employee numbers, a line
 * with neither a person nor a visitor's name, a time that is not a time, leaving before entering); any problem
 * refuses the whole file (400 naming each line, nothing written). A valid file is staged, committed and applied in
 * short transactions (platform/imports).
 */
export async function importVisits(ctx: Ctx, zoneId: string, body: unknown) {
  const zone = await zoneForLog(ctx.db, ctx, zoneId);
  if (typeof body !== 'string') throw new AppError('unsupported-media-type', msg('problem.media_type'));
  let lines: VisitLine[] | null = await checkedLines(ctx.db, zone.id, body);
  if (!lines.length) return { created: 0 };
  const batch = await stageImport(ctx.db, visitsImport, ctx.actor, lines);
  // eslint-disable-next-line no-useless-assignment -- the rows are read back chunk by chunk while applying
  lines = null;
  await commitImport(ctx, visitsImport as ImportKind<unknown>, batch);
  const { created } = await applyImport(ctx.db, visitsImport as ImportKind<unknown>, batch);
  return { created };
}

async function checkedLines(db: Db, zoneId: string, text: string): Promise<VisitLine[]> {
  const records = await parseCsvYielding(text, VISIT_COLUMNS, ['entered_at']);
  const numbers = new Set<string>();
  for (const r of records) {
    if (r.values.employee_no) numbers.add(r.values.employee_no);
    if (r.values.host_employee_no) numbers.add(r.values.host_employee_no);
  }
  const byNo = new Map<string, string>();
  const all = [...numbers];
  for (let i = 0; i < all.length; i += 5000) {
    const found = await db
      .select({ id: people.id, no: people.employeeNo })
      .from(people)
      .where(inArray(people.employeeNo, all.slice(i, i + 5000)));
    for (const p of found) byNo.set(p.no, p.id);
  }
  const errors: FieldError[] = [];
  const out: VisitLine[] = [];
  for (const { line, values: v } of records) {
    if (errors.length >= MAX_PROBLEMS) break;
    const at = `line ${line}`;
    const personId = v.employee_no ? (byNo.get(v.employee_no) ?? null) : null;
    if (v.employee_no && !personId)
      errors.push(fieldError(at, 'visits.import_person_unknown', { column: 'employee_no', no: v.employee_no }));
    if (!v.employee_no && !v.visitor_name) errors.push(fieldError(at, 'visits.who_missing'));
    const hostPersonId = v.host_employee_no ? (byNo.get(v.host_employee_no) ?? null) : null;
    if (v.host_employee_no && !hostPersonId)
      errors.push(fieldError(at, 'visits.import_person_unknown', { column: 'host_employee_no', no: v.host_employee_no }));
    const enteredAt = parseTime(v.entered_at ?? '');
    if (!enteredAt)
      errors.push(fieldError(at, 'visits.import_time', { column: 'entered_at', value: (v.entered_at ?? '').slice(0, 40) }));
    const leftAt = v.left_at ? parseTime(v.left_at) : null;
    if (v.left_at && !leftAt)
      errors.push(fieldError(at, 'visits.import_time', { column: 'left_at', value: v.left_at.slice(0, 40) }));
    else if (enteredAt && leftAt && leftAt < enteredAt) errors.push(fieldError(at, 'visits.left_before_entered'));
    if ((v.visitor_name ?? '').length > 200 || (v.visitor_company ?? '').length > 200)
      errors.push(fieldError(at, 'visits.import_too_long'));
    out.push({
      zoneId,
      personId,
      visitorName: personId ? '' : (v.visitor_name ?? ''),
      visitorCompany: v.visitor_company ?? '',
      hostPersonId,
      enteredAt: enteredAt ?? '',
      leftAt,
    });
  }
  if (errors.length) throw invalid(errors, msg('visits.import_problems', { count: errors.length }));
  return out;
}
