import type { TaraAnalysis, TaraMethodDefinition } from '@mamori/contracts';
import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { notFound } from '../../../platform/errors/app-error';
import { products, releases } from '../tables';
import { deriveTrees, overallImpact, riskValue } from './derive';
import {
  taraAnalyses,
  taraAssets,
  taraDamages,
  taraMethods,
  taraNodes,
  taraR155Exclusions,
  taraThreatDamages,
  taraThreats,
  taraTreatments,
} from './tables';

const owner = alias(users, 'risk_owner');
const signer = alias(users, 'signer');

/** The raw parts of an analysis: seven set-based reads (one per work product), whatever its size. No N+1. */
export async function loadParts(db: Db, id: string) {
  const [assets, damages, threats, links, nodes, treatments, exclusions] = await Promise.all([
    db.select().from(taraAssets).where(eq(taraAssets.analysisId, id)).orderBy(asc(taraAssets.name), asc(taraAssets.id)),
    db.select().from(taraDamages).where(eq(taraDamages.analysisId, id)).orderBy(asc(taraDamages.title), asc(taraDamages.id)),
    db.select().from(taraThreats).where(eq(taraThreats.analysisId, id)).orderBy(asc(taraThreats.title), asc(taraThreats.id)),
    db
      .select({ threatId: taraThreatDamages.threatId, damageId: taraThreatDamages.damageId })
      .from(taraThreatDamages)
      .where(eq(taraThreatDamages.analysisId, id)),
    db.select().from(taraNodes).where(eq(taraNodes.analysisId, id)).orderBy(asc(taraNodes.position), asc(taraNodes.id)),
    db
      .select({ t: taraTreatments, signedBy: signer.email })
      .from(taraTreatments)
      .leftJoin(signer, eq(signer.id, taraTreatments.signedBy))
      .where(eq(taraTreatments.analysisId, id)),
    db
      .select({ code: taraR155Exclusions.code, reason: taraR155Exclusions.reason })
      .from(taraR155Exclusions)
      .where(eq(taraR155Exclusions.analysisId, id))
      .orderBy(asc(taraR155Exclusions.code)),
  ]);
  return { assets, damages, threats, links, nodes, treatments, exclusions };
}
export type Parts = Awaited<ReturnType<typeof loadParts>>;

/** Everything the method derives from the parts: node and threat feasibility, damage impact, risk values. */
export function rate(method: TaraMethodDefinition, parts: Parts) {
  const trees = deriveTrees(method, parts.nodes);
  const impact = new Map(parts.damages.map((d) => [d.id, overallImpact(method, d.impacts)]));
  const risks = parts.links.map((l) => {
    const feasibility = trees.byThreat.get(l.threatId)?.feasibility ?? null;
    const imp = impact.get(l.damageId) ?? null;
    return { threatId: l.threatId, damageId: l.damageId, impact: imp, feasibility, value: riskValue(method, imp, feasibility) };
  });
  return { trees, impact, risks };
}

/** The whole workspace: the analysis, its kept method version, every work product, derived values. */
export async function loadWorkspace(db: Db, id: string): Promise<TaraAnalysis> {
  const [head] = await db
    .select({
      a: taraAnalyses,
      productCode: products.code,
      productNameJa: products.nameJa,
      productNameEn: products.nameEn,
      releaseVersion: releases.version,
      method: taraMethods.definition,
      ownerEmail: owner.email,
      ownerName: owner.name,
    })
    .from(taraAnalyses)
    .innerJoin(products, eq(products.id, taraAnalyses.productId))
    .innerJoin(taraMethods, eq(taraMethods.version, taraAnalyses.methodVersion))
    .leftJoin(releases, eq(releases.id, taraAnalyses.releaseId))
    .leftJoin(owner, eq(owner.id, taraAnalyses.riskOwnerId))
    .where(eq(taraAnalyses.id, id));
  if (!head) throw notFound('The TARA analysis');
  const parts = await loadParts(db, id);
  const { a, method } = head;
  const { trees, impact, risks } = rate(method, parts);
  const damageIds = new Map<string, string[]>();
  for (const l of parts.links) damageIds.set(l.threatId, [...(damageIds.get(l.threatId) ?? []), l.damageId]);
  const treatment = new Map(parts.treatments.map((t) => [`${t.t.threatId}/${t.t.damageId}`, t]));
  return {
    id: a.id,
    rowVersion: a.rowVersion,
    productId: a.productId,
    releaseId: a.releaseId,
    title: a.title,
    methodVersion: a.methodVersion,
    updatedAt: a.updatedAt.toISOString(),
    productCode: head.productCode,
    productNameJa: head.productNameJa,
    productNameEn: head.productNameEn,
    releaseVersion: head.releaseVersion,
    boundary: a.boundary,
    functions: a.functions,
    environment: a.environment,
    assumptions: a.assumptions,
    riskOwner: a.riskOwnerId ? { id: a.riskOwnerId, email: head.ownerEmail ?? '', name: head.ownerName ?? '' } : null,
    method,
    assets: parts.assets.map((x) => ({ id: x.id, name: x.name, description: x.description, properties: x.properties })),
    damageScenarios: parts.damages.map((d) => ({
      id: d.id,
      title: d.title,
      description: d.description,
      impacts: d.impacts,
      impact: impact.get(d.id) ?? null,
    })),
    threatScenarios: parts.threats.map((t) => {
      const derived = trees.byThreat.get(t.id);
      return {
        id: t.id,
        title: t.title,
        assetId: t.assetId,
        property: t.property,
        cause: t.cause,
        stride: t.stride,
        damageIds: damageIds.get(t.id) ?? [],
        r155Threats: t.r155Threats,
        feasibility: derived?.feasibility ?? null,
        attackPotential: derived?.attackPotential ?? null,
      };
    }),
    attackNodes: parts.nodes.map((n) => {
      const derived = trees.byNode.get(n.id);
      return {
        id: n.id,
        threatId: n.threatId,
        parentId: n.parentId,
        kind: n.kind,
        title: n.title,
        position: n.position,
        ratings: n.ratings,
        attackPotential: derived?.attackPotential ?? null,
        feasibility: derived?.feasibility ?? null,
      };
    }),
    risks: risks.map((r) => {
      const t = treatment.get(`${r.threatId}/${r.damageId}`);
      return {
        ...r,
        requiresTreatment: r.value !== null && r.value >= method.treatmentThreshold,
        treatment: t?.t.treatment ?? null,
        statement: t?.t.statement ?? null,
        cal: t?.t.cal ?? null,
        rationale: t?.t.rationale ?? null,
        residualValue: t?.t.residualValue ?? null,
        signedBy: t?.signedBy ?? null,
        signedAt: t?.t.signedAt?.toISOString() ?? null,
      };
    }),
    r155NotApplicable: parts.exclusions,
  };
}
