import { PERSONAL_ROLES, type GrantReach, type Me } from '@mamori/contracts';
import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Db } from '../../db/client';
import type { Principal } from '../../platform/access/principal';
import { allowedActions } from '../../platform/access/scope';
import { createApiToken } from '../../platform/auth/api-tokens';
import { hashPassword, passwordProblems, verifyPassword } from '../../platform/auth/password';
import { signInRulesOfAccount } from '../../platform/auth/sign-in-rules';
import { csrfTokenFor } from '../../platform/auth/secrets';
import { apiTokens, sessions, users } from '../../platform/auth/tables';
import { matchTotp, newTotpSecret, otpauthUrl } from '../../platform/auth/totp';
import { openTotp, sealTotp } from '../../platform/auth/totp-store';
import { AppError, invalid, msg, notFound } from '../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits, people } from '../org/tables';
import { partners } from '../partners/tables';

type Names = { nameJa: string; nameEn: string };

/** One's own unit (through one's person record) and, for a partner account, one's own company. */
async function ownPlaces(db: Db, p: Principal): Promise<{ unit: Names | null; company: Names | null; personId: string | null }> {
  const [unit] = await db
    .select({ nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn, personId: people.id })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(eq(users.id, p.userId));
  const [company] = p.partnerId
    ? await db.select({ nameJa: partners.nameJa, nameEn: partners.nameEn }).from(partners).where(eq(partners.id, p.partnerId))
    : [];
  return {
    unit: unit ? { nameJa: unit.nameJa, nameEn: unit.nameEn } : null,
    company: company ?? null,
    personId: unit?.personId ?? null,
  };
}

/** What a grant reaches, told truthfully: a partner its company, a personal role one's own unit, else its scope. */
function reachOf(g: Principal['grants'][number], p: Principal, own: Awaited<ReturnType<typeof ownPlaces>>): GrantReach {
  if (p.kind === 'partner') return own.company ? { kind: 'own_company', ...own.company } : { kind: 'own_records' };
  if (g.orgUnitId) return { kind: 'unit', nameJa: g.orgUnitNameJa ?? g.orgUnitName ?? '', nameEn: g.orgUnitName ?? '' };
  if (PERSONAL_ROLES.includes(g.role)) return own.unit ? { kind: 'own_unit', ...own.unit } : { kind: 'own_records' };
  return { kind: 'group' };
}

export async function presentMe(db: Db, p: Principal, sessionSecret: string | null): Promise<Me> {
  const own = await ownPlaces(db, p);
  return {
    user: {
      id: p.userId,
      email: p.email,
      name: p.name,
      language: p.language,
      mfaEnabled: p.mfaEnabled,
      kind: p.kind,
      personId: own.personId,
    },
    roles: p.grants.map((g) => ({
      id: g.id,
      role: g.role,
      orgUnitId: g.orgUnitId,
      orgUnitName: g.orgUnitName,
      orgUnitNameJa: g.orgUnitNameJa,
      reach: reachOf(g, p, own),
    })),
    actions: allowedActions(p),
    mfaEnrollmentRequired: p.mfaEnrollmentRequired,
    csrfToken: sessionSecret ? csrfTokenFor(sessionSecret) : '',
  };
}

const me = (ctx: Ctx) => ctx.principal!;

export async function updateProfile(ctx: Ctx, patch: { language?: 'ja' | 'en' | null | undefined; name?: string | undefined }) {
  await inTransaction(ctx, async (tx, audit) => {
    const [before] = await tx
      .select({ name: users.name, language: users.language })
      .from(users)
      .where(eq(users.id, me(ctx).userId));
    const [after] = await tx
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, me(ctx).userId))
      .returning({ name: users.name, language: users.language });
    await audit({ action: 'user.update-profile', targetType: 'user', targetId: me(ctx).userId, before, after });
  });
}

async function loadSelf(db: Db, userId: string) {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u) throw notFound('The account');
  return u;
}

