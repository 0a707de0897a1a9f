import type {
  CreateExchangeBody,
  CreatePartnerIncidentBody,
  CreateVisitBody,
  PartnerIncidentListQuery,
  SettleExchangeBody,
} from '@mamori/contracts';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { holdersOf } from '../../platform/access/holders';
import { AppError, invalid } from '../../platform/errors/app-error';
import { decodeCursor, pageOf } from '../../platform/http/cursor';
import { queueMail } from '../../platform/mail/outbox';
import { inTransaction, type Ctx } from '../../platform/tx';
import { auditTarget, loadPartner, partnerScope, partnerScopeSql } from './access';
import { partnerVisits } from './assessment-tables';
import { conflict, notFound } from './errors';
import { partnerExchanges, partnerIncidents, partners, partnerSubcontractors } from './tables';

type Exchange = typeof partnerExchanges.$inferSelect;
const presentExchange = ({ recordedBy: _r, createdAt: _c, ...e }: Exchange) => e;

/** Exchange log of one partner, newest first (2-2-1, 2-2-3, 2-8-4). */
export async function listExchanges(ctx: Ctx, partnerId: string) {
  await loadPartner(ctx.db, partnerScope(ctx, 'partners:read'), partnerId);
  const rows = await ctx.db
    .select()
    .from(partnerExchanges)
    .where(eq(partnerExchanges.partnerId, partnerId))
    .orderBy(desc(partnerExchanges.occurredOn), desc(partnerExchanges.createdAt))
    .limit(1000);
  return rows.map(presentExchange);
}

export function createExchange(ctx: Ctx, partnerId: string, body: z.infer<typeof CreateExchangeBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    await loadPartner(tx, partnerScope(ctx, 'partners:manage'), partnerId);
    if (body.subcontractorId) {
      const [sub] = await tx
        .select()
        .from(partnerSubcontractors)
        .where(and(eq(partnerSubcontractors.id, body.subcontractorId), eq(partnerSubcontractors.partnerId, partnerId)));
      if (!sub) throw invalid([{ path: 'body.subcontractorId', message: 'not a sub-contractor of this partner' }]);
      if (sub.status !== 'active' && body.direction === 'to_partner')
        throw conflict(
          'This sub-contractor may not receive confidential information: no prior written notice is recorded (2-8-1).',
        );
    }
    const [row] = await tx
      .insert(partnerExchanges)
      .values({ ...body, partnerId, recordedBy: ctx.actor.userId })
      .returning();
    await audit({ action: 'partner_exchange.create', ...auditTarget('partner_exchange', row!.id), after: row });
    return presentExchange(row!);
  });
}

/** Records the return or disposal of what was handed over, at the end of the period. */
export function settleExchange(ctx: Ctx, id: string, body: z.infer<typeof SettleExchangeBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .select()
      .from(partnerExchanges)
      .where(and(eq(partnerExchanges.id, id), partnerScopeSql(partnerScope(ctx, 'partners:manage'), partnerExchanges.partnerId)));
    if (!row) throw notFound('The exchange');
    if (row.settlement) throw conflict(`Already recorded as ${row.settlement} on ${row.settledOn}.`);
    const [after] = await tx
      .update(partnerExchanges)
      .set({ settlement: body.settlement, settledOn: body.settledOn, settlementNote: body.note || null })
      .where(eq(partnerExchanges.id, id))
      .returning();
    await audit({ action: 'partner_exchange.settle', ...auditTarget('partner_exchange', id), before: row, after });
    return presentExchange(after!);
  });
}

export async function listVisits(ctx: Ctx, partnerId: string) {
  await loadPartner(ctx.db, partnerScope(ctx, 'partners:read'), partnerId);
  const rows = await ctx.db
    .select()
    .from(partnerVisits)
    .where(eq(partnerVisits.partnerId, partnerId))
    .orderBy(desc(partnerVisits.visitedOn));
  return rows.map(({ id, partnerId: p, visitedOn, visitors, summary, findings }) => ({
    id,
    partnerId: p,
    visitedOn,
    visitors,
    summary,
    findings,
  }));
}

