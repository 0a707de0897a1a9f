import type { CreateSelfCheckBody, SelfCheck, SelfCheckAnswerBody, SelfCheckResultRow } from '@mamori/contracts';
import type { CreateSelfCheckBody as CreateSchema } from '@mamori/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { covers, scopeOf, scopeSql } from '../../../platform/access/scope';
import { conflict, fieldError, invalid, msg, notFound, type FieldError } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { addDays, meOf, requireMe, todayJst, type Me } from '../people';
import { selfCheckCampaigns, selfCheckResponses, trainingCourses } from '../tables';

type Create = z.output<typeof CreateSchema>;
type Row = typeof selfCheckCampaigns.$inferSelect;

const inScope = (c: Row, me: Me | null) => !!me && me.unitPath.startsWith(c.unitPath);
const isOpen = (c: Row, today: string) => c.opensOn <= today && today <= c.closesOn;

async function present(db: Db, c: Row, me: Me | null): Promise<SelfCheck> {
  const [unit] = c.unitId
    ? await db
        .select({ id: orgUnits.id, ja: orgUnits.nameJa, en: orgUnits.nameEn })
        .from(orgUnits)
        .where(eq(orgUnits.id, c.unitId))
    : [];
  const [n] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM self_check_responses WHERE campaign_id = ${c.id}::uuid`,
  );
  const mine = me
    ? await db
        .select({ p: selfCheckResponses.personId })
        .from(selfCheckResponses)
        .where(and(eq(selfCheckResponses.campaignId, c.id), eq(selfCheckResponses.personId, me.personId)))
    : [];
  return {
    id: c.id,
    titleJa: c.titleJa,
    titleEn: c.titleEn,
    unit: unit ? { id: unit.id, name: { ja: unit.ja, en: unit.en } } : null,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    open: isOpen(c, todayJst()),
    questions: c.questions.map((q) => ({ id: q.id, topic: q.topic, textJa: q.textJa, textEn: q.textEn, options: q.options })),
    answered: mine.length > 0,
    responses: Number(n?.n ?? 0),
  };
}

/**
 * Campaigns: `mine` lists the open ones that ask me (my unit inside the campaign's) whatever my role; otherwise the
 * campaigns a training:read holder may see (those covering or inside their scope).
 */
export async function listSelfChecks(ctx: Ctx, mine: boolean): Promise<SelfCheck[]> {
  const me = ctx.principal ? await meOf(ctx.db, ctx.principal.userId) : null;
  const rows = await ctx.db.select().from(selfCheckCampaigns).orderBy(desc(selfCheckCampaigns.opensOn)).limit(200);
  const today = todayJst();
  const scope = scopeOf(ctx.principal, 'training:read');
  const seen = mine
    ? rows.filter((c) => inScope(c, me) && isOpen(c, today))
    : rows.filter(
        (c) =>
          covers(scope, c.unitPath) ||
          (scope.kind === 'paths' && scope.paths.some((p) => p.startsWith(c.unitPath))) ||
          scope.kind === 'all',
      );
  return Promise.all(seen.map((c) => present(ctx.db, c, me)));
}

async function load(ctx: Ctx, id: string, db: Db = ctx.db) {
  const [c] = await db.select().from(selfCheckCampaigns).where(eq(selfCheckCampaigns.id, id));
  const me = ctx.principal ? await meOf(db, ctx.principal.userId) : null;
  const scope = scopeOf(ctx.principal, 'training:read');
  if (!c) throw notFound();
  const reader =
    scope.kind === 'all' ||
    covers(scope, c.unitPath) ||
    (scope.kind === 'paths' && scope.paths.some((p) => p.startsWith(c.unitPath)));
  if (!reader && !inScope(c, me)) throw notFound();
  return { c, me, scope };
}

export async function getSelfCheck(ctx: Ctx, id: string): Promise<SelfCheck> {
  const { c, me } = await load(ctx, id);
  return present(ctx.db, c, me);
}

export async function createSelfCheck(ctx: Ctx, input: CreateSelfCheckBody): Promise<SelfCheck> {
  const body = input as Create;
  const errors: FieldError[] = [];
  if (body.closesOn < body.opensOn) errors.push(fieldError('body.closesOn', 'training.period_order'));
  const ids = new Set<string>();
  const courseIds = body.questions.flatMap((q) => (q.followUpCourseId ? [q.followUpCourseId] : []));
  const courses = courseIds.length
    ? new Set(
        (
          await ctx.db
            .select({ id: trainingCourses.id })
            .from(trainingCourses)
            .where(
              sql`${trainingCourses.id} = ANY(${`{${courseIds.join(',')}}`}::uuid[]) AND ${trainingCourses.publishedVersion} IS NOT NULL`,
            )
        ).map((c) => c.id),
      )
    : new Set<string>();
  body.questions.forEach((q, i) => {
    if (ids.has(q.id)) errors.push(fieldError(`body.questions.${i}.id`, 'training.duplicate_id'));
    ids.add(q.id);
    if (!q.options.some((o) => o.id === q.correctOptionId))
      errors.push(fieldError(`body.questions.${i}.correctOptionId`, 'training.unknown_option'));
    if (q.followUpCourseId && !courses.has(q.followUpCourseId))
      errors.push(fieldError(`body.questions.${i}.followUpCourseId`, 'training.course_not_published'));
  });
  let unitPath = '/';
  if (body.unitId) {
    const [u] = await ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, body.unitId));
    if (!u) errors.push(fieldError('body.unitId', 'training.unknown_unit'));
    else unitPath = u.path;
  }
  if (errors.length) throw invalid(errors);
  const id = await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(selfCheckCampaigns)
      .values({ ...body, unitPath, createdBy: ctx.principal!.userId })
      .returning({ id: selfCheckCampaigns.id });
    await audit({
      action: 'training.self_check.create',
      targetType: 'self_check',
      targetId: row!.id,
      orgPath: unitPath === '/' ? null : unitPath,
      after: body,
    });
    return row!.id;
  });
  return getSelfCheck(ctx, id);
}

/**
 * Records my answers (once per campaign, while it is open, when it asks me). Wrong answers are counted by topic and
 * each assigns its question's follow-up course, due in 30 days.
 */
export async function answerSelfCheck(ctx: Ctx, id: string, body: SelfCheckAnswerBody) {
  const me = await requireMe(ctx);
  return inTransaction(ctx, async (tx, audit) => {
    const [c] = await tx.select().from(selfCheckCampaigns).where(eq(selfCheckCampaigns.id, id));
    if (!c || !inScope(c, me)) throw notFound();
    if (!isOpen(c, todayJst())) throw conflict(msg('training.self_check_closed'));
    const byId = new Map(c.questions.map((q) => [q.id, q]));
    const errors: FieldError[] = [];
    const given = new Map<string, string>();
    body.answers.forEach((a, i) => {
      const q = byId.get(a.questionId);
      if (!q) return errors.push(fieldError(`body.answers.${i}.questionId`, 'training.unknown_question'));
      if (given.has(a.questionId)) return errors.push(fieldError(`body.answers.${i}.questionId`, 'training.duplicate_id'));
      if (!q.options.some((o) => o.id === a.optionId))
        errors.push(fieldError(`body.answers.${i}.optionId`, 'training.unknown_option'));
      given.set(a.questionId, a.optionId);
    });
    c.questions.forEach((q) => {
      if (!given.has(q.id)) errors.push(fieldError(`body.answers`, 'training.answer_every_question', { question: q.id }));
    });
    if (errors.length) throw invalid(errors);
    const results = c.questions.map((q) => ({ questionId: q.id, correct: given.get(q.id) === q.correctOptionId }));
    const wrong = c.questions.filter((q) => given.get(q.id) !== q.correctOptionId);
    const [row] = await tx
      .insert(selfCheckResponses)
      .values({
        campaignId: id,
        personId: me.personId,
        unitId: me.unitId,
        unitPath: me.unitPath,
        answers: body.answers,
        wrongTopics: wrong.map((q) => q.topic),
      })
      .onConflictDoNothing()
      .returning({ p: selfCheckResponses.personId });
    if (!row) throw conflict(msg('training.self_check_answered'));
    const follow = [...new Set(wrong.flatMap((q) => (q.followUpCourseId ? [q.followUpCourseId] : [])))];
    let assigned = 0;
    if (follow.length) {
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO training_assignments (person_id, course_id, unit_id, unit_path, due_on)
            SELECT ${me.personId}::uuid, c.id, ${me.unitId}::uuid, ${me.unitPath}, ${addDays(todayJst(), 30)}::date
              FROM training_courses c WHERE c.id = ANY(${`{${follow.join(',')}}`}::uuid[]) AND c.published_version IS NOT NULL
            ON CONFLICT (person_id, course_id) WHERE status <> 'expired' DO NOTHING RETURNING id`,
      );
      assigned = rows.length;
    }
    await audit({
      action: 'training.self_check.answer',
      targetType: 'self_check',
      targetId: id,
      orgPath: me.unitPath,
      after: { wrong: wrong.map((q) => q.id), followUps: assigned },
    });
    return { wrong: wrong.length, results, followUpCourses: assigned };
  });
}

