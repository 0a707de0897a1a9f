/** What other modules may use of the incident module. */
export {
  getPartnerReport,
  listPartnerReports,
  reportForPartner,
  type PartnerCondition,
  type PartnerReportInput,
} from './partner-reports';

/** Figures for the dashboard and reports, and "needs my attention" (issue #15). */
export {
  attentionFor,
  incidentsBy,
  incidentsByMonth,
  openIncidentsBySeverity,
  runningClocks,
  type KeyCount,
  type MonthCount,
  type OpenBySeverity,
} from './figures';
