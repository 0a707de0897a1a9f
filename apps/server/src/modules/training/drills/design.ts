import { CursorPart, decodeCursor, encodeCursor } from '../../../platform/http/cursor';
import { escapeLike } from '../../../platform/access/scope';
import type { CreateDrillBody } from '@mamori/contracts';
import {
  DRILL_LINK_PLACEHOLDER,
  DRILL_ROLE_GROUPS,
  fiscalYearOf,
  type Drill,
  type DrillPreview,
  type DrillRoleGroup,
  type DrillSummary,
} from '@mamori/contracts';
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { fieldError, invalid, notFound, type FieldError } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { renderMail } from './mail';
import { drills, drillTemplates } from './tables';

type Body = z.output<typeof CreateDrillBody>;
export type Target = Body['targets'][number];

/** A template without the tracked link would measure nothing: refused, naming each body that lacks it. */
function checkTemplates(body: Body, errors: FieldError[]) {
  body.templates.forEach((t, i) => {
    for (const lang of ['ja', 'en'] as const)
      if (!t[lang].body.includes(DRILL_LINK_PLACEHOLDER))
        errors.push(
          fieldError(`body.templates.${i}.${lang}.body`, 'drill.link_required', { placeholder: DRILL_LINK_PLACEHOLDER }),
        );
  });
}

async function checkTargets(db: Db, targets: Target[], errors: FieldError[]) {
  const ids = [...new Set(targets.flatMap((t) => (t.unitId ? [t.unitId] : [])))];
  const found = new Set(
    ids.length ? (await db.select({ id: orgUnits.id }).from(orgUnits).where(inArray(orgUnits.id, ids))).map((u) => u.id) : [],
  );
  targets.forEach((t, i) => {
    if (t.unitId && !found.has(t.unitId)) errors.push(fieldError(`body.targets.${i}.unitId`, 'drill.unknown_unit'));
  });
}

/**
 * The people a drill's targets select, as a SQL fragment of rows (person_id, email, lang, unit_id, unit_path,
 * role_group). Active people with an e-mail address; the role group is `executive` for the CISO and the heads of
 * companies, `org_head` for other organisation heads, `staff` for everyone else.
 */
export function targetedPeople(targets: Target[]) {
  const json = JSON.stringify(targets.map((t) => ({ unit_id: t.unitId, role_group: t.roleGroup })));
  return sql`
    WITH tg AS (
      SELECT t.role_group, tu.path AS unit_path
      FROM jsonb_to_recordset(${json}::jsonb) AS t(unit_id uuid, role_group text)
      LEFT JOIN org_units tu ON tu.id = t.unit_id
    ),
    cand AS (
      SELECT p.id AS person_id, p.email, coalesce(us.language, 'ja') AS lang, p.org_unit_id AS unit_id, u.path AS unit_path,
        CASE
          WHEN EXISTS (SELECT 1 FROM role_assignments ra LEFT JOIN org_units ru ON ru.id = ra.org_unit_id
                       WHERE ra.user_id = us.id AND (ra.role = 'ciso' OR (ra.role = 'org_head' AND ru.kind = 'company')))
            THEN 'executive'
          WHEN EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = us.id AND ra.role = 'org_head') THEN 'org_head'
          ELSE 'staff'
        END AS role_group
      FROM people p
      JOIN org_units u ON u.id = p.org_unit_id
      LEFT JOIN users us ON us.person_id = p.id AND us.status = 'active'
      WHERE p.status = 'active' AND p.email IS NOT NULL AND p.email <> ''
    )
    SELECT c.* FROM cand c
    WHERE EXISTS (
      SELECT 1 FROM tg
      WHERE (tg.unit_path IS NULL OR c.unit_path LIKE tg.unit_path || '%')
        AND (tg.role_group IS NULL OR tg.role_group = c.role_group)
    )`;
}

async function countTargets(db: Db, targets: Target[]): Promise<Record<DrillRoleGroup, number>> {
  const rows = await queryRows<{ role_group: DrillRoleGroup; n: string | number }>(
    db,
    sql`SELECT role_group, count(*) AS n FROM (${targetedPeople(targets)}) x GROUP BY role_group`,
  );
  const out = Object.fromEntries(DRILL_ROLE_GROUPS.map((g) => [g, 0])) as Record<DrillRoleGroup, number>;
  for (const r of rows) out[r.role_group] = Number(r.n);
  return out;
}

/** What a design would send: how many people, per role group, and the first template rendered. Nothing stored. */
export async function previewDrill(ctx: Ctx, publicUrl: string, body: Body): Promise<DrillPreview> {
  const errors: FieldError[] = [];
  checkTemplates(body, errors);
  await checkTargets(ctx.db, body.targets, errors);
  if (errors.length) throw invalid(errors);
  const byRoleGroup = await countTargets(ctx.db, body.targets);
  const t = body.templates[0]!;
  const sample = (lang: 'ja' | 'en') => {
    const m = renderMail(
      { publicUrl, token: 'PREVIEW', lang, reportLink: body.reportLink, name: lang === 'ja' ? '山田 太郎' : 'Taro Yamada' },
      t[lang],
    );
    return { senderName: t[lang].senderName, subject: m.subject, body: m.text };
  };
  return {
    recipients: Object.values(byRoleGroup).reduce((a, b) => a + b, 0),
    byRoleGroup,
    sample: { ja: sample('ja'), en: sample('en') },
  };
}

