import { and, asc, eq, gt, isNotNull, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { systemActor } from '../../../platform/audit/record';
import { defineJob } from '../../../platform/jobs/define';
import { effectiveSetting } from '../../../platform/settings/effective';
import { inTransaction } from '../../../platform/tx';
import { assetsByIds } from '../service';
import { resolveApprovers } from './approvers';
import { tellOverdue } from './mails';
import { takeOutOverdueSetting, todayJst } from './settings';
import { takeOutItems, takeOuts, takeOutSteps } from './tables';

const BATCH = 200;
const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/**
 * One pass over approved take-outs past their last day: the requester is reminded once (mail + in-app); after
 * the company's `takeOuts.overdue.escalateAfterDays` the approvers who approved it are told once (the org heads
 * of its unit when the rules approved it alone). Rows are claimed with FOR UPDATE SKIP LOCKED and stamped in the
 * same transaction as their mails, so overlapping runs send each message once.
 */
export async function runTakeOutOverdue(db: Db, config: Config, now = new Date()) {
  const today = todayJst(now);
  const counts = { reminded: 0, escalated: 0 };
  for (const kind of ['remind', 'escalate'] as const) {
    let after: string | null = null;
    for (;;) {
      const done = await inTransaction({ db, actor: systemActor('take-outs.overdue'), principal: null }, async (tx, audit) => {
        const stamp = kind === 'remind' ? takeOuts.remindedAt : takeOuts.escalatedAt;
        const rows = await tx
          .select()
          .from(takeOuts)
          .where(
            and(
              eq(takeOuts.status, 'approved'),
              lt(takeOuts.periodTo, today),
              isNull(stamp),
              after ? gt(takeOuts.id, after) : undefined,
            ),
          )
          .orderBy(asc(takeOuts.id))
          .limit(BATCH)
          .for('update', { skipLocked: true });
        for (const row of rows) {
          if (kind === 'escalate') {
            const { escalateAfterDays } = (await effectiveSetting(tx, takeOutOverdueSetting, row.unitId)).value;
            if (daysBetween(row.periodTo, today) < escalateAfterDays) continue;
          }
          const items = await tx
            .select()
            .from(takeOutItems)
            .where(eq(takeOutItems.takeOutId, row.id))
            .orderBy(asc(takeOutItems.position));
          const [first] = await assetsByIds(tx, [items[0]!.assetId]);
          const [requester] = await tx
            .select({ id: users.id, email: users.email, name: users.name })
            .from(users)
            .where(eq(users.id, row.requesterId));
          const subject = {
            id: row.id,
            asset: first?.name ?? '',
            count: items.length,
            requester: requester!.name,
            periodTo: row.periodTo,
          };
          let to = [requester!];
          if (kind === 'escalate') {
            const deciders = await tx
              .selectDistinct({ id: users.id, email: users.email, name: users.name })
              .from(takeOutSteps)
              .innerJoin(users, eq(users.id, takeOutSteps.decidedBy))
              .where(and(eq(takeOutSteps.takeOutId, row.id), isNotNull(takeOutSteps.decidedBy)));
            to = deciders.length ? deciders : await resolveApprovers(tx, 'org_head', row.unitPath, row.requesterId);
          }
          await tellOverdue(tx, config.publicUrl, subject, to, kind === 'escalate');
          await tx
            .update(takeOuts)
            .set({ [kind === 'remind' ? 'remindedAt' : 'escalatedAt']: now })
            .where(eq(takeOuts.id, row.id));
          await audit({
            action: kind === 'remind' ? 'take_out.overdue.remind' : 'take_out.overdue.escalate',
            targetType: 'take_out',
            targetId: row.id,
            orgPath: row.unitPath,
            after: { periodTo: row.periodTo, to: to.map((u) => u.id) },
          });
          counts[kind === 'remind' ? 'reminded' : 'escalated']++;
        }
        return rows;
      });
      if (done.length < BATCH) break;
      // reminders stamp every row they read; escalation skips rows still in their grace days: walk on past them
      if (kind === 'escalate') after = done.at(-1)!.id;
    }
  }
  return counts;
}

export const takeOutOverdueJob = defineJob({
  kind: 'take-outs.overdue',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    const counts = await runTakeOutOverdue(db, config);
    if (counts.reminded || counts.escalated) log.info(counts, 'overdue take-outs reminded');
  },
});
