import type { DemoContext, DemoLoader } from '../../../demo/types';
import type { Db } from '../../../db/client';
import { defaultTaraMethod } from './method-check';
import { seedDefaultMethod } from './methods';
import { products, releases } from '../tables';
import { ASSETS, DAMAGES, ECU_PRODUCT, ITEM, THREATS, TREATMENTS, type DemoTree } from './demo-data';
import { R155_NOT_APPLICABLE, R155_REFS } from './demo-r155';
import {
  taraAnalyses,
  taraAssets,
  taraDamages,
  taraNodes,
  taraR155Exclusions,
  taraThreatDamages,
  taraThreats,
  taraTreatments,
} from './tables';

const FACTORS = defaultTaraMethod().definition.feasibility.factors.map((f) => f.code);

async function insertTree(
  tx: Db,
  analysisId: string,
  threatId: string,
  tree: DemoTree,
  parentId: string | null,
  position: number,
) {
  const [node] = await tx
    .insert(taraNodes)
    .values({
      analysisId,
      threatId,
      parentId,
      kind: tree.kind,
      title: tree.title,
      position,
      ratings: tree.kind === 'leaf' ? Object.fromEntries(FACTORS.map((f, i) => [f, tree.r[i]!])) : null,
    })
    .returning();
  let count = 1;
  if (tree.kind !== 'leaf')
    for (const [i, child] of tree.children.entries()) count += await insertTree(tx, analysisId, threatId, child, node!.id, i);
  return count;
}

/** The automotive gateway platform with a full ISO/SAE 21434 TARA under the default method v1. */
export const taraDemoLoader: DemoLoader = {
  name: 'tara',
  async load(ctx: DemoContext) {
    const { tx, audit } = ctx;
    await seedDefaultMethod(tx, audit);
    const depts = [...ctx.units.values()].filter((u) => u.kind === 'department').sort((a, b) => a.code.localeCompare(b.code));
    // the automotive company's in-vehicle electronics department owns the platform
    const owner = depts.find((d) => d.code.endsWith('-ECU')) ?? depts[0] ?? [...ctx.units.values()][0]!;
    const [product] = await tx
      .insert(products)
      .values({
        code: ECU_PRODUCT.code,
        nameJa: ECU_PRODUCT.ja,
        nameEn: ECU_PRODUCT.en,
        productLine: ECU_PRODUCT.line,
        orgUnitId: owner.id,
        stage: 'design',
      })
      .returning();
    await audit({ action: 'product.create', targetType: 'product', targetId: product!.id, orgPath: owner.path, after: product });
    const [release] = await tx.insert(releases).values({ productId: product!.id, version: ECU_PRODUCT.release }).returning();
    const riskOwner = (ctx.users.find((u) => u.roles.includes('psirt_member')) ?? ctx.users[0])?.user;
    const [analysis] = await tx
      .insert(taraAnalyses)
      .values({ productId: product!.id, releaseId: release!.id, methodVersion: 1, riskOwnerId: riskOwner?.id ?? null, ...ITEM })
      .returning();
    const id = analysis!.id;

    const assets = new Map<string, string>();
    for (const a of ASSETS) {
      const [row] = await tx
        .insert(taraAssets)
        .values({ analysisId: id, name: a.name, description: a.description, properties: a.properties })
        .returning();
      assets.set(a.key, row!.id);
    }
    const damages = new Map<string, string>();
    for (const d of DAMAGES) {
      const [row] = await tx
        .insert(taraDamages)
        .values({ analysisId: id, title: d.title, description: d.description, impacts: d.impacts })
        .returning();
      damages.set(d.key, row!.id);
    }
    const threats = new Map<string, string>();
    let nodes = 0;
    for (const t of THREATS) {
      const [row] = await tx
        .insert(taraThreats)
        .values({
          analysisId: id,
          title: t.title,
          assetId: assets.get(t.asset)!,
          property: t.property,
          cause: t.cause,
          stride: t.stride,
          r155Threats: R155_REFS[t.key] ?? [],
        })
        .returning();
      threats.set(t.key, row!.id);
      await tx
        .insert(taraThreatDamages)
        .values(t.damages.map((d) => ({ analysisId: id, threatId: row!.id, damageId: damages.get(d)! })));
      nodes += await insertTree(tx, id, row!.id, t.tree, null, 0);
    }
    for (const t of TREATMENTS)
      await tx.insert(taraTreatments).values({
        analysisId: id,
        threatId: threats.get(t.threat)!,
        damageId: damages.get(t.damage)!,
        treatment: t.treatment,
        statement: t.statement,
        cal: t.cal ?? null,
        rationale: t.rationale ?? null,
        residualValue: t.residual,
        signedBy: t.signed && riskOwner ? riskOwner.id : null,
        signedAt: t.signed && riskOwner ? ctx.now : null,
      });
    await tx.insert(taraR155Exclusions).values(R155_NOT_APPLICABLE.map((x) => ({ analysisId: id, ...x })));
    await audit({
      action: 'tara_analysis.create',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath: owner.path,
      after: {
        title: ITEM.title,
        assets: ASSETS.length,
        damageScenarios: DAMAGES.length,
        threats: THREATS.length,
        nodes,
        treatments: TREATMENTS.length,
      },
    });
    return [
      `TARA: ${ECU_PRODUCT.code} with ${THREATS.length} threat scenarios, ${nodes} attack-tree nodes, ${TREATMENTS.length} treatments`,
    ];
  },
};
