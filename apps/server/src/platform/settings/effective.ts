import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { orgUnits } from '../../modules/org/tables';
import { AppError, msg } from '../errors/app-error';
import { lockName } from '../records/lock';
import { checkVersion, type Precondition } from '../records/version';
import type { Audit } from '../tx';
import { scopedSettings, scopedSettingVersions } from './scoped-tables';

/**
 * A setting that the group sets and that a company may later set for itself (DESIGN.md: classification scheme,
 * risk and TARA methods, criteria, deadline rules…). A domain declares its settings with `defineSetting` next to
 * its code and reads them only through `effectiveSetting(db, setting, unitId)`.
 */
export interface ScopedSetting<T> {
  key: string;
  schema: z.ZodType<T>;
  /** The value before the security office has saved one (a catalogue in ja + en, usually). */
  defaults: () => T;
}

export const defineSetting = <T>(key: string, schema: z.ZodType<T>, defaults: () => T): ScopedSetting<T> => ({
  key,
  schema,
  defaults,
});

/** The group's own value; a company's is the company unit's id. */
export const GROUP_SCOPE = 'group';

export interface SettingValue<T> {
  value: T;
  /** 'group' or the company unit whose value applies; 'default' when nobody saved one yet. */
  scope: string;
  /** 0 for the built-in default. */
  version: number;
  updatedAt: Date | null;
}

const TTL_MS = 5_000;
const cache = new Map<string, { at: number; db: Db; value: SettingValue<unknown> }>();

/**
 * The value that applies to `unitId` (or to the group when none is given): the nearest company above the unit
 * that has its own value, else the group's, else the built-in default. Cached a few seconds per process and
 * dropped on every change made by this process.
 */
