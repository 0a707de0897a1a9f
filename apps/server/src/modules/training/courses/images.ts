import type { CourseImage } from '@mamori/contracts';
import { createHash } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { conflict, fieldError, invalid, msg, notFound, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { trainingCourseImages, trainingCourses, trainingCourseVersions } from '../tables';

export const IMAGE_LIMIT = 2 * 1024 * 1024;
export const IMAGES_PER_COURSE = 20;
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** `![alt](image:name)` in a course body: the image's name, as the text names it. */
const IMAGE_REF = /!\[[^\]\n]*\]\(image:([a-z0-9][a-z0-9-]{0,39})\)/g;

/** The image names a body shows. */
export function imagesIn(body: string): string[] {
  return [...new Set([...body.matchAll(IMAGE_REF)].map((m) => m[1]!))];
}

/** What the bytes are, by their signature; the declared content type is never trusted. */
export function sniffImage(content: Buffer): (typeof IMAGE_TYPES)[number] | null {
  if (content.length >= 8 && content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.length >= 12 && content.toString('latin1', 0, 4) === 'RIFF' && content.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

/** The course's images, without their bytes. */
export async function courseImages(db: Db, courseId: string): Promise<CourseImage[]> {
  const rows = await db
    .select({
      name: trainingCourseImages.name,
      contentType: trainingCourseImages.contentType,
      size: trainingCourseImages.size,
      sha256: trainingCourseImages.sha256,
      uploadedAt: trainingCourseImages.uploadedAt,
    })
    .from(trainingCourseImages)
    .where(eq(trainingCourseImages.courseId, courseId))
    .orderBy(asc(trainingCourseImages.name));
  return rows.map((r) => ({ ...r, uploadedAt: r.uploadedAt.toISOString() }));
}

/** The names the published version's bodies show: those images are part of what was published. */
async function publishedNames(db: Db, courseId: string, publishedVersion: number | null): Promise<Set<string>> {
  if (publishedVersion === null) return new Set();
  const [v] = await db
    .select({ content: trainingCourseVersions.content })
    .from(trainingCourseVersions)
    .where(and(eq(trainingCourseVersions.courseId, courseId), eq(trainingCourseVersions.version, publishedVersion)));
  return new Set(v ? [...imagesIn(v.content.bodyJa), ...imagesIn(v.content.bodyEn)] : []);
}

/**
 * Saves an image under a name (new, or replacing one no published version shows). The course row is locked, so two
 * uploads cannot both pass the per-course limit; it is not changed, so a text being edited meanwhile keeps its
 * If-Match.
 */
export async function putImage(ctx: Ctx, courseId: string, name: string, content: Buffer): Promise<void> {
  const contentType = sniffImage(content);
  if (!contentType || content.length > IMAGE_LIMIT) throw invalid([fieldError('body', 'training.not_an_image')]);
  await inTransaction(ctx, async (tx, audit) => {
    const course = await loadForUpdate(tx, trainingCourses, courseId, async () => {
      const [c] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, courseId));
      return c ?? null;
    });
    if (!course) throw notFound();
    const [existing] = await tx
      .select({ sha256: trainingCourseImages.sha256 })
      .from(trainingCourseImages)
      .where(and(eq(trainingCourseImages.courseId, courseId), eq(trainingCourseImages.name, name)));
    if (existing && (await publishedNames(tx, courseId, course.publishedVersion)).has(name))
      throw conflict(msg('training.image_published', { name }));
    if (!existing) {
      const [n] = await tx.select({ n: count() }).from(trainingCourseImages).where(eq(trainingCourseImages.courseId, courseId));
      if (Number(n!.n) >= IMAGES_PER_COURSE) throw conflict(msg('training.too_many_images', { limit: IMAGES_PER_COURSE }));
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    const row = { contentType, sha256, size: content.length, content, uploadedAt: new Date() };
    await tx
      .insert(trainingCourseImages)
      .values({ courseId, name, ...row })
      .onConflictDoUpdate({ target: [trainingCourseImages.courseId, trainingCourseImages.name], set: row });
    await audit({
      action: 'training.course.image',
      targetType: 'training_course',
      targetId: courseId,
      before: existing ? { name, sha256: existing.sha256 } : null,
      after: { name, sha256, size: content.length, contentType },
    });
  });
}

/** Removes an image no published version shows. */
export async function deleteImage(ctx: Ctx, courseId: string, name: string): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    const course = await loadForUpdate(tx, trainingCourses, courseId, async () => {
      const [c] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, courseId));
      return c ?? null;
    });
    if (!course) throw notFound();
    if ((await publishedNames(tx, courseId, course.publishedVersion)).has(name))
      throw conflict(msg('training.image_published', { name }));
    const gone = await tx
      .delete(trainingCourseImages)
      .where(and(eq(trainingCourseImages.courseId, courseId), eq(trainingCourseImages.name, name)))
      .returning({ sha256: trainingCourseImages.sha256 });
    if (!gone.length) throw notFound();
    await audit({
      action: 'training.course.image_delete',
      targetType: 'training_course',
      targetId: courseId,
      before: { name, sha256: gone[0]!.sha256 },
    });
  });
}

/** Stores an image as it is (the demo's catalogue images, drawn by Mamori): no checks beyond the type, no audit. */
export async function insertImage(tx: Db, courseId: string, name: string, content: Buffer): Promise<void> {
  const contentType = sniffImage(content);
  if (!contentType) throw new Error(`course image ${name}: not a PNG, JPEG or WebP`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  await tx.insert(trainingCourseImages).values({ courseId, name, contentType, sha256, size: content.length, content });
}

export async function imageFile(db: Db, courseId: string, name: string) {
  const [f] = await db
    .select()
    .from(trainingCourseImages)
    .where(and(eq(trainingCourseImages.courseId, courseId), eq(trainingCourseImages.name, name)));
  if (!f) throw notFound();
  return f;
}

/** Publishing checks that every image the version's bodies show exists, naming each body that shows a missing one. */
export async function missingImages(
  db: Db,
  courseId: string,
  content: { bodyJa: string; bodyEn: string },
): Promise<FieldError[]> {
  const have = new Set((await courseImages(db, courseId)).map((i) => i.name));
  const errors: FieldError[] = [];
  for (const key of ['bodyJa', 'bodyEn'] as const)
    for (const name of imagesIn(content[key]))
      if (!have.has(name)) errors.push(fieldError(`content.${key}`, 'training.image_missing', { name }));
  return errors;
}
