import type { AttentionItem } from '@mamori/contracts';
import type { Db } from '../../db/client';
import type { Principal } from '../../platform/access/principal';
import { craStagesDueFor } from './cra/attention';

/**
 * What other domains may use of the vulnerability cases and advisories (PSIRT): figures for the dashboard and
 * reports (issue #15), and "needs my attention" (CRA reporting stages due, issue #17). Other domains never read
 * these tables.
 */
export {
  advisoriesPublished,
  openVulnerabilities,
  REMEDIATION_SLA_DAYS,
  vulnerabilitiesReceived,
  type OpenVulnerabilities,
} from './figures';

/** CRA stages overdue or due within 24 hours on the cases the person reports on, due first. */
export function attentionFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  return craStagesDueFor(db, principal, limit);
}
