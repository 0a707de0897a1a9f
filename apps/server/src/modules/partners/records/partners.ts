import type { CreatePartnerBody, PartnerListQuery, UpdatePartnerBody } from '@mamori/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { invalid } from '../../../platform/errors/app-error';
import { pageOf } from '../../../platform/http/cursor';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { auditTarget, loadPartner, partnerScope } from '../access';
import { hasValidNdaSql, listColumns, overdueSql, partnerListSql } from './partner-query';
import { tierOf } from './profile';
import { partnerContacts, partnerOrgUnits, partners, partnerSubcontractors } from '../tables';
import { thresholdFor } from '../assessments/thresholds';

type ListRow = Awaited<ReturnType<typeof selectList>>[number];
const selectList = (db: Db, where: ReturnType<typeof partnerListSql>, limit: number) =>
  db
    .select(listColumns)
    .from(partners)
    .where(where.where)
    .orderBy(...where.orderBy)
    .limit(limit);

export const presentListRow = (r: ListRow) => ({
  ...r,
  latestScoredAt: r.latestScoredAt?.toISOString() ?? null,
  hasValidNda: Boolean(r.hasValidNda),
  overdue: Boolean(r.overdue),
});

export async function listPartners(ctx: Ctx, q: z.infer<typeof PartnerListQuery>) {
  const where = partnerListSql(partnerScope(ctx, 'partners:read'), q);
  const rows = await selectList(ctx.db, where, q.limit + 1);
  return pageOf(rows, q.limit, presentListRow, where.cursorOf);
}

