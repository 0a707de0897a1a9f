import type { IncidentFacts } from '@mamori/contracts';
import type { Precondition } from '../../platform/records/version';
import type { Ctx } from '../../platform/tx';
import { updateIncident } from './case';
import { loadCase } from './visibility';

/** What other modules may use of the incident module. */
export {
  getPartnerReport,
  listPartnerReports,
  reportForPartner,
  type PartnerCondition,
  type PartnerReportInput,
} from './partner-reports';

/** The holiday calendars of the deadline rules (by name: JP), for other domains' clocks on the same engine. */
export { businessCalendars } from './catalog';

/**
 * Sets a case's personal-data facts from what another domain knows (the privacy register's entries concerned):
 * the same path as a manager's fact change (needs `manage` on the case; timeline entry, audit event, clocks
 * recomputed by the deadline engine). Runs in the caller's transaction when `ctx.db` is one.
 */
export function applyPersonalDataFacts(
  ctx: Ctx,
  incidentId: string,
  facts: Pick<IncidentFacts, 'personalData' | 'personCount' | 'dataKinds' | 'countries'>,
  expected?: Precondition,
) {
  return updateIncident(ctx, incidentId, { facts }, expected);
}

/** What another domain may know of a case it reaches: its number, type and title. */
export interface IncidentRef {
  id: string;
  number: string;
  typeId: string;
  title: string;
}

/**
 * Answers 404 unless the caller may read the case (403 when `manage` is asked and it may only read), as the incident
 * routes do; else the case's number, type and title.
 */
export async function assertIncidentAccess(ctx: Ctx, incidentId: string, need: 'read' | 'manage' = 'read'): Promise<IncidentRef> {
  const { row } = await loadCase(ctx.db, ctx, incidentId, need);
  return { id: row.incident.id, number: row.incident.number, typeId: row.incident.typeId, title: row.incident.title };
}
export { incidentTrends, type IncidentTrends } from './trends';
/** Figures for the dashboard and reports, and "needs my attention" (issue #15). */
export {
  attentionFor,
  incidentsBy,
  incidentsByMonth,
  openIncidentsBySeverity,
  openIncidentsBySeverityEach,
  runningClocks,
  runningClocksEach,
  type KeyCount,
  type MonthCount,
  type OpenBySeverity,
} from './figures';

/** A report opened by another domain (a systems assessment finding): the same path as a person's report. */
export { reportIncident } from './report';
