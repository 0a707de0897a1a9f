import { z } from 'zod';
import { partnersDaily } from '../../modules/partners/jobs';
import { purgeExpiredSessions } from '../auth/sessions';
import { deliverMail } from '../mail/outbox';
import { getSettings } from '../settings/service';
import { defineJob, type JobDefinition, type Schedule } from './define';

const purgeSessions = defineJob({
  kind: 'sessions.purge',
  payload: z.object({}),
  async handler(_p, { db }) {
    await purgeExpiredSessions(db, (await getSettings(db)).sessionIdleMinutes);
  },
});

/** Every job kind the runner knows. Domains add theirs here. */
export const jobDefinitions = (): JobDefinition[] => [
  deliverMail as JobDefinition,
  purgeSessions as JobDefinition,
  partnersDaily as JobDefinition,
];

export const schedules: Schedule[] = [
  { kind: 'sessions.purge', everyMs: 3600_000 },
  // hourly: each reminder, escalation and NDA notice is sent once whatever the number of runs
  { kind: 'partners.daily', everyMs: 3600_000 },
];
