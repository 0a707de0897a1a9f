import type { ClassificationScheme, CustomFields } from '@mamori/contracts';
import { count, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { conflict, fieldError, msg } from '../../../platform/errors/app-error';
import type { Precondition } from '../../../platform/records/version';
import {
  effectiveSetting,
  saveSetting,
  settingHistory,
  type ScopedSetting,
  type SettingValue,
} from '../../../platform/settings/effective';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { assets } from '../tables';
import { classificationSetting, customFieldsSetting } from './settings';

const view = <T>(s: SettingValue<T>) => ({
  value: s.value,
  scope: s.scope,
  version: s.version,
  updatedAt: s.updatedAt?.toISOString() ?? null,
});

export const getClassification = async (db: Db, unitId?: string) =>
  view(await effectiveSetting(db, classificationSetting, unitId));
export const getCustomFields = async (db: Db, unitId?: string) => view(await effectiveSetting(db, customFieldsSetting, unitId));

/**
 * Saves the group's scheme (If-Match: the version the editor saw; 412 when stale). A class that assets still use
 * cannot be removed: 409 naming each such class and how many assets hold it. Audited with before and after.
 */
export function saveClassification(ctx: Ctx, scheme: ClassificationScheme, expected: Precondition) {
  return inTransaction(ctx, async (tx, audit) => {
    const before = (await effectiveSetting(tx, classificationSetting)).value;
    const kept = new Set(scheme.classes.map((c) => c.code));
    const removed = before.classes.filter((c) => !kept.has(c.code));
    if (removed.length) {
      const used = await tx
        .select({ code: assets.classCode, n: count() })
        .from(assets)
        .where(
          inArray(
            assets.classCode,
            removed.map((c) => c.code),
          ),
        )
        .groupBy(assets.classCode);
      if (used.length)
        throw conflict(
          msg('assets.class_in_use_detail'),
          used.map((u) => {
            const c = removed.find((r) => r.code === u.code)!;
            return fieldError('body.classes', 'assets.class_in_use', {
              class: { ja: c.nameJa, en: c.nameEn },
              count: Number(u.n),
            });
          }),
        );
    }
    return view(await saveSetting(tx, audit, classificationSetting, scheme, { by: ctx.actor.userId, expected }));
  });
}

/** Saves the custom fields (If-Match as for the scheme). Values of a removed field stay stored but are not shown. */
export function saveCustomFields(ctx: Ctx, fields: CustomFields, expected: Precondition) {
  return inTransaction(ctx, async (tx, audit) =>
    view(await saveSetting(tx, audit, customFieldsSetting, fields, { by: ctx.actor.userId, expected })),
  );
}

/** The saved versions of a setting, newest first, with the name of who saved each. */
export async function historyOf<T>(db: Db, setting: ScopedSetting<T>) {
  const rows = await settingHistory(db, setting);
  const ids = [...new Set(rows.map((r) => r.changedBy).filter((x): x is string => x !== null))];
  const names = new Map(
    ids.length
      ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name])
      : [],
  );
  return {
    items: rows.map((r) => ({
      version: r.version,
      value: r.value,
      changedBy: r.changedBy,
      changedByName: r.changedBy ? (names.get(r.changedBy) ?? null) : null,
      changedAt: r.changedAt.toISOString(),
    })),
  };
}
