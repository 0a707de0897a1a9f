import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/sql';
import { mailOutbox } from '../../platform/mail/tables';
import { readPdf } from '../../platform/pdf/testing';
import { as, json } from '../../test/app';
import { inParallel } from '../../test/concurrency';
import { testConfig } from '../../test/app';
import { runTrainingDaily } from './assignments/job';
import { foldPastDue, PAST_DAY } from './assignments/past-due';
import { attentionFor, coursePassed, hasPassedCourseCategory, trainingCompletionSummary } from './service';
import { orgUnits } from '../org/tables';
import { trainingAssignments, trainingAttempts } from './tables';
import { quizCourse, RIGHT, trainingWorld, WRONG, type TrainingWorld } from './test-world';
import { meOf, todayJst } from './people';
import { loadPrincipal } from '../../platform/auth/principal-loader';

let w: TrainingWorld;
let courseId: string;
let curriculumId: string;
type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };
type Assignment = {
  id: string;
  status: string;
  score: number | null;
  attempts: number;
  course: { id: string; code: string };
  overdue: boolean;
  dueOn: string;
};

beforeAll(async () => {
  w = await trainingWorld();
});
afterAll(() => w.t.close());

const mine = async (u = w.employee) => json<Assignment[]>(await as(w.t.app, u).get('/api/me/training'));
const mineOf = async (code: string, u = w.employee) => (await mine(u)).find((a) => a.course.code === code)!;

describe('courses', () => {
  it('lets only the security office edit courses; employees, org heads and partners are refused', async () => {
    for (const u of [w.employee, w.headA, w.officeA, w.partner])
      expect((await as(w.t.app, u).post('/api/courses', quizCourse('X-REFUSED'))).statusCode).toBe(403);
    for (const u of [w.employee, w.partner]) expect((await as(w.t.app, u).get('/api/courses')).statusCode).toBe(403);
    const res = await as(w.t.app, w.office).post('/api/courses', quizCourse('PW-1'));
    expect(res.statusCode).toBe(201);
    courseId = json<{ id: string }>(res).id;
    expect(json<{ publishedVersion: number | null; latestVersion: number }>(res)).toMatchObject({
      publishedVersion: null,
      latestVersion: 1,
    });
  });

  it('refuses a quiz that cannot be answered, naming the field', async () => {
    const bad = quizCourse('PW-BAD');
    bad.content.quiz.questions[0]!.options[1]!.correct = true;
    const res = await as(w.t.app, w.office).post('/api/courses', bad);
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors).toEqual([
      expect.objectContaining({ path: 'body.content.quiz.questions.0.options', code: 'training.quiz_single_answer' }),
    ]);
  });

  it('keeps a published version: editing it makes the next version, published only when asked', async () => {
    const pub = await as(w.t.app, w.office).post(`/api/courses/${courseId}/publish`);
    expect(json<{ publishedVersion: number }>(pub).publishedVersion).toBe(1);
    const body = quizCourse('PW-1').content;
    const edited = await as(w.t.app, w.office).put(
      `/api/courses/${courseId}`,
      { content: { ...body, titleEn: 'Course PW-1, revised' } },
      { 'if-match': pub.headers.etag as string },
    );
    expect(edited.statusCode).toBe(200);
    expect(json<{ publishedVersion: number; latestVersion: number; versions: { status: string }[] }>(edited)).toMatchObject({
      publishedVersion: 1,
      latestVersion: 2,
      versions: [{ status: 'draft' }, { status: 'published' }],
    });
    // a stale tag is refused
    const stale = await as(w.t.app, w.office).put(
      `/api/courses/${courseId}`,
      { content: body },
      { 'if-match': pub.headers.etag as string },
    );
    expect(stale.statusCode).toBe(412);
  });
});

