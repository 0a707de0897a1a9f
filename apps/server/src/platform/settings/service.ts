import { Settings, type Settings as SettingsT, type SignInRules } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { reauthSetting } from '../auth/reauth';
import { DEFAULT_SIGN_IN_RULES, groupSignInRules, signInRulesSetting } from '../auth/sign-in-rules';
import { lockName } from '../records/lock';
import type { Audit } from '../tx';
import { effectiveSetting, saveSetting } from './effective';
import { settings } from './tables';

type PlatformOnly = Omit<SettingsT, keyof SignInRules | 'reauthMinutes'>;

const DEFAULT_PLATFORM: PlatformOnly = { inactiveDays: 90, localSignIn: 'everyone' };

export const DEFAULT_SETTINGS: SettingsT = {
  ...DEFAULT_SIGN_IN_RULES,
  ...DEFAULT_PLATFORM,
  reauthMinutes: reauthSetting.defaults().maxAgeMinutes,
};

const SIGN_IN_KEYS = ['passwordMinLength', 'mfaRequiredRoles', 'sessionIdleMinutes', 'sessionMaxHours'] as const;
const PlatformOnly = Settings.omit({
  passwordMinLength: true,
  mfaRequiredRoles: true,
  sessionIdleMinutes: true,
  sessionMaxHours: true,
  reauthMinutes: true,
});

const KEY = 'platform';
const TTL_MS = 5_000;
let cache: { value: PlatformOnly; at: number; db: Db } | undefined;

/**
 * Platform settings; read often (every request), so cached for a few seconds per process. The password, MFA and
 * session rules in it are the group's (`auth.signInRules` at scope group, which a company may tighten): read a
 * person's through `signInRulesFor`.
 */
export async function getSettings(db: Db): Promise<SettingsT> {
  const rules = (await groupSignInRules(db)).value;
  const reauthMinutes = (await effectiveSetting(db, reauthSetting)).value.maxAgeMinutes;
  if (cache && cache.db === db && Date.now() - cache.at < TTL_MS) return { ...rules, ...cache.value, reauthMinutes };
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  const value = parse(row);
  cache = { value, at: Date.now(), db };
  return { ...rules, ...value, reauthMinutes };
}

const parse = (row: { value: unknown } | undefined): PlatformOnly => {
  const parsed = PlatformOnly.safeParse({ ...DEFAULT_PLATFORM, ...((row?.value as object | undefined) ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_PLATFORM;
};

/**
 * Merges the change into the settings as they are now: under a lock and read from the table, never from the cache
 * (which may be a minute old, or another process's), so two changes of different settings both survive. The sign-in
 * rules go to the group's `auth.signInRules` (its history and the company settings' locks come with it).
 */
export async function updateSettings(tx: Db, audit: Audit, patch: Partial<SettingsT>, by?: string | null): Promise<SettingsT> {
  await lockName(tx, 'settings', 'exclusive');
  const [row] = await tx.select().from(settings).where(eq(settings.key, KEY));
  const before = parse(row);
  const platformPatch = Object.fromEntries(
    Object.entries(patch).filter(([k]) => !(SIGN_IN_KEYS as readonly string[]).includes(k) && k !== 'reauthMinutes'),
  );
  const after = PlatformOnly.parse({ ...before, ...platformPatch });
  if (Object.keys(platformPatch).length) {
    await tx
      .insert(settings)
      .values({ key: KEY, value: after })
      .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedAt: new Date() } });
    await audit({ action: 'settings.update', targetType: 'settings', targetId: KEY, before, after });
  }
  cache = undefined;
  const rulesPatch = Object.fromEntries(SIGN_IN_KEYS.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]));
  const rules = Object.keys(rulesPatch).length
    ? // merged into the group's value as read under its lock (saveSetting takes it), never the cache
      (await saveSetting(tx, audit, signInRulesSetting, (current) => ({ ...current, ...rulesPatch }), { by: by ?? null })).value
    : (await groupSignInRules(tx)).value;
  // the step-up window is the group's `auth.reauth` (history, audit `settings.scoped.update`, the company locks)
  const { reauthMinutes } = patch;
  const reauth =
    reauthMinutes !== undefined
      ? (
          await saveSetting(tx, audit, reauthSetting, (current) => ({ ...current, maxAgeMinutes: reauthMinutes }), {
            by: by ?? null,
          })
        ).value
      : (await effectiveSetting(tx, reauthSetting)).value;
  return { ...rules, ...after, reauthMinutes: reauth.maxAgeMinutes };
}
