import type { NextSteps } from '@mamori/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { roleAssignments, users } from '../../platform/auth/tables';
import { getSettings } from '../../platform/settings/service';
import { orgSize } from '../org/service';

/** The roles whose holders should not sign in with a password alone (the set-up's "require MFA" step). */
const MFA_ROLES = ['system_admin', 'security_office', 'ciso'] as const;

/**
 * What a new installation still lacks, worked out from the data each time (nothing to tick by hand): an org tree
 * beyond its first unit, people, other accounts, a security office, MFA required for the office roles, the
 * administrator's own MFA, and outgoing mail (MAMORI_SMTP_URL, set by whoever runs the server).
 */
export async function nextSteps(db: Db, config: Pick<Config, 'smtpUrl'>, userId: string): Promise<NextSteps> {
  const [size, settings, [accounts], [office], [me]] = await Promise.all([
    orgSize(db),
    getSettings(db),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.status, 'active'), eq(users.kind, 'internal'))),
    db
      .select({ n: sql<number>`count(DISTINCT ${roleAssignments.userId})::int` })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(and(eq(roleAssignments.role, 'security_office'), eq(users.status, 'active'))),
    db.select({ mfa: users.mfaEnabled }).from(users).where(eq(users.id, userId)),
  ]);
  const steps: NextSteps['steps'] = [
    { key: 'org', done: size.units > 1, count: size.units },
    { key: 'people', done: size.people > 0, count: size.people },
    { key: 'accounts', done: (accounts?.n ?? 0) > 1, count: accounts?.n ?? 0 },
    { key: 'office', done: (office?.n ?? 0) > 0, count: office?.n ?? 0 },
    { key: 'my_mfa', done: me?.mfa ?? false, count: null },
    { key: 'mfa_roles', done: MFA_ROLES.every((r) => settings.mfaRequiredRoles.includes(r)), count: null },
    { key: 'mail', done: Boolean(config.smtpUrl), count: null },
  ];
  return { steps, done: steps.filter((s) => s.done).length, total: steps.length };
}
