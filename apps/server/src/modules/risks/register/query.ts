import { withinThreshold, levelOf, type LevelRef, type Risk, type RiskListItem, type RiskMethod } from '@mamori/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { assetsByIds } from '../../assets/service';
import { orgUnits, people } from '../../org/tables';
import { riskMethodVersions, risks } from '../tables';

/** A risk row with what its presentation needs: the unit's and owner's names and the method snapshot. */
export const selectRisks = (db: Db) =>
  db
    .select({
      risk: risks,
      unitName: orgUnits.nameEn,
      unitNameJa: orgUnits.nameJa,
      ownerName: people.nameEn,
      ownerNameJa: people.nameJa,
      method: riskMethodVersions.method,
      methodScope: riskMethodVersions.scope,
      methodVersion: riskMethodVersions.version,
      /** the keyset value with its microseconds (a JavaScript Date would drop them) */
      updatedAtText: sql<string>`${risks.updatedAt}::text`,
    })
    .from(risks)
    .innerJoin(orgUnits, eq(orgUnits.id, risks.unitId))
    .innerJoin(people, eq(people.id, risks.ownerId))
    .innerJoin(riskMethodVersions, eq(riskMethodVersions.id, risks.methodId));
export type RiskRow = Awaited<ReturnType<ReturnType<typeof selectRisks>['where']>>[number];

/** The level with its labels and colour as the snapshot defines it (a code it does not know shows as itself, grey). */
export function levelRef(method: RiskMethod, code: string): LevelRef {
  const l = method.levels.find((x) => x.code === code);
  return l
    ? { code, labelJa: l.labelJa, labelEn: l.labelEn, colour: l.colour }
    : { code, labelJa: code, labelEn: code, colour: '#868e96' };
}

export function presentListItem(r: RiskRow): RiskListItem {
  const k = r.risk;
  return {
    id: k.id,
    rowVersion: k.rowVersion,
    unitId: k.unitId,
    unitName: r.unitName,
    unitNameJa: r.unitNameJa,
    title: k.title,
    threatId: k.threatId,
    inherentLevel: levelRef(r.method, k.inherentLevel),
    residualLevel: levelRef(r.method, k.residualLevel),
    treatment: k.treatment,
    status: k.status,
    ownerId: k.ownerId,
    ownerName: r.ownerName,
    ownerNameJa: r.ownerNameJa,
    dueDate: k.dueDate,
    acceptedAt: k.acceptedAt,
    methodVersion: r.methodVersion,
    updatedAt: k.updatedAt,
  };
}

export async function presentRisk(db: Db, r: RiskRow): Promise<Risk> {
  const k = r.risk;
  const assets = await assetsByIds(db, k.assetIds);
  const byId = new Map(assets.map((a) => [a.id, a.name]));
  return {
    ...presentListItem(r),
    description: k.description,
    assets: k.assetIds.map((id) => ({ id, name: byId.get(id) ?? '' })),
    vulnerability: k.vulnerability,
    inherentLikelihood: k.inherentLikelihood,
    inherentImpact: k.inherentImpact,
    controlIds: k.controlIds,
    residualLikelihood: k.residualLikelihood,
    residualImpact: k.residualImpact,
    plan: k.plan,
    acceptedByName: k.acceptedByName,
    method: r.method,
    methodScope: r.methodScope,
    acceptable: withinThreshold(r.method, k.residualLevel),
    flowId: k.flowId,
    flowStepId: k.flowStepId,
    createdAt: k.createdAt,
  };
}

/** The level code a pair has under the method (the values were checked against its scales before). */
export const levelCode = (method: RiskMethod, likelihood: number, impact: number) =>
  levelOf(method, likelihood, impact)?.code ?? method.levels[0]!.code;

/** Audit view of a risk: the assessment fields, not the joined names. */
export const riskAuditView = (k: typeof risks.$inferSelect) => {
  const { rowVersion: _v, createdAt: _c, updatedAt: _u, unitPath: _p, ...rest } = k;
  return rest;
};

export const methodsByIds = async (db: Db, ids: string[]) =>
  ids.length ? db.select().from(riskMethodVersions).where(inArray(riskMethodVersions.id, ids)) : [];
