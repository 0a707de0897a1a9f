import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define';
import { purgeLogoutTokens } from './backchannel';

/** Deletes the back-channel logout tokens' jtis once the age check would refuse those tokens anyway. */
export const oidcPurgeJob = defineJob({
  kind: 'oidc.purge',
  payload: z.object({}),
  async handler(_p, { db }) {
    await purgeLogoutTokens(db);
  },
});
