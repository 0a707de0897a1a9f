import { idReviewReminder } from './modules/accounts/reminders';
import { assetReviewRemindersJob } from './modules/assets/reviews/job';
import { takeOutOverdueJob } from './modules/assets/take-outs/job';
import { controlStatusReminders } from './modules/controls/reminders';
import { auditFindingsOverdueJob } from './modules/audits/job';
import { auditorRenewalJob } from './modules/audits/renewal';
import { documentReviewReminders } from './modules/plans/documents/reminders';
import { incidentDeadlinesJob } from './modules/incidents/job';
import { assetsImport } from './modules/assets/ledger/import';
import { peopleImport } from './modules/org/import-people';
import { zoneCheckJob } from './modules/zones/visitors/check';
import { visitsImport } from './modules/zones/visitors/import';
import { importResumeJob } from './platform/imports/job';
import type { ImportKind } from './platform/imports/staged';
import { planRemindersJob } from './modules/plans/tasks/job';
import { planLinkedJob } from './modules/plans/tasks/linked';
import { trainingDailyJob } from './modules/training/assignments/job';
import { privacyRemindersJob } from './modules/privacy/job';
import { craRemindersJob } from './modules/vulnerabilities/cra/job';
import { supplierAdvisoriesFetchJob, supplierAdvisoriesRematchJob } from './modules/vulnerabilities/suppliers/job';
import { partnersDaily } from './modules/partners/jobs';
import { sendDrillMails } from './modules/training/drills/queue';
import { reportGenerateJob } from './modules/reports/generate/service';
import { reportSchedulesJob } from './modules/reports/schedules/service';
import { dashboardSnapshotsJob } from './modules/reports/snapshots/service';
import { certificationReminders } from './modules/certifications/reminders';
import { groupShareJob } from './modules/incidents/group/announce';
import { samlPurgeJob } from './modules/identity/saml/job';
import { oidcPurgeJob } from './modules/identity/job';
import type { JobDefinition, Schedule } from './platform/jobs/define';
import { platformJobs, platformSchedules } from './platform/jobs/registry';

const DAY = 86_400_000;

/** Every staged import kind (platform/imports): resumed at start and by the `imports.resume` job. */
export const importKinds = [
  peopleImport as ImportKind<unknown>,
  assetsImport as ImportKind<unknown>,
  visitsImport as ImportKind<unknown>,
];

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
  planRemindersJob as JobDefinition,
  planLinkedJob as JobDefinition,
  auditFindingsOverdueJob as JobDefinition,
  auditorRenewalJob as JobDefinition,
  trainingDailyJob as JobDefinition,
  sendDrillMails as JobDefinition,
  privacyRemindersJob as JobDefinition,
  craRemindersJob as JobDefinition,
  supplierAdvisoriesFetchJob as JobDefinition,
  supplierAdvisoriesRematchJob as JobDefinition,
  zoneCheckJob as JobDefinition,
  documentReviewReminders as JobDefinition,
  reportGenerateJob as JobDefinition,
  reportSchedulesJob as JobDefinition,
  dashboardSnapshotsJob as JobDefinition,
  certificationReminders as JobDefinition,
  groupShareJob as JobDefinition,
  samlPurgeJob as JobDefinition,
  oidcPurgeJob as JobDefinition,
];

/** Recurring jobs; each is enqueued once per period however many processes run. */
export const allSchedules: Schedule[] = [
  ...platformSchedules,
  // expired SAML requests and used assertion IDs
  { kind: samlPurgeJob.kind, everyMs: 3600_000 },
  // the jtis of back-channel logout tokens, once too old to be accepted again
  { kind: oidcPurgeJob.kind, everyMs: 3600_000 },
  // daily: suppliers' CSAF providers, the documents updated since the last read
  { kind: supplierAdvisoriesFetchJob.kind, everyMs: DAY },
  // every ten minutes: suppliers' advisories matched again when an SBOM or a system changed since the last run
  { kind: supplierAdvisoriesRematchJob.kind, everyMs: 10 * 60_000 },
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
  // hourly: each plan task is reminded once before its due date and escalated once after
  { kind: planRemindersJob.kind, everyMs: 3600_000 },
  // every 15 minutes: tasks of activities linked to a campaign are completed once the campaign shows the unit done
  { kind: planLinkedJob.kind, everyMs: 15 * 60_000 },
  // hourly: each overdue internal-audit nonconformity is escalated once per due date
  { kind: auditFindingsOverdueJob.kind, everyMs: 3600_000 },
  // every 15 minutes: a qualification from training is renewed once its holder has passed the auditor course again
  { kind: auditorRenewalJob.kind, everyMs: 15 * 60_000 },
  // hourly: curricula assign newcomers, expiries re-assign, reminders and escalations are each sent once (stamped)
  { kind: trainingDailyJob.kind, everyMs: 3600_000 },
  // every minute: a drill's mails go out as they come due over its window
  { kind: sendDrillMails.kind, everyMs: 60_000 },
  // hourly: register reviews due and data-subject request clocks, each reminder sent once
  { kind: privacyRemindersJob.kind, everyMs: 3600_000 },
  // every 5 minutes (the CRA's stages are counted in hours): each stage reminded once at its warning, escalated once when due
  { kind: craRemindersJob.kind, everyMs: 5 * 60_000 },
  // daily: the zones' entry records checked against who may enter (findings are unique per visit)
  { kind: zoneCheckJob.kind, everyMs: DAY },
  // daily: each document's yearly review is reminded once, 30 days before its date
  { kind: documentReviewReminders.kind, everyMs: DAY },
  // daily: each certificate's audits and expiry are reminded once (stamped)
  { kind: certificationReminders.kind, everyMs: DAY },
  // every 5 minutes: each company case that comes to meet the holding's rule is announced to its CSIRT once
  { kind: groupShareJob.kind, everyMs: 5 * 60_000 },
  // every 15 minutes: a report schedule's slot (the 1st at 07:00 in Tokyo) is queued once, claimed with its next slot
  { kind: reportSchedulesJob.kind, everyMs: 15 * 60_000 },
  // hourly: the dashboard's "open now" figures kept once per Japan-time day per scope (claimed: written once)
  { kind: dashboardSnapshotsJob.kind, everyMs: 3600_000 },
];
