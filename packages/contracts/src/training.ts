import { z } from 'zod';
import { DayInput, Str } from './common';

/**
 * Education (issue #13, seed 004 教育・人材育成, seed 002 III 3-1/3-2): courses with an optional quiz, curricula that
 * assign them by rule, each person's assignments, confidentiality pledges (誓約書) and the periodic compliance
 * self-check (3-1-3).
 */
export const COURSE_CATEGORIES = ['organisation', 'personal_data', 'pdca', 'other'] as const;
export type CourseCategory = (typeof COURSE_CATEGORIES)[number];
export const COURSE_STATUSES = ['draft', 'published'] as const;
export const ASSIGNMENT_STATUSES = ['assigned', 'in_progress', 'failed', 'passed', 'expired'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const CURRICULUM_RULES = ['everyone', 'role', 'event', 'personal_data'] as const;
export const CURRICULUM_ROLES = ['org_head', 'promotion_leader', 'site_security_office', 'auditor'] as const;
export const CURRICULUM_EVENTS = ['hired', 'promoted', 'role_granted'] as const;
export const PLEDGE_AUDIENCES = ['employee', 'temporary', 'partner_staff'] as const;
export type PledgeAudience = (typeof PLEDGE_AUDIENCES)[number];

const Text = (max: number) => Str().trim().min(1).max(max);
const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);

export const QuizOption = z.object({ id: Id, textJa: Text(500), textEn: Text(500), correct: z.boolean() }).strict();
export const QuizQuestion = z
  .object({
    id: Id,
    kind: z.enum(['single', 'multiple']),
    textJa: Text(1000),
    textEn: Text(1000),
    options: z.array(QuizOption).min(2).max(8),
  })
  .strict();
export type QuizQuestion = z.infer<typeof QuizQuestion>;
export const Quiz = z
  .object({
    /** percent of questions answered right to pass */
    passMark: z.number().int().min(1).max(100),
    randomOrder: z.boolean().default(false),
    /** null: as many attempts as needed */
    maxAttempts: z.number().int().min(1).max(20).nullable().default(null),
    questions: z.array(QuizQuestion).min(1).max(50),
  })
  .strict();
export type Quiz = z.infer<typeof Quiz>;

/** The content of one version of a course. The bodies are Markdown, rendered as text (no HTML passes through). */
export const CourseContent = z
  .object({
    titleJa: Text(200),
    titleEn: Text(200),
    bodyJa: Str().max(20000).default(''),
    bodyEn: Str().max(20000).default(''),
    videoUrl: z
      .url({ protocol: /^https$/ })
      .max(500)
      .nullable()
      .default(null),
    quiz: Quiz.nullable().default(null),
  })
  .strict();
export type CourseContent = z.infer<typeof CourseContent>;

export const CreateCourseBody = z
  .object({
    code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/),
    category: z.enum(COURSE_CATEGORIES),
    /** months a pass stays valid; null: it never expires */
    validityMonths: z.number().int().min(1).max(120).nullable().default(null),
    content: CourseContent,
  })
  .strict();
export type CreateCourseBody = z.input<typeof CreateCourseBody>;
export const UpdateCourseBody = z
  .object({
    category: z.enum(COURSE_CATEGORIES).optional(),
    validityMonths: z.number().int().min(1).max(120).nullable().optional(),
    content: CourseContent,
  })
  .strict();
export type UpdateCourseBody = z.input<typeof UpdateCourseBody>;

export const CourseVersionSummary = z.object({
  version: z.number().int(),
  status: z.enum(COURSE_STATUSES),
  publishedAt: z.string().nullable(),
});
/** An image a course's text shows as `![alt](image:name)`; its bytes at `GET /api/courses/{id}/images/{name}`. */
export const CourseImage = z.object({
  name: z.string(),
  contentType: z.enum(['image/png', 'image/jpeg', 'image/webp']),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.iso.datetime(),
});
export type CourseImage = z.infer<typeof CourseImage>;
/** An image's name: lower-case letters, digits and hyphens, as the text names it. */
export const CourseImageParams = z.object({ id: z.uuid(), name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/) }).strict();

export const Course = z.object({
  id: z.string(),
  code: z.string(),
  category: z.enum(COURSE_CATEGORIES),
  validityMonths: z.number().int().nullable(),
  /** the version people take; null until the first is published */
  publishedVersion: z.number().int().nullable(),
  /** the newest version: a draft when it is above the published one */
  latestVersion: z.number().int(),
  hasAttachment: z.boolean(),
  images: z.array(CourseImage),
  content: CourseContent,
  versions: z.array(CourseVersionSummary),
  rowVersion: z.number().int(),
});
export type Course = z.infer<typeof Course>;
export const CourseListItem = z.object({
  id: z.string(),
  code: z.string(),
  category: z.enum(COURSE_CATEGORIES),
  titleJa: z.string(),
  titleEn: z.string(),
  validityMonths: z.number().int().nullable(),
  publishedVersion: z.number().int().nullable(),
  latestVersion: z.number().int(),
  hasQuiz: z.boolean(),
});
export type CourseListItem = z.infer<typeof CourseListItem>;

