import type { AssigneeCandidatesQuery, BulkAssignVulnerabilitiesBody } from '@mamori/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { holdsAction, searchHolders } from '../../../platform/access/holders';
import { AppError, fieldError, invalid, msg, type FieldError } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { vulnerabilities } from '../tables';
import { vulnerabilityAuditView } from './present';
import { caseScopeSql } from './visibility';

type Row = typeof vulnerabilities.$inferSelect;

/** A finished case keeps the person who finished it. */
const FINISHED: ReadonlySet<Row['status']> = new Set(['closed', 'rejected', 'duplicate']);

/** The one rule of an assignment, for a single case (PATCH) and for many: whom to, and which cases. */
export async function checkAssignee(db: Db, assigneeId: string | null, path = 'body.assigneeId') {
  if (assigneeId && !(await holdsAction(db, 'vulnerabilities:manage', assigneeId)))
    throw invalid([fieldError(path, 'psirt.assignee_not_psirt')]);
}
export const assignmentRefusal = (row: Pick<Row, 'status'>) => (FINISHED.has(row.status) ? 'psirt.case_finished' : null);

/**
 * Assigns every listed case to one PSIRT member, or none of them: each case is checked as a single assignment
 * is (in the manager's scope, still open). The rows are locked in id order, so a concurrent single edit or
 * another bulk assignment queues behind this one (and none deadlocks), and each audit event's "before" is the
 * committed state. Refused rows are named `body.ids.<i>` with their code.
 */
export function bulkAssign(ctx: Ctx, body: z.infer<typeof BulkAssignVulnerabilitiesBody>) {
  const scope = scopeOf(ctx.principal, 'vulnerabilities:manage');
  return inTransaction(ctx, async (tx, audit) => {
    await checkAssignee(tx, body.assigneeId);
    const sorted = [...body.ids].sort();
    // Lock only what the caller may manage: a row outside the scope is neither locked nor told apart from a missing one.
    const rows = await tx
      .select()
      .from(vulnerabilities)
      .where(and(inArray(vulnerabilities.id, sorted), caseScopeSql(scope)))
      .orderBy(asc(vulnerabilities.id))
      .for('update');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: FieldError[] = [];
    let missing = 0;
    body.ids.forEach((id, i) => {
      const row = byId.get(id);
      if (!row) {
        missing++;
        errors.push(fieldError(`body.ids.${i}`, 'psirt.case_unknown'));
        return;
      }
      const refusal = assignmentRefusal(row);
      if (refusal) errors.push(fieldError(`body.ids.${i}`, refusal));
    });
    if (errors.length)
      throw new AppError(
        missing === errors.length ? 'not-found' : 'conflict',
        msg('psirt.bulk_refused', { count: errors.length }),
        errors,
      );
    const now = new Date();
    for (const before of rows) {
      if (before.assigneeId === body.assigneeId) continue;
      const [after] = await tx
        .update(vulnerabilities)
        .set({ assigneeId: body.assigneeId, updatedAt: now })
        .where(eq(vulnerabilities.id, before.id))
        .returning();
      await audit({
        action: 'vulnerability.assign',
        targetType: 'vulnerability',
        targetId: before.id,
        before: vulnerabilityAuditView(before),
        after: vulnerabilityAuditView(after!),
      });
    }
    return { assigned: rows.length };
  });
}

/** The accounts a case may be assigned to (the picker of the case and of the list's bulk bar). */
export async function assigneeCandidates(ctx: Ctx, q: z.infer<typeof AssigneeCandidatesQuery>) {
  return { items: await searchHolders(ctx.db, 'vulnerabilities:manage', q.q) };
}
