import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { covers, scopeOf } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { type Ctx } from '../../../platform/tx';
import { lawsFor } from '../catalog';
import { processingActivities } from '../register/tables';
import { privacyRequests } from './tables';

/** What the request files share: the row, its closed states, the entries concerned, the audit view, the scoped load. */
export type Row = typeof privacyRequests.$inferSelect;
export const CLOSED = ['answered', 'declined', 'withdrawn'] as const;
export const isClosed = (s: Row['status']) => (CLOSED as readonly string[]).includes(s);

export async function entriesOf(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: processingActivities.id,
      service: processingActivities.service,
      laws: processingActivities.laws,
      unitPath: processingActivities.unitPath,
    })
    .from(processingActivities)
    .where(inArray(processingActivities.id, ids));
}

/** The laws of a request: APPI always, the requester's country's, and those of the entries concerned. */
export const lawsOf = (country: string, entries: { laws: string[] }[]) =>
  [...new Set([...lawsFor([country]), ...entries.flatMap((e) => e.laws)])].sort();

export const auditView = (r: Row) => ({
  type: r.type,
  status: r.status,
  unitId: r.unitId,
  activityIds: r.activityIds,
  laws: r.laws,
  identityMethod: r.identityMethod,
  outcome: r.outcome,
  answeredAt: r.answeredAt,
  lateReason: r.lateReason,
});

export async function loadScoped(db: Db, ctx: Ctx, id: string): Promise<Row> {
  const [row] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
  if (!row || !covers(scopeOf(ctx.principal, 'privacy-requests:handle'), row.unitPath)) throw notFound();
  return row;
}
