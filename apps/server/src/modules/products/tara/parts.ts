import type { TaraAssetBody, TaraDamageBody, TaraThreatBody } from '@mamori/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { fieldError, invalid, notFound, type FieldError } from '../../../platform/errors/app-error';
import type { Precondition } from '../../../platform/records/version';
import type { Ctx } from '../../../platform/tx';
import { changeAnalysis, type Locked } from './analyses';
import { isR155Threat } from './r155/catalog';
import { taraAssets, taraDamages, taraThreatDamages, taraThreats } from './tables';

/**
 * The work products of an analysis that are typed, not derived: assets, damage scenarios, threat scenarios (with
 * their links to damage scenarios). Each change runs under the analysis lock and answers the whole workspace.
 */

type AssetBody = z.infer<typeof TaraAssetBody>;
type DamageBody = z.infer<typeof TaraDamageBody>;
type ThreatBody = z.infer<typeof TaraThreatBody>;

export function addAsset(ctx: Ctx, id: string, body: AssetBody, expected: Precondition) {
  return changeAnalysis(ctx, id, expected, async (tx, { orgPath }, audit) => {
    const [row] = await tx
      .insert(taraAssets)
      .values({ analysisId: id, name: body.name, description: body.description ?? null, properties: body.properties })
      .returning();
    await audit({ action: 'tara_asset.create', targetType: 'tara_analysis', targetId: id, orgPath, after: row });
  });
}

export function updateAsset(ctx: Ctx, id: string, assetId: string, body: Partial<AssetBody>, expected: Precondition) {
  return changeAnalysis(ctx, id, expected, async (tx, { orgPath }, audit) => {
    const [before] = await tx
      .select()
      .from(taraAssets)
      .where(and(eq(taraAssets.id, assetId), eq(taraAssets.analysisId, id)));
    if (!before) throw notFound('The asset');
    const [after] = await tx.update(taraAssets).set(body).where(eq(taraAssets.id, assetId)).returning();
    await audit({ action: 'tara_asset.update', targetType: 'tara_analysis', targetId: id, orgPath, before, after });
  });
}

function checkImpacts(locked: Locked, impacts: DamageBody['impacts'] | undefined) {
  const known = new Set(locked.method.impactCategories.map((c) => c.code));
  const errors = Object.keys(impacts ?? {})
    .filter((k) => !known.has(k))
    .map((k) => fieldError(`body.impacts.${k}`, 'tara.impact_category_unknown'));
  if (errors.length) throw invalid(errors);
}

export function addDamage(ctx: Ctx, id: string, body: DamageBody, expected: Precondition) {
  return changeAnalysis(ctx, id, expected, async (tx, locked, audit) => {
    checkImpacts(locked, body.impacts);
    const [row] = await tx
      .insert(taraDamages)
      .values({ analysisId: id, title: body.title, description: body.description ?? null, impacts: body.impacts })
      .returning();
    await audit({ action: 'tara_damage.create', targetType: 'tara_analysis', targetId: id, orgPath: locked.orgPath, after: row });
  });
}

export function updateDamage(ctx: Ctx, id: string, damageId: string, body: Partial<DamageBody>, expected: Precondition) {
  return changeAnalysis(ctx, id, expected, async (tx, locked, audit) => {
    checkImpacts(locked, body.impacts);
    const [before] = await tx
      .select()
      .from(taraDamages)
      .where(and(eq(taraDamages.id, damageId), eq(taraDamages.analysisId, id)));
    if (!before) throw notFound('The damage scenario');
    const [after] = await tx.update(taraDamages).set(body).where(eq(taraDamages.id, damageId)).returning();
    await audit({
      action: 'tara_damage.update',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath: locked.orgPath,
      before,
      after,
    });
  });
}