/** Pages of the list for the export, one keyset page at a time (memory stays flat). */
export async function* partnerPages(ctx: Ctx, q: Omit<z.infer<typeof PartnerListQuery>, 'limit' | 'cursor'>, size = 1000) {
  const scope = partnerScope(ctx, 'partners:read');
  let cursor: string | undefined;
  for (;;) {
    const where = partnerListSql(scope, { ...q, cursor });
    const rows = await selectList(ctx.db, where, size + 1);
    const page = pageOf(rows, size, presentListRow, where.cursorOf);
    yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export async function getPartner(ctx: Ctx, id: string, db: Db = ctx.db) {
  const row = await loadPartner(db, partnerScope(ctx, 'partners:read'), id);
  const [flags] = await db
    .select({ hasValidNda: hasValidNdaSql, overdue: overdueSql, latestPassed: listColumns.latestPassed })
    .from(partners)
    .where(eq(partners.id, id));
  const units = await db
    .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
    .from(partnerOrgUnits)
    .innerJoin(orgUnits, eq(orgUnits.id, partnerOrgUnits.orgUnitId))
    .where(eq(partnerOrgUnits.partnerId, id));
  const contacts = await db
    .select({
      name: partnerContacts.name,
      email: partnerContacts.email,
      phone: partnerContacts.phone,
      role: partnerContacts.role,
    })
    .from(partnerContacts)
    .where(eq(partnerContacts.partnerId, id));
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(partnerSubcontractors)
    .where(and(eq(partnerSubcontractors.partnerId, id), eq(partnerSubcontractors.status, 'pending_notice')));
  return {
    ...presentListRow({ ...row, hasValidNda: flags!.hasValidNda, overdue: flags!.overdue, latestPassed: flags!.latestPassed }),
    rowVersion: row.rowVersion,
    shares: {
      papers: row.sharesPapers,
      digitized: row.sharesDigitized,
      embodiments: row.sharesEmbodiments,
      knowHow: row.sharesKnowHow,
      strictlyConfidential: row.strictlyConfidential,
    },
    sharedInformation: row.sharedInformation,
    usesSubcontractors: row.usesSubcontractors,
    incidentReportHours: row.incidentReportHours,
    orgUnits: units,
    contacts,
    threshold: await thresholdFor(db, row.tier),
    subcontractorsWithoutNotice: n,
    updatedAt: row.updatedAt.toISOString(),
  };
}

type Body = Partial<z.infer<typeof UpdatePartnerBody>>;
const columnsOf = (b: Body) => ({
  ...(b.nameJa !== undefined && { nameJa: b.nameJa }),
  ...(b.nameEn !== undefined && { nameEn: b.nameEn }),
  ...(b.corporateNumber !== undefined && { corporateNumber: b.corporateNumber }),
  ...(b.country !== undefined && { country: b.country }),
  ...(b.status !== undefined && { status: b.status }),
  ...(b.sharedInformation !== undefined && { sharedInformation: b.sharedInformation }),
  ...(b.usesSubcontractors !== undefined && { usesSubcontractors: b.usesSubcontractors }),
  ...(b.incidentReportHours !== undefined && { incidentReportHours: b.incidentReportHours }),
  ...(b.shares && {
    sharesPapers: b.shares.papers,
    sharesDigitized: b.shares.digitized,
    sharesEmbodiments: b.shares.embodiments,
    sharesKnowHow: b.shares.knowHow,
    strictlyConfidential: b.shares.strictlyConfidential,
  }),
});

async function setLinks(tx: Db, ctx: Ctx, id: string, b: Body) {
  if (b.orgUnitIds) {
    const ids = [...new Set(b.orgUnitIds)];
    const found = ids.length ? await tx.select({ id: orgUnits.id }).from(orgUnits).where(inArray(orgUnits.id, ids)) : [];
    const missing = ids.filter((u) => !found.some((f) => f.id === u));
    if (missing.length)
      throw invalid(missing.map((u) => ({ path: `body.orgUnitIds.${ids.indexOf(u)}`, message: 'unknown org unit' })));
    // A site office links partners only to units of its own scope.
    const scope = partnerScope(ctx, 'partners:manage');
    if (scope.kind === 'paths') {
      const paths = await tx.select({ path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, ids));
      if (!paths.length || paths.some((p) => !scope.paths.some((s) => p.path.startsWith(s))))
        throw invalid([
          { path: 'body.orgUnitIds', message: 'link the partner to at least one unit of your scope, and only to those' },
        ]);
    }
    await tx.delete(partnerOrgUnits).where(eq(partnerOrgUnits.partnerId, id));
    if (ids.length) await tx.insert(partnerOrgUnits).values(ids.map((orgUnitId) => ({ partnerId: id, orgUnitId })));
  }
  if (b.contacts) {
    await tx.delete(partnerContacts).where(eq(partnerContacts.partnerId, id));
    if (b.contacts.length) await tx.insert(partnerContacts).values(b.contacts.map((c) => ({ ...c, partnerId: id })));
  }
}

const uniqueNumber = (err: unknown) => {
  if (String((err as { cause?: { message?: string } }).cause?.message ?? err).includes('corporate_number'))
    throw invalid([{ path: 'body.corporateNumber', message: 'another partner has this corporate number' }]);
  throw err;
};

export function createPartner(ctx: Ctx, body: z.infer<typeof CreatePartnerBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const values = { nameJa: body.nameJa, nameEn: body.nameEn, country: body.country, ...columnsOf(body) };
    const [row] = await tx
      .insert(partners)
      .values({ ...values, tier: 'low' as const })
      .returning()
      .catch(uniqueNumber);
    const [withTier] = await tx
      .update(partners)
      .set({ tier: tierOf(row!) })
      .where(eq(partners.id, row!.id))
      .returning();
    await setLinks(tx, ctx, row!.id, body);
    await audit({
      action: 'partner.create',
      ...auditTarget('partner', row!.id),
      after: { ...withTier, orgUnitIds: body.orgUnitIds },
    });
    return getPartner({ ...ctx, principal: ctx.principal }, row!.id, tx);
  });
}

export function updatePartner(ctx: Ctx, id: string, body: z.infer<typeof UpdatePartnerBody>, expected?: Precondition) {
  return inTransaction(ctx, async (tx, audit) => {
    // Locked: the tier is derived from the shares as they are now, and "before" is what this change overwrites.
    const before = await loadForUpdate(
      tx,
      partners,
      id,
      () => loadPartner(tx, partnerScope(ctx, 'partners:manage'), id),
      expected,
    );
    const merged = { ...before, ...columnsOf(body) };
    const [after] = await tx
      .update(partners)
      .set({ ...columnsOf(body), tier: tierOf(merged), updatedAt: new Date() })
      .where(eq(partners.id, id))
      .returning()
      .catch(uniqueNumber);
    await setLinks(tx, ctx, id, body);
    await audit({
      action: 'partner.update',
      ...auditTarget('partner', id),
      before,
      after: { ...after, orgUnitIds: body.orgUnitIds },
    });
    return getPartner(ctx, id, tx);
  });
}
