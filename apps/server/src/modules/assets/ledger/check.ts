import type { CustomFields } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { covers, scopeOf } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { fieldError, invalid, type FieldError } from '../../../platform/errors/app-error';
import { effectiveSetting } from '../../../platform/settings/effective';
import type { Ctx } from '../../../platform/tx';
import { orgUnits, people } from '../../org/tables';
import { classificationSetting, customFieldsSetting } from '../classification/settings';
import { assets } from '../tables';
import { checkCustomValues } from './custom-values';
import { searchText } from './search-text';

export interface AssetInput {
  unitId: string;
  ownerId: string;
  classCode: string;
  originalId: string | null;
  name: string;
  custom: Record<string, unknown>;
}

/** The reader's own person id (an asset's owner is a person), or null for an account without one. */
export async function myPersonId(db: Db, ctx: Ctx): Promise<string | null> {
  if (!ctx.principal) return null;
  const [u] = await db.select({ personId: users.personId }).from(users).where(eq(users.id, ctx.principal.userId));
  return u?.personId ?? null;
}

/**
 * Checks what an asset refers to, naming every failing field (400, nothing written): the unit (must be inside the
 * writer's assets:manage scope), the owner (a known person), the class (a class of the unit's effective scheme),
 * the original of a copy (a visible asset that is not itself a copy), and the custom values (setting
 * `assets.customFields`). Answers what the row stores beside the input: the unit's path, the custom values as
 * stored and the search text.
 */
export async function checkAsset(
  db: Db,
  ctx: Ctx,
  input: AssetInput,
  opts: { customChanged: boolean; selfId?: string; baseCustom?: Record<string, string | number | null> },
): Promise<{ unitPath: string; custom: Record<string, string | number | null>; searchText: string; fields: CustomFields }> {
  const errors: FieldError[] = [];
  const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, input.unitId));
  if (!unit || !covers(scopeOf(ctx.principal, 'assets:manage'), unit.path))
    errors.push(fieldError('body.unitId', 'assets.unit_unknown'));
  const [owner] = await db.select({ id: people.id }).from(people).where(eq(people.id, input.ownerId));
  if (!owner) errors.push(fieldError('body.ownerId', 'assets.owner_unknown'));
  const scheme = (await effectiveSetting(db, classificationSetting, unit ? input.unitId : null)).value;
  if (!scheme.classes.some((c) => c.code === input.classCode))
    errors.push(fieldError('body.classCode', 'assets.class_unknown', { code: input.classCode }));
  if (input.originalId) {
    const [original] = await db
      .select({ id: assets.id, unitPath: assets.unitPath, originalId: assets.originalId })
      .from(assets)
      .where(eq(assets.id, input.originalId));
    if (!original || !covers(scopeOf(ctx.principal, 'assets:read'), original.unitPath) || original.id === opts.selfId)
      errors.push(fieldError('body.originalId', 'assets.original_unknown'));
    else if (original.originalId) errors.push(fieldError('body.originalId', 'assets.original_is_copy'));
  }
  const fields = (await effectiveSetting(db, customFieldsSetting, unit ? input.unitId : null)).value;
  // A change of custom values applies to the values kept for the fields that still exist.
  const known = new Set(fields.map((f) => f.key));
  const base = Object.fromEntries(Object.entries(opts.baseCustom ?? {}).filter(([k]) => known.has(k)));
  const custom = opts.customChanged
    ? checkCustomValues(fields, { ...base, ...input.custom }, { prefix: 'body.custom', requireAll: true })
    : { values: { ...(input.custom as Record<string, string | number | null>) }, errors: [] };
  errors.push(...custom.errors);
  if (errors.length) throw invalid(errors);
  const stored = custom.values;
  for (const k of Object.keys(stored)) if (stored[k] === null) delete stored[k];
  return { unitPath: unit!.path, custom: stored, searchText: searchText(input.name, stored, fields), fields };
}
