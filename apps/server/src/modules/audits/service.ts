/**
 * What other domains may use of internal audits (the management review, the dashboard, the education module):
 * - auditProgrammeSummary(db, { fiscalYear, unitPath }): audits by state, findings by type, open/overdue
 *   nonconformities of a subtree in a fiscal year (the caller applies its own access rule to unitPath);
 * - attentionFor(db, principal, limit): the signed-in person's audits to do, findings to answer and to verify.
 * Not the audit log: that is modules/audit.
 */
export { attentionFor, auditProgrammeSummary } from './summary';