export function createVisit(ctx: Ctx, partnerId: string, body: z.infer<typeof CreateVisitBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    await loadPartner(tx, partnerScope(ctx, 'partner-assessments:review'), partnerId);
    const [row] = await tx
      .insert(partnerVisits)
      .values({ ...body, partnerId, createdBy: ctx.actor.userId })
      .returning();
    await audit({ action: 'partner_visit.create', ...auditTarget('partner_visit', row!.id), after: row });
    const { createdBy: _c, createdAt: _a, reportFileId: _f, ...visit } = row!;
    return visit;
  });
}

type IncidentRow = typeof partnerIncidents.$inferSelect & { partnerName: string };
const presentIncident = ({ reportedBy: _r, ...i }: IncidentRow) => ({
  ...i,
  kind: i.kind as z.infer<typeof CreatePartnerIncidentBody>['kind'],
  discoveredAt: i.discoveredAt.toISOString(),
  reportedAt: i.reportedAt.toISOString(),
});

/**
 * A partner reports an incident from the portal (4-1 b, c). Stored here until the incident module exists;
 * whether it came within the agreed hours is recorded, and the security office is told at once.
 */
export function reportIncident(ctx: Ctx, body: z.infer<typeof CreatePartnerIncidentBody>) {
  const scope = partnerScope(ctx, 'partner-portal:report');
  if (scope.kind !== 'partner') throw new AppError('forbidden', 'Incidents are reported here by partner accounts.');
  const discoveredAt = new Date(body.discoveredAt);
  if (discoveredAt.getTime() > Date.now() + 60_000) throw invalid([{ path: 'body.discoveredAt', message: 'is in the future' }]);
  return inTransaction(ctx, async (tx, audit) => {
    const partner = await loadPartner(tx, scope, scope.partnerId);
    const within = Date.now() - discoveredAt.getTime() <= partner.incidentReportHours * 3600_000;
    const [row] = await tx
      .insert(partnerIncidents)
      .values({ ...body, discoveredAt, partnerId: partner.id, withinAgreedTime: within, reportedBy: ctx.actor.userId })
      .returning();
    await audit({ action: 'partner_incident.report', ...auditTarget('partner_incident', row!.id), after: row });
    for (const h of await holdersOf(tx, 'partner-campaigns:manage', null))
      await queueMail(tx, {
        to: h.email,
        subject: `[Mamori] 取引先からの事故報告 / Incident reported by ${partner.nameEn}`,
        body: `${partner.nameJa} / ${partner.nameEn}\n${body.kind}\n\n${body.description}`,
      });
    return presentIncident({ ...row!, partnerName: partner.nameEn });
  });
}

export async function listIncidents(ctx: Ctx, q: z.infer<typeof PartnerIncidentListQuery>) {
  const where: (SQL | undefined)[] = [partnerScopeSql(partnerScope(ctx, 'partners:read'), partnerIncidents.partnerId)];
  if (q.partnerId) where.push(eq(partnerIncidents.partnerId, q.partnerId));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, 2) as [string, string];
    where.push(
      or(
        lt(partnerIncidents.reportedAt, new Date(at)),
        and(eq(partnerIncidents.reportedAt, new Date(at)), lt(partnerIncidents.id, id)),
      ),
    );
  }
  const rows = await ctx.db
    .select({ i: partnerIncidents, partnerName: partners.nameEn })
    .from(partnerIncidents)
    .innerJoin(partners, eq(partners.id, partnerIncidents.partnerId))
    .where(and(...where))
    .orderBy(desc(partnerIncidents.reportedAt), desc(partnerIncidents.id))
    .limit(q.limit + 1);
  return pageOf(
    rows,
    q.limit,
    (r) => presentIncident({ ...r.i, partnerName: r.partnerName }),
    (r) => [r.i.reportedAt.toISOString(), r.i.id],
  );
}
