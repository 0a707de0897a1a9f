import type { Course, CourseContent, CourseListItem, CreateCourseBody, Quiz, UpdateCourseBody } from '@mamori/contracts';
import type { CreateCourseBody as CreateSchema, UpdateCourseBody as UpdateSchema } from '@mamori/contracts';
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { conflict, fieldError, invalid, msg, notFound, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { trainingCourseFiles, trainingCourses, trainingCourseVersions } from '../tables';
import { courseImages, missingImages } from './images';

type Create = z.output<typeof CreateSchema>;
type Update = z.output<typeof UpdateSchema>;

/** A quiz must be answerable: ids unique, a single-choice question has exactly one right option, a multiple one at least one. */
export function checkQuiz(quiz: Quiz | null, base: string): FieldError[] {
  if (!quiz) return [];
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  quiz.questions.forEach((q, i) => {
    const path = `${base}.questions.${i}`;
    if (ids.has(q.id)) errors.push(fieldError(`${path}.id`, 'training.duplicate_id'));
    ids.add(q.id);
    const opts = new Set<string>();
    q.options.forEach((o, j) => {
      if (opts.has(o.id)) errors.push(fieldError(`${path}.options.${j}.id`, 'training.duplicate_id'));
      opts.add(o.id);
    });
    const right = q.options.filter((o) => o.correct).length;
    if (q.kind === 'single' ? right !== 1 : right < 1)
      errors.push(fieldError(`${path}.options`, `training.quiz_${q.kind}_answer`));
  });
  return errors;
}

async function present(db: Db, id: string): Promise<Course | null> {
  const [c] = await db.select().from(trainingCourses).where(eq(trainingCourses.id, id));
  if (!c) return null;
  const versions = await db
    .select()
    .from(trainingCourseVersions)
    .where(eq(trainingCourseVersions.courseId, id))
    .orderBy(desc(trainingCourseVersions.version));
  const [file] = await db
    .select({ id: trainingCourseFiles.courseId })
    .from(trainingCourseFiles)
    .where(eq(trainingCourseFiles.courseId, id));
  return {
    id: c.id,
    code: c.code,
    category: c.category,
    validityMonths: c.validityMonths,
    publishedVersion: c.publishedVersion,
    latestVersion: c.latestVersion,
    hasAttachment: !!file,
    images: await courseImages(db, id),
    content: versions[0]!.content,
    versions: versions.map((v) => ({ version: v.version, status: v.status, publishedAt: v.publishedAt?.toISOString() ?? null })),
    rowVersion: c.rowVersion,
  };
}

export async function getCourse(ctx: Ctx, id: string): Promise<Course> {
  const c = await present(ctx.db, id);
  if (!c) throw notFound();
  return c;
}

export async function listCourses(db: Db): Promise<CourseListItem[]> {
  const rows = await db
    .select({
      id: trainingCourses.id,
      code: trainingCourses.code,
      category: trainingCourses.category,
      validityMonths: trainingCourses.validityMonths,
      publishedVersion: trainingCourses.publishedVersion,
      latestVersion: trainingCourses.latestVersion,
      content: trainingCourseVersions.content,
    })
    .from(trainingCourses)
    .innerJoin(
      trainingCourseVersions,
      and(
        eq(trainingCourseVersions.courseId, trainingCourses.id),
        eq(trainingCourseVersions.version, trainingCourses.latestVersion),
      ),
    )
    .orderBy(asc(trainingCourses.code))
    .limit(1000);
  return rows.map(({ content, ...r }) => ({ ...r, titleJa: content.titleJa, titleEn: content.titleEn, hasQuiz: !!content.quiz }));
}

/** Inserts a course and its first version (published at once when asked: the catalogue and the demo). */
export async function insertCourse(tx: Db, body: Create, publish: boolean): Promise<string> {
  const [c] = await tx
    .insert(trainingCourses)
    .values({
      code: body.code,
      category: body.category,
      validityMonths: body.validityMonths,
      publishedVersion: publish ? 1 : null,
      latestVersion: 1,
    })
    .onConflictDoNothing()
    .returning({ id: trainingCourses.id });
  if (!c) throw conflict(msg('training.course_code_taken'), [fieldError('body.code', 'training.course_code_taken')]);
  await tx.insert(trainingCourseVersions).values({
    courseId: c.id,
    version: 1,
    status: publish ? 'published' : 'draft',
    content: body.content,
    publishedAt: publish ? new Date() : null,
  });
  return c.id;
}

export async function createCourse(ctx: Ctx, input: CreateCourseBody): Promise<Course> {
  const body = input as Create;
  const errors = checkQuiz(body.content.quiz, 'body.content.quiz');
  if (errors.length) throw invalid(errors);
  const id = await inTransaction(ctx, async (tx, audit) => {
    const id = await insertCourse(tx, body, false);
    await audit({ action: 'training.course.create', targetType: 'training_course', targetId: id, after: body });
    return id;
  });
  return getCourse(ctx, id);
}

/**
 * Edits a course. The draft version is changed in place; a published latest version is never changed: the edit
 * becomes the next version, a draft until published.
 */
export async function updateCourse(ctx: Ctx, id: string, input: UpdateCourseBody, ifMatch: Precondition): Promise<Course> {
  const body = input as Update;
  const errors = checkQuiz(body.content.quiz, 'body.content.quiz');
  if (errors.length) throw invalid(errors);
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, trainingCourses, id, () => present(tx, id), ifMatch);
    if (!before) throw notFound();
    const latest = before.versions[0]!;
    let version = latest.version;
    if (latest.status === 'published') {
      version = latest.version + 1;
      await tx.insert(trainingCourseVersions).values({ courseId: id, version, status: 'draft', content: body.content });
    } else {
      await tx
        .update(trainingCourseVersions)
        .set({ content: body.content })
        .where(and(eq(trainingCourseVersions.courseId, id), eq(trainingCourseVersions.version, version)));
    }
    await tx
      .update(trainingCourses)
      .set({
        latestVersion: version,
        category: body.category ?? before.category,
        validityMonths: body.validityMonths === undefined ? before.validityMonths : body.validityMonths,
        updatedAt: new Date(),
      })
      .where(eq(trainingCourses.id, id));
    await audit({
      action: 'training.course.edit',
      targetType: 'training_course',
      targetId: id,
      before: { version: latest.version, content: before.content },
      after: { version, content: body.content },
    });
  });
  return getCourse(ctx, id);
}

