import type { Assignment, AssignmentDetail, AssignmentListQuery } from '@mamori/contracts';
import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { covers, scopeOf, scopeSql } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { users } from '../../../platform/auth/tables';
import { orgUnits, people } from '../../org/tables';
import { publishedContent } from '../courses/courses';
import { meOf, todayJst } from '../people';
import { trainingAssignments, trainingAttempts, trainingCourseFiles, trainingCourses, trainingCourseVersions } from '../tables';

type Query = z.output<typeof AssignmentListQuery>;

const a = trainingAssignments;
const columns = {
  id: a.id,
  personId: a.personId,
  unitId: a.unitId,
  unitPath: a.unitPath,
  assignedAt: a.assignedAt,
  dueOn: a.dueOn,
  status: a.status,
  score: a.score,
  attempts: a.attempts,
  passedAt: a.passedAt,
  expiresOn: a.expiresOn,
  courseId: a.courseId,
  rowVersion: a.rowVersion,
  code: trainingCourses.code,
  category: trainingCourses.category,
  // the version's titles and quiz settings only: its bodies (up to 20,000 characters each) and questions are read
  // when a course is opened, not for every row of a list
  titleJa: sql<string>`${trainingCourseVersions.content}->>'titleJa'`,
  titleEn: sql<string>`${trainingCourseVersions.content}->>'titleEn'`,
  hasQuiz: sql<boolean>`jsonb_typeof(${trainingCourseVersions.content}->'quiz') = 'object'`,
  maxAttempts: sql<number | null>`(${trainingCourseVersions.content}->'quiz'->>'maxAttempts')::int`,
  employeeNo: people.employeeNo,
  nameJa: people.nameJa,
  nameEn: people.nameEn,
  unitJa: orgUnits.nameJa,
  unitEn: orgUnits.nameEn,
};

function base(db: Db) {
  return db
    .select(columns)
    .from(a)
    .innerJoin(trainingCourses, eq(trainingCourses.id, a.courseId))
    .innerJoin(
      trainingCourseVersions,
      and(
        eq(trainingCourseVersions.courseId, a.courseId),
        eq(trainingCourseVersions.version, sql`coalesce(${trainingCourses.publishedVersion}, ${trainingCourses.latestVersion})`),
      ),
    )
    .innerJoin(people, eq(people.id, a.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, a.unitId));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>['where']>>[number];

const OPEN = ['assigned', 'in_progress'] as const;

export function presentAssignment(r: Row, today = todayJst()): Assignment {
  return {
    id: r.id,
    person: { id: r.personId, name: { ja: r.nameJa, en: r.nameEn }, employeeNo: r.employeeNo },
    unit: { id: r.unitId, name: { ja: r.unitJa, en: r.unitEn } },
    course: { id: r.courseId, code: r.code, title: { ja: r.titleJa, en: r.titleEn }, category: r.category },
    assignedAt: r.assignedAt.toISOString(),
    dueOn: r.dueOn,
    status: r.status,
    overdue: (OPEN as readonly string[]).includes(r.status) && r.dueOn < today,
    score: r.score,
    attempts: r.attempts,
    maxAttempts: r.maxAttempts ?? null,
    passedAt: r.passedAt?.toISOString() ?? null,
    expiresOn: r.expiresOn,
    hasQuiz: !!r.hasQuiz,
  };
}

/**
 * My own assignments (current ones, due first): one indexed read on (person_id, due_on), the account's person found
 * in the same statement (an account without a person finds nothing). Prepared once per database and pool connection:
 * planning this five-table join took 2–6 ms on PostgreSQL against 0.3 ms to run it (bench/README.md, "Education").
 */
const mine = (db: Db) =>
  base(db)
    .where(
      and(
        eq(a.personId, sql`(SELECT ${users.personId} FROM ${users} WHERE ${users.id} = ${sql.placeholder('userId')}::uuid)`),
        sql`${a.status} <> 'expired'`,
      ),
    )
    .orderBy(asc(a.dueOn), asc(a.id))
    .limit(200)
    .prepare('mamori_my_training');
const prepared = new WeakMap<Db, ReturnType<typeof mine>>();

export async function myAssignments(ctx: Ctx): Promise<Assignment[]> {
  if (!ctx.principal) return [];
  let query = prepared.get(ctx.db);
  if (!query) prepared.set(ctx.db, (query = mine(ctx.db)));
  const rows = await query.execute({ userId: ctx.principal.userId });
  const today = todayJst();
  return rows.map((r) => presentAssignment(r, today));
}

/** The keyset of the assignments list: due day, then id. */
const AssignmentCursor = z.tuple([CursorPart.day, CursorPart.uuid]);

/**
 * Assignments: `mine` for one's own; otherwise those of the people in the reader's training:read scope (by the
 * unit they were assigned in), by due date then id (keyset cursor).
 */
export async function listAssignments(ctx: Ctx, q: Query): Promise<{ items: Assignment[]; nextCursor: string | null }> {
  if (q.mine) return { items: await myAssignments(ctx), nextCursor: null };
  const scope = scopeOf(ctx.principal, 'training:read');
  // without a training:read scope, "the assignments I may see" are my own
  if (scope.kind === 'none') return { items: await myAssignments(ctx), nextCursor: null };
  const conds: (SQL | undefined)[] = [scopeSql(scope, a.unitPath), sql`${a.status} <> 'expired'`];
  if (q.unitId) {
    const [u] = await ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, q.unitId));
    // a unit inside the scope, or above it (the filter then narrows nothing the reader may not see)
    if (!u || !(covers(scope, u.path) || (scope.kind === 'paths' && scope.paths.some((p) => p.startsWith(u.path)))))
      throw notFound();
    conds.push(sql`${a.unitPath} LIKE ${u.path + '%'}`);
  }
  if (q.courseId) conds.push(eq(a.courseId, q.courseId));
  if (q.status) conds.push(eq(a.status, q.status));
  const today = todayJst();
  if (q.overdue) conds.push(and(inArray(a.status, [...OPEN]), lt(a.dueOn, today)));
  if (q.cursor) {
    const [due, id] = decodeCursor(q.cursor, AssignmentCursor);
    conds.push(or(gt(a.dueOn, due), and(eq(a.dueOn, due), gt(a.id, id))));
  }
  const rows = await base(ctx.db)
    .where(and(...conds))
    .orderBy(asc(a.dueOn), asc(a.id))
    .limit(q.limit + 1);
  return pageOf(
    rows,
    q.limit,
    (r) => presentAssignment(r, today),
    (r) => [r.dueOn, r.id],
  );
}

