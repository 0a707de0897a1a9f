/** What other modules may use of the incident module. */
export {
  getPartnerReport,
  listPartnerReports,
  reportForPartner,
  type PartnerCondition,
  type PartnerReportInput,
} from './partner-reports';
export { incidentTrends, type IncidentTrends } from './trends';
