import type { CreateTimelineBody, TIMELINE_KINDS } from '@mamori/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { users } from '../../platform/auth/tables';
import { recordRead } from '../../platform/audit/record';
import { invalid } from '../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../platform/tx';
import { presentTimeline } from './present';
import { incidentTimeline } from './tables';
import { loadCase } from './visibility';

export interface NewEntry {
  kind: (typeof TIMELINE_KINDS)[number];
  text: string;
  at?: Date;
  data?: unknown;
  corrects?: string | null;
}

/** Appends one entry to a case's record (4-2 e). Every change of the case calls this in its transaction. */
export async function addEntry(tx: Db, incidentId: string, actorId: string | null, e: NewEntry) {
  const [row] = await tx
    .insert(incidentTimeline)
    .values({
      incidentId,
      actorId,
      kind: e.kind,
      text: e.text,
      at: e.at ?? new Date(),
      data: e.data ?? null,
      corrects: e.corrects ?? null,
    })
    .returning();
  return row!;
}

/** The whole record, oldest first, each entry with the entry that corrects it (if any). */
export async function listTimeline(ctx: Ctx, id: string) {
  const { row } = await loadCase(ctx.db, ctx, id);
  const rows = await ctx.db
    .select({
      entry: incidentTimeline,
      actorName: users.name,
      correctedBy: sql<
        string | null
      >`(SELECT c.id FROM incident_timeline c WHERE c.corrects = ${incidentTimeline.id} ORDER BY c.seq DESC LIMIT 1)`,
    })
    .from(incidentTimeline)
    .leftJoin(users, eq(users.id, incidentTimeline.actorId))
    .where(eq(incidentTimeline.incidentId, id))
    .orderBy(asc(incidentTimeline.seq));
  await recordRead(ctx.db, ctx.actor, {
    action: 'incident.timeline.read',
    targetType: 'incident',
    targetId: id,
    orgPath: row.orgPath,
  });
  return rows.map((r) => presentTimeline({ ...r.entry, actorName: r.actorName, correctedBy: r.correctedBy }));
}

/** An action, decision, message or note by a person on the case; a correction names the entry it corrects. */
export function postTimeline(ctx: Ctx, id: string, body: z.infer<typeof CreateTimelineBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { row } = await loadCase(tx, ctx, id, 'contribute');
    if (body.corrects) {
      const [target] = await tx
        .select({ id: incidentTimeline.id })
        .from(incidentTimeline)
        .where(and(eq(incidentTimeline.id, body.corrects), eq(incidentTimeline.incidentId, id)));
      if (!target) throw invalid([{ path: 'body.corrects', message: 'no such entry on this incident' }]);
    }
    const at = body.at ? new Date(body.at) : new Date();
    if (at.getTime() > Date.now() + 5 * 60_000) throw invalid([{ path: 'body.at', message: 'cannot be in the future' }]);
    const entry = await addEntry(tx, id, ctx.principal!.userId, { ...body, at });
    await audit({
      action: 'incident.timeline.add',
      targetType: 'incident',
      targetId: id,
      orgPath: row.orgPath,
      after: { entryId: entry.id, kind: entry.kind, corrects: entry.corrects },
    });
    return presentTimeline({ ...entry, actorName: ctx.principal!.name, correctedBy: null });
  });
}
