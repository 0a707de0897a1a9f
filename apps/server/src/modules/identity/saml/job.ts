import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/define';
import { purgeSamlState } from './flow';

/** Deletes unanswered AuthnRequests and used assertion IDs once they have expired. */
export const samlPurgeJob = defineJob({
  kind: 'saml.purge',
  payload: z.object({}),
  async handler(_p, { db }) {
    await purgeSamlState(db);
  },
});
