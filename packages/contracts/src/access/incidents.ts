import type { Grants } from './roles';

/**
 * Incidents (CSIRT) — a case is confidential (need-to-know):
 * - incidents:report  every role: report an incident or near miss, and open the cases one reported or
 *                     was added to as a member. That record-level rule lives in the incidents service's
 *                     where clause (reporter = me OR member = me OR in my incidents:read scope).
 * - incidents:receive org heads: told at once of reports from their unit (the nearest heads above the
 *                     reporter's unit) and added to the case as members, so they can pass it on.
 * - incidents:read    security offices, CSIRT and the CISO: every case in scope (each read is logged).
 * - incidents:manage  security offices and CSIRT: handle cases in scope (status, facts, clocks, members).
 * - incidents:analyse statistics, XLSX export and anonymised summaries (no names): offices, CSIRT, CISO
 *                     and internal auditors, who review the programme but do not read case files.
 * The holding's board of incidents shared upward (group-incidents:read) is in group.ts.
 */
export const INCIDENT_ACTIONS = [
  'incidents:report',
  'incidents:receive',
  'incidents:read',
  'incidents:manage',
  'incidents:analyse',
] as const;
type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/** The offices, CSIRT and FSIRT handle the cases in scope. */
const handler: IncidentAction[] = ['incidents:report', 'incidents:read', 'incidents:manage', 'incidents:analyse'];

export const INCIDENT_GRANTS: Grants<IncidentAction> = {
  ciso: ['incidents:report', 'incidents:read', 'incidents:analyse'],
  security_office: handler,
  site_security_office: handler,
  org_head: ['incidents:report', 'incidents:receive'],
  promotion_leader: ['incidents:report'],
  auditor: ['incidents:report', 'incidents:analyse'],
  psirt_member: ['incidents:report'],
  privacy_officer: ['incidents:report'],
  csirt_member: handler,
  fsirt_member: handler,
  employee: ['incidents:report'],
};
