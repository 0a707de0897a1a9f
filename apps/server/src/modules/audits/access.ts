import type { Action } from '@mamori/contracts';
import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Principal } from '../../platform/access/principal';
import { covers, scopeOf, scopeSql } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { forbidden, msg, notFound } from '../../platform/errors/app-error';
import type { Ctx } from '../../platform/tx';
import { internalAuditors, internalAudits } from './tables';

/**
 * Who sees and does what in internal audits (the record rules; the route declares the action):
 * - audits:read: the programme and its audits in scope (offices, CISO, org heads, auditors);
 * - audits:manage: make programmes, plan audits, keep the auditor register (offices, in scope);
 * - audits:conduct: only on an audit one is assigned to (lead or co-auditor), through one's register entry;
 * - findings:answer: the findings of units in scope (org heads and promotion leaders of the audited unit).
 */

/** The register entry of the signed-in person (null when they are not a registered auditor). */
export async function myAuditorId(db: Db, principal: Principal | null): Promise<string | null> {
  if (!principal || principal.kind !== 'internal') return null;
  const [row] = await db
    .select({ id: internalAuditors.id })
    .from(users)
    .innerJoin(internalAuditors, eq(internalAuditors.personId, users.personId))
    .where(eq(users.id, principal.userId));
  return row?.id ?? null;
}

/** SQL: the audit row is one the reader may see (read scope, answer scope, or assigned to it). */
export function visibleAuditSql(principal: Principal | null, me: string | null): SQL {
  const parts: SQL[] = [
    scopeSql(scopeOf(principal, 'audits:read'), internalAudits.unitPath),
    scopeSql(scopeOf(principal, 'findings:answer'), internalAudits.unitPath),
  ];
  if (me) {
    parts.push(eq(internalAudits.leadAuditorId, me));
    parts.push(sql`${me}::uuid = ANY(${internalAudits.coAuditorIds})`);
  }
  return or(...parts)!;
}

export const isAssigned = (audit: { leadAuditorId: string; coAuditorIds: string[] }, me: string | null) =>
  !!me && (audit.leadAuditorId === me || audit.coAuditorIds.includes(me));

type AuditRow = typeof internalAudits.$inferSelect;

export function canSee(principal: Principal | null, audit: AuditRow, me: string | null) {
  return (
    covers(scopeOf(principal, 'audits:read'), audit.unitPath) ||
    covers(scopeOf(principal, 'findings:answer'), audit.unitPath) ||
    isAssigned(audit, me)
  );
}

export const canConduct = (principal: Principal | null, audit: AuditRow, me: string | null) =>
  isAssigned(audit, me) && covers(scopeOf(principal, 'audits:conduct'), audit.unitPath);

export const canManage = (principal: Principal | null, path: string) => covers(scopeOf(principal, 'audits:manage'), path);

/** Loads an audit the reader may see (404 otherwise), with the reader's auditor id. */
export async function loadAudit(db: Db, ctx: Ctx, id: string) {
  const [audit] = await db.select().from(internalAudits).where(eq(internalAudits.id, id));
  const me = await myAuditorId(db, ctx.principal);
  if (!audit || !canSee(ctx.principal, audit, me)) throw notFound('The audit');
  return { audit, me };
}

/** The audit for a change by its assigned auditors (403 when seen but not assigned). */
export async function requireConduct(db: Db, ctx: Ctx, id: string) {
  const { audit, me } = await loadAudit(db, ctx, id);
  if (!canConduct(ctx.principal, audit, me)) throw forbidden(msg('audits.not_assigned'));
  return { audit, me };
}

/** Any of these actions somewhere, or 403 (routes readable by several roles with different record rules). */
export function requireAny(principal: Principal | null, actions: Action[]) {
  if (!actions.some((a) => scopeOf(principal, a).kind !== 'none')) throw forbidden();
}