/** One assignment as its reader may see it: its person, or a training:read scope covering its unit; else 404. */
export async function loadAssignment(ctx: Ctx, id: string, db: Db = ctx.db): Promise<{ row: Row; own: boolean }> {
  const [row] = await base(db).where(eq(a.id, id));
  if (!row) throw notFound();
  const me = ctx.principal ? await meOf(db, ctx.principal.userId) : null;
  const own = !!me && me.personId === row.personId;
  if (!own && !covers(scopeOf(ctx.principal, 'training:read'), row.unitPath)) throw notFound();
  return { row, own };
}

/** Shuffles with a seed, so that one attempt sees one order on every reload (the quiz's random order). */
export function seededShuffle<T>(items: T[], seed: string): T[] {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    const j = h % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export async function assignmentDetail(ctx: Ctx, id: string): Promise<AssignmentDetail> {
  const { row } = await loadAssignment(ctx, id);
  const published = await publishedContent(ctx.db, row.courseId);
  if (!published) throw notFound();
  const c = published.content;
  const [file] = await ctx.db
    .select({ id: trainingCourseFiles.courseId })
    .from(trainingCourseFiles)
    .where(eq(trainingCourseFiles.courseId, row.courseId));
  const [last] = await ctx.db
    .select()
    .from(trainingAttempts)
    .where(eq(trainingAttempts.assignmentId, id))
    .orderBy(desc(trainingAttempts.attempt))
    .limit(1);
  const seed = `${id}:${row.attempts}`;
  const questions = c.quiz
    ? (c.quiz.randomOrder ? seededShuffle(c.quiz.questions, seed) : c.quiz.questions).map((q) => ({
        id: q.id,
        kind: q.kind,
        textJa: q.textJa,
        textEn: q.textEn,
        options: (c.quiz!.randomOrder ? seededShuffle(q.options, seed + q.id) : q.options).map((o) => ({
          id: o.id,
          textJa: o.textJa,
          textEn: o.textEn,
        })),
      }))
    : null;
  return {
    ...presentAssignment(row),
    content: {
      version: published.version,
      titleJa: c.titleJa,
      titleEn: c.titleEn,
      bodyJa: c.bodyJa,
      bodyEn: c.bodyEn,
      videoUrl: c.videoUrl,
      hasAttachment: !!file,
      quiz: questions ? { passMark: c.quiz!.passMark, questions } : null,
    },
    lastAttempt: last
      ? {
          attempt: last.attempt,
          score: last.score,
          passed: last.passed,
          submittedAt: last.submittedAt.toISOString(),
          results: last.results,
        }
      : null,
  };
}
