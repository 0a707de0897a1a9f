import { idReviewReminder } from './modules/accounts/reminders';
import { assetReviewRemindersJob } from './modules/assets/reviews/job';
import { takeOutOverdueJob } from './modules/assets/take-outs/job';
import { controlStatusReminders } from './modules/controls/reminders';
import { incidentDeadlinesJob } from './modules/incidents/job';
import { assetsImport } from './modules/assets/ledger/import';
import { peopleImport } from './modules/org/import-people';
import { importResumeJob } from './platform/imports/job';
import type { ImportKind } from './platform/imports/staged';
import { partnersDaily } from './modules/partners/jobs';
import { reportGenerateJob } from './modules/reports/generate/service';
import type { JobDefinition, Schedule } from './platform/jobs/define';
import { platformJobs, platformSchedules } from './platform/jobs/registry';

const DAY = 86_400_000;

/** Every staged import kind (platform/imports): resumed at start and by the `imports.resume` job. */
export const importKinds = [peopleImport as ImportKind<unknown>, assetsImport as ImportKind<unknown>];

/** Every job kind the runner knows: the platform's and each domain's. */
export const allJobs: JobDefinition[] = [
  ...platformJobs,
  importResumeJob(importKinds),
  idReviewReminder as JobDefinition,
  incidentDeadlinesJob as JobDefinition,
  partnersDaily as JobDefinition,
  takeOutOverdueJob as JobDefinition,
  assetReviewRemindersJob as JobDefinition,
  controlStatusReminders as JobDefinition,
  reportGenerateJob as JobDefinition,
];

/** Recurring jobs; each is enqueued once per period however many processes run. */
export const allSchedules: Schedule[] = [
  ...platformSchedules,
  // every minute: a crash mid-import is rolled forward (or its abandoned staging dropped) soon after the restart
  { kind: 'imports.resume', everyMs: 60_000 },
  { kind: idReviewReminder.kind, everyMs: 7 * DAY },
  { kind: incidentDeadlinesJob.kind, everyMs: 5 * 60_000 },
  // hourly: each reminder, escalation and NDA notice is sent once whatever the number of runs
  { kind: partnersDaily.kind, everyMs: 3600_000 },
  // hourly: overdue take-outs and inventory reminders, each sent once (stamped with the mail)
  { kind: takeOutOverdueJob.kind, everyMs: 3600_000 },
  { kind: assetReviewRemindersJob.kind, everyMs: 3600_000 },
  // hourly: each control-status request reminds its pending units once, before the due date
  { kind: controlStatusReminders.kind, everyMs: 3600_000 },
];
