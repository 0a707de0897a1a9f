import type { Curriculum, CurriculumBody } from '@mamori/contracts';
import type { CurriculumBody as BodySchema } from '@mamori/contracts';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { fieldError, invalid, notFound, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { addDays, todayJst } from '../people';
import { trainingCourses, trainingCourseVersions, trainingCurricula, trainingCurriculumCourses } from '../tables';

type Body = z.output<typeof BodySchema>;
type Row = typeof trainingCurricula.$inferSelect;

/** How far back an event counts: a person hired (or a role granted) in the last 30 days is "new". */
export const EVENT_WINDOW_DAYS = 30;

/** A role rule without a role, an event rule without its event, a course that is not published: refused by field. */
async function check(db: Db, body: Body) {
  const errors: FieldError[] = [];
  if (body.rule === 'role' && !body.role) errors.push(fieldError('body.role', 'validation.required'));
  if (body.rule === 'event' && !body.event) errors.push(fieldError('body.event', 'validation.required'));
  if (body.rule === 'event' && body.event === 'role_granted' && !body.role)
    errors.push(fieldError('body.role', 'validation.required'));
  const found = await db
    .select({ id: trainingCourses.id })
    .from(trainingCourses)
    .where(and(inArray(trainingCourses.id, body.courseIds), sql`${trainingCourses.publishedVersion} IS NOT NULL`));
  const ok = new Set(found.map((f) => f.id));
  body.courseIds.forEach((id, i) => {
    if (!ok.has(id)) errors.push(fieldError(`body.courseIds.${i}`, 'training.course_not_published'));
    else if (body.courseIds.indexOf(id) !== i) errors.push(fieldError(`body.courseIds.${i}`, 'training.duplicate_id'));
  });
  if (errors.length) throw invalid(errors);
}

/** Who a curriculum's rule reaches, as a condition on `p` (people) — active people only. */
export function ruleSql(c: Pick<Row, 'rule' | 'role' | 'event'>): SQL {
  const holds = (role: string, recent: boolean) => sql`EXISTS (SELECT 1 FROM users us
      JOIN role_assignments ra ON ra.user_id = us.id
      WHERE us.person_id = p.id AND us.status = 'active' AND ra.role = ${role}
      ${recent ? sql`AND ra.created_at >= now() - make_interval(days => ${EVENT_WINDOW_DAYS})` : sql``})`;
  switch (c.rule) {
    case 'everyone':
      return sql`true`;
    case 'role':
      return holds(c.role!, false);
    case 'event':
      if (c.event === 'hired') return sql`p.created_at >= now() - make_interval(days => ${EVENT_WINDOW_DAYS})`;
      if (c.event === 'promoted') return holds(c.role ?? 'org_head', true);
      return holds(c.role!, true);
    case 'personal_data':
      // assigned when a person is to be recorded as a handler (assignToPeople), never by the job alone
      return sql`false`;
  }
}

/**
 * Assigns a curriculum's courses to everyone its rule reaches (or to the given people), in one INSERT … SELECT:
 * whoever already has a current assignment of a course keeps it (the partial unique index), so running a rule again
 * adds only the newcomers.
 */
export async function assignCurriculum(tx: Db, c: Row, opts: { personIds?: string[]; today?: string } = {}): Promise<number> {
  const due = addDays(opts.today ?? todayJst(), c.dueDays);
  const who = opts.personIds ? sql`p.id = ANY(${`{${opts.personIds.join(',')}}`}::uuid[])` : ruleSql(c);
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO training_assignments (person_id, course_id, curriculum_id, unit_id, unit_path, due_on)
      SELECT p.id, cc.course_id, ${c.id}::uuid, p.org_unit_id, u.path, ${due}::date
        FROM training_curriculum_courses cc
        JOIN training_courses tc ON tc.id = cc.course_id AND tc.published_version IS NOT NULL
        CROSS JOIN people p
        JOIN org_units u ON u.id = p.org_unit_id
       WHERE cc.curriculum_id = ${c.id}::uuid AND p.status = 'active' AND ${who}
      ON CONFLICT (person_id, course_id) WHERE status <> 'expired' DO NOTHING
      RETURNING id`,
  );
  return rows.length;
}

export async function runCurriculum(ctx: Ctx, id: string, personIds?: string[]): Promise<{ assigned: number }> {
  return inTransaction(ctx, async (tx, audit) => {
    const c = await loadForUpdate(
      tx,
      trainingCurricula,
      id,
      async () => (await tx.select().from(trainingCurricula).where(eq(trainingCurricula.id, id)))[0],
    );
    if (!c) throw notFound();
    if (!personIds && c.rule === 'personal_data') throw invalid([fieldError('body.personIds', 'validation.required')]);
    const assigned = await assignCurriculum(tx, c, { personIds });
    await audit({
      action: 'training.curriculum.run',
      targetType: 'training_curriculum',
      targetId: id,
      after: { assigned, personIds: personIds ?? null },
    });
    return { assigned };
  });
}

/** Every active curriculum whose rule the job applies (everyone, role, event), each in its own statement. */
export async function runAllCurricula(tx: Db, audit: Audit): Promise<number> {
  const list = await tx
    .select()
    .from(trainingCurricula)
    .where(eq(trainingCurricula.active, true))
    .orderBy(asc(trainingCurricula.createdAt));
  let total = 0;
  for (const c of list) {
    if (c.rule === 'personal_data') continue;
    const n = await assignCurriculum(tx, c);
    if (n)
      await audit({
        action: 'training.curriculum.run',
        targetType: 'training_curriculum',
        targetId: c.id,
        after: { assigned: n },
      });
    total += n;
  }
  return total;
}

async function present(db: Db, rows: Row[]): Promise<Curriculum[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const courses = await db
    .select({
      curriculumId: trainingCurriculumCourses.curriculumId,
      id: trainingCourses.id,
      code: trainingCourses.code,
      content: trainingCourseVersions.content,
    })
    .from(trainingCurriculumCourses)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingCurriculumCourses.courseId))
    .innerJoin(
      trainingCourseVersions,
      and(
        eq(trainingCourseVersions.courseId, trainingCourses.id),
        eq(trainingCourseVersions.version, trainingCourses.latestVersion),
      ),
    )
    .where(inArray(trainingCurriculumCourses.curriculumId, ids))
    .orderBy(asc(trainingCurriculumCourses.position));
  const counts = await queryRows<{ id: string; n: number }>(
    db,
    sql`SELECT curriculum_id AS id, count(*)::int AS n FROM training_assignments
         WHERE curriculum_id = ANY(${`{${ids.join(',')}}`}::uuid[]) AND status <> 'expired' GROUP BY curriculum_id`,
  );
  const n = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return rows.map((r) => ({
    id: r.id,
    nameJa: r.nameJa,
    nameEn: r.nameEn,
    rule: r.rule,
    role: r.role,
    event: r.event,
    dueDays: r.dueDays,
    active: r.active,
    assigned: n.get(r.id) ?? 0,
    courses: courses
      .filter((c) => c.curriculumId === r.id)
      .map((c) => ({ id: c.id, code: c.code, titleJa: c.content.titleJa, titleEn: c.content.titleEn })),
  }));
}

export async function listCurricula(db: Db): Promise<Curriculum[]> {
  return present(db, await db.select().from(trainingCurricula).orderBy(asc(trainingCurricula.createdAt)).limit(500));
}

export async function getCurriculum(db: Db, id: string): Promise<Curriculum> {
  const [c] = await present(db, await db.select().from(trainingCurricula).where(eq(trainingCurricula.id, id)));
  if (!c) throw notFound();
  return c;
}

const values = (b: Body) => ({
  nameJa: b.nameJa,
  nameEn: b.nameEn,
  rule: b.rule,
  role: b.rule === 'role' || b.rule === 'event' ? b.role : null,
  event: b.rule === 'event' ? b.event : null,
  dueDays: b.dueDays,
  active: b.active,
});

/** Inserts a curriculum with its courses (the service and the demo). */
export async function insertCurriculum(tx: Db, body: Body): Promise<string> {
  const [row] = await tx.insert(trainingCurricula).values(values(body)).returning({ id: trainingCurricula.id });
  await tx
    .insert(trainingCurriculumCourses)
    .values(body.courseIds.map((courseId, position) => ({ curriculumId: row!.id, courseId, position })));
  return row!.id;
}

export async function createCurriculum(ctx: Ctx, input: CurriculumBody): Promise<Curriculum> {
  const body = input as Body;
  await check(ctx.db, body);
  const id = await inTransaction(ctx, async (tx, audit) => {
    const id = await insertCurriculum(tx, body);
    await audit({ action: 'training.curriculum.create', targetType: 'training_curriculum', targetId: id, after: body });
    return id;
  });
  return getCurriculum(ctx.db, id);
}

export async function updateCurriculum(ctx: Ctx, id: string, input: CurriculumBody, ifMatch: Precondition): Promise<Curriculum> {
  const body = input as Body;
  await check(ctx.db, body);
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(
      tx,
      trainingCurricula,
      id,
      async () => (await tx.select().from(trainingCurricula).where(eq(trainingCurricula.id, id)))[0],
      ifMatch,
    );
    if (!before) throw notFound();
    await tx
      .update(trainingCurricula)
      .set({ ...values(body), updatedAt: new Date() })
      .where(eq(trainingCurricula.id, id));
    await tx.delete(trainingCurriculumCourses).where(eq(trainingCurriculumCourses.curriculumId, id));
    await tx
      .insert(trainingCurriculumCourses)
      .values(body.courseIds.map((courseId, position) => ({ curriculumId: id, courseId, position })));
    await audit({ action: 'training.curriculum.edit', targetType: 'training_curriculum', targetId: id, before, after: body });
  });
  return getCurriculum(ctx.db, id);
}
