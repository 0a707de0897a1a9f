import type { AgreementDetail } from '@mamori/contracts';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { covers, scopeSql, type Scope } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { orgUnits } from '../../org/tables';
import { products } from '../tables';
import { taraAnalyses } from '../tara/tables';
import { interfaceAgreementActivities, interfaceAgreements } from './tables';

const columns = {
  a: interfaceAgreements,
  orgPath: orgUnits.path,
  productCode: products.code,
  productNameJa: products.nameJa,
  productNameEn: products.nameEn,
  taraTitle: taraAnalyses.title,
};
const selectAgreements = (db: Db) =>
  db
    .select(columns)
    .from(interfaceAgreements)
    .innerJoin(products, eq(products.id, interfaceAgreements.productId))
    .innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId))
    .leftJoin(taraAnalyses, eq(taraAnalyses.id, interfaceAgreements.taraAnalysisId));
export type AgreementRow = Awaited<ReturnType<typeof selectAgreements>>[number];

/** An agreement inside the scope (its product's division); 404 otherwise, also for "exists but not yours". */
export async function loadAgreement(db: Db, scope: Scope, id: string): Promise<AgreementRow> {
  const [row] = await selectAgreements(db).where(eq(interfaceAgreements.id, id));
  if (!row || !covers(scope, row.orgPath)) throw notFound('The interface agreement');
  return row;
}

export function listAgreementRows(db: Db, scope: Scope, where: SQL[]): Promise<AgreementRow[]> {
  return selectAgreements(db)
    .where(and(scopeSql(scope, orgUnits.path), ...where))
    .orderBy(asc(products.code), asc(interfaceAgreements.programme), asc(interfaceAgreements.id))
    .limit(500);
}

export const presentAgreement = (r: AgreementRow) => ({
  id: r.a.id,
  rowVersion: r.a.rowVersion,
  productId: r.a.productId,
  productCode: r.productCode,
  productNameJa: r.productNameJa,
  productNameEn: r.productNameEn,
  taraAnalysisId: r.a.taraAnalysisId,
  taraTitle: r.taraTitle,
  programme: r.a.programme,
  counterpartKind: r.a.counterpartKind,
  counterpartName: r.a.counterpartName,
  status: r.a.status,
  effectiveFrom: r.a.effectiveFrom,
  supportUntil: r.a.supportUntil,
  incidentNotificationHours: r.a.incidentNotificationHours,
  updatedAt: r.a.updatedAt.toISOString(),
});

/** The agreement with its contacts and its responsibility matrix in the catalogue's order. */
export async function agreementDetail(db: Db, r: AgreementRow): Promise<AgreementDetail> {
  const activities = await db
    .select()
    .from(interfaceAgreementActivities)
    .where(eq(interfaceAgreementActivities.agreementId, r.a.id))
    .orderBy(asc(interfaceAgreementActivities.position));
  return {
    ...presentAgreement(r),
    informationSharing: r.a.informationSharing,
    auditRights: r.a.auditRights,
    contacts: r.a.contacts,
    activities: activities.map((a) => ({ activity: a.activity, own: a.own, counterpart: a.counterpart, note: a.note })),
  };
}