/** Results per unit (the unit people belonged to when answering) in the reader's scope: asked, answered, all right, wrong by topic. */
export async function selfCheckResults(ctx: Ctx, id: string): Promise<SelfCheckResultRow[]> {
  const { c, scope } = await load(ctx, id);
  if (scope.kind === 'none') throw notFound();
  const rows = await queryRows<{
    id: string;
    code: string;
    name_ja: string;
    name_en: string;
    asked: number;
    answered: number;
    all_right: number;
    topics: string[] | null;
  }>(
    ctx.db,
    sql`SELECT u.id, u.code, u.name_ja, u.name_en,
          (SELECT count(*)::int FROM people p WHERE p.org_unit_id = u.id AND p.status = 'active') AS asked,
          count(DISTINCT r.person_id)::int AS answered,
          count(DISTINCT r.person_id) FILTER (WHERE cardinality(r.wrong_topics) = 0)::int AS all_right,
          array_agg(t.topic) FILTER (WHERE t.topic IS NOT NULL) AS topics
        FROM org_units u
        LEFT JOIN self_check_responses r ON r.campaign_id = ${c.id}::uuid AND r.unit_id = u.id
        LEFT JOIN LATERAL unnest(r.wrong_topics) AS t(topic) ON true
       WHERE u.path LIKE ${c.unitPath + '%'} AND ${scopeSql(scope, sql`u.path`)}
         AND EXISTS (SELECT 1 FROM people p WHERE p.org_unit_id = u.id AND p.status = 'active')
       GROUP BY u.id, u.code, u.name_ja, u.name_en ORDER BY u.code LIMIT 3000`,
  );
  return rows.map((r) => {
    const wrongByTopic: Record<string, number> = {};
    for (const t of r.topics ?? []) wrongByTopic[t] = (wrongByTopic[t] ?? 0) + 1;
    return {
      unit: { id: r.id, code: r.code, name: { ja: r.name_ja, en: r.name_en } },
      asked: Number(r.asked),
      answered: Number(r.answered),
      allRight: Number(r.all_right),
      wrongByTopic,
    };
  });
}