/** Refuses what the analysis derives, and references to another analysis's asset or damage scenarios. */
async function checkThreat(tx: Db, id: string, body: Partial<ThreatBody>, current?: { assetId: string; property: string }) {
  const errors: FieldError[] = [];
  if (body.feasibility !== undefined) errors.push(fieldError('body.feasibility', 'tara.feasibility_derived'));
  body.r155Threats?.forEach((code, i) => {
    if (!isR155Threat(code)) errors.push(fieldError(`body.r155Threats.${i}`, 'tara.r155_unknown', { code }));
  });
  const assetId = body.assetId ?? current?.assetId;
  const property = body.property ?? current?.property;
  if (assetId) {
    const [asset] = await tx
      .select()
      .from(taraAssets)
      .where(and(eq(taraAssets.id, assetId), eq(taraAssets.analysisId, id)));
    if (!asset) errors.push(fieldError('body.assetId', 'tara.asset_unknown'));
    else if (property && !(asset.properties as string[]).includes(property))
      errors.push(fieldError('body.property', 'tara.property_not_of_asset'));
  }
  if (body.damageIds?.length) {
    const found = new Set(
      (
        await tx
          .select({ id: taraDamages.id })
          .from(taraDamages)
          .where(and(eq(taraDamages.analysisId, id), inArray(taraDamages.id, body.damageIds)))
      ).map((d) => d.id),
    );
    body.damageIds.forEach((d, i) => {
      if (!found.has(d)) errors.push(fieldError(`body.damageIds.${i}`, 'tara.damage_unknown'));
    });
  }
  if (errors.length) throw invalid(errors);
}

async function setLinks(tx: Db, id: string, threatId: string, damageIds: string[]) {
  await tx.delete(taraThreatDamages).where(eq(taraThreatDamages.threatId, threatId));
  const unique = [...new Set(damageIds)];
  if (unique.length)
    await tx.insert(taraThreatDamages).values(unique.map((damageId) => ({ analysisId: id, threatId, damageId })));
}

export function addThreat(ctx: Ctx, id: string, body: ThreatBody, expected: Precondition) {
  return changeAnalysis(ctx, id, expected, async (tx, { orgPath }, audit) => {
    await checkThreat(tx, id, body);
    const [row] = await tx
      .insert(taraThreats)
      .values({
        analysisId: id,
        title: body.title,
        assetId: body.assetId,
        property: body.property,
        cause: body.cause ?? null,
        stride: body.stride ?? null,
        r155Threats: [...new Set(body.r155Threats ?? [])],
      })
      .returning();
    await setLinks(tx, id, row!.id, body.damageIds);
    await audit({
      action: 'tara_threat.create',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath,
      after: { ...row, damageIds: body.damageIds },
    });
  });
}

export function updateThreat(ctx: Ctx, id: string, threatId: string, body: Partial<ThreatBody>, expected: Precondition) {
  return changeAnalysis(ctx, id, expected, async (tx, { orgPath }, audit) => {
    const [before] = await tx
      .select()
      .from(taraThreats)
      .where(and(eq(taraThreats.id, threatId), eq(taraThreats.analysisId, id)));
    if (!before) throw notFound('The threat scenario');
    await checkThreat(tx, id, body, before);
    const { damageIds, feasibility: _f, r155Threats, ...rest } = body;
    const fields = r155Threats ? { ...rest, r155Threats: [...new Set(r155Threats)] } : rest;
    const [after] = Object.keys(fields).length
      ? await tx.update(taraThreats).set(fields).where(eq(taraThreats.id, threatId)).returning()
      : [before];
    if (damageIds) await setLinks(tx, id, threatId, damageIds);
    await audit({
      action: 'tara_threat.update',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath,
      before,
      after: { ...after, ...(damageIds ? { damageIds } : {}) },
    });
  });
}

export function deleteThreat(ctx: Ctx, id: string, threatId: string, expected: Precondition) {
  return changeAnalysis(ctx, id, expected, async (tx, { orgPath }, audit) => {
    const [before] = await tx
      .delete(taraThreats)
      .where(and(eq(taraThreats.id, threatId), eq(taraThreats.analysisId, id)))
      .returning();
    if (!before) throw notFound('The threat scenario');
    await audit({ action: 'tara_threat.delete', targetType: 'tara_analysis', targetId: id, orgPath, before });
  });
}
