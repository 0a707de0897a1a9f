import {
  ASSIGNMENT_STATUSES,
  COURSE_CATEGORIES,
  COURSE_STATUSES,
  CURRICULUM_EVENTS,
  CURRICULUM_ROLES,
  CURRICULUM_RULES,
  PLEDGE_AUDIENCES,
  type CourseContent,
} from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables';
import { versionColumn } from '../../platform/records/version';
import { orgUnits, people } from '../org/tables';
import { bytea } from '../../db/columns';

/** A course: what stays the same across its versions. `publishedVersion` is the version people take. */
export const trainingCourses = pgTable('training_courses', {
  rowVersion: versionColumn(),
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  category: text('category', { enum: COURSE_CATEGORIES }).notNull(),
  validityMonths: smallint('validity_months'),
  publishedVersion: integer('published_version'),
  latestVersion: integer('latest_version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The content of each version (titles, Markdown bodies, video link, quiz with its answers). A published version is
 * never changed: editing it writes the next version as a draft, which replaces it when published.
 */
export const trainingCourseVersions = pgTable(
  'training_course_versions',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: COURSE_STATUSES }).notNull().default('draft'),
    content: jsonb('content').$type<CourseContent>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.version] })],
);

/** A course's attached PDF (checked to be a PDF, at most 10 MB), served as a download only. */
export const trainingCourseFiles = pgTable('training_course_files', {
  courseId: uuid('course_id')
    .primaryKey()
    .references(() => trainingCourses.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Images a course's text shows (`![alt](image:name)`): PNG, JPEG or WebP as sniffed from their bytes (never SVG, which
 * can carry script), at most 2 MB each and 20 per course. An image the published version shows is never replaced or
 * removed, so a published version stays as it was published.
 */
export const trainingCourseImages = pgTable(
  'training_course_images',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contentType: text('content_type', { enum: ['image/png', 'image/jpeg', 'image/webp'] }).notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.name] })],
);