export const CurriculumBody = z
  .object({
    nameJa: Text(200),
    nameEn: Text(200),
    rule: z.enum(CURRICULUM_RULES),
    role: z.enum(CURRICULUM_ROLES).nullable().default(null),
    event: z.enum(CURRICULUM_EVENTS).nullable().default(null),
    courseIds: z.array(z.uuid()).min(1).max(20),
    /** days from assignment to the due date */
    dueDays: z.number().int().min(1).max(365).default(30),
    active: z.boolean().default(true),
  })
  .strict();
export type CurriculumBody = z.input<typeof CurriculumBody>;
export const Curriculum = z.object({
  id: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  rule: z.enum(CURRICULUM_RULES),
  role: z.enum(CURRICULUM_ROLES).nullable(),
  event: z.enum(CURRICULUM_EVENTS).nullable(),
  courses: z.array(z.object({ id: z.string(), code: z.string(), titleJa: z.string(), titleEn: z.string() })),
  dueDays: z.number().int(),
  active: z.boolean(),
  assigned: z.number().int(),
});
export type Curriculum = z.infer<typeof Curriculum>;
export const RunCurriculumResult = z.object({ assigned: z.number().int() });

const Names = z.object({ ja: z.string(), en: z.string() });
export const Assignment = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: Names, employeeNo: z.string() }),
  unit: z.object({ id: z.string(), name: Names }),
  course: z.object({ id: z.string(), code: z.string(), title: Names, category: z.enum(COURSE_CATEGORIES) }),
  assignedAt: z.string(),
  dueOn: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  overdue: z.boolean(),
  score: z.number().int().nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  passedAt: z.string().nullable(),
  expiresOn: z.string().nullable(),
  hasQuiz: z.boolean(),
});
export type Assignment = z.infer<typeof Assignment>;
export const AssignmentListQuery = z.object({
  mine: z.enum(['1', 'true']).optional(),
  unitId: z.uuid().optional(),
  courseId: z.uuid().optional(),
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  overdue: z.enum(['1', 'true']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: Str().max(200).optional(),
});

/** A question as the person taking the quiz sees it: no correct flags, in the order of this attempt. */
export const QuizQuestionView = z.object({
  id: z.string(),
  kind: z.enum(['single', 'multiple']),
  textJa: z.string(),
  textEn: z.string(),
  options: z.array(z.object({ id: z.string(), textJa: z.string(), textEn: z.string() })),
});
export const AttemptResult = z.object({
  attempt: z.number().int(),
  score: z.number().int(),
  passed: z.boolean(),
  submittedAt: z.string(),
  /** per question: answered right? (not which option was right, so a retry is not a copy) */
  results: z.array(z.object({ questionId: z.string(), correct: z.boolean() })),
});
export type AttemptResult = z.infer<typeof AttemptResult>;
export const AssignmentDetail = Assignment.extend({
  content: z.object({
    version: z.number().int(),
    titleJa: z.string(),
    titleEn: z.string(),
    bodyJa: z.string(),
    bodyEn: z.string(),
    videoUrl: z.string().nullable(),
    hasAttachment: z.boolean(),
    quiz: z.object({ passMark: z.number().int(), questions: z.array(QuizQuestionView) }).nullable(),
  }),
  lastAttempt: AttemptResult.nullable(),
});
export type AssignmentDetail = z.infer<typeof AssignmentDetail>;
export const SubmitAttemptBody = z
  .object({
    answers: z.array(z.object({ questionId: Str().max(40), optionIds: z.array(Str().max(40)).max(8) }).strict()).max(50),
  })
  .strict();
export type SubmitAttemptBody = z.infer<typeof SubmitAttemptBody>;

export const CompletionQuery = z.object({
  by: z.enum(['unit', 'site']).default('unit'),
  courseId: z.uuid().optional(),
  /** the unit whose children are listed (by=unit); default: the reader's own scope */
  unitId: z.uuid().optional(),
});
export const CompletionRow = z.object({
  unit: z.object({ id: z.string(), code: z.string(), name: Names }),
  assigned: z.number().int(),
  passed: z.number().int(),
  overdue: z.number().int(),
  rate: z.number(),
  averageScore: z.number().nullable(),
});
export type CompletionRow = z.infer<typeof CompletionRow>;
export const Completion = z.object({ rows: z.array(CompletionRow), total: CompletionRow.omit({ unit: true }) });
export type Completion = z.infer<typeof Completion>;

export const PledgeBody = z
  .object({
    audience: z.enum(PLEDGE_AUDIENCES),
    titleJa: Text(200),
    titleEn: Text(200),
    bodyJa: Text(20000),
    bodyEn: Text(20000),
  })
  .strict();
export type PledgeBody = z.infer<typeof PledgeBody>;
export const Pledge = z.object({
  id: z.string(),
  audience: z.enum(PLEDGE_AUDIENCES),
  version: z.number().int(),
  titleJa: z.string(),
  titleEn: z.string(),
  bodyJa: z.string(),
  bodyEn: z.string(),
  publishedAt: z.string(),
});
export type Pledge = z.infer<typeof Pledge>;
export const MyPledge = z.object({
  /** the current text for my kind of staff; null when none is published */
  current: Pledge.nullable(),
  /** my latest signature (of any version) */
  signed: z.object({ version: z.number().int(), signedName: z.string(), signedAt: z.string() }).nullable(),
  valid: z.boolean(),
});
export type MyPledge = z.infer<typeof MyPledge>;
export const SignPledgeBody = z
  .object({ pledgeId: z.uuid(), version: z.number().int().min(1), signedName: Text(200), agree: z.literal(true) })
  .strict();
export type SignPledgeBody = z.infer<typeof SignPledgeBody>;
export const PledgeRateRow = z.object({
  unit: z.object({ id: z.string(), code: z.string(), name: Names }),
  people: z.number().int(),
  signed: z.number().int(),
  rate: z.number(),
});
export type PledgeRateRow = z.infer<typeof PledgeRateRow>;
export const UnsignedPerson = z.object({
  id: z.string(),
  employeeNo: z.string(),
  name: Names,
  unit: Names,
  kind: z.string(),
  signedVersion: z.number().int().nullable(),
});
export type UnsignedPerson = z.infer<typeof UnsignedPerson>;
export const PledgeUnitQuery = z.object({ unitId: z.uuid().optional() });

export const SelfCheckQuestion = z
  .object({
    id: Id,
    topic: z.enum(['clean_desk', 'passwords', 'take_outs', 'mail', 'incidents', 'other']),
    textJa: Text(1000),
    textEn: Text(1000),
    options: z
      .array(z.object({ id: Id, textJa: Text(300), textEn: Text(300) }).strict())
      .min(2)
      .max(6),
    correctOptionId: Id,
    /** the course assigned to whoever answers this question wrong */
    followUpCourseId: z.uuid().nullable().default(null),
  })
  .strict();
export const CreateSelfCheckBody = z
  .object({
    titleJa: Text(200),
    titleEn: Text(200),
    /** the unit whose employees are asked; null: the whole group */
    unitId: z.uuid().nullable().default(null),
    opensOn: DayInput(),
    closesOn: DayInput(),
    questions: z.array(SelfCheckQuestion).min(1).max(30),
  })
  .strict();
export type CreateSelfCheckBody = z.input<typeof CreateSelfCheckBody>;
export const SelfCheck = z.object({
  id: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  unit: z.object({ id: z.string(), name: Names }).nullable(),
  opensOn: z.string(),
  closesOn: z.string(),
  open: z.boolean(),
  questions: z.array(
    z.object({
      id: z.string(),
      topic: z.string(),
      textJa: z.string(),
      textEn: z.string(),
      options: z.array(z.object({ id: z.string(), textJa: z.string(), textEn: z.string() })),
    }),
  ),
  /** my own answer, when I answered */
  answered: z.boolean(),
  responses: z.number().int(),
});
export type SelfCheck = z.infer<typeof SelfCheck>;
export const SelfCheckAnswerBody = z
  .object({
    answers: z
      .array(z.object({ questionId: Str().max(40), optionId: Str().max(40) }).strict())
      .min(1)
      .max(30),
  })
  .strict();
export type SelfCheckAnswerBody = z.infer<typeof SelfCheckAnswerBody>;
export const SelfCheckAnswerResult = z.object({
  wrong: z.number().int(),
  results: z.array(z.object({ questionId: z.string(), correct: z.boolean() })),
  followUpCourses: z.number().int(),
});
export const SelfCheckResultRow = z.object({
  unit: z.object({ id: z.string(), code: z.string(), name: Names }),
  asked: z.number().int(),
  answered: z.number().int(),
  allRight: z.number().int(),
  wrongByTopic: z.record(z.string(), z.number().int()),
});
export type SelfCheckResultRow = z.infer<typeof SelfCheckResultRow>;
export const SelfCheckListQuery = z.object({ mine: z.enum(['1', 'true']).optional() });
