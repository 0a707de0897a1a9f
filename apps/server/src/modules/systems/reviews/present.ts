import type { ServiceReview } from '@mamori/contracts';
import { eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import type { Ctx } from '../../../platform/tx';
import { peopleByIds } from '../../org/service';
import { orgUnits } from '../../org/tables';
import { partnersByIds } from '../../partners/service';
import { canAt, inScopeSql } from '../access';
import { serviceReviews } from '../tables';

export type ReviewRow = typeof serviceReviews.$inferSelect;
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Who sees a review: its requester, holders of service-reviews:request or :decide whose scope covers the unit.
 * (The approved register, not the requests, is what every employee reads.)
 */
export const visibleReviewsSql = (ctx: Ctx): SQL =>
  or(
    eq(serviceReviews.requesterId, ctx.principal?.userId ?? NOBODY),
    inScopeSql(ctx, 'service-reviews:request', serviceReviews.unitPath),
    inScopeSql(ctx, 'service-reviews:decide', serviceReviews.unitPath),
  )!;

export const canSeeReview = (ctx: Ctx, r: ReviewRow): boolean =>
  r.requesterId === ctx.principal?.userId ||
  canAt(ctx, 'service-reviews:request', r.unitPath) ||
  canAt(ctx, 'service-reviews:decide', r.unitPath);

/** The names behind a user account (requester, decider): its person's names, else its e-mail. */
async function accountNames(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, { id: string; nameJa: string; nameEn: string }>();
  const rows = await db
    .select({ id: users.id, email: users.email, personId: users.personId })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  const people = new Map(
    (
      await peopleByIds(
        db,
        rows.map((r) => r.personId).filter((x): x is string => !!x),
      )
    ).map((p) => [p.id, p]),
  );
  return new Map(
    rows.map((r) => {
      const p = r.personId ? people.get(r.personId) : undefined;
      return [r.id, { id: r.id, nameJa: p?.nameJa ?? r.email, nameEn: p?.nameEn ?? r.email }];
    }),
  );
}

export async function presentReviews(db: Db, ctx: Ctx, rows: ReviewRow[]): Promise<ServiceReview[]> {
  if (!rows.length) return [];
  const units = new Map(
    (
      await db
        .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
        .from(orgUnits)
        .where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.unitId))]))
    ).map((u) => [u.id, u]),
  );
  const accounts = await accountNames(
    db,
    rows.flatMap((r) => [r.requesterId, r.decidedBy]).filter((x): x is string => !!x),
  );
  const providers = new Map(
    (
      await partnersByIds(
        db,
        rows.map((r) => r.providerPartnerId).filter((x): x is string => !!x),
      )
    ).map((p) => [p.id, { id: p.id, nameJa: p.nameJa, nameEn: p.nameEn }]),
  );
  return rows.map((r) => ({
    id: r.id,
    rowVersion: r.rowVersion,
    unit: units.get(r.unitId) ?? { id: r.unitId, nameJa: '', nameEn: '' },
    requester: r.requesterId ? (accounts.get(r.requesterId) ?? null) : null,
    serviceName: r.serviceName,
    providerName: r.providerName,
    provider: r.providerPartnerId ? (providers.get(r.providerPartnerId) ?? null) : null,
    purpose: r.purpose,
    classCode: r.classCode,
    personalData: r.personalData,
    storageCountry: r.storageCountry,
    certifications: r.certifications,
    ssoMfa: r.ssoMfa,
    encryption: r.encryption,
    logs: r.logs,
    exitTerms: r.exitTerms,
    answers: r.answers,
    status: r.status,
    approvedClassCode: r.approvedClassCode,
    conditions: r.conditions,
    reasons: r.reasons,
    reReviewOn: r.reReviewOn,
    decidedBy: r.decidedBy ? (accounts.get(r.decidedBy) ?? null) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    can: { decide: r.status === 'pending' && canAt(ctx, 'service-reviews:decide', r.unitPath) },
  }));
}

/** What an audit event keeps of a review. */
export const reviewAuditView = (r: ReviewRow) => ({
  unitId: r.unitId,
  serviceName: r.serviceName,
  providerName: r.providerName,
  classCode: r.classCode,
  personalData: r.personalData,
  storageCountry: r.storageCountry,
  status: r.status,
  approvedClassCode: r.approvedClassCode,
  conditions: r.conditions,
  reasons: r.reasons,
  reReviewOn: r.reReviewOn,
});
