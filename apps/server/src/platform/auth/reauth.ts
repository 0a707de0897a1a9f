import { REAUTH_MINUTES } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { people } from '../../modules/org/tables';
import type { Principal } from '../access/principal';
import { AppError, fieldError, msg } from '../errors/app-error';
import { registerCompanySetting } from '../settings/company';
import { defineSetting, effectiveSetting } from '../settings/effective';
import { sessions, users } from './tables';

/**
 * Step-up (re-authentication) for sensitive actions: creating an API token, adding or removing a passkey,
 * changing single sign-on, SCIM or sign-in settings. A route declares `recentAuth: true` in its access; a
 * session whose last proof of identity (`sessions.authenticated_at`: the sign-in, then each `POST /api/auth/reauth`)
 * is older than the setting `auth.reauth` is refused with 401 `reauth-required` and nothing changes. The web app
 * then asks for the password or a passkey and sends the request again.
 *
 * API tokens are not asked: a token cannot type a password, and step-up guards a browser session left open or
 * taken over (as GitHub's sudo mode does). Who may hold a token is decided when it is created, which is itself a
 * step-up action.
 */
export const reauthSetting = defineSetting(
  'auth.reauth',
  z.object({ maxAgeMinutes: z.number().int().min(REAUTH_MINUTES.min).max(REAUTH_MINUTES.max) }).strict(),
  () => ({ maxAgeMinutes: 10 }),
);

/** The group's window is edited in Settings (`reauthMinutes`); a company may only shorten it for its people. */
registerCompanySetting({
  setting: reauthSetting,
  title: { ja: '再認証（本人確認）の有効時間', en: 'Re-authentication (step-up) window' },
  stricter: (inherited, own) =>
    own.maxAgeMinutes > inherited.maxAgeMinutes
      ? [fieldError('maxAgeMinutes', 'group.reauth_looser', { group: inherited.maxAgeMinutes })]
      : [],
});

/** The session's last proof of identity and the window that applies to its person's unit (group → company). */
export async function reauthState(db: Db, sessionId: string): Promise<{ authenticatedAt: Date; validUntil: Date } | null> {
  const [row] = await db
    .select({ authenticatedAt: sessions.authenticatedAt, unitId: people.orgUnitId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(sessions.id, sessionId));
  if (!row) return null;
  // the company's window, never longer than the group's (a group that shortened it after the company saved its own)
  const own = (await effectiveSetting(db, reauthSetting, row.unitId)).value.maxAgeMinutes;
  const maxAgeMinutes = Math.min(own, (await effectiveSetting(db, reauthSetting)).value.maxAgeMinutes);
  return { authenticatedAt: row.authenticatedAt, validUntil: new Date(row.authenticatedAt.getTime() + maxAgeMinutes * 60_000) };
}

/** Throws `reauth-required` unless the session proved who it is recently enough; API tokens pass (see above). */
export async function assertRecentAuth(db: Db, principal: Principal): Promise<void> {
  if (principal.via !== 'session' || !principal.sessionId) return;
  const state = await reauthState(db, principal.sessionId);
  if (!state || state.validUntil.getTime() <= Date.now()) throw new AppError('reauth-required', msg('auth.reauth_required'));
}

/** Marks the session as having just proved who it is. */
export async function markAuthenticated(db: Db, sessionId: string, at = new Date()): Promise<void> {
  await db.update(sessions).set({ authenticatedAt: at }).where(eq(sessions.id, sessionId));
}
