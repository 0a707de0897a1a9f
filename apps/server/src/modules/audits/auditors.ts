import { todayJst as todayTokyo } from '@mamori/contracts';
import type { CreateAuditorBody, InternalAuditor, UpdateAuditorBody } from '@mamori/contracts';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { conflict, fieldError, invalid, msg, notFound } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits, people } from '../org/tables';
import { courseQualificationErrors } from './qualification';
import { internalAuditors, internalAudits } from './tables';

/** Today in Tokyo (YYYY-MM-DD): qualifications and due dates are days of the group's calendar. */
export { todayTokyo };

const columns = {
  a: internalAuditors,
  nameJa: people.nameJa,
  nameEn: people.nameEn,
  unitId: people.orgUnitId,
  unitPath: orgUnits.path,
  unitJa: orgUnits.nameJa,
  unitEn: orgUnits.nameEn,
};

export type AuditorRow = Awaited<ReturnType<typeof auditorRows>>[number];

/** Register rows with the person's name and unit (path: for the independence rule). */
export function auditorRows(db: Db, ids?: string[]) {
  const q = db
    .select(columns)
    .from(internalAuditors)
    .innerJoin(people, eq(people.id, internalAuditors.personId))
    .leftJoin(orgUnits, eq(orgUnits.id, people.orgUnitId));
  return (ids ? q.where(inArray(internalAuditors.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])) : q).orderBy(
    asc(people.nameEn),
    asc(internalAuditors.id),
  );
}

function present(r: AuditorRow, audits: number, today: string): InternalAuditor {
  return {
    id: r.a.id,
    rowVersion: r.a.rowVersion,
    person: {
      id: r.a.personId,
      name: { ja: r.nameJa, en: r.nameEn },
      unit: r.unitJa !== null ? { ja: r.unitJa, en: r.unitEn! } : null,
      unitId: r.unitId,
    },
    qualifiedOn: r.a.qualifiedOn,
    expiresOn: r.a.expiresOn,
    qualificationSource: r.a.qualificationSource,
    training: r.a.training,
    notes: r.a.notes,
    valid: r.a.expiresOn >= today,
    audits,
  };
}

async function auditCounts(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, number>();
  const rows = await queryRows<{ id: string; n: number }>(
    db,
    sql`
    SELECT a.id, count(i.id)::int AS n FROM internal_auditors a
    LEFT JOIN internal_audits i ON i.lead_auditor_id = a.id OR a.id = ANY(i.co_auditor_ids)
    WHERE a.id IN (${sql.join(
      ids.map((i) => sql`${i}::uuid`),
      sql`, `,
    )})
    GROUP BY a.id`,
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** The register (every reader of audits sees it whole: auditors serve the whole group). */
export async function listAuditors(ctx: Ctx): Promise<InternalAuditor[]> {
  const rows = await auditorRows(ctx.db);
  const counts = await auditCounts(
    ctx.db,
    rows.map((r) => r.a.id),
  );
  const today = todayTokyo();
  return rows.map((r) => present(r, counts.get(r.a.id) ?? 0, today));
}

export async function getAuditor(db: Db, id: string): Promise<InternalAuditor> {
  const [row] = await auditorRows(db, [id]);
  if (!row) throw notFound('The auditor');
  const counts = await auditCounts(db, [id]);
  return present(row, counts.get(id) ?? 0, todayTokyo());
}

const checkDates = (from: string | undefined, to: string | undefined) => {
  if (from && to && to < from) throw invalid([fieldError('body.expiresOn', 'audits.expiry_before_qualification')]);
};

export async function createAuditor(ctx: Ctx, body: z.infer<typeof CreateAuditorBody>) {
  checkDates(body.qualifiedOn, body.expiresOn);
  const id = await inTransaction(ctx, async (tx, audit) => {
    const [person] = await tx.select({ id: people.id, status: people.status }).from(people).where(eq(people.id, body.personId));
    if (!person || person.status !== 'active') throw invalid([fieldError('body.personId', 'audits.person_unknown')]);
    const course = await courseQualificationErrors(tx, body.personId, body.qualificationSource);
    if (course.length) throw invalid(course);
    const [row] = await tx.insert(internalAuditors).values(body).onConflictDoNothing().returning();
    if (!row) throw conflict(msg('audits.auditor_exists'), [fieldError('body.personId', 'audits.auditor_exists')]);
    await audit({ action: 'internal_auditor.create', targetType: 'internal_auditor', targetId: row.id, after: body });
    return row.id;
  });
  return getAuditor(ctx.db, id);
}

export async function updateAuditor(ctx: Ctx, id: string, body: z.infer<typeof UpdateAuditorBody>, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(
      tx,
      internalAuditors,
      id,
      async () => {
        const [r] = await tx.select().from(internalAuditors).where(eq(internalAuditors.id, id));
        if (!r) throw notFound('The auditor');
        return r;
      },
      expected,
    );
    checkDates(body.qualifiedOn ?? before.qualifiedOn, body.expiresOn ?? before.expiresOn);
    // a qualification that becomes (or is renewed as) one from training needs the course's pass at that moment
    if (body.qualificationSource === 'training' || (before.qualificationSource === 'training' && body.expiresOn)) {
      const course = await courseQualificationErrors(tx, before.personId, 'training');
      if (course.length) throw invalid(course);
    }
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    await tx
      .update(internalAuditors)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(internalAuditors.id, id));
    await audit({
      action: 'internal_auditor.update',
      targetType: 'internal_auditor',
      targetId: id,
      before: { qualifiedOn: before.qualifiedOn, expiresOn: before.expiresOn, training: before.training },
      after: changes,
    });
  });
  return getAuditor(ctx.db, id);
}

/**
 * The assignment rules for one audit: each auditor registered, qualified through the audit's last day, and
 * independent of the audited unit (neither inside it nor above it). Errors name the field of each auditor.
 */
export function checkAssignment(
  auditors: Map<string, AuditorRow>,
  unitPath: string,
  plannedTo: string,
  team: { path: string; id: string }[],
) {
  const errors = [];
  for (const { path, id } of team) {
    const a = auditors.get(id);
    if (!a) errors.push(fieldError(path, 'audits.auditor_unknown'));
    else if (a.a.expiresOn < plannedTo) errors.push(fieldError(path, 'audits.auditor_expired', { expiresOn: a.a.expiresOn }));
    else if (a.unitPath && (a.unitPath.startsWith(unitPath) || unitPath.startsWith(a.unitPath)))
      errors.push(fieldError(path, 'audits.auditor_own_unit'));
  }
  return errors;
}

export async function auditsOfAuditorExist(db: Db, id: string) {
  const [row] = await db
    .select({ id: internalAudits.id })
    .from(internalAudits)
    .where(eq(internalAudits.leadAuditorId, id))
    .limit(1);
  return !!row;
}
