import type { AuditProgramme, CreateProgrammeBody, PlanAuditsBody, UnitProposal } from '@mamori/contracts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { escapeLike, scopeOf, scopeSql } from '../../platform/access/scope';
import { conflict, fieldError, invalid, msg, notFound } from '../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../platform/tx';
import { queryRows } from '../../db/sql';
import { orgUnits } from '../org/tables';
import { openRisksByUnit } from '../risks/service';
import { canManage } from './access';
import { auditorRows, checkAssignment, type AuditorRow } from './auditors';
import { auditProgrammes, internalAudits } from './tables';

type ProgrammeRow = typeof auditProgrammes.$inferSelect;

async function present(db: Db, rows: ProgrammeRow[]): Promise<AuditProgramme[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const counts = await db
    .select({ programmeId: internalAudits.programmeId, state: internalAudits.state, n: sql<number>`count(*)::int` })
    .from(internalAudits)
    .where(inArray(internalAudits.programmeId, ids))
    .groupBy(internalAudits.programmeId, internalAudits.state);
  const units = await db
    .select({ id: orgUnits.id, ja: orgUnits.nameJa, en: orgUnits.nameEn })
    .from(orgUnits)
    .where(
      inArray(
        orgUnits.id,
        rows.map((r) => r.scopeUnitId),
      ),
    );
  return rows.map((r) => {
    const of = (s: string) => Number(counts.find((c) => c.programmeId === r.id && c.state === s)?.n ?? 0);
    const u = units.find((x) => x.id === r.scopeUnitId)!;
    const c = { planned: of('planned'), inProgress: of('in_progress'), reported: of('reported'), closed: of('closed') };
    return {
      id: r.id,
      rowVersion: r.rowVersion,
      fiscalYear: r.fiscalYear,
      title: r.title,
      scope: { id: u.id, name: { ja: u.ja, en: u.en } },
      counts: { audits: c.planned + c.inProgress + c.reported + c.closed, ...c },
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/**
 * Programmes the reader may see: those whose scope lies in their audits:read scope, or above it (a site office
 * sees the group programme, which covers its site; its audits are filtered by the audits' own units).
 */
export async function listProgrammes(ctx: Ctx, fiscalYear?: number): Promise<AuditProgramme[]> {
  const scope = scopeOf(ctx.principal, 'audits:read');
  const rows = await ctx.db
    .select()
    .from(auditProgrammes)
    .where(fiscalYear ? eq(auditProgrammes.fiscalYear, fiscalYear) : undefined)
    .orderBy(desc(auditProgrammes.fiscalYear), asc(auditProgrammes.scopePath));
  const seen = rows.filter(
    (r) =>
      scope.kind === 'all' ||
      (scope.kind === 'paths' && scope.paths.some((p) => p.startsWith(r.scopePath) || r.scopePath.startsWith(p))),
  );
  return present(ctx.db, seen);
}

export async function loadProgramme(db: Db, ctx: Ctx, id: string) {
  const [row] = await db.select().from(auditProgrammes).where(eq(auditProgrammes.id, id));
  const scope = scopeOf(ctx.principal, 'audits:read');
  const visible =
    row &&
    (scope.kind === 'all' ||
      (scope.kind === 'paths' && scope.paths.some((p) => p.startsWith(row.scopePath) || row.scopePath.startsWith(p))));
  if (!row || !visible) throw notFound('The programme');
  return row;
}

export async function getProgramme(ctx: Ctx, id: string): Promise<AuditProgramme> {
  const row = await loadProgramme(ctx.db, ctx, id);
  return (await present(ctx.db, [row]))[0]!;
}

export async function createProgramme(ctx: Ctx, body: z.infer<typeof CreateProgrammeBody>) {
  const id = await inTransaction(ctx, async (tx, audit) => {
    const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, body.scopeUnitId));
    if (!unit || !canManage(ctx.principal, unit.path)) throw invalid([fieldError('body.scopeUnitId', 'audits.scope_unknown')]);
    const [row] = await tx
      .insert(auditProgrammes)
      .values({ ...body, scopePath: unit.path, createdBy: ctx.principal!.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(msg('audits.programme_exists'), [fieldError('body.fiscalYear', 'audits.programme_exists')]);
    await audit({
      action: 'audit_programme.create',
      targetType: 'audit_programme',
      targetId: row.id,
      orgPath: unit.path,
      after: body,
    });
    return row.id;
  });
  return getProgramme(ctx, id);
}

/**
 * Units of the programme's scope proposed for audit, best first: never audited, then the longest since the last
 * audit (rotation), then the most high and open risks. Units already in the programme are left out.
 */
export async function proposeUnits(ctx: Ctx, id: string, limit: number): Promise<UnitProposal[]> {
  const p = await loadProgramme(ctx.db, ctx, id);
  const rows = await queryRows<{
    id: string;
    name_ja: string;
    name_en: string;
    kind: string;
    path: string;
    last: string | null;
  }>(
    ctx.db,
    sql`
    SELECT u.id, u.name_ja, u.name_en, u.kind, u.path,
      (SELECT max(a.planned_to)::text FROM internal_audits a
        WHERE a.unit_id = u.id AND a.state IN ('reported', 'closed')) AS last
    FROM org_units u
    WHERE u.path LIKE ${escapeLike(p.scopePath) + '%'} AND u.kind IN ('department', 'section')
      AND NOT EXISTS (SELECT 1 FROM internal_audits a WHERE a.programme_id = ${p.id} AND a.unit_id = u.id)
      AND ${scopeSql(scopeOf(ctx.principal, 'audits:read'), sql`u.path`)}`,
  );
  const risks = await openRisksByUnit(ctx.db, p.scopePath);
  const yearStart = `${p.fiscalYear}-04-01`;
  const proposals = rows.map((r): UnitProposal & { rank: number[] } => {
    const risk = risks.get(r.id) ?? { open: 0, high: 0 };
    const reasons: UnitProposal['reasons'] = [];
    if (!r.last) reasons.push('never_audited');
    else if (r.last < `${p.fiscalYear - 1}-04-01`) reasons.push('rotation');
    if (risk.high > 0) reasons.push('risk');
    const age = r.last ? Date.parse(yearStart) - Date.parse(r.last) : Number.MAX_SAFE_INTEGER;
    return {
      unit: { id: r.id, name: { ja: r.name_ja, en: r.name_en } },
      kind: r.kind,
      lastAuditedOn: r.last,
      openRisks: risk.open,
      highRisks: risk.high,
      reasons,
      rank: [r.last ? 1 : 0, -age, -risk.high, -risk.open],
    };
  });
  proposals.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
    return a.unit.name.en.localeCompare(b.unit.name.en);
  });
  return proposals.slice(0, limit).map(({ rank: _, ...x }) => x);
}

/**
 * Adds audits to a programme in one transaction (the office, audits:manage over each unit). Refused whole, naming
 * every failing field, when a unit is outside the scope or already planned, dates are reversed or outside the
 * fiscal year, or an auditor is unknown, expired by the audit's last day or not independent of the unit.
 */
export async function planAudits(ctx: Ctx, id: string, body: z.infer<typeof PlanAuditsBody>): Promise<{ created: string[] }> {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadProgramme(tx, ctx, id);
    await tx.select({ id: auditProgrammes.id }).from(auditProgrammes).where(eq(auditProgrammes.id, id)).for('update');
    const unitIds = [...new Set(body.audits.map((a) => a.unitId))];
    const units = new Map((await tx.select().from(orgUnits).where(inArray(orgUnits.id, unitIds))).map((u) => [u.id, u] as const));
    // a unit may be audited more than once a year (high-risk units twice), never in overlapping periods
    const taken = await tx
      .select({ unitId: internalAudits.unitId, from: internalAudits.plannedFrom, to: internalAudits.plannedTo })
      .from(internalAudits)
      .where(and(eq(internalAudits.programmeId, id), inArray(internalAudits.unitId, unitIds)));
    const auditorIds = [...new Set(body.audits.flatMap((a) => [a.leadAuditorId, ...a.coAuditorIds]))];
    const auditors = new Map<string, AuditorRow>((await auditorRows(tx, auditorIds)).map((a) => [a.a.id, a]));
    const days = { from: `${p.fiscalYear}-04-01`, to: `${p.fiscalYear + 1}-03-31` };
    const errors = [];
    for (const [i, a] of body.audits.entries()) {
      const at = `body.audits.${i}`;
      const unit = units.get(a.unitId);
      if (!unit || !unit.path.startsWith(p.scopePath) || !canManage(ctx.principal, unit.path)) {
        errors.push(fieldError(`${at}.unitId`, 'audits.scope_unknown'));
        continue;
      }
      const overlaps = (x: { unitId: string; from: string; to: string }) =>
        x.unitId === a.unitId && x.from <= a.plannedTo && a.plannedFrom <= x.to;
      if (taken.some(overlaps)) errors.push(fieldError(`${at}.unitId`, 'audits.unit_planned'));
      taken.push({ unitId: a.unitId, from: a.plannedFrom, to: a.plannedTo });
      if (a.plannedTo < a.plannedFrom) errors.push(fieldError(`${at}.plannedTo`, 'audits.dates_reversed'));
      if (a.plannedFrom < days.from || a.plannedTo > days.to)
        errors.push(fieldError(`${at}.plannedFrom`, 'audits.dates_outside_year', { from: days.from, to: days.to }));
      if (a.coAuditorIds.includes(a.leadAuditorId)) errors.push(fieldError(`${at}.coAuditorIds`, 'audits.lead_is_co'));
      errors.push(
        ...checkAssignment(auditors, unit.path, a.plannedTo, [
          { path: `${at}.leadAuditorId`, id: a.leadAuditorId },
          ...a.coAuditorIds.map((c, j) => ({ path: `${at}.coAuditorIds.${j}`, id: c })),
        ]),
      );
    }
    if (errors.length) throw invalid(errors);
    const created = await tx
      .insert(internalAudits)
      .values(
        body.audits.map((a) => ({
          programmeId: id,
          fiscalYear: p.fiscalYear,
          unitId: a.unitId,
          unitPath: units.get(a.unitId)!.path,
          leadAuditorId: a.leadAuditorId,
          coAuditorIds: [...new Set(a.coAuditorIds)],
          plannedFrom: a.plannedFrom,
          plannedTo: a.plannedTo,
          mode: a.mode,
          scope: a.scope,
        })),
      )
      .returning({ id: internalAudits.id, unitPath: internalAudits.unitPath, unitId: internalAudits.unitId });
    await audit.many(
      created.map((c) => ({
        action: 'internal_audit.plan',
        targetType: 'internal_audit',
        targetId: c.id,
        orgPath: c.unitPath,
        after: { programmeId: id, unitId: c.unitId },
      })),
    );
    return { created: created.map((c) => c.id) };
  });
}
