import { Settings, type Settings as SettingsT } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { lockName } from '../records/lock';
import type { Audit } from '../tx';
import { settings } from './tables';

export const DEFAULT_SETTINGS: SettingsT = {
  inactiveDays: 90,
  sessionIdleMinutes: 60,
  sessionMaxHours: 12,
  mfaRequiredRoles: [],
  localSignIn: 'everyone',
};

const KEY = 'platform';
const TTL_MS = 5_000;
let cache: { value: SettingsT; at: number; db: Db } | undefined;

/** Platform settings; read often (every request), so cached for a few seconds per process. */
export async function getSettings(db: Db): Promise<SettingsT> {
  if (cache && cache.db === db && Date.now() - cache.at < TTL_MS) return cache.value;
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  const value = parse(row);
  cache = { value, at: Date.now(), db };
  return value;
}

const parse = (row: { value: unknown } | undefined): SettingsT => {
  const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...((row?.value as object | undefined) ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
};

/**
 * Merges the change into the settings as they are now: under a lock and read from the table, never from the cache
 * (which may be a minute old, or another process's), so two changes of different settings both survive.
 */
export async function updateSettings(tx: Db, audit: Audit, patch: Partial<SettingsT>): Promise<SettingsT> {
  await lockName(tx, 'settings', 'exclusive');
  const [row] = await tx.select().from(settings).where(eq(settings.key, KEY));
  const before = parse(row);
  const after = Settings.parse({ ...before, ...patch });
  await tx
    .insert(settings)
    .values({ key: KEY, value: after })
    .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedAt: new Date() } });
  await audit({ action: 'settings.update', targetType: 'settings', targetId: KEY, before, after });
  cache = undefined;
  return after;
}
