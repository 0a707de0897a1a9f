import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ReportDefinition } from '@mamori/contracts';
import { users } from '../../platform/auth/tables';
import { versionColumn } from '../../platform/records/version';
import { orgUnits } from '../org/tables';
import { bytea } from '../../db/columns';

const ts = (name: string) => timestamp(name, { withTimezone: true });
/**
 * A report template made by copying a built-in one (catalogs/report-templates/) or another copy. The definition is
 * data checked against the source registry on every save and again before every run: it cannot run anything.
 */
export const reportTemplates = pgTable('report_templates', {
  rowVersion: versionColumn(),
  id: uuid('id').primaryKey().defaultRandom(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  /** the template it was copied from (a built-in id or another copy's id) */
  copiedFrom: text('copied_from').notNull(),
  definition: jsonb('definition').$type<ReportDefinition>().notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * A report asked for again every month or year: the parameters of a run (the scope fixed when scheduled, as a run's)
 * and the recipients mailed a link once each run is done. `next_run_at` is moved on in the transaction that queues
 * the run, so a slot is run once whatever the number of processes.
 */
export const reportSchedules = pgTable(
  'report_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: text('template_id').notNull(),
    unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'cascade' }),
    scopePaths: jsonb('scope_paths').$type<string[]>().notNull(),
    readPath: text('read_path').notNull(),
    language: text('language', { enum: ['ja', 'en'] }).notNull(),
    formats: jsonb('formats').$type<('pdf' | 'docx' | 'xlsx')[]>().notNull(),
    frequency: text('frequency', { enum: ['monthly', 'yearly'] }).notNull(),
    recipients: jsonb('recipients').$type<string[]>().notNull(),
    nextRunAt: ts('next_run_at').notNull(),
    lastRunId: uuid('last_run_id'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('report_schedules_due_idx').on(t.nextRunAt)],
);

/**
 * One generation of a report: its parameters, the scope it was computed in (the generator's scope narrowed to the
 * unit, fixed when asked, so the job computes exactly what the generator may see), progress and outcome.
 */
export const reportRuns = pgTable(
  'report_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: text('template_id').notNull(),
    title: text('title').notNull(),
    /** the definition as it was when asked (a later edit of the template does not change a queued run) */
    definition: jsonb('definition').$type<ReportDefinition>().notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** the org paths the figures cover; empty array = the whole group */
    scopePaths: jsonb('scope_paths').$type<string[]>().notNull(),
    /** the generator's reach: runs are listed to those whose reports:generate scope covers this path ('' = group) */
    readPath: text('read_path').notNull(),
    language: text('language', { enum: ['ja', 'en'] }).notNull(),
    formats: jsonb('formats').$type<('pdf' | 'docx' | 'xlsx')[]>().notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    progress: integer('progress').notNull().default(0),
    error: jsonb('error').$type<{ code: string; params?: Record<string, unknown> }>(),
    dataAsOf: ts('data_as_of'),
    generatedBy: uuid('generated_by').references(() => users.id, { onDelete: 'set null' }),
    generatedByName: text('generated_by_name').notNull(),
    /** the schedule that asked for it: when done, its recipients are mailed the run's link */
    scheduleId: uuid('schedule_id').references(() => reportSchedules.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('report_runs_created_idx').on(t.createdAt, t.id)],
);

/** The files of a finished run, written in one transaction with its status: a run is done with all of them or none. */
export const reportFiles = pgTable(
  'report_files',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => reportRuns.id, { onDelete: 'cascade' }),
    format: text('format', { enum: ['pdf', 'docx', 'xlsx'] }).notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    content: bytea('content').notNull(),
    createdAt: ts('created_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.runId, t.format] })],
);

/**
 * The dashboard's "open now" figures as they stood each day (a Japan-time day), per scope: the whole group
 * (`scope_key` '') and each company and site (its unit id). Written once a day by the `reports.snapshots` job; the
 * dashboard reads a figure's value a week or a month back (its trend) and its last 90 days (the sparkline).
 */
export const dashboardSnapshots = pgTable(
  'dashboard_snapshots',
  {
    scopeKey: text('scope_key').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    source: text('source').notNull(),
    value: doublePrecision('value'),
  },
  (t) => [primaryKey({ columns: [t.scopeKey, t.day, t.source] }), index('dashboard_snapshots_day_idx').on(t.day)],
);

/**
 * One row per scope and day whose snapshot is taken: inserted first in the transaction that writes the figures, so two
 * processes running the job at once write a scope's day once (the second waits on the key, then finds it taken).
 */
export const dashboardSnapshotDays = pgTable(
  'dashboard_snapshot_days',
  {
    scopeKey: text('scope_key').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    takenAt: ts('taken_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scopeKey, t.day] })],
);
