import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { fieldError } from '../../../platform/errors/app-error';
import { registerCompanySetting } from '../../../platform/settings/company';
import { defineSetting, effectiveSetting } from '../../../platform/settings/effective';
import { allCompanies, companyOfPathSql } from '../../org/service';

/**
 * When the units are reminded of a task, and when a late task is escalated to the site office (setting
 * `plans.reminders`). A company may set its own (issue #22), stricter only: reminded at least as early, escalated
 * no later than what it inherits.
 */
export const planReminderSetting = defineSetting(
  'plans.reminders',
  z.object({ remindDaysBefore: z.number().int().min(0).max(90), escalateAfterDays: z.number().int().min(0).max(90) }).strict(),
  () => ({ remindDaysBefore: 14, escalateAfterDays: 7 }),
);
registerCompanySetting({
  setting: planReminderSetting,
  title: { ja: '年間活動計画のリマインドとエスカレーション（日数）', en: 'Yearly plan reminders and escalation (days)' },
  stricter: (inherited, own) => [
    ...(own.remindDaysBefore < inherited.remindDaysBefore
      ? [fieldError('remindDaysBefore', 'validation.too_small', { minimum: inherited.remindDaysBefore })]
      : []),
    ...(own.escalateAfterDays > inherited.escalateAfterDays
      ? [fieldError('escalateAfterDays', 'validation.too_big', { maximum: inherited.escalateAfterDays })]
      : []),
  ],
});

export type PlanReminderRule = z.infer<typeof planReminderSetting.schema>;

const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The rule of every company (each company's effective value: its own, a company's above it, or the group's) and the
 * group's, read once per run. `limit` turns them into a SQL date per task: the last due date that is reminded today
 * (`remind`) or the first due date that is not yet escalated (`escalate`), chosen by the task's nearest company;
 * `widest` is the bound over all companies, so the query keeps its index range.
 */
export async function reminderRules(db: Db, today: string) {
  const group = (await effectiveSetting(db, planReminderSetting)).value;
  const companies = await allCompanies(db);
  const rules = new Map<string, PlanReminderRule>();
  for (const c of companies) rules.set(c.id, (await effectiveSetting(db, planReminderSetting, c.id)).value);
  const dateOf = (kind: 'remind' | 'escalate', r: PlanReminderRule) =>
    kind === 'remind' ? addDays(today, r.remindDaysBefore) : addDays(today, -r.escalateAfterDays);
  const all = [group, ...rules.values()];
  return {
    group,
    rules,
    widest(kind: 'remind' | 'escalate'): string {
      // remind: the latest last-reminded day; escalate: the latest first-not-escalated day
      return all
        .map((r) => dateOf(kind, r))
        .sort()
        .at(-1)!;
    },
    limit(kind: 'remind' | 'escalate', unitPath: SQL): SQL {
      const differing = [...rules].filter(([, r]) => dateOf(kind, r) !== dateOf(kind, group));
      if (!differing.length) return sql`${dateOf(kind, group)}::date`;
      return sql`(CASE ${companyOfPathSql(unitPath)} ${sql.join(
        differing.map(([id, r]) => sql`WHEN ${id}::uuid THEN ${dateOf(kind, r)}::date`),
        sql` `,
      )} ELSE ${dateOf(kind, group)}::date END)`;
    },
  };
}