export async function effectiveSetting<T>(db: Db, setting: ScopedSetting<T>, unitId?: string | null): Promise<SettingValue<T>> {
  const cacheKey = `${setting.key}\u0000${unitId ?? ''}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.db === db && Date.now() - hit.at < TTL_MS) return hit.value as SettingValue<T>;
  const value = await resolve(db, setting, unitId ?? null);
  if (cache.size > 10_000) cache.clear();
  cache.set(cacheKey, { at: Date.now(), db, value });
  return value;
}

/** The saved values on the unit's chain that parse: its companies' own, nearest first, then the group's. */
async function chainOf<T>(db: Db, setting: ScopedSetting<T>, unitId: string | null): Promise<SettingValue<T>[]> {
  const scopes = [GROUP_SCOPE];
  let companies: string[] = [];
  if (unitId) {
    // the companies on the unit's path, nearest first
    const rows = await db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(
        and(
          eq(orgUnits.kind, 'company'),
          sql`(select u.path from ${orgUnits} u where u.id = ${unitId}) like ${orgUnits.path} || '%'`,
        ),
      )
      .orderBy(desc(orgUnits.depth));
    companies = rows.map((r) => r.id);
    scopes.push(...companies);
  }
  const rows = await db
    .select()
    .from(scopedSettings)
    .where(and(eq(scopedSettings.key, setting.key), inArray(scopedSettings.scope, scopes)));
  const byScope = new Map(rows.map((r) => [r.scope, r]));
  const found: SettingValue<T>[] = [];
  for (const scope of [...companies, GROUP_SCOPE]) {
    const row = byScope.get(scope);
    if (!row) continue;
    const parsed = setting.schema.safeParse(row.value);
    // A stored value that no longer parses (an older shape) falls back to the next level rather than failing reads.
    if (parsed.success) found.push({ value: parsed.data, scope, version: row.version, updatedAt: row.updatedAt });
  }
  return found;
}

async function resolve<T>(db: Db, setting: ScopedSetting<T>, unitId: string | null): Promise<SettingValue<T>> {
  return (await chainOf(db, setting, unitId))[0] ?? { value: setting.defaults(), scope: 'default', version: 0, updatedAt: null };
}

/**
 * Every saved value on the unit's chain, nearest first (each company above it with its own, then the group's): for a
 * rule that must hold the strictest of the chain at read time (`auth.signInRules`). Cached and dropped as
 * `effectiveSetting` is.
 */
export async function settingChain<T>(db: Db, setting: ScopedSetting<T>, unitId: string): Promise<SettingValue<T>[]> {
  const cacheKey = `${setting.key}\u0000chain\u0000${unitId}`;
  const hit = chainCache.get(cacheKey);
  if (hit && hit.db === db && Date.now() - hit.at < TTL_MS) return hit.value as SettingValue<T>[];
  const value = await chainOf(db, setting, unitId);
  if (chainCache.size > 10_000) chainCache.clear();
  chainCache.set(cacheKey, { at: Date.now(), db, value });
  return value;
}
const chainCache = new Map<string, { at: number; db: Db; value: SettingValue<unknown>[] }>();

/**
 * Saves a new value for the group (scope 'group') or one company, under a lock, with the caller's If-Match
 * (`expected`, the version the editor saw), and keeps the old one in the history. Audited with before and after.
 */
export async function saveSetting<T>(
  tx: Db,
  audit: Audit,
  setting: ScopedSetting<T>,
  value: T | ((current: T) => T),
  opts: { scope?: string; by: string | null; expected?: Precondition },
): Promise<SettingValue<T>> {
  const scope = opts.scope ?? GROUP_SCOPE;
  await lockName(tx, `setting:${setting.key}:${scope}`, 'exclusive');
  const [row] = await tx
    .select()
    .from(scopedSettings)
    .where(and(eq(scopedSettings.key, setting.key), eq(scopedSettings.scope, scope)));
  checkVersion(row?.version ?? 0, opts.expected);
  // A function is a change of the value as it is now (read under the lock): a partial update that keeps the rest.
  const current = () => {
    const stored = row && setting.schema.safeParse(row.value);
    return stored?.success ? stored.data : setting.defaults();
  };
  const parsed = setting.schema.safeParse(typeof value === 'function' ? (value as (c: T) => T)(current()) : value);
  // The route validates the body with the same schema and names each failing field; this is the last guard.
  if (!parsed.success) throw new AppError('validation', msg('problem.invalid_fields'));
  // A change function that changes nothing (a form saved as it was) writes no new version.
  if (typeof value === 'function' && row && JSON.stringify(parsed.data) === JSON.stringify(current()))
    return { value: parsed.data, scope, version: row.version, updatedAt: row.updatedAt };
  const version = (row?.version ?? 0) + 1;
  const now = new Date();
  await tx
    .insert(scopedSettings)
    .values({ key: setting.key, scope, value: parsed.data, version, updatedBy: opts.by, updatedAt: now })
    .onConflictDoUpdate({
      target: [scopedSettings.key, scopedSettings.scope],
      set: { value: parsed.data, version, updatedBy: opts.by, updatedAt: now },
    });
  await tx
    .insert(scopedSettingVersions)
    .values({ key: setting.key, scope, version, value: parsed.data, changedBy: opts.by, changedAt: now });
  await audit({
    action: 'settings.scoped.update',
    targetType: 'setting',
    targetId: `${setting.key}@${scope}`,
    before: row?.value ?? null,
    after: parsed.data,
  });
  for (const k of cache.keys()) if (k.startsWith(`${setting.key}\u0000`)) cache.delete(k);
  for (const k of chainCache.keys()) if (k.startsWith(`${setting.key}\u0000`)) chainCache.delete(k);
  return { value: parsed.data, scope, version, updatedAt: now };
}

/** Every saved version of the setting at one scope, newest first. */
export async function settingHistory<T>(
  db: Db,
  setting: ScopedSetting<T>,
  scope: string = GROUP_SCOPE,
): Promise<{ version: number; value: unknown; changedBy: string | null; changedAt: Date }[]> {
  return db
    .select({
      version: scopedSettingVersions.version,
      value: scopedSettingVersions.value,
      changedBy: scopedSettingVersions.changedBy,
      changedAt: scopedSettingVersions.changedAt,
    })
    .from(scopedSettingVersions)
    .where(and(eq(scopedSettingVersions.key, setting.key), eq(scopedSettingVersions.scope, scope)))
    .orderBy(desc(scopedSettingVersions.version));
}

/** For tests: forget cached values. */
export const clearSettingCache = (): void => {
  cache.clear();
  chainCache.clear();
};