/** Changes the password; every other session of the user is signed out. */
export async function changePassword(ctx: Ctx, current: string, next: string) {
  const u = await loadSelf(ctx.db, me(ctx).userId);
  if (!(await verifyPassword(u.passwordHash, current)))
    throw invalid([{ path: 'body.currentPassword', message: 'is wrong' }], 'The current password is wrong.');
  const { passwordMinLength } = await signInRulesOfAccount(ctx.db, u.id);
  const problems = passwordProblems(next, u.email, 'body.newPassword', passwordMinLength);
  if (problems.length) throw invalid(problems, msg('password.policy'));
  const hash = await hashPassword(next);
  await inTransaction(ctx, async (tx, audit) => {
    await tx.update(users).set({ passwordHash: hash, updatedAt: new Date() }).where(eq(users.id, u.id));
    const keep = me(ctx).sessionId;
    await tx.delete(sessions).where(keep ? and(eq(sessions.userId, u.id), ne(sessions.id, keep)) : eq(sessions.userId, u.id));
    await audit({ action: 'user.change-password', targetType: 'user', targetId: u.id });
  });
}

/** Starts TOTP enrolment: a new secret waits until a code from it is confirmed. */
export async function startMfa(ctx: Ctx) {
  const secret = newTotpSecret();
  const userId = me(ctx).userId;
  await ctx.db
    .update(users)
    .set({ mfaPendingSecret: sealTotp(userId, 'mfaPendingSecret', secret) })
    .where(eq(users.id, userId));
  const url = otpauthUrl(secret, me(ctx).email);
  return { secret, otpauthUrl: url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1 }) };
}

export async function enableMfa(ctx: Ctx, code: string) {
  const u = await loadSelf(ctx.db, me(ctx).userId);
  const pending = await openTotp(ctx.db, u, 'mfaPendingSecret');
  if (!pending) throw new AppError('conflict', msg('auth.setup_first'));
  const step = matchTotp(pending, code);
  if (step === null) throw invalid([{ path: 'body.code', message: 'does not match; check the time on your phone' }]);
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .update(users)
      .set({
        mfaSecret: sealTotp(u.id, 'mfaSecret', pending),
        mfaPendingSecret: null,
        mfaEnabled: true,
        mfaLastStep: step,
        updatedAt: new Date(),
      })
      .where(eq(users.id, u.id));
    await audit({ action: 'user.mfa-enable', targetType: 'user', targetId: u.id, after: { mfaEnabled: true } });
  });
}

export async function disableMfa(ctx: Ctx, password: string, code: string) {
  const u = await loadSelf(ctx.db, me(ctx).userId);
  const errors = [];
  if (!(await verifyPassword(u.passwordHash, password))) errors.push({ path: 'body.password', message: 'is wrong' });
  const secret = await openTotp(ctx.db, u, 'mfaSecret');
  if (!secret || matchTotp(secret, code, Date.now(), u.mfaLastStep) === null)
    errors.push({ path: 'body.code', message: 'is wrong' });
  if (errors.length) throw invalid(errors);
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .update(users)
      .set({ mfaSecret: null, mfaEnabled: false, mfaLastStep: null, updatedAt: new Date() })
      .where(eq(users.id, u.id));
    await audit({ action: 'user.mfa-disable', targetType: 'user', targetId: u.id, after: { mfaEnabled: false } });
  });
}

export const presentToken = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export const listTokens = (ctx: Ctx) =>
  ctx.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, me(ctx).userId))
    .orderBy(desc(apiTokens.createdAt));

export function issueToken(ctx: Ctx, userId: string, name: string, expiresInDays: number) {
  return inTransaction(ctx, async (tx, audit) => {
    const created = await createApiToken(tx, userId, name, expiresInDays);
    await audit({ action: 'token.create', targetType: 'api_token', targetId: created.row.id, after: presentToken(created.row) });
    return created;
  });
}

export function revokeToken(ctx: Ctx, id: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, me(ctx).userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw notFound('The token');
    await audit({ action: 'token.revoke', targetType: 'api_token', targetId: id, after: presentToken(row) });
  });
}
