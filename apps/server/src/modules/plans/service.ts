import type { AttentionItem } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { Principal } from '../../platform/access/principal';
import { countByActivity } from './progress/rollup';
import { todayJst } from './tasks/read';

/**
 * What other domains may read of the yearly plan (the management review, the dashboard):
 * - planProgressSummary: completion of a fiscal year's tasks in a subtree (the whole group with '/'), per activity.
 * - attentionFor: the signed-in person's open plan tasks, due first.
 * Neither applies a reader's scope: the caller decides what the reader may see and passes the subtree.
 */
export interface PlanProgressSummary {
  fiscalYear: number;
  total: number;
  done: number;
  late: number;
  /** done / total, 0 when there is no task */
  rate: number;
  activities: { id: string; title: { ja: string; en: string }; total: number; done: number; late: number }[];
}

export async function planProgressSummary(
  db: Db,
  q: { fiscalYear: number; unitPath: string | null },
  now = new Date(),
): Promise<PlanProgressSummary> {
  const rows = await countByActivity(
    db,
    q.fiscalYear,
    { kind: 'all' },
    q.unitPath && q.unitPath !== '/' ? q.unitPath : null,
    now,
  );
  const total = rows.reduce((s, r) => s + r.total, 0);
  const done = rows.reduce((s, r) => s + r.done, 0);
  return {
    fiscalYear: q.fiscalYear,
    total,
    done,
    late: rows.reduce((s, r) => s + r.late, 0),
    rate: total ? done / total : 0,
    activities: rows.map((r) => ({ id: r.key!, title: { ja: r.ja, en: r.en }, total: r.total, done: r.done, late: r.late })),
  };
}

/** The person's open plan tasks (assigned to them), due first: one indexed query. */
export async function attentionFor(db: Db, principal: Principal, limit: number, now = new Date()): Promise<AttentionItem[]> {
  const lang = principal.language ?? 'ja';
  const rows = await queryRows<{ id: string; due: string; ja: string; en: string; uja: string; uen: string }>(
    db,
    sql`SELECT t.id, to_char(t.due_date, 'YYYY-MM-DD') AS due, a.title_ja AS ja, a.title_en AS en, u.name_ja AS uja, u.name_en AS uen
      FROM plan_task_assignees pa
      JOIN plan_tasks t ON t.id = pa.task_id AND t.status = 'open'
      JOIN plan_activities a ON a.id = t.activity_id
      JOIN org_units u ON u.id = t.unit_id
      WHERE pa.user_id = ${principal.userId}
      ORDER BY t.due_date, t.id LIMIT ${limit}`,
  );
  const today = todayJst(now);
  return rows.map((r) => ({
    domain: 'plans',
    kind: 'planTask',
    id: r.id,
    title: `${lang === 'ja' ? r.ja : r.en} — ${lang === 'ja' ? r.uja : r.uen}`,
    dueAt: r.due,
    overdue: r.due < today,
    href: `/plan-tasks?task=${r.id}`,
  }));
}
