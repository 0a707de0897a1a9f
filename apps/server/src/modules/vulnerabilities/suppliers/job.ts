import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/define';
import { fetchAllProviders, fetchProvider } from './provider';
import { REMATCH_KIND, rematchAdvisories } from './rematch';

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

/**
 * Matches suppliers' advisories again against what the SBOMs and systems hold now: on the schedule (every ten
 * minutes) only when an SBOM or a system changed since its last run; when the PSIRT asks (`full`), always.
 */
export const supplierAdvisoriesRematchJob = defineJob({
  kind: REMATCH_KIND,
  payload: z.object({ full: z.boolean().optional() }),
  maxAttempts: 3,
  async handler({ full }, { db, log }) {
    await rematchAdvisories(db, { onlyIfChanged: !full }, log);
  },
});