/** Publishes the latest (draft) version: people starting the course from now take it. */
export async function publishCourse(ctx: Ctx, id: string, ifMatch: Precondition): Promise<Course> {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, trainingCourses, id, () => present(tx, id), ifMatch);
    if (!before) throw notFound();
    const latest = before.versions[0]!;
    if (latest.status === 'published') throw conflict(msg('training.nothing_to_publish'));
    const missing = await missingImages(tx, id, before.content);
    if (missing.length) throw conflict(msg('training.image_missing', missing[0]!.params), missing);
    await tx
      .update(trainingCourseVersions)
      .set({ status: 'published', publishedAt: new Date() })
      .where(and(eq(trainingCourseVersions.courseId, id), eq(trainingCourseVersions.version, latest.version)));
    await tx
      .update(trainingCourses)
      .set({ publishedVersion: latest.version, updatedAt: new Date() })
      .where(eq(trainingCourses.id, id));
    await audit({
      action: 'training.course.publish',
      targetType: 'training_course',
      targetId: id,
      before: { publishedVersion: before.publishedVersion },
      after: { publishedVersion: latest.version },
    });
  });
  return getCourse(ctx, id);
}

export const PDF_LIMIT = 10 * 1024 * 1024;

/** Attaches a PDF (replacing the one before). The bytes must be a PDF: its header and its end marker. */
export async function attachPdf(ctx: Ctx, id: string, name: string, content: Buffer): Promise<Course> {
  const tail = content.subarray(Math.max(0, content.length - 1024)).toString('latin1');
  if (content.length > PDF_LIMIT || content.subarray(0, 5).toString('latin1') !== '%PDF-' || !tail.includes('%%EOF'))
    throw invalid([fieldError('body', 'training.not_a_pdf')]);
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, trainingCourses, id, () => present(tx, id));
    if (!before) throw notFound();
    const sha256 = createHash('sha256').update(content).digest('hex');
    const row = { courseId: id, name, sha256, size: content.length, content, uploadedAt: new Date() };
    await tx
      .insert(trainingCourseFiles)
      .values(row)
      .onConflictDoUpdate({
        target: trainingCourseFiles.courseId,
        set: { name, sha256, size: row.size, content, uploadedAt: row.uploadedAt },
      });
    await tx.update(trainingCourses).set({ updatedAt: new Date() }).where(eq(trainingCourses.id, id));
    await audit({
      action: 'training.course.attach',
      targetType: 'training_course',
      targetId: id,
      after: { name, sha256, size: content.length },
    });
  });
  return getCourse(ctx, id);
}

export async function coursePdf(db: Db, id: string) {
  const [f] = await db.select().from(trainingCourseFiles).where(eq(trainingCourseFiles.courseId, id));
  if (!f) throw notFound();
  return f;
}

/** The published content of a course, for the person taking it. */
export async function publishedContent(db: Db, courseId: string): Promise<{ version: number; content: CourseContent } | null> {
  const [row] = await db
    .select({ version: trainingCourseVersions.version, content: trainingCourseVersions.content })
    .from(trainingCourses)
    .innerJoin(
      trainingCourseVersions,
      and(
        eq(trainingCourseVersions.courseId, trainingCourses.id),
        eq(trainingCourseVersions.version, sql`${trainingCourses.publishedVersion}`),
      ),
    )
    .where(eq(trainingCourses.id, courseId));
  return row ?? null;
}
