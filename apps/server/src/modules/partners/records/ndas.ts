import { NDA_PROVISIONS, type CreateNdaBody, type UpdateNdaBody } from '@mamori/contracts';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { invalid } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { auditTarget, loadPartner, partnerScope, partnerScopeSql } from '../access';
import { notFound } from '../errors';
import { partnerFiles, partnerNdas } from '../tables';

type Row = typeof partnerNdas.$inferSelect;
const today = () => new Date().toISOString().slice(0, 10);

const present = (r: Row) => ({
  id: r.id,
  partnerId: r.partnerId,
  title: r.title,
  signedOn: r.signedOn,
  validFrom: r.validFrom,
  validUntil: r.validUntil,
  provisions: Object.fromEntries(NDA_PROVISIONS.map((p) => [p, r.provisions[p] === true])) as Record<
    (typeof NDA_PROVISIONS)[number],
    boolean
  >,
  missingProvisions: NDA_PROVISIONS.filter((p) => r.provisions[p] !== true),
  fileId: r.fileId,
  valid: r.validFrom <= today() && (r.validUntil === null || r.validUntil >= today()),
});

export async function listNdas(ctx: Ctx, partnerId: string) {
  await loadPartner(ctx.db, partnerScope(ctx, 'partners:read'), partnerId);
  const rows = await ctx.db
    .select()
    .from(partnerNdas)
    .where(eq(partnerNdas.partnerId, partnerId))
    .orderBy(desc(partnerNdas.validFrom));
  return rows.map(present);
}

const checkDates = (b: { validFrom?: string | undefined; validUntil?: string | null | undefined }) => {
  if (b.validFrom && b.validUntil && b.validUntil < b.validFrom)
    throw invalid([{ path: 'body.validUntil', message: 'ends before it starts' }]);
};

export function createNda(ctx: Ctx, partnerId: string, body: z.infer<typeof CreateNdaBody>) {
  checkDates(body);
  return inTransaction(ctx, async (tx, audit) => {
    await loadPartner(tx, partnerScope(ctx, 'partners:manage'), partnerId);
    const [row] = await tx
      .insert(partnerNdas)
      .values({ ...body, partnerId })
      .returning();
    await audit({ action: 'partner_nda.create', ...auditTarget('partner_nda', row!.id), after: row });
    return present(row!);
  });
}

async function load(ctx: Ctx, tx: Parameters<Parameters<typeof inTransaction>[1]>[0], id: string) {
  const [row] = await tx
    .select()
    .from(partnerNdas)
    .where(and(eq(partnerNdas.id, id), partnerScopeSql(partnerScope(ctx, 'partners:manage'), partnerNdas.partnerId)));
  if (!row) throw notFound('The NDA');
  return row;
}

export function updateNda(ctx: Ctx, id: string, body: z.infer<typeof UpdateNdaBody> & { fileId?: string }) {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, partnerNdas, id, () => load(ctx, tx, id));
    checkDates({
      validFrom: body.validFrom ?? before.validFrom,
      validUntil: body.validUntil !== undefined ? body.validUntil : before.validUntil,
    });
    if (body.fileId) {
      const [file] = await tx
        .select({ id: partnerFiles.id })
        .from(partnerFiles)
        .where(and(eq(partnerFiles.id, body.fileId), eq(partnerFiles.partnerId, before.partnerId)));
      if (!file) throw notFound('The file');
    }
    const changed = body.validUntil !== undefined && body.validUntil !== before.validUntil;
    const [row] = await tx
      .update(partnerNdas)
      .set({ ...body, ...(changed ? { reminderSentAt: null } : {}) })
      .where(eq(partnerNdas.id, id))
      .returning();
    await audit({ action: 'partner_nda.update', ...auditTarget('partner_nda', id), before, after: row });
    return present(row!);
  });
}
