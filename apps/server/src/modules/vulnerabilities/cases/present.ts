import type { vulnerabilities, vulnerabilityMessages } from '../tables';
import type { REPORTER_STATUSES } from '@mamori/contracts';

type Row = typeof vulnerabilities.$inferSelect;

const cvss = (vector: string | null, score: number | null, severity: Row['cvss31Severity']) =>
  vector && score !== null && severity ? { vector, score, severity } : null;

export const presentVulnerability = (v: Row) => ({
  id: v.id,
  number: v.number,
  title: v.title,
  status: v.status,
  source: v.source,
  cvss31: cvss(v.cvss31Vector, v.cvss31Score, v.cvss31Severity),
  cvss40: cvss(v.cvss40Vector, v.cvss40Score, v.cvss40Severity),
  cveId: v.cveId,
  embargoUntil: v.embargoUntil?.toISOString() ?? null,
  duplicateOfId: v.duplicateOfId,
  assigneeId: v.assigneeId,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});

/** What the audit log keeps of a case: its triage fields, not the report text or the reporter's identity. */
export const vulnerabilityAuditView = (v: Row) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = presentVulnerability(v);
  return {
    ...rest,
    rowVersion: v.rowVersion,
    cwe: v.cwe,
    rootCausePhase: v.rootCausePhase,
    rootCause: v.rootCause,
    checkAdded: v.checkAdded,
  };
};

export const presentMessage = (m: typeof vulnerabilityMessages.$inferSelect) => ({
  id: m.id,
  from: m.from,
  body: m.body,
  createdAt: m.createdAt.toISOString(),
});

/** The reporter sees the stage of the work (the true status, in the words of the tracking page), nothing found. */
const REPORTER_STATUS: Record<Row['status'], (typeof REPORTER_STATUSES)[number]> = {
  new: 'received',
  triage: 'assessing',
  investigating: 'in_progress',
  remediating: 'in_progress',
  disclosed: 'disclosed',
  closed: 'resolved',
  rejected: 'declined',
  duplicate: 'duplicate',
};
export const reporterStatus = (s: Row['status']) => REPORTER_STATUS[s];
