import { PLAN_DONE_SOURCES, PLAN_TASK_STATUSES } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';
import { orgUnits } from '../../org/tables';
import { planActivities } from '../plan/tables';
import { bytea } from '../../../db/columns';

const ts = (name: string) => timestamp(name, { withTimezone: true });
/**
 * One unit's task for one activity of a fiscal year's plan. It belongs to the activity's `key` (stable across plan
 * versions) and points at the activity of the published version; `unitPath` and `siteId` are copied at creation for
 * the scoped lists and the roll-ups. `late` is not stored: open and past the due date (Asia/Tokyo).
 */
export const planTasks = pgTable(
  'plan_tasks',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    fiscalYear: integer('fiscal_year').notNull(),
    activityKey: uuid('activity_key').notNull(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => planActivities.id, { onDelete: 'restrict' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    siteId: uuid('site_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: PLAN_TASK_STATUSES }).notNull().default('open'),
    comment: text('comment').notNull().default(''),
    doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
    doneAt: ts('done_at'),
    /** manual (a person recorded it) or linked (the `plans.linked` job, from the activity's campaign); null unless done */
    doneSource: text('done_source', { enum: PLAN_DONE_SOURCES }),
    /** the app path where the linked campaign shows the unit's result */
    evidenceHref: text('evidence_href'),
    /** the reminder job's stamps: each reminder and escalation is sent once */
    remindedAt: ts('reminded_at'),
    escalatedAt: ts('escalated_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('plan_tasks_unit_uq').on(t.activityKey, t.unitId),
    // roll-ups by site and activity read this index only
    index('plan_tasks_rollup_idx').on(t.fiscalYear, t.siteId, t.activityId, t.status, t.dueDate),
    index('plan_tasks_unit_idx').on(t.unitId, t.fiscalYear, t.dueDate),
    index('plan_tasks_path_idx').using('btree', t.fiscalYear, sql`${t.unitPath} text_pattern_ops`),
    index('plan_tasks_activity_idx').on(t.activityId, t.status),
    // the reminder job reads open tasks by due date
    index('plan_tasks_open_due_idx')
      .on(t.dueDate)
      .where(sql`${t.status} = 'open'`),
  ],
);

/** Who a task is assigned to: the unit's nearest promotion leaders when the plan was published. */
export const planTaskAssignees = pgTable(
  'plan_task_assignees',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.userId] }), index('plan_task_assignees_user_idx').on(t.userId, t.taskId)],
);

/** An evidence file of a task (kept in the database with its SHA-256, so backups include it). */
export const planTaskFiles = pgTable(
  'plan_task_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('plan_task_files_task_idx').on(t.taskId)],
);
