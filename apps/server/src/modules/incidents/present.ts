import type { Deadline, Incident, IncidentListItem } from '@mamori/contracts';
import type { z } from 'zod';
import { ruleById } from './catalog';
import { clockStatus } from './deadlines';
import type { incidentDeadlines, incidentTimeline } from './tables';
import type { CaseAccess, CaseRow } from './visibility';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const presentListItem = (r: CaseRow): IncidentListItem => ({
  id: r.incident.id,
  number: r.incident.number,
  typeId: r.incident.typeId,
  severity: r.incident.severity,
  nearMiss: r.incident.nearMiss,
  status: r.incident.status,
  title: r.incident.title,
  orgUnitId: r.incident.orgUnitId,
  orgUnitName: r.orgUnitName,
  orgUnitNameJa: r.orgUnitNameJa,
  reportedAt: r.incident.reportedAt.toISOString(),
  containedAt: iso(r.incident.containedAt),
  closedAt: iso(r.incident.closedAt),
  nextDueAt: iso(r.incident.nextDueAt),
});

export const presentIncident = (r: CaseRow, access: CaseAccess): Incident => ({
  ...presentListItem(r),
  rowVersion: r.incident.rowVersion,
  description: r.incident.description,
  information: r.incident.information,
  location: r.incident.location,
  occurredAt: iso(r.incident.occurredAt),
  discoveredAt: r.incident.discoveredAt.toISOString(),
  awareAt: r.incident.awareAt.toISOString(),
  language: r.incident.language,
  reporter: { id: r.incident.reporterId, name: r.reporterName },
  facts: r.incident.facts,
  causeCategory: r.incident.causeCategory,
  rootCause: r.incident.rootCause,
  updatedAt: r.incident.updatedAt.toISOString(),
  can: { manage: access.manage, contribute: access.contribute },
});

/** What the audit event keeps of a case: the facts and decisions, not the free text. */
export const incidentAuditView = (i: CaseRow['incident']) => ({
  number: i.number,
  typeId: i.typeId,
  severity: i.severity,
  nearMiss: i.nearMiss,
  status: i.status,
  orgUnitId: i.orgUnitId,
  awareAt: i.awareAt,
  containedAt: i.containedAt,
  closedAt: i.closedAt,
  causeCategory: i.causeCategory,
  facts: i.facts,
});

type DeadlineRow = typeof incidentDeadlines.$inferSelect;
const FINISHED = ['met', 'met_late', 'waived', 'not_applicable'];

export function presentDeadline(d: DeadlineRow, now: Date): z.infer<typeof Deadline> {
  const rule = ruleById(d.ruleId);
  const status = clockStatus(d, now);
  return {
    id: d.id,
    ruleId: d.ruleId,
    title: { ja: rule?.titleJa ?? d.ruleId, en: rule?.titleEn ?? d.ruleId },
    recipient: { ja: d.customer || rule?.recipientJa || '', en: d.customer || rule?.recipientEn || '' },
    law: rule?.law ?? '',
    hard: d.hard,
    customer: d.customer || null,
    startAt: d.startAt.toISOString(),
    warnAt: d.warnAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    metAt: iso(d.metAt),
    metHow: d.metHow,
    waivedReason: d.waivedReason,
    status,
    timeLeftMs: FINISHED.includes(status) ? null : d.dueAt.getTime() - now.getTime(),
    lastRemindedAt: iso(d.lastRemindedAt),
    escalatedAt: iso(d.escalatedAt),
  };
}

type TimelineRow = typeof incidentTimeline.$inferSelect;
export const presentTimeline = (e: TimelineRow & { actorName: string | null; correctedBy: string | null }) => ({
  id: e.id,
  seq: e.seq,
  kind: e.kind as 'note',
  at: e.at.toISOString(),
  recordedAt: e.recordedAt.toISOString(),
  actor: e.actorId ? { id: e.actorId, name: e.actorName ?? '' } : null,
  text: e.text,
  data: e.data ?? null,
  corrects: e.corrects,
  correctedBy: e.correctedBy,
});
