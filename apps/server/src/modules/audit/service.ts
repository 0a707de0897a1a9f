import type { AuditListQuery } from '@mamori/contracts';
import { and, asc, desc, eq, gt, gte, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { escapeLike, scopeOf, scopeSql } from '../../platform/access/scope';
import { auditEvents } from '../../platform/audit/tables';
import { invalidCursor } from '../../platform/http/cursor';
import type { Ctx } from '../../platform/tx';

const toIso = (d: Date) => d.toISOString();

/** Keyset on seq (the log's own order, unique): newest first, or oldest first with `sort=at`. Scoped readers (a site office) see only events of their subtree. */
export async function listAuditEvents(ctx: Ctx, q: z.infer<typeof AuditListQuery>) {
  const scope = scopeOf(ctx.principal, 'audit:read');
  const oldestFirst = q.sort === 'at';
  const where: (SQL | undefined)[] = [scopeSql(scope, auditEvents.orgPath)];
  if (q.actorId) where.push(eq(auditEvents.actorId, q.actorId));
  // 'person.' finds every person action; a full name finds that action only
  if (q.action)
    where.push(q.action.endsWith('.') ? like(auditEvents.action, `${escapeLike(q.action)}%`) : eq(auditEvents.action, q.action));
  if (q.targetType) where.push(eq(auditEvents.targetType, q.targetType));
  if (q.targetId) where.push(eq(auditEvents.targetId, q.targetId));
  if (q.from) {
    const from = new Date(q.from);
    where.push(
      gte(auditEvents.at, from),
      gte(auditEvents.seq, sql`(SELECT seq FROM audit_events WHERE at >= ${from} ORDER BY at, seq LIMIT 1)`),
    );
  }
  if (q.to) {
    const to = new Date(q.to);
    where.push(
      lte(auditEvents.at, to),
      lte(auditEvents.seq, sql`(SELECT seq FROM audit_events WHERE at <= ${to} ORDER BY at DESC, seq DESC LIMIT 1)`),
    );
  }
  if (q.q) where.push(or(eq(auditEvents.actorLabel, q.q.toLowerCase()), eq(auditEvents.targetId, q.q)));
  if (q.cursor) {
    if (!/^\d{1,19}$/.test(q.cursor)) throw invalidCursor();
    where.push((oldestFirst ? gt : lt)(auditEvents.seq, BigInt(q.cursor)));
  }
  const rows = await ctx.db
    .select({
      seq: auditEvents.seq,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      before: auditEvents.before,
      after: auditEvents.after,
      requestId: auditEvents.requestId,
      ip: auditEvents.ip,
    })
    .from(auditEvents)
    .where(and(...where))
    .orderBy(oldestFirst ? asc(auditEvents.seq) : desc(auditEvents.seq))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit).map((r) => ({
    seq: r.seq.toString(),
    at: toIso(r.at),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.requestId,
    ip: r.ip,
  }));
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1]!.seq : null };
}
