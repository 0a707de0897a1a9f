import { fiscalYearDays } from '@mamori/contracts';
import { eq, isNull, max } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { orgUnits } from '../../org/tables';
import { openReviewActions } from '../review/service';
import { planActivities } from './tables';

/**
 * The management review's open actions for the plan's fiscal year become activities of its draft (ISO/IEC 27001
 * 9.3.3 → the next year's plan): one "act" activity per action not already in the draft (same title), due on the
 * action's date within the year, at the top units (the group's own programme, one task per company-level unit, not
 * a task for every unit), the owner named in the guide, done with a comment. Answers how many were added.
 */
export async function carryReviewActions(tx: Db, planId: string, fiscalYear: number): Promise<number> {
  const actions = await openReviewActions(tx, fiscalYear);
  if (!actions.length) return 0;
  const roots = await tx.select({ id: orgUnits.id }).from(orgUnits).where(isNull(orgUnits.parentId));
  if (!roots.length) return 0;
  const existing = await tx
    .select({ ja: planActivities.titleJa, en: planActivities.titleEn })
    .from(planActivities)
    .where(eq(planActivities.planId, planId));
  const titles = new Set(existing.flatMap((a) => [a.ja, a.en]));
  const fresh = actions.filter((a) => !titles.has(a.title));
  if (!fresh.length) return 0;
  const [last] = await tx
    .select({ n: max(planActivities.position) })
    .from(planActivities)
    .where(eq(planActivities.planId, planId));
  const { from, to } = fiscalYearDays(fiscalYear);
  const clamp = (d: string) => (d < from ? from : d > to ? to : d);
  await tx.insert(planActivities).values(
    fresh.map((a, i) => ({
      planId,
      position: (last?.n ?? 0) + i + 1,
      kind: 'other' as const,
      phase: 'act' as const,
      titleJa: a.title,
      titleEn: a.title,
      dueDate: clamp(a.dueOn),
      guide: `マネジメントレビューの処置(担当: ${a.owner}) / Management review action (owner: ${a.owner})`,
      unitRoots: roots.map((r) => r.id),
      unitKinds: ['company'],
      evidence: 'comment' as const,
    })),
  );
  return fresh.length;
}
