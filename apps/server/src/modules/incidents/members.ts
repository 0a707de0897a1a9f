import type { AddMemberBody, MemberCandidatesQuery } from '@mamori/contracts';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { escapeLike } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { conflict, fieldError, invalid, msg, notFound } from '../../platform/errors/app-error';
import { notify } from '../../platform/notifications/notify';
import { inTransaction, type Ctx } from '../../platform/tx';
import { incidentMembers } from './tables';
import { addEntry } from './timeline';
import { loadCase } from './visibility';

const present = (m: { userId: string; name: string; email: string; note: string; addedAt: Date }) => ({
  ...m,
  addedAt: m.addedAt.toISOString(),
});

export async function listMembers(ctx: Ctx, id: string) {
  await loadCase(ctx.db, ctx, id);
  const rows = await ctx.db
    .select({
      userId: incidentMembers.userId,
      name: users.name,
      email: users.email,
      note: incidentMembers.note,
      addedAt: incidentMembers.addedAt,
    })
    .from(incidentMembers)
    .innerJoin(users, eq(users.id, incidentMembers.userId))
    .where(eq(incidentMembers.incidentId, id))
    .orderBy(asc(incidentMembers.addedAt), asc(users.name));
  return rows.map(present);
}

/**
 * The people a case manager may add to the case or give a task: active internal accounts, by name or email.
 * The case's own manage right decides (a CSIRT member need not read the account register to staff a case);
 * partner accounts are never offered.
 */
export async function memberCandidates(ctx: Ctx, id: string, q: z.infer<typeof MemberCandidatesQuery>) {
  await loadCase(ctx.db, ctx, id, 'manage');
  const where = [eq(users.status, 'active'), eq(users.kind, 'internal')];
  if (q.q) {
    const pattern = `%${escapeLike(q.q.toLowerCase())}%`;
    where.push(or(sql`${users.email} LIKE ${pattern}`, sql`${users.name} ILIKE ${pattern}`)!);
  }
  const items = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.name), asc(users.email))
    .limit(20);
  return { items };
}

/** Adds a person to the case (need-to-know): they may then read it and contribute. */
export function addMember(ctx: Ctx, id: string, body: z.infer<typeof AddMemberBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { row } = await loadCase(tx, ctx, id, 'manage');
    const [user] = await tx.select().from(users).where(eq(users.id, body.userId));
    if (!user || user.status !== 'active') throw invalid([fieldError('body.userId', 'incident.account_unknown')]);
    const [added] = await tx
      .insert(incidentMembers)
      .values({ incidentId: id, userId: user.id, note: body.note, addedBy: ctx.principal!.userId })
      .onConflictDoNothing()
      .returning();
    if (!added) throw conflict(msg('incident.member_exists'));
    await addEntry(tx, id, ctx.principal!.userId, {
      kind: 'member',
      text: `added ${user.name}`,
      data: { userId: user.id, note: body.note, message: msg('timeline.member_added', { name: user.name }) },
    });
    await audit({
      action: 'incident.member.add',
      targetType: 'incident',
      targetId: id,
      orgPath: row.orgPath,
      after: { userId: user.id },
    });
    await notify(tx, {
      to: [user.id],
      kind: 'incident.member-added',
      params: { number: row.incident.number, by: ctx.principal!.name },
      link: `/incidents/${id}`,
      except: ctx.principal!.userId,
    });
    return present({ userId: user.id, name: user.name, email: user.email, note: added.note, addedAt: added.addedAt });
  });
}

export function removeMember(ctx: Ctx, id: string, userId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const { row } = await loadCase(tx, ctx, id, 'manage');
    const [removed] = await tx
      .delete(incidentMembers)
      .where(and(eq(incidentMembers.incidentId, id), eq(incidentMembers.userId, userId)))
      .returning();
    if (!removed) throw notFound('The member');
    await addEntry(tx, id, ctx.principal!.userId, {
      kind: 'member',
      text: `removed a member`,
      data: { userId, message: msg('timeline.member_removed') },
    });
    await audit({
      action: 'incident.member.remove',
      targetType: 'incident',
      targetId: id,
      orgPath: row.orgPath,
      before: { userId },
    });
  });
}
