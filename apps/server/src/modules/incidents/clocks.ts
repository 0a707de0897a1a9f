import type { Message, MeetDeadlineBody } from '@mamori/contracts';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { recordRead } from '../../platform/audit/record';
import { conflict, invalid, msg, notFound } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import { inTransaction, type Ctx } from '../../platform/tx';
import { effectiveSetting } from '../../platform/settings/effective';
import { ruleById, rulesCatalog } from './catalog';
import { computeClocks, regulatoryClocks } from './deadlines';
import { presentDeadline } from './present';
import { secDisclosureSetting } from './sec-disclosure';
import { incidentDeadlines, incidents } from './tables';
import { addEntry } from './timeline';
import { loadCase, type CaseRow } from './visibility';

const running = and(isNull(incidentDeadlines.metAt), isNull(incidentDeadlines.waivedAt), isNull(incidentDeadlines.obsoleteAt));

/** Keeps incidents.next_due_at (lists, the reminder job) equal to the earliest running clock. */
export async function refreshNextDue(tx: Db, incidentId: string) {
  await tx
    .update(incidents)
    .set({
      nextDueAt: sql`(SELECT min(${incidentDeadlines.dueAt}) FROM ${incidentDeadlines} WHERE ${incidentDeadlines.incidentId} = ${incidentId} AND ${running})`,
    })
    .where(eq(incidents.id, incidentId));
}

/**
 * Recomputes a case's clocks from its facts: new rules start a clock, changed start or limits move a
 * running one, and a rule that no longer applies marks its clock not applicable (kept, never deleted).
 * Met and waived clocks are history and stay as they are. Each change is a timeline entry.
 */
export async function syncClocks(tx: Db, incident: CaseRow['incident'], actorId: string | null) {
  const existing = await tx.select().from(incidentDeadlines).where(eq(incidentDeadlines.incidentId, incident.id));
  const facts = { ...incident.facts, nearMiss: incident.nearMiss };
  const wanted = [
    ...computeClocks(rulesCatalog(), facts, incident.awareAt),
    // Chained stages (NIS2's final report a month after the notification) start when the clock before is met; the
    // SEC filing from the materiality determination, by the filer type of the incident's company.
    ...regulatoryClocks(
      facts,
      incident.awareAt,
      Object.fromEntries(existing.map((d) => [d.ruleId, d.metAt])),
      (await effectiveSetting(tx, secDisclosureSetting, incident.orgUnitId)).value.filerType,
    ),
  ];
  const key = (r: { ruleId: string; customer: string }) => `${r.ruleId}\u0000${r.customer}`;
  const byKey = new Map(existing.map((d) => [key(d), d]));
  const changes: string[] = [];
  const messages: Message[] = [];
  const clock = (ruleId: string, customer: string) => {
    const rule = ruleById(ruleId);
    const suffix = customer ? ` (${customer})` : '';
    return { ja: (rule?.titleJa ?? ruleId) + suffix, en: (rule?.titleEn ?? ruleId) + suffix };
  };
  for (const c of wanted) {
    const d = byKey.get(key(c));
    byKey.delete(key(c));
    if (!d) {
      await tx.insert(incidentDeadlines).values({ incidentId: incident.id, ...c });
      changes.push(`started ${c.ruleId}${c.customer ? ` (${c.customer})` : ''}: due ${c.dueAt.toISOString()}`);
      messages.push(msg('timeline.clock_started', { clock: clock(c.ruleId, c.customer), due: { at: c.dueAt.toISOString() } }));
    } else if (
      !d.metAt &&
      !d.waivedAt &&
      (d.obsoleteAt || d.dueAt.getTime() !== c.dueAt.getTime() || d.warnAt.getTime() !== c.warnAt.getTime())
    ) {
      await tx
        .update(incidentDeadlines)
        .set({ startAt: c.startAt, warnAt: c.warnAt, dueAt: c.dueAt, hard: c.hard, obsoleteAt: null })
        .where(eq(incidentDeadlines.id, d.id));
      changes.push(
        `${d.obsoleteAt ? 'restarted' : 'moved'} ${c.ruleId}${c.customer ? ` (${c.customer})` : ''}: due ${c.dueAt.toISOString()}`,
      );
      messages.push(
        msg(d.obsoleteAt ? 'timeline.clock_restarted' : 'timeline.clock_moved', {
          clock: clock(c.ruleId, c.customer),
          due: { at: c.dueAt.toISOString() },
        }),
      );
    }
  }
  for (const d of byKey.values()) {
    if (d.metAt || d.waivedAt || d.obsoleteAt) continue;
    await tx.update(incidentDeadlines).set({ obsoleteAt: new Date() }).where(eq(incidentDeadlines.id, d.id));
    changes.push(`${d.ruleId}${d.customer ? ` (${d.customer})` : ''} no longer applies`);
    messages.push(msg('timeline.clock_obsolete', { clock: clock(d.ruleId, d.customer) }));
  }
  if (changes.length) {
    await addEntry(tx, incident.id, actorId, { kind: 'deadline', text: changes.join('\n'), data: { changes, messages } });
    await refreshNextDue(tx, incident.id);
  }
  return changes;
}