/** Creates a drill as a draft (the security office's, as a team). Refused: a template without the link. */
export async function createDrill(ctx: Ctx, body: Body): Promise<Drill> {
  const errors: FieldError[] = [];
  checkTemplates(body, errors);
  await checkTargets(ctx.db, body.targets, errors);
  if (errors.length) throw invalid(errors);
  const id = await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(drills)
      .values({
        name: body.name,
        windowStart: new Date(body.windowStart),
        windowHours: body.windowHours,
        fiscalYear: fiscalYearOf(new Date(body.windowStart)),
        reportLink: body.reportLink,
        targets: body.targets,
      })
      .returning({ id: drills.id });
    await tx.insert(drillTemplates).values(
      body.templates.map((t, position) => ({
        drillId: row!.id,
        position,
        senderNameJa: t.ja.senderName,
        subjectJa: t.ja.subject,
        bodyJa: t.ja.body,
        senderNameEn: t.en.senderName,
        subjectEn: t.en.subject,
        bodyEn: t.en.body,
        attachmentName: t.attachmentName,
      })),
    );
    await audit({ action: 'drill.create', targetType: 'drill', targetId: row!.id, after: body });
    return row!.id;
  });
  return loadDrill(ctx.db, id);
}

const summaryOf = (d: typeof drills.$inferSelect, sent: number): DrillSummary => ({
  id: d.id,
  name: d.name,
  status: d.status,
  fiscalYear: d.fiscalYear,
  windowStart: d.windowStart.toISOString(),
  windowHours: d.windowHours,
  recipients: d.recipientCount,
  sent,
  rowVersion: d.rowVersion,
});

async function sentCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{ drill_id: string; n: string | number }>(
    db,
    sql`SELECT drill_id, count(*) AS n FROM drill_recipients
        WHERE drill_id IN (${sql.join(
          ids.map((i) => sql`${i}::uuid`),
          sql`, `,
        )}) AND sent_at IS NOT NULL GROUP BY drill_id`,
  );
  return new Map(rows.map((r) => [r.drill_id, Number(r.n)]));
}

export async function loadDrill(db: Db, id: string): Promise<Drill> {
  const [d] = await db.select().from(drills).where(eq(drills.id, id));
  if (!d) throw notFound();
  const templates = await db
    .select()
    .from(drillTemplates)
    .where(eq(drillTemplates.drillId, id))
    .orderBy(asc(drillTemplates.position));
  const unitIds = d.targets.flatMap((t) => (t.unitId ? [t.unitId] : []));
  const units = new Map(
    unitIds.length ? (await db.select().from(orgUnits).where(inArray(orgUnits.id, unitIds))).map((u) => [u.id, u] as const) : [],
  );
  return {
    ...summaryOf(d, (await sentCounts(db, [id])).get(id) ?? 0),
    reportLink: d.reportLink,
    createdAt: d.createdAt.toISOString(),
    queuedAt: d.queuedAt?.toISOString() ?? null,
    templates: templates.map((t) => ({
      id: t.id,
      position: t.position,
      ja: { senderName: t.senderNameJa, subject: t.subjectJa, body: t.bodyJa },
      en: { senderName: t.senderNameEn, subject: t.subjectEn, body: t.bodyEn },
      attachmentName: t.attachmentName,
    })),
    targets: d.targets.map((t) => ({
      unitId: t.unitId,
      unitNameJa: t.unitId ? (units.get(t.unitId)?.nameJa ?? null) : null,
      unitNameEn: t.unitId ? (units.get(t.unitId)?.nameEn ?? null) : null,
      roleGroup: t.roleGroup,
    })),
  };
}

/** The keyset of the drills list: window start, then id. */
const DrillCursor = z.tuple([CursorPart.instant, CursorPart.uuid]);

/** Drills, newest window first (keyset on window start and id). */
export async function listDrills(db: Db, q: { limit: number; cursor?: string; fiscalYear?: number; q?: string }) {
  const conds = [];
  if (q.fiscalYear) conds.push(eq(drills.fiscalYear, q.fiscalYear));
  if (q.q) conds.push(sql`${drills.name} ILIKE ${'%' + escapeLike(q.q) + '%'}`);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, DrillCursor);
    const when = new Date(at);
    conds.push(or(lt(drills.windowStart, when), and(eq(drills.windowStart, when), lt(drills.id, id))));
  }
  const rows = await db
    .select()
    .from(drills)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(drills.windowStart), desc(drills.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  const sent = await sentCounts(
    db,
    items.map((d) => d.id),
  );
  const last = items.at(-1);
  return {
    items: items.map((d) => summaryOf(d, sent.get(d.id) ?? 0)),
    nextCursor: more && last ? encodeCursor([last.windowStart.toISOString(), last.id]) : null,
  };
}
