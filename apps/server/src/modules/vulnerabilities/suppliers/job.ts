import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/define';
import { fetchAllProviders, fetchProvider } from './provider';

/**
 * Reads suppliers' CSAF providers: every enabled one on the schedule (payload without an id), or the one the
 * office asked for now. Safe to run twice: a document already stored in that version is skipped.
 */
export const supplierAdvisoriesFetchJob = defineJob({
  kind: 'supplier-advisories.fetch',
  payload: z.object({ providerId: z.uuid().optional() }),
  maxAttempts: 1,
  async handler({ providerId }, { db, log }) {
    if (providerId) await fetchProvider(db, providerId, log);
    else await fetchAllProviders(db, log);
  },
});
