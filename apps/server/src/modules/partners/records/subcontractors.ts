import type { CreateSubcontractorBody, UpdateSubcontractorBody } from '@mamori/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { invalid, msg, fieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { auditTarget, loadPartner, partnerScope, partnerScopeSql } from '../access';
import { conflict, notFound } from '../errors';
import { tierOf } from './profile';
import { partners, partnerSubcontractors } from '../tables';

type Row = typeof partnerSubcontractors.$inferSelect;
const present = ({ createdAt: _c, updatedAt: _u, depth: _d, ...r }: Row) => r;

export async function listSubcontractors(ctx: Ctx, partnerId: string) {
  await loadPartner(ctx.db, partnerScope(ctx, 'partners:read'), partnerId);
  const rows = await ctx.db
    .select()
    .from(partnerSubcontractors)
    .where(eq(partnerSubcontractors.partnerId, partnerId))
    .orderBy(asc(partnerSubcontractors.depth), asc(partnerSubcontractors.name));
  return rows.map(present);
}

async function load(db: Db, ctx: Ctx, id: string) {
  const [row] = await db
    .select()
    .from(partnerSubcontractors)
    .where(
      and(
        eq(partnerSubcontractors.id, id),
        partnerScopeSql(partnerScope(ctx, 'partners:manage'), partnerSubcontractors.partnerId),
      ),
    );
  if (!row) throw notFound('The sub-contractor');
  return row;
}

/**
 * Records an outsourced company of the partner (or of one of its sub-contractors: the chain). It starts
 * as "pending notice": it may not receive confidential information until the written notice is recorded.
 */
export function createSubcontractor(ctx: Ctx, partnerId: string, body: z.infer<typeof CreateSubcontractorBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    // Locked: the partner's tier may be derived again from what it is now.
    const partner = await loadForUpdate(tx, partners, partnerId, () =>
      loadPartner(tx, partnerScope(ctx, 'partners:manage'), partnerId),
    );
    let depth = 0;
    if (body.parentId) {
      const [parent] = await tx
        .select()
        .from(partnerSubcontractors)
        .where(and(eq(partnerSubcontractors.id, body.parentId), eq(partnerSubcontractors.partnerId, partnerId)));
      if (!parent) throw invalid([{ path: 'body.parentId', message: 'not a sub-contractor of this partner' }]);
      depth = parent.depth + 1;
    }
    const [row] = await tx
      .insert(partnerSubcontractors)
      .values({ ...body, partnerId, depth })
      .returning();
    if (!partner.usesSubcontractors) {
      // Using an outsourced company brings in 2-8 and may raise the tier.
      const tier = tierOf({ ...partner, usesSubcontractors: true });
      const [after] = await tx
        .update(partners)
        .set({ usesSubcontractors: true, tier, updatedAt: new Date() })
        .where(eq(partners.id, partnerId))
        .returning();
      await audit({ action: 'partner.update', ...auditTarget('partner', partnerId), before: partner, after });
    }
    await audit({ action: 'partner_subcontractor.create', ...auditTarget('partner_subcontractor', row!.id), after: row });
    return present(row!);
  });
}

/** Activation needs the date the prior written notice was received (2-8-1); the database refuses it too. */
export function updateSubcontractor(ctx: Ctx, id: string, body: z.infer<typeof UpdateSubcontractorBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, partnerSubcontractors, id, () => load(tx, ctx, id));
    const notice = body.priorNoticeReceivedOn !== undefined ? body.priorNoticeReceivedOn : before.priorNoticeReceivedOn;
    const status = body.status ?? before.status;
    if (status === 'active' && !notice)
      throw conflict(msg('partner.sub_notice_first'), [fieldError('body.priorNoticeReceivedOn', 'partner.notice_date_required')]);
    const [row] = await tx
      .update(partnerSubcontractors)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(partnerSubcontractors.id, id))
      .returning();
    await audit({ action: 'partner_subcontractor.update', ...auditTarget('partner_subcontractor', id), before, after: row });
    return present(row!);
  });
}
