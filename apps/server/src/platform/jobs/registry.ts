import { z } from 'zod';
import { writeCheckpoint } from '../audit/checkpoint';
import { purgeExpiredSessions } from '../auth/sessions';
import { deliverMail } from '../mail/outbox';
import { purgeOldNotifications } from '../notifications/retention';
import { getSettings } from '../settings/service';
import { purgeThrottle } from '../throttle/counter';
import { defineJob, type JobDefinition, type Schedule } from './define';

const purgeSessions = defineJob({
  kind: 'sessions.purge',
  payload: z.object({}),
  async handler(_p, { db }) {
    await purgeExpiredSessions(db, (await getSettings(db)).sessionIdleMinutes);
  },
});

const purgeNotifications = defineJob({
  kind: 'notifications.purge',
  payload: z.object({}),
  async handler(_p, { db }) {
    await purgeOldNotifications(db);
  },
});

const purgeThrottleRows = defineJob({
  kind: 'throttle.purge',
  payload: z.object({}),
  async handler(_p, { db }) {
    await purgeThrottle(db);
  },
});

/** Anchors the audit chain's head outside the database (a line in the checkpoint file, and the webhook). */
export const auditCheckpoint = defineJob({
  kind: 'audit.checkpoint',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    await writeCheckpoint(db, config, 'job', { skipIfUnchanged: true, log });
  },
});

/** The platform's own jobs; src/jobs.ts adds the domains' to them. */
export const platformJobs: JobDefinition[] = [
  deliverMail as JobDefinition,
  purgeSessions as JobDefinition,
  purgeNotifications as JobDefinition,
  purgeThrottleRows as JobDefinition,
  auditCheckpoint as JobDefinition,
];

export const platformSchedules: Schedule[] = [
  { kind: 'sessions.purge', everyMs: 3600_000 },
  { kind: 'notifications.purge', everyMs: 86_400_000 },
  { kind: 'throttle.purge', everyMs: 600_000 },
  { kind: 'audit.checkpoint', everyMs: 10 * 60_000 },
];
