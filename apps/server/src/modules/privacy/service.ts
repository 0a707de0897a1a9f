import type { AttentionItem } from '@mamori/contracts';
import type { Db } from '../../db/client';
import type { Principal } from '../../platform/access/principal';
import { requestsDueFor } from './requests/service';

/**
 * What other domains and the dashboard may use of the privacy domain.
 * `attentionFor`: the data-subject requests the person handles that are open with a clock, due first.
 */
export function attentionFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  return requestsDueFor(db, principal, limit);
}

/** An incident's personal-data facts from register entries (for reports that want the same derivation). */
export { factsFromEntries } from './register/incident-link';