describe('curricula and assignments', () => {
  it('assigns a course to everyone by rule, once however often it runs', async () => {
    const res = await as(w.t.app, w.office).post('/api/curricula', {
      nameJa: '全員',
      nameEn: 'Everyone',
      rule: 'everyone',
      courseIds: [courseId],
      dueDays: 30,
    });
    expect(res.statusCode).toBe(201);
    curriculumId = json<{ id: string }>(res).id;
    const first = json<{ assigned: number }>(await as(w.t.app, w.office).post(`/api/curricula/${curriculumId}/run`, {}));
    expect(first.assigned).toBe(5); // every active person of the world
    expect(json<{ assigned: number }>(await as(w.t.app, w.office).post(`/api/curricula/${curriculumId}/run`, {})).assigned).toBe(
      0,
    );
    expect((await as(w.t.app, w.headA).post(`/api/curricula/${curriculumId}/run`, {})).statusCode).toBe(403);
  });

  it('refuses a role rule without its role and a course not published', async () => {
    const draft = json<{ id: string }>(await as(w.t.app, w.office).post('/api/courses', quizCourse('DRAFT-1'))).id;
    const res = await as(w.t.app, w.office).post('/api/curricula', {
      nameJa: 'x',
      nameEn: 'x',
      rule: 'role',
      courseIds: [draft],
    });
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors!.map((e) => [e.path, e.code])).toEqual([
      ['body.role', 'validation.required'],
      ['body.courseIds.0', 'training.course_not_published'],
    ]);
  });

  it("shows each person their own assignments, an org head their unit's, and nobody else's", async () => {
    const a = await mineOf('PW-1');
    expect(a).toMatchObject({ status: 'assigned', attempts: 0, score: null });
    const q = json<{ items: Assignment[] }>(await as(w.t.app, w.employee).get('/api/training-assignments?mine=1'));
    expect(q.items.map((i) => i.id)).toEqual([a.id]);
    // an employee has no training:read scope: the list holds their own only
    const own = json<{ items: Assignment[] }>(await as(w.t.app, w.employee).get('/api/training-assignments'));
    expect(own.items.map((i) => i.id)).toEqual([a.id]);
    const headA = json<{ items: { person: { id: string } }[] }>(await as(w.t.app, w.headA).get('/api/training-assignments'));
    expect(headA.items.map((i) => i.person.id).sort()).toEqual([w.person.employee, w.person.temp, w.person.headA].sort());
    // another unit's assignment is 404 to the head of A and to an employee of B
    const b = await mineOf('PW-1', w.employeeB);
    expect((await as(w.t.app, w.headA).get(`/api/training-assignments/${b.id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.employee).get(`/api/training-assignments/${b.id}`)).statusCode).toBe(404);
    for (const path of [
      '/api/me/training',
      '/api/training-assignments?mine=1',
      `/api/training-assignments/${a.id}`,
      '/api/training-completion',
      '/api/pledges',
    ])
      expect((await as(w.t.app, w.partner).get(path)).statusCode).toBe(403);
  });
});

describe('taking a course', () => {
  it('gives the quiz without its answers', async () => {
    const a = await mineOf('PW-1');
    const d = json<{ content: { version: number; quiz: { questions: { options: Record<string, unknown>[] }[] } } }>(
      await as(w.t.app, w.employee).get(`/api/training-assignments/${a.id}`),
    );
    expect(d.content.version).toBe(1);
    expect(d.content.quiz.questions).toHaveLength(2);
    for (const q of d.content.quiz.questions) for (const o of q.options) expect(o).not.toHaveProperty('correct');
  });

  it('refuses an answer to a question the quiz does not have, and an option it does not have, recording nothing', async () => {
    const a = await mineOf('PW-1');
    const res = await as(w.t.app, w.employee).post(`/api/training-assignments/${a.id}/attempts`, {
      answers: [
        { questionId: 'q1', optionIds: ['z'] },
        { questionId: 'nope', optionIds: ['a'] },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(json<Problem>(res).errors!.map((e) => [e.path, e.code])).toEqual([
      ['body.answers.0.optionIds.0', 'training.unknown_option'],
      ['body.answers.1.questionId', 'training.unknown_question'],
    ]);
    expect((await mineOf('PW-1')).attempts).toBe(0);
  });

  it("refuses a quiz on someone else's assignment", async () => {
    const a = await mineOf('PW-1');
    expect((await as(w.t.app, w.headA).post(`/api/training-assignments/${a.id}/attempts`, RIGHT)).statusCode).toBe(404);
  });

  it('scores on the server, keeps the answers, and refuses a second submit after the pass', async () => {
    const a = await mineOf('PW-1');
    const fail = json<{ score: number; passed: boolean; results: { correct: boolean }[] }>(
      await as(w.t.app, w.employee).post(`/api/training-assignments/${a.id}/attempts`, WRONG),
    );
    expect(fail).toMatchObject({ score: 50, passed: false });
    const pass = json<{ score: number; passed: boolean }>(
      await as(w.t.app, w.employee).post(`/api/training-assignments/${a.id}/attempts`, RIGHT),
    );
    expect(pass).toMatchObject({ score: 100, passed: true });
    const kept = await w.t.database.db.select().from(trainingAttempts).where(eq(trainingAttempts.assignmentId, a.id));
    expect(kept.map((k) => [k.attempt, k.score, k.answers])).toEqual([
      [1, 50, WRONG.answers],
      [2, 100, RIGHT.answers],
    ]);
    const again = await as(w.t.app, w.employee).post(`/api/training-assignments/${a.id}/attempts`, RIGHT);
    expect(again.statusCode).toBe(409);
    expect(json<Problem>(again).detailCode).toBe('training.already_passed');
    expect(await mineOf('PW-1')).toMatchObject({ status: 'passed', score: 100, attempts: 2 });
  });

  it('lets one of two concurrent submits win: the other is refused, one pass recorded', async () => {
    const a = await mineOf('PW-1', w.employeeB);
    const results = await inParallel(2, () => as(w.t.app, w.employeeB).post(`/api/training-assignments/${a.id}/attempts`, RIGHT));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const kept = await w.t.database.db.select().from(trainingAttempts).where(eq(trainingAttempts.assignmentId, a.id));
    expect(kept).toHaveLength(1);
  });

  it('stops at the last retry', async () => {
    const a = await mineOf('PW-1', w.temp);
    for (let i = 0; i < 3; i++)
      expect((await as(w.t.app, w.temp).post(`/api/training-assignments/${a.id}/attempts`, WRONG)).statusCode).toBe(200);
    const res = await as(w.t.app, w.temp).post(`/api/training-assignments/${a.id}/attempts`, RIGHT);
    expect(res.statusCode).toBe(409);
    expect(json<Problem>(res).detailCode).toBe('training.no_attempts_left');
    expect((await mineOf('PW-1', w.temp)).status).toBe('failed');
  });

  it('issues a certificate PDF in Japanese and English once passed, to its person and readers in scope', async () => {
    const a = await mineOf('PW-1');
    const ja = await as(w.t.app, w.employee).get(`/api/training-assignments/${a.id}/certificate?lang=ja`);
    expect(ja.statusCode).toBe(200);
    expect(ja.headers['content-type']).toBe('application/pdf');
    expect((await readPdf(ja.rawPayload)).text).toContain('修了証');
    const en = await as(w.t.app, w.headA).get(`/api/training-assignments/${a.id}/certificate?lang=en`);
    expect((await readPdf(en.rawPayload)).text).toContain('Course PW-1');
    expect((await as(w.t.app, w.headB).get(`/api/training-assignments/${a.id}/certificate`)).statusCode).toBe(404);
    const open = await mineOf('PW-1', w.headA);
    expect((await as(w.t.app, w.headA).get(`/api/training-assignments/${open.id}/certificate`)).statusCode).toBe(409);
  });

  it('answers the read functions other domains use', async () => {
    const db = w.t.database.db;
    expect(await coursePassed(db, w.person.employee, 'PW-1')).toBe(true);
    expect(await coursePassed(db, w.person.temp, 'PW-1')).toBe(false);
    expect(await hasPassedCourseCategory(db, w.person.employee, 'other')).toBe(true);
    expect(await hasPassedCourseCategory(db, w.person.employee, 'personal_data')).toBe(false);
    // the completion summary (management review pack) equals a count of the current assignments, group and site
    const [all] = await queryRows<{ n: number; p: number }>(
      db,
      sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE status = 'passed'))::int AS p FROM training_assignments
           WHERE status <> 'expired'`,
    );
    expect(await trainingCompletionSummary(db, null)).toMatchObject({ assigned: all!.n, passed: all!.p, overdue: 0 });
    expect(all!.p).toBeGreaterThan(0);
    const [siteB] = await db.select().from(orgUnits).where(eq(orgUnits.id, w.units.siteB));
    const b = await trainingCompletionSummary(db, siteB!.path);
    expect(b.assigned).toBeGreaterThan(0);
    expect(b.assigned).toBeLessThan(all!.n);
  });
});

describe('completion roll-up', () => {
  it('counts per site for the office, and only their own unit for an org head', async () => {
    // the head of A's open course is past due: it counts as overdue in site A only
    const late = await mineOf('PW-1', w.headA);
    await w.t.database.db.update(trainingAssignments).set({ dueOn: '2020-01-01' }).where(eq(trainingAssignments.id, late.id));
    const all = json<{
      rows: { unit: { code: string }; assigned: number; passed: number; overdue: number; averageScore: number | null }[];
      total: { assigned: number; overdue: number };
    }>(await as(w.t.app, w.office).get(`/api/training-completion?by=site&courseId=${courseId}`));
    expect(all.rows.map((r) => [r.unit.code, r.assigned, r.passed, r.overdue])).toEqual([
      ['SA', 3, 1, 1],
      ['SB', 2, 1, 0],
    ]);
    expect(all.total).toMatchObject({ assigned: 5, overdue: 1 });
    const head = json<{ rows: { unit: { code: string }; assigned: number; passed: number }[] }>(
      await as(w.t.app, w.headA).get('/api/training-completion'),
    );
    expect(head.rows.map((r) => [r.unit.code, r.assigned, r.passed])).toEqual([['SA-D1', 3, 1]]);
    expect((await as(w.t.app, w.headA).get(`/api/training-completion?unitId=${w.units.deptB}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.employee).get('/api/training-completion')).statusCode).toBe(403);
  });

  it('keeps the roll-up equal to a count of the assignments', async () => {
    const [exact] = await queryRows<{ wrong: number }>(
      w.t.database.db,
      sql`SELECT count(*)::int AS wrong FROM (
            SELECT course_id, unit_id, count(*) AS n, count(*) FILTER (WHERE status = 'passed') AS p FROM training_assignments
             WHERE status <> 'expired' GROUP BY 1, 2) a
          FULL JOIN training_rollup r USING (course_id, unit_id)
         WHERE coalesce(a.n, 0) <> coalesce(r.assigned, 0) OR coalesce(a.p, 0) <> coalesce(r.passed, 0)`,
    );
    expect(Number(exact!.wrong)).toBe(0);
  });

  it('keeps the open-by-due-date roll-up equal to a count of the open assignments, before and after past days fold', async () => {
    const db = w.t.database.db;
    const open = await mineOf('PW-1', w.headA);
    const today = todayJst();
    // Per course and unit: the open assignments past due, and those due on each day from today on, as the roll-up
    // has them and as the assignments count them; any difference is a row of `wrong`.
    const check = async () => {
      const [r] = await queryRows<{ wrong: number; empty: number }>(
        db,
        sql`WITH a AS (SELECT course_id, unit_id, CASE WHEN due_on < ${today}::date THEN NULL ELSE due_on END AS day, count(*) AS n
                         FROM training_assignments WHERE status IN ('assigned', 'in_progress') GROUP BY 1, 2, 3),
                 d AS (SELECT course_id, unit_id, CASE WHEN due_on < ${today}::date THEN NULL ELSE due_on END AS day, sum(open) AS n
                         FROM training_open_due GROUP BY 1, 2, 3)
            SELECT count(*) FILTER (WHERE coalesce(a.n, 0) <> coalesce(d.n, 0))::int AS wrong,
                   (SELECT count(*) FROM training_open_due WHERE open = 0)::int AS empty
              FROM a FULL JOIN d ON a.course_id = d.course_id AND a.unit_id = d.unit_id AND a.day IS NOT DISTINCT FROM d.day`,
      );
      return r;
    };
    // an open assignment moves to a past day: that day's row follows
    await db.update(trainingAssignments).set({ dueOn: '2020-02-02' }).where(eq(trainingAssignments.id, open.id));
    const [moved] = await queryRows<{ open: number }>(
      db,
      sql`SELECT open FROM training_open_due WHERE due_on = '2020-02-02' AND course_id = ${open.course.id}::uuid`,
    );
    expect(Number(moved!.open)).toBe(1);
    expect(await check()).toEqual({ wrong: 0, empty: 0 });
    // the hourly pass folds past days into one row per course and unit; the sums stay exact
    expect(await foldPastDue(db, today)).toBeGreaterThan(0);
    const [days] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM training_open_due WHERE due_on < ${today}::date AND due_on <> ${PAST_DAY}::date`,
    );
    expect(Number(days!.n)).toBe(0);
    expect(await check()).toEqual({ wrong: 0, empty: 0 });
    // the folded assignment moves back: its old day gets -1 until the next fold, the sums stay exact, and the fold
    // leaves no empty row
    await db.update(trainingAssignments).set({ dueOn: open.dueOn }).where(eq(trainingAssignments.id, open.id));
    expect((await check())!.wrong).toBe(0);
    await foldPastDue(db, today);
    expect(await check()).toEqual({ wrong: 0, empty: 0 });
  });
});

describe('the daily job', () => {
  it('reminds before the due date, tells the org head after it, re-assigns an expired pass, each once', async () => {
    const db = w.t.database.db;
    const open = await mineOf('PW-1', w.headA);
    const passed = await mineOf('PW-1');
    await db.update(trainingAssignments).set({ dueOn: '2020-01-01' }).where(eq(trainingAssignments.id, open.id));
    await db.update(trainingAssignments).set({ expiresOn: '2020-01-01' }).where(eq(trainingAssignments.id, passed.id));
    const config = testConfig();
    const first = await runTrainingDaily(db, config);
    expect(first.reassigned).toBe(1);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const second = await runTrainingDaily(db, config);
    expect(second).toMatchObject({ reassigned: 0, escalated: 0, reminded: 0 });
    const again = await mineOf('PW-1');
    expect(again.id).not.toBe(passed.id);
    expect(again.status).toBe('assigned');
    const [old] = await db
      .select({ status: trainingAssignments.status })
      .from(trainingAssignments)
      .where(eq(trainingAssignments.id, passed.id));
    expect(old!.status).toBe('expired');
    // the head of A is told about their own overdue course (they are the nearest org head of their unit)
    const headMail = await db
      .select()
      .from(mailOutbox)
      .where(and(sql`${mailOutbox.subject} LIKE '%overdue%'`));
    expect(headMail.length).toBeGreaterThanOrEqual(1);
  });
});

describe('pledges', () => {
  it('lets the office publish texts; a signature names the version, an outdated one is refused, a new version asks again', async () => {
    const text = (v: string) => ({
      audience: 'employee',
      titleJa: `誓約書 ${v}`,
      titleEn: `Pledge ${v}`,
      bodyJa: '本文',
      bodyEn: 'Body',
    });
    expect((await as(w.t.app, w.headA).post('/api/pledges', text('x'))).statusCode).toBe(403);
    const v1 = json<{ id: string; version: number }>(await as(w.t.app, w.office).post('/api/pledges', text('1')));
    expect(v1.version).toBe(1);
    const signed = await as(w.t.app, w.employee).post('/api/pledges/sign', {
      pledgeId: v1.id,
      version: 1,
      signedName: '山田 E1',
      agree: true,
    });
    expect(signed.statusCode).toBe(200);
    expect(json<{ valid: boolean; signed: { version: number; signedName: string } }>(signed)).toMatchObject({
      valid: true,
      signed: { version: 1, signedName: '山田 E1' },
    });
    const v2 = json<{ id: string; version: number }>(await as(w.t.app, w.office).post('/api/pledges', text('2')));
    expect(json<{ valid: boolean }>(await as(w.t.app, w.employee).get('/api/pledges')).valid).toBe(false);
    const outdated = await as(w.t.app, w.employeeB).post('/api/pledges/sign', {
      pledgeId: v1.id,
      version: 1,
      signedName: 'x',
      agree: true,
    });
    expect(outdated.statusCode).toBe(409);
    expect(json<Problem>(outdated).errors).toEqual([
      expect.objectContaining({ path: 'body.version', code: 'training.pledge_outdated' }),
    ]);
    expect(
      (
        await as(w.t.app, w.employee).post('/api/pledges/sign', {
          pledgeId: v2.id,
          version: 2,
          signedName: '山田 E1',
          agree: true,
        })
      ).statusCode,
    ).toBe(200);
    // temporary staff sign their own text: the employees' is not theirs
    expect(
      (await as(w.t.app, w.temp).post('/api/pledges/sign', { pledgeId: v2.id, version: 2, signedName: 'x', agree: true }))
        .statusCode,
    ).toBe(404);
    expect(
      (await as(w.t.app, w.partner).post('/api/pledges/sign', { pledgeId: v2.id, version: 2, signedName: 'x', agree: true }))
        .statusCode,
    ).toBe(403);
  });

  it("lists the org head's people without a valid pledge, and the rate of their unit", async () => {
    const unsigned = json<{ id: string }[]>(await as(w.t.app, w.headA).get('/api/pledges/unsigned'));
    expect(unsigned.map((p) => p.id).sort()).toEqual([w.person.temp, w.person.headA].sort());
    const rates = json<{ unit: { code: string }; people: number; signed: number }[]>(
      await as(w.t.app, w.headA).get('/api/pledges/rates'),
    );
    expect(rates.map((r) => [r.unit.code, r.people, r.signed])).toEqual([['SA-D1', 3, 1]]);
    expect((await as(w.t.app, w.employee).get('/api/pledges/unsigned')).statusCode).toBe(403);
  });
});

describe('self-check', () => {
  let id: string;
  it('asks everyone in scope, assigns the follow-up course for a wrong answer, and answers once', async () => {
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    const res = await as(w.t.app, w.office).post('/api/self-checks', {
      titleJa: '点検',
      titleEn: 'Check',
      unitId: w.units.siteA,
      opensOn: today,
      closesOn: today,
      questions: [
        {
          id: 'desk',
          topic: 'clean_desk',
          textJa: '机',
          textEn: 'Desk',
          options: [
            { id: 'y', textJa: 'はい', textEn: 'Yes' },
            { id: 'n', textJa: 'いいえ', textEn: 'No' },
          ],
          correctOptionId: 'y',
          followUpCourseId: courseId,
        },
      ],
    });
    expect(res.statusCode).toBe(201);
    id = json<{ id: string }>(res).id;
    expect(json<{ id: string }[]>(await as(w.t.app, w.employee).get('/api/self-checks?mine=1')).map((c) => c.id)).toEqual([id]);
    expect(json<unknown[]>(await as(w.t.app, w.employeeB).get('/api/self-checks?mine=1'))).toEqual([]);
    expect(
      (
        await as(w.t.app, w.employeeB).post(`/api/self-checks/${id}/responses`, {
          answers: [{ questionId: 'desk', optionId: 'y' }],
        })
      ).statusCode,
    ).toBe(404);
    const bad = await as(w.t.app, w.temp).post(`/api/self-checks/${id}/responses`, {
      answers: [{ questionId: 'nope', optionId: 'y' }],
    });
    expect(bad.statusCode).toBe(400);
    const wrong = json<{ wrong: number; followUpCourses: number }>(
      await as(w.t.app, w.temp).post(`/api/self-checks/${id}/responses`, { answers: [{ questionId: 'desk', optionId: 'n' }] }),
    );
    // the temp has a current (failed) assignment of that course already: nothing new
    expect(wrong).toMatchObject({ wrong: 1, followUpCourses: 0 });
    const twice = await as(w.t.app, w.temp).post(`/api/self-checks/${id}/responses`, {
      answers: [{ questionId: 'desk', optionId: 'y' }],
    });
    expect(twice.statusCode).toBe(409);
    const results = json<{ unit: { code: string }; asked: number; answered: number; wrongByTopic: Record<string, number> }[]>(
      await as(w.t.app, w.officeA).get(`/api/self-checks/${id}/results`),
    );
    expect(results.map((r) => [r.unit.code, r.asked, r.answered, r.wrongByTopic])).toEqual([['SA-D1', 3, 1, { clean_desk: 1 }]]);
    expect((await as(w.t.app, w.headB).get(`/api/self-checks/${id}/results`)).statusCode).toBe(404);
  });

  it('lists my open items for the dashboard: due courses, the unsigned pledge, the open self-check', async () => {
    const principal = await loadPrincipal(w.t.database.db, w.headA.id, 'token', null);
    const items = await attentionFor(w.t.database.db, principal!, 10);
    expect(items.map((i) => i.kind).sort()).toEqual(['pledgeUnsigned', 'selfCheckOpen', 'trainingDue']);
    expect(items.find((i) => i.kind === 'trainingDue')!.overdue).toBe(true);
    expect(await meOf(w.t.database.db, w.office.id)).toBeNull();
  });
});
