/**
 * What other domains may use of the vulnerability cases and advisories (PSIRT): figures for the dashboard and
 * reports (issue #15). Other domains never read these tables.
 */
export {
  advisoriesPublished,
  openVulnerabilities,
  REMEDIATION_SLA_DAYS,
  vulnerabilitiesReceived,
  type OpenVulnerabilities,
} from './figures';
