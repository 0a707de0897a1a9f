import type { InternalAudit, InternalAuditListQuery, InternalAuditSummary } from '@mamori/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { type Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { canConduct, canManage, loadAudit, myAuditorId, visibleAuditSql } from './access';
import { auditorRows } from './auditors';
import { auditChecklistItems, auditEvidence, auditFindings, internalAudits } from './tables';

/** Reading internal audits (issue #12): the list and the page, with names, counts and what the reader may do. */

type AuditRow = typeof internalAudits.$inferSelect;

/** The list and page shape of audits: unit and auditor names, finding counts. */
export async function presentAudits(db: Db, rows: AuditRow[]): Promise<InternalAuditSummary[]> {
  if (!rows.length) return [];
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const units = new Map(
    (
      await db
        .select({ id: orgUnits.id, ja: orgUnits.nameJa, en: orgUnits.nameEn })
        .from(orgUnits)
        .where(inArray(orgUnits.id, unitIds))
    ).map((u) => [u.id, { id: u.id, name: { ja: u.ja, en: u.en } }] as const),
  );
  const auditorIds = [...new Set(rows.flatMap((r) => [r.leadAuditorId, ...r.coAuditorIds]))];
  const auditors = new Map(
    (await auditorRows(db, auditorIds)).map((a) => [a.a.id, { id: a.a.id, name: { ja: a.nameJa, en: a.nameEn } }] as const),
  );
  const counts = await db
    .select({
      auditId: auditFindings.auditId,
      n: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${auditFindings.state} in ('open', 'answered'))::int`,
    })
    .from(auditFindings)
    .where(
      inArray(
        auditFindings.auditId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(auditFindings.auditId);
  const byAudit = new Map(counts.map((c) => [c.auditId, c]));
  return rows.map((r) => ({
    id: r.id,
    rowVersion: r.rowVersion,
    programmeId: r.programmeId,
    fiscalYear: r.fiscalYear,
    unit: units.get(r.unitId)!,
    state: r.state,
    mode: r.mode,
    plannedFrom: r.plannedFrom,
    plannedTo: r.plannedTo,
    lead: auditors.get(r.leadAuditorId)!,
    coAuditors: r.coAuditorIds.map((c) => auditors.get(c)).filter((x) => !!x),
    followUpOf: r.followUpOf,
    findings: Number(byAudit.get(r.id)?.n ?? 0),
    openNonconformities: Number(byAudit.get(r.id)?.open ?? 0),
  }));
}

/** Audits the reader may see, by planned start (the programme calendar), filtered by programme, year, month, state. */
export async function listAudits(
  ctx: Ctx,
  q: z.infer<typeof InternalAuditListQuery>,
): Promise<{ items: InternalAuditSummary[]; total: number }> {
  const me = await myAuditorId(ctx.db, ctx.principal);
  const where = and(
    visibleAuditSql(ctx.principal, me),
    q.programmeId ? eq(internalAudits.programmeId, q.programmeId) : undefined,
    q.fiscalYear ? eq(internalAudits.fiscalYear, q.fiscalYear) : undefined,
    q.state ? eq(internalAudits.state, q.state) : undefined,
    q.month ? sql`to_char(${internalAudits.plannedFrom}, 'YYYY-MM') = ${q.month}` : undefined,
    q.mine === 'true'
      ? me
        ? sql`(${internalAudits.leadAuditorId} = ${me} OR ${me}::uuid = ANY(${internalAudits.coAuditorIds}))`
        : sql`false`
      : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(internalAudits)
    .where(where)
    .orderBy(asc(internalAudits.plannedFrom), asc(internalAudits.id))
    .limit(q.limit);
  const [total] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(internalAudits)
    .where(where);
  return { items: await presentAudits(ctx.db, rows), total: Number(total?.n ?? 0) };
}

export async function getAudit(ctx: Ctx, id: string): Promise<InternalAudit> {
  const { audit, me } = await loadAudit(ctx.db, ctx, id);
  const [summary] = await presentAudits(ctx.db, [audit]);
  const items = await ctx.db
    .select()
    .from(auditChecklistItems)
    .where(eq(auditChecklistItems.auditId, id))
    .orderBy(asc(auditChecklistItems.position));
  const files = await ctx.db
    .select({
      id: auditEvidence.id,
      name: auditEvidence.name,
      mediaType: auditEvidence.mediaType,
      size: auditEvidence.size,
      sha256: auditEvidence.sha256,
      uploadedAt: auditEvidence.uploadedAt,
    })
    .from(auditEvidence)
    .where(eq(auditEvidence.auditId, id))
    .orderBy(asc(auditEvidence.uploadedAt));
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    ...summary!,
    scope: audit.scope,
    conclusion: audit.conclusion,
    interviews: audit.interviews,
    checklist: items.map((i) => ({
      ref: i.ref,
      source: i.source,
      reference: i.reference,
      question: { ja: i.questionJa, en: i.questionEn },
      result: i.result,
      notes: i.notes,
    })),
    evidence: files.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() })),
    startedAt: iso(audit.startedAt),
    reportedAt: iso(audit.reportedAt),
    closedAt: iso(audit.closedAt),
    can: { conduct: canConduct(ctx.principal, audit, me), manage: canManage(ctx.principal, audit.unitPath) },
  };
}
