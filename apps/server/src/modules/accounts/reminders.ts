import { ROLE_ACTIONS, ROLES } from '@mamori/contracts';
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { users } from '../../platform/auth/tables';
import { defineJob } from '../../platform/jobs/define';
import { queueMail } from '../../platform/mail/outbox';
import { getSettings } from '../../platform/settings/service';
import { orgUnits, people } from '../org/tables';
import { needsReview } from './id-review';
import { mails } from './mails';

interface Digest {
  email: string;
  review: number;
  inactive: number;
}

/**
 * Per responsible person (accounts:approve over the account's unit): how many accounts wait in the ID
 * review and how many are inactive. One set-based query, whatever the number of units.
 */
export async function reviewDigests(db: Db): Promise<Digest[]> {
  const cutoff = new Date(Date.now() - (await getSettings(db)).inactiveDays * 86_400_000);
  const approverRoles = ROLES.filter((r) => ROLE_ACTIONS[r].includes('accounts:approve'));
  const due = (kind: 'review' | 'inactive') =>
    db
      .select({ kind: sql<string>`${kind}`.as('kind'), path: orgUnits.path })
      .from(users)
      .leftJoin(people, eq(people.id, users.personId))
      .leftJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
      .where(
        kind === 'review'
          ? needsReview()
          : and(eq(users.status, 'active'), lt(sql`coalesce(${users.lastActiveAt}, ${users.createdAt})`, cutoff)),
      );
  const items = due('review').unionAll(due('inactive')).as('items');
  return queryRows<Digest>(
    db,
    sql`SELECT u.email,
               count(*) FILTER (WHERE items.kind = 'review')::int AS review,
               count(*) FILTER (WHERE items.kind = 'inactive')::int AS inactive
        FROM ${items}
        JOIN role_assignments ra ON ra.role IN (${sql.join(
          approverRoles.map((r) => sql`${r}`),
          sql`, `,
        )})
        LEFT JOIN org_units ou ON ou.id = ra.org_unit_id
        JOIN users u ON u.id = ra.user_id AND u.status = 'active'
        WHERE ra.org_unit_id IS NULL OR items.path LIKE ou.path || '%'
        GROUP BY u.email
        ORDER BY u.email`,
  );
}

/** Weekly: tells each responsible person what waits in the ID review and which accounts are unused. */
export const idReviewReminder = defineJob({
  kind: 'accounts.id-review-reminder',
  payload: z.object({}),
  async handler(_p, { db, config }) {
    const digests = await reviewDigests(db);
    await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      for (const d of digests)
        await queueMail(tx, { to: d.email, ...mails.reviewDigest(d.review, d.inactive, `${config.publicUrl}/accounts`) });
    });
  },
});
