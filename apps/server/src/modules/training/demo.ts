import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql';
import { daysAgo, type DemoLoader } from '../../demo/types';
import { trainingCatalog } from './catalog';
import { catalogImages } from './catalog-images';
import { insertImage } from './courses/images';
import { checkQuiz, insertCourse } from './courses/courses';
import { assignCurriculum, insertCurriculum } from './curricula/curricula';
import { addDays, todayJst } from './people';
import { audienceOf } from './pledges/pledges';
import { pledgeReminderBatch } from './pledges/reminders';
import { remindBatch, STAGES, type Cursor } from './assignments/reminders';
import { pledgeDocuments, pledgeSignatures, selfCheckCampaigns, selfCheckResponses, trainingCurricula } from './tables';

const DAY = 86_400_000;
/** Sections whose daily work is personal data (last segment of the unit code): personnel, labour relations, general
 * affairs, customer support, ASEAN sales. */
const PD_SECTIONS = /-(HR|LAB|GA|CS|ASE)$/;

/**
 * Training in the demo: the catalogue's courses (published), curricula, pledges (the employees' text at version 2,
 * so some people still have to sign again), assignments for every demo person with realistic completion (most
 * passed, some in progress, some overdue), and one open self-check campaign with answers.
 */
export const trainingDemoLoader: DemoLoader = {
  name: 'training',
  async load(ctx) {
    const { tx, audit, random, now } = ctx;
    const cat = trainingCatalog();
    const courseIds = new Map<string, string>();
    for (const c of cat.courses) {
      if (checkQuiz(c.content.quiz, c.code).length) throw new Error(`catalogue course ${c.code}: quiz is not answerable`);
      const id = await insertCourse(tx, c, true);
      courseIds.set(c.code, id);
      for (const [name, draw] of Object.entries(catalogImages[c.code] ?? {})) await insertImage(tx, id, name, draw());
    }
    const today = todayJst(now);
    let assigned = 0;
    const active = ctx.people.filter((p) => p.status === 'active');
    // the new hires: three people with an account and no role but employee (they can sign in and take their course)
    const hires = ctx.users
      .filter(
        (u) => u.person.status === 'active' && u.user.status === 'active' && u.roles.length === 1 && u.roles[0] === 'employee',
      )
      .slice(0, 3)
      .map((u) => u.person.id);
    // personal-data handlers: the people of the sections whose daily work is personal data (personnel, labour
    // relations, general affairs, customer support, overseas sales: the privacy register's units), who passed the
    // course before they were recorded as handlers (the register refuses anyone else), and a few others across the group
    const pdUnits = new Set([...ctx.units.entries()].filter(([code]) => PD_SECTIONS.test(code)).map(([, u]) => u.id));
    const pdStaff = active.filter((p) => p.orgUnitId && pdUnits.has(p.orgUnitId)).map((p) => p.id);
    const mustPass = new Set(pdStaff);
    const others = random.sample(
      active.filter((p) => !mustPass.has(p.id)),
      Math.min(10, active.length - pdStaff.length),
    );
    const handlers = [...pdStaff, ...others.map((p) => p.id)];
    let hiredCurriculum: string | null = null;
    for (const cur of cat.curricula) {
      const id = await insertCurriculum(tx, { ...cur, courseIds: cur.courses.map((c) => courseIds.get(c)!) });
      const [row] = await tx.select().from(trainingCurricula).where(eq(trainingCurricula.id, id));
      if (cur.rule === 'event' && cur.event === 'hired') hiredCurriculum = id;
      // the yearly courses were assigned two months ago, the role courses a month ago, the newcomers' lately
      const start =
        cur.rule === 'everyone' ? addDays(today, -70) : cur.rule === 'event' ? addDays(today, -10) : addDays(today, -40);
      const personIds =
        cur.rule === 'personal_data' ? handlers : cur.rule === 'event' && cur.event === 'hired' ? hires : undefined;
      assigned += await assignCurriculum(tx, row!, { personIds, today: start });
    }
    // completion: most passed (scores 70–100), some started and failed once, the rest open (overdue when past due)
    const rows = await queryRows<{
      id: string;
      person_id: string;
      category: string;
      due_on: string;
      has_quiz: boolean;
      validity: number | null;
    }>(
      tx,
      sql`SELECT a.id, a.person_id, c.category, a.due_on::text AS due_on, (v.content->'quiz') IS NOT NULL AND v.content->'quiz' <> 'null'::jsonb AS has_quiz,
                 c.validity_months AS validity
            FROM training_assignments a JOIN training_courses c ON c.id = a.course_id
            JOIN training_course_versions v ON v.course_id = c.id AND v.version = c.published_version
           WHERE a.curriculum_id IS DISTINCT FROM ${hiredCurriculum}::uuid
           ORDER BY a.id`,
    );
    let passed = 0;
    const plan: {
      id: string;
      status: string;
      attempts: number;
      score: number | null;
      passed_at: string | null;
      expires_on: string | null;
      assigned_at: string;
    }[] = [];
    for (const r of rows) {
      const assignedAt = new Date(Date.parse(`${r.due_on}T00:00:00Z`) - 30 * DAY).toISOString();
      const roll = random.next();
      if (roll < 0.72 || (r.category === 'personal_data' && mustPass.has(r.person_id))) {
        const at = new Date(Math.min(now.getTime() - DAY, Date.parse(assignedAt) + random.int(1, 25) * DAY));
        const expires = r.validity ? new Date(`${todayJst(at)}T00:00:00Z`) : null;
        if (expires) expires.setUTCMonth(expires.getUTCMonth() + r.validity!);
        plan.push({
          id: r.id,
          status: 'passed',
          attempts: r.has_quiz ? random.int(1, 2) : 0,
          score: r.has_quiz ? random.pick([70, 80, 80, 90, 100, 100]) : null,
          passed_at: at.toISOString(),
          expires_on: expires ? expires.toISOString().slice(0, 10) : null,
          assigned_at: assignedAt,
        });
        passed++;
      } else if (roll < 0.82 && r.has_quiz) {
        plan.push({
          id: r.id,
          status: 'in_progress',
          attempts: 1,
          score: random.pick([33, 50, 60]),
          passed_at: null,
          expires_on: null,
          assigned_at: assignedAt,
        });
      } else {
        plan.push({
          id: r.id,
          status: 'assigned',
          attempts: 0,
          score: null,
          passed_at: null,
          expires_on: null,
          assigned_at: assignedAt,
        });
      }
    }
    // one statement for all (the roll-up trigger runs once)
    await tx.execute(sql`UPDATE training_assignments a SET status = p.status, attempts = p.attempts, score = p.score,
        passed_at = p.passed_at, expires_on = p.expires_on, assigned_at = p.assigned_at,
        passed_version = CASE WHEN p.status = 'passed' THEN 1 END
      FROM jsonb_to_recordset(${JSON.stringify(plan)}::jsonb)
        AS p(id uuid, status text, attempts smallint, score smallint, passed_at timestamptz, expires_on date, assigned_at timestamptz)
      WHERE a.id = p.id`);

    // pledges: version 1 of each text a year ago; the employees' text revised (version 2) a month ago
    const docs = new Map<string, { id: string; version: number }>();
    for (const p of cat.pledges) {
      const [d] = await tx
        .insert(pledgeDocuments)
        .values({ ...p, version: 1, publishedAt: daysAgo(now, 380) })
        .returning({ id: pledgeDocuments.id, version: pledgeDocuments.version });
      docs.set(p.audience, d!);
    }
    const v1 = docs.get('employee')!;
    const emp = cat.pledges.find((p) => p.audience === 'employee')!;
    const [v2] = await tx
      .insert(pledgeDocuments)
      .values({
        ...emp,
        bodyJa: `${emp.bodyJa}\n6. 生成 AI サービスには、会社が認めたものを除き、業務情報を入力しません。`,
        bodyEn: `${emp.bodyEn}\n6. I will not enter work information into generative AI services other than those the company approves.`,
        version: 2,
        publishedAt: daysAgo(now, 30),
      })
      .returning({ id: pledgeDocuments.id, version: pledgeDocuments.version });
    docs.set('employee', v2!);
    let signed = 0;
    const signatures: (typeof pledgeSignatures.$inferInsert)[] = [];
    for (const p of active) {
      const audience = audienceOf(p.kind);
      if (!random.chance(0.92)) continue;
      const old = audience === 'employee' ? v1 : docs.get(audience)!;
      const name = random.chance(0.5) ? p.nameJa : p.nameEn;
      signatures.push({
        personId: p.id,
        pledgeId: old.id,
        audience,
        version: old.version,
        signedName: name,
        signedAt: daysAgo(now, random.int(200, 370)),
      });
      if (audience === 'employee' && random.chance(0.85))
        signatures.push({
          personId: p.id,
          pledgeId: v2!.id,
          audience,
          version: 2,
          signedName: name,
          signedAt: daysAgo(now, random.int(1, 28)),
        });
      signed++;
    }
    if (signatures.length) await tx.insert(pledgeSignatures).values(signatures);

    // one group-wide self-check campaign, open, about 60% answered
    const sc = cat.selfCheck;
    const questions = sc.questions.map(({ followUpCourse, ...q }) => ({
      ...q,
      followUpCourseId: followUpCourse ? courseIds.get(followUpCourse)! : null,
    }));
    const [campaign] = await tx
      .insert(selfCheckCampaigns)
      .values({
        titleJa: `${sc.titleJa}(${now.getUTCFullYear()}年度 下期)`,
        titleEn: `${sc.titleEn} (${now.getUTCFullYear()} second half)`,
        unitId: null,
        unitPath: '/',
        opensOn: addDays(today, -20),
        closesOn: addDays(today, 10),
        questions,
      })
      .returning({ id: selfCheckCampaigns.id });
    const unitPath = new Map([...ctx.units.values()].map((u) => [u.id, u.path]));
    let answered = 0;
    const responses: (typeof selfCheckResponses.$inferInsert)[] = [];
    for (const p of active) {
      if (!random.chance(0.6)) continue;
      const answers = questions.map((q) => ({
        questionId: q.id,
        optionId: random.chance(0.85) ? q.correctOptionId : random.pick(q.options.filter((o) => o.id !== q.correctOptionId)).id,
      }));
      const wrongTopics = questions.filter((q, i) => answers[i]!.optionId !== q.correctOptionId).map((q) => q.topic);
      responses.push({
        campaignId: campaign!.id,
        personId: p.id,
        unitId: p.orgUnitId,
        unitPath: unitPath.get(p.orgUnitId)!,
        answers,
        wrongTopics,
        submittedAt: daysAgo(now, random.int(0, 19)),
      });
      answered++;
    }
    if (responses.length) await tx.insert(selfCheckResponses).values(responses);
    // the reminders the daily pass would send now: due soon and overdue in each person's bell, org heads told of the
    // week-late, the people who have not signed the employees' second pledge asked to
    const told = { assignments: 0, pledges: 0 };
    for (const stage of STAGES) {
      let after: Cursor = null;
      do {
        const batch = await remindBatch(tx, audit, { stage, today, now, publicUrl: ctx.config.publicUrl, after });
        told.assignments += batch.handled;
        after = batch.next;
      } while (after);
    }
    let person: string | null = null;
    do {
      const batch = await pledgeReminderBatch(tx, audit, { publicUrl: ctx.config.publicUrl, after: person });
      told.pledges += batch.handled;
      person = batch.next;
    } while (person);
    await audit({
      action: 'training.demo.load',
      targetType: 'training_course',
      after: { courses: courseIds.size, assignments: assigned, passed, pledgesSigned: signed, selfCheckAnswers: answered },
    });
    return [
      `training: ${courseIds.size} courses, ${cat.curricula.length} curricula, ${assigned} assignments (${passed} passed), ` +
        `${signed} people signed a pledge, self-check answered by ${answered}; ` +
        `${told.assignments} training reminders and ${told.pledges} pledge requests in the bell and the outbox`,
    ];
  },
};