/** A rule that assigns courses: everyone, holders of a role, an event (hired, promoted, role granted), data handled. */
export const trainingCurricula = pgTable('training_curricula', {
  rowVersion: versionColumn(),
  id: uuid('id').primaryKey().defaultRandom(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  rule: text('rule', { enum: CURRICULUM_RULES }).notNull(),
  role: text('role', { enum: CURRICULUM_ROLES }),
  event: text('event', { enum: CURRICULUM_EVENTS }),
  dueDays: smallint('due_days').notNull().default(30),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const trainingCurriculumCourses = pgTable(
  'training_curriculum_courses',
  {
    curriculumId: uuid('curriculum_id')
      .notNull()
      .references(() => trainingCurricula.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'restrict' }),
    position: smallint('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.curriculumId, t.courseId] })],
);

/**
 * A course a person must take. At most one assignment per person and course is current (any status but
 * `expired`): re-running a rule adds nothing, and an expired pass leaves room for the next. `unitPath` is the
 * person's unit when assigned (the roll-up and the readers' scope use it).
 */
export const trainingAssignments = pgTable(
  'training_assignments',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'restrict' }),
    curriculumId: uuid('curriculum_id').references(() => trainingCurricula.id, { onDelete: 'set null' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: ASSIGNMENT_STATUSES }).notNull().default('assigned'),
    attempts: smallint('attempts').notNull().default(0),
    score: smallint('score'),
    passedVersion: integer('passed_version'),
    passedAt: timestamp('passed_at', { withTimezone: true }),
    expiresOn: date('expires_on', { mode: 'string' }),
    /** when the person was told it is due soon, that it is overdue, and their org heads a week later: once each */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('training_assignments_current_idx')
      .on(t.personId, t.courseId)
      .where(sql`${t.status} <> 'expired'`),
    index('training_assignments_person_idx').on(t.personId, t.dueOn),
    index('training_assignments_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.courseId),
    // the job's reminders and expiries, and the overdue counts of the roll-up
    index('training_assignments_open_due_idx')
      .on(t.dueOn)
      .where(sql`${t.status} IN ('assigned', 'in_progress')`),
    index('training_assignments_expiry_idx')
      .on(t.expiresOn)
      .where(sql`${t.status} = 'passed'`),
  ],
);

// training_rollup (completion per unit and course) and training_open_due (open assignments per course, unit and due
// date), kept in step by statement triggers on training_assignments, are derived data: they live in SQL only
// (migrations "training" and "training_open_due"), like person_name_tokens, so backups leave them out and a restore
// rebuilds them as the assignments are inserted.

/** Every quiz attempt with the answers given, the version taken and the server's score. */
export const trainingAttempts = pgTable(
  'training_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => trainingAssignments.id, { onDelete: 'cascade' }),
    attempt: smallint('attempt').notNull(),
    courseVersion: integer('course_version').notNull(),
    answers: jsonb('answers').$type<{ questionId: string; optionIds: string[] }[]>().notNull(),
    results: jsonb('results').$type<{ questionId: string; correct: boolean }[]>().notNull(),
    score: smallint('score').notNull(),
    passed: boolean('passed').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [unique('training_attempts_number').on(t.assignmentId, t.attempt)],
);

/** The pledge texts (誓約書), one numbered version after another per audience; the highest is current. */
export const pledgeDocuments = pgTable(
  'pledge_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    audience: text('audience', { enum: PLEDGE_AUDIENCES }).notNull(),
    version: integer('version').notNull(),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en').notNull(),
    bodyJa: text('body_ja').notNull(),
    bodyEn: text('body_en').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [unique('pledge_documents_version').on(t.audience, t.version)],
);

/** A signature: who, the name they typed, when, and exactly which version. Never changed. */
export const pledgeSignatures = pgTable(
  'pledge_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    pledgeId: uuid('pledge_id')
      .notNull()
      .references(() => pledgeDocuments.id, { onDelete: 'restrict' }),
    audience: text('audience', { enum: PLEDGE_AUDIENCES }).notNull(),
    version: integer('version').notNull(),
    signedName: text('signed_name').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    unique('pledge_signatures_once').on(t.personId, t.pledgeId),
    index('pledge_signatures_person_idx').on(t.personId, t.audience, t.version),
  ],
);

/** A person was asked (in the app and by mail) to sign this pledge version: once per person and version. */
export const pledgeReminders = pgTable(
  'pledge_reminders',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    pledgeId: uuid('pledge_id')
      .notNull()
      .references(() => pledgeDocuments.id, { onDelete: 'cascade' }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.pledgeId] })],
);

/** A compliance self-check campaign (3-1-3): questions with the right answer and the follow-up course. */
export const selfCheckCampaigns = pgTable('self_check_campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  titleJa: text('title_ja').notNull(),
  titleEn: text('title_en').notNull(),
  unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
  /** '/' for the whole group */
  unitPath: text('unit_path').notNull(),
  opensOn: date('opens_on', { mode: 'string' }).notNull(),
  closesOn: date('closes_on', { mode: 'string' }).notNull(),
  questions: jsonb('questions')
    .$type<
      {
        id: string;
        topic: string;
        textJa: string;
        textEn: string;
        options: { id: string; textJa: string; textEn: string }[];
        correctOptionId: string;
        followUpCourseId: string | null;
      }[]
    >()
    .notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
});

export const selfCheckResponses = pgTable(
  'self_check_responses',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => selfCheckCampaigns.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull(),
    unitPath: text('unit_path').notNull(),
    answers: jsonb('answers').$type<{ questionId: string; optionId: string }[]>().notNull(),
    wrongTopics: text('wrong_topics').array().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.personId] }),
    index('self_check_responses_path_idx').using('btree', t.campaignId, sql`${t.unitPath} text_pattern_ops`),
  ],
);
