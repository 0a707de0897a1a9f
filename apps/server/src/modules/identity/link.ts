import { and, eq } from 'drizzle-orm';
import { users } from '../../platform/auth/tables';
import { inTransaction, type Ctx } from '../../platform/tx';
import { personByEmployeeNo } from '../org/service';
import { SsoFailure } from './failure';
import type { ProviderRow } from './providers';
import { ssoIdentities } from './tables';

export type UserRow = typeof users.$inferSelect;

/** What a provider asserted about an identity, read from the signed token or assertion only. */
export interface Asserted {
  /** the value matched against accounts: an e-mail (`match_by` email) or an employee number */
  value: string | null;
  /** the claim or attribute that held it, for the audit log and the reason of a refusal */
  attribute: string;
  /**
   * Whether the e-mail in `value` may link: OIDC's `email_verified`, or for SAML an e-mail in a domain the
   * administrator verified for this provider. An unverified e-mail never links.
   */
  emailVerified: boolean;
  /** a trusted e-mail for an account created after a match by employee number */
  verifiedEmail: string | null;
  name: string | null;
}

export const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * The account of an identity at a provider (docs/identity.md): found by (provider, subject), or on its first
 * sign-in linked by a verified e-mail or an employee number; created without any role only when the provider
 * allows it. `asserted` is called only for an identity not linked yet (OIDC may then ask the userinfo endpoint).
 * Throws SsoFailure for anything that must not end in a session.
 */
export async function accountOf(
  ctx: Ctx,
  row: ProviderRow,
  subject: string,
  asserted: () => Promise<Asserted>,
): Promise<UserRow> {
  const [linked] = await ctx.db
    .select({ user: users })
    .from(ssoIdentities)
    .innerJoin(users, eq(users.id, ssoIdentities.userId))
    .where(and(eq(ssoIdentities.providerId, row.id), eq(ssoIdentities.subject, subject)));
  const user = linked?.user ?? (await linkAccount(ctx, row, subject, await asserted()));
  if (user.status !== 'active') throw new SsoFailure('disabled', 'the account is disabled');
  await ctx.db
    .update(ssoIdentities)
    .set({ lastSignInAt: new Date() })
    .where(and(eq(ssoIdentities.providerId, row.id), eq(ssoIdentities.subject, subject)));
  return user;
}

/**
 * The first sign-in of an identity: the account it belongs to, by a verified e-mail or by employee number
 * (through the person record). Without one, an account is created only when the provider says so (no role: an
 * administrator or a role rule grants them); otherwise refused.
 */
async function linkAccount(ctx: Ctx, row: ProviderRow, subject: string, asserted: Asserted): Promise<UserRow> {
  const { value, attribute } = asserted;
  if (!value) throw new SsoFailure('no-account', `the claim ${attribute} is missing`);
  let email: string | null | undefined;
  let person: Awaited<ReturnType<typeof personByEmployeeNo>> = null;
  if (row.matchBy === 'email') {
    if (!asserted.emailVerified) throw new SsoFailure('unverified-email', `the e-mail in ${attribute} is not verified`);
    email = value.toLowerCase();
  } else {
    person = await personByEmployeeNo(ctx.db, value);
    if (!person) throw new SsoFailure('no-account', `no person with employee number ${value}`);
    email = person.email?.toLowerCase() ?? asserted.verifiedEmail?.toLowerCase();
  }
  return inTransaction(ctx, async (tx, audit) => {
    const [existing] = await tx
      .select()
      .from(users)
      .where(row.matchBy === 'email' ? eq(users.email, email!) : eq(users.personId, person!.id));
    let user = existing;
    if (!user) {
      if (!row.createAccounts) throw new SsoFailure('no-account', `no account matches ${attribute}=${value}`);
      if (!email) throw new SsoFailure('no-account', 'no e-mail for a new account');
      const name = asserted.name ?? (person ? person.nameJa : email);
      [user] = await tx
        .insert(users)
        .values({ email, name, personId: person?.id ?? null })
        .onConflictDoNothing()
        .returning();
      if (!user) throw new SsoFailure('no-account', `the e-mail ${email} belongs to another account`);
      await audit({
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        after: { email, name, personId: user.personId, via: 'sso', provider: row.id },
      });
    }
    const [identity] = await tx
      .insert(ssoIdentities)
      .values({ providerId: row.id, subject, userId: user.id })
      .onConflictDoNothing()
      .returning();
    if (!identity) throw new SsoFailure('failed', 'the account is already linked to another identity at this provider');
    await audit({
      action: 'sso.link',
      targetType: 'user',
      targetId: user.id,
      after: { provider: row.id, subject, matchedBy: row.matchBy, claim: attribute },
    });
    return user;
  });
}
