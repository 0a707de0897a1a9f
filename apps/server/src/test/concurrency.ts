import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { auditEvents } from '../platform/audit/tables';

/** Runs `n` calls at once (on PostgreSQL they really overlap: the test pool has several connections). */
export const inParallel = <T>(n: number, call: (i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: n }, (_, i) => call(i)));

export interface ChainEvent {
  seq: bigint;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The audit events of one record, oldest first. */
export async function auditOf(database: Database, targetType: string, targetId: string): Promise<ChainEvent[]> {
  const rows = await database.db
    .select({ seq: auditEvents.seq, action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, targetType), eq(auditEvents.targetId, targetId)))
    .orderBy(asc(auditEvents.seq));
  return rows as ChainEvent[];
}

/**
 * Where the record's history does not link up: each event's "before" must equal the previous event's "after"
 * on every field both carry. Returns one line per mismatch (empty when the chain links up).
 */
export function unlinkedFields(events: ChainEvent[], ignore: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 1; i < events.length; i++) {
    const prev = events[i - 1]!.after;
    const next = events[i]!.before;
    if (!prev || !next) continue;
    for (const key of Object.keys(next)) {
      if (!(key in prev) || ignore.includes(key)) continue;
      if (JSON.stringify(prev[key]) !== JSON.stringify(next[key]))
        out.push(`#${events[i]!.seq} ${key}: before ${JSON.stringify(next[key])} ≠ previous after ${JSON.stringify(prev[key])}`);
    }
  }
  return out;
}
