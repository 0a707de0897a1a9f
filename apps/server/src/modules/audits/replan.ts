import type { UpdateAuditBody } from '@mamori/contracts';
import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { fieldError, type FieldError } from '../../platform/errors/app-error';
import { auditorRows, checkAssignment } from './auditors';
import { internalAudits } from './tables';

type AuditRow = typeof internalAudits.$inferSelect;
type Body = z.infer<typeof UpdateAuditBody>;

/** True when the change moves the audit's days, mode or team (only while it is planned). */
export const replans = (body: Body) =>
  body.plannedFrom !== undefined ||
  body.plannedTo !== undefined ||
  body.mode !== undefined ||
  body.leadAuditorId !== undefined ||
  body.coAuditorIds !== undefined;

export const changesTeam = (body: Body) => body.leadAuditorId !== undefined || body.coAuditorIds !== undefined;

/**
 * Re-planning an audit passes the rules of planning it, on the audit as it would become: days in order and inside
 * the fiscal year, no other audit of the unit in overlapping days, and a team of registered auditors, qualified
 * through the last day and independent of the unit. Every failing field is named.
 */
export async function replanErrors(tx: Db, row: AuditRow, body: Body): Promise<FieldError[]> {
  const from = body.plannedFrom ?? row.plannedFrom;
  const to = body.plannedTo ?? row.plannedTo;
  const lead = body.leadAuditorId ?? row.leadAuditorId;
  const co = body.coAuditorIds ?? row.coAuditorIds;
  const errors: FieldError[] = [];
  if (to < from) errors.push(fieldError('body.plannedTo', 'audits.dates_reversed'));
  const year = { from: `${row.fiscalYear}-04-01`, to: `${row.fiscalYear + 1}-03-31` };
  if (from < year.from || to > year.to) errors.push(fieldError('body.plannedFrom', 'audits.dates_outside_year', year));
  if (body.plannedFrom !== undefined || body.plannedTo !== undefined) {
    const others = await tx
      .select({ from: internalAudits.plannedFrom, to: internalAudits.plannedTo })
      .from(internalAudits)
      .where(
        and(
          eq(internalAudits.programmeId, row.programmeId),
          eq(internalAudits.unitId, row.unitId),
          ne(internalAudits.id, row.id),
        ),
      );
    if (others.some((x) => x.from <= to && from <= x.to)) errors.push(fieldError('body.plannedFrom', 'audits.unit_planned'));
  }
  if (co.includes(lead))
    errors.push(fieldError(body.coAuditorIds ? 'body.coAuditorIds' : 'body.leadAuditorId', 'audits.lead_is_co'));
  // the team is checked again when it changes or its days move (a qualification may end before the new last day)
  const auditors = new Map((await auditorRows(tx, [lead, ...co])).map((a) => [a.a.id, a] as const));
  errors.push(
    ...checkAssignment(auditors, row.unitPath, to, [
      { path: 'body.leadAuditorId', id: lead },
      ...co.map((id, j) => ({ path: `body.coAuditorIds.${j}`, id })),
    ]),
  );
  return errors;
}
