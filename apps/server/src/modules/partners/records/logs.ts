import type { CreateExchangeBody, CreateVisitBody, SettleExchangeBody } from '@mamori/contracts';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { lockRow } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { invalid, msg } from '../../../platform/errors/app-error';
import { auditTarget, loadPartner, partnerScope, partnerScopeSql } from '../access';
import { partnerVisits } from '../assessment-tables';
import { conflict, notFound } from '../errors';
import { partnerExchanges, partnerSubcontractors } from '../tables';
import { settlementName } from '../status-names';

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
      if (sub.status !== 'active' && body.direction === 'to_partner') throw conflict(msg('partner.sub_no_notice'));
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
    await lockRow(tx, partnerExchanges, id); // settled once: the check below reads what the lock protects
    const [row] = await tx
      .select()
      .from(partnerExchanges)
      .where(and(eq(partnerExchanges.id, id), partnerScopeSql(partnerScope(ctx, 'partners:manage'), partnerExchanges.partnerId)));
    if (!row) throw notFound('The exchange');
    if (row.settlement)
      throw conflict(msg('partner.exchange_settled', { settlement: settlementName(row.settlement), on: row.settledOn ?? '' }));
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
