import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { covers, scopeOf, scopeSql } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { forbidden, notFound, msg } from '../../platform/errors/app-error';
import type { Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { incidentMembers, incidents } from './tables';

/**
 * Need-to-know for incidents, applied inside the queries: a case is visible to its reporter, to the
 * people added to it, and to holders of incidents:read whose scope covers its org unit.
 */
export function visibleSql(ctx: Ctx): SQL {
  const me = ctx.principal?.userId ?? '00000000-0000-0000-0000-000000000000';
  const scope = scopeOf(ctx.principal, 'incidents:read');
  if (scope.kind === 'all') return sql`true`;
  // Uncorrelated IN (…) subqueries: PostgreSQL computes each once (a hashed subplan) instead of joining
  // org units and probing members for every candidate row (bench/README.md, incidents).
  const inScope =
    scope.kind === 'none'
      ? sql`false`
      : sql`${incidents.orgUnitId} IN (SELECT ${orgUnits.id} FROM ${orgUnits} WHERE ${scopeSql(scope, orgUnits.path)})`;
  return sql`(${inScope}
    OR ${incidents.reporterId} = ${me}
    OR ${incidents.id} IN (SELECT ${incidentMembers.incidentId} FROM ${incidentMembers} WHERE ${incidentMembers.userId} = ${me}))`;
}

export const caseColumns = {
  incident: incidents,
  orgPath: orgUnits.path,
  orgUnitName: orgUnits.nameEn,
  orgUnitNameJa: orgUnits.nameJa,
  reporterName: users.name,
};

/** Incidents joined with their unit (scope, name) and reporter. */
export const selectCases = (db: Db) =>
  db
    .select(caseColumns)
    .from(incidents)
    .innerJoin(orgUnits, eq(orgUnits.id, incidents.orgUnitId))
    .innerJoin(users, eq(users.id, incidents.reporterId));

export type CaseRow = Awaited<ReturnType<ReturnType<typeof selectCases>['where']>>[number];

export interface CaseAccess {
  read: boolean;
  /** add timeline entries and evidence, work one's own tasks */
  contribute: boolean;
  /** change the case: status, facts, clocks, members, task owners */
  manage: boolean;
}

export async function accessTo(db: Db, ctx: Ctx, row: CaseRow): Promise<CaseAccess> {
  const me = ctx.principal?.userId;
  const manage = covers(scopeOf(ctx.principal, 'incidents:manage'), row.orgPath);
  const [member] = me
    ? await db
        .select({ userId: incidentMembers.userId })
        .from(incidentMembers)
        .where(and(eq(incidentMembers.incidentId, row.incident.id), eq(incidentMembers.userId, me)))
    : [];
  const involved = Boolean(member) || row.incident.reporterId === me;
  const read = manage || involved || covers(scopeOf(ctx.principal, 'incidents:read'), row.orgPath);
  return { read, contribute: manage || involved, manage };
}

/**
 * Loads a case the caller may see, or answers 404 (its existence is not told). `need` asks for more
 * than reading: a caller who may read but not do that gets 403.
 */
export async function loadCase(db: Db, ctx: Ctx, id: string, need: keyof CaseAccess = 'read') {
  const [row] = await selectCases(db).where(eq(incidents.id, id));
  if (!row) throw notFound('The incident');
  const access = await accessTo(db, ctx, row);
  if (!access.read) throw notFound('The incident');
  if (!access[need]) throw forbidden(msg(need === 'manage' ? 'incident.read_not_manage' : 'incident.read_not_contribute'));
  return { row, access };
}