export async function listDeadlines(ctx: Ctx, id: string) {
  const { row } = await loadCase(ctx.db, ctx, id);
  const rows = await ctx.db
    .select()
    .from(incidentDeadlines)
    .where(eq(incidentDeadlines.incidentId, id))
    .orderBy(asc(incidentDeadlines.dueAt), asc(incidentDeadlines.ruleId));
  await recordRead(ctx.db, ctx.actor, {
    action: 'incident.deadlines.read',
    targetType: 'incident',
    targetId: id,
    orgPath: row.orgPath,
  });
  const now = new Date();
  return rows.map((d) => presentDeadline(d, now));
}

/** Records when and how a clock was met (the report sent, the customer told), or waives it with a reason. */
export function settleDeadline(
  ctx: Ctx,
  id: string,
  deadlineId: string,
  body: z.infer<typeof MeetDeadlineBody> | { reason: string },
) {
  return inTransaction(ctx, async (tx, audit) => {
    const { row } = await loadForUpdate(tx, incidents, id, () => loadCase(tx, ctx, id, 'manage'));
    const [d] = await tx
      .select()
      .from(incidentDeadlines)
      .where(and(eq(incidentDeadlines.id, deadlineId), eq(incidentDeadlines.incidentId, id)));
    if (!d) throw notFound('The deadline');
    if (d.metAt || d.waivedAt) throw conflict(msg(d.metAt ? 'incident.deadline_met' : 'incident.deadline_waived'));
    if (d.obsoleteAt) throw conflict(msg('incident.deadline_obsolete'));
    const now = new Date();
    let text: string;
    if ('how' in body) {
      const metAt = body.metAt ? new Date(body.metAt) : now;
      if (metAt.getTime() > now.getTime() + 5 * 60_000)
        throw invalid([{ path: 'body.metAt', message: 'cannot be in the future' }]);
      if (metAt < d.startAt) throw invalid([{ path: 'body.metAt', message: 'before the clock started' }]);
      await tx
        .update(incidentDeadlines)
        .set({ metAt, metHow: body.how, metBy: ctx.principal!.userId })
        .where(eq(incidentDeadlines.id, d.id));
      text = `${d.ruleId}${d.customer ? ` (${d.customer})` : ''} met at ${metAt.toISOString()}${metAt > d.dueAt ? ' (late)' : ''}: ${body.how}`;
    } else {
      await tx.update(incidentDeadlines).set({ waivedAt: now, waivedReason: body.reason }).where(eq(incidentDeadlines.id, d.id));
      text = `${d.ruleId}${d.customer ? ` (${d.customer})` : ''} waived: ${body.reason}`;
    }
    await addEntry(tx, id, ctx.principal!.userId, { kind: 'deadline', text, data: { deadlineId: d.id, ruleId: d.ruleId } });
    // A met clock may start the next stage (NIS2: the final report one month after the notification).
    if ('how' in body) await syncClocks(tx, row.incident, ctx.principal!.userId);
    await refreshNextDue(tx, id);
    await audit({
      action: 'how' in body ? 'incident.deadline.meet' : 'incident.deadline.waive',
      targetType: 'incident',
      targetId: id,
      orgPath: row.orgPath,
      before: { deadlineId: d.id, ruleId: d.ruleId },
      after: body,
    });
    const [updated] = await tx.select().from(incidentDeadlines).where(eq(incidentDeadlines.id, d.id));
    return presentDeadline(updated!, now);
  });
}
