import type {
  ControlStatusAnswer,
  ControlStatusAnswerBody,
  ControlStatusRequest,
  CreateControlStatusRequestBody,
} from '@mamori/contracts';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { covers, escapeLike, scopeOf, scopeSql } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { fieldError, invalid, notFound, type FieldError } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { siteOfPathSql } from '../org/service';
import { orgUnits } from '../org/tables';
import { isControlId } from './service';
import { controlOrder } from './soa-read';
import { controlStatusAnswers, controlStatusRequests } from './tables';

type RequestRow = typeof controlStatusRequests.$inferSelect;
type AnswerRow = typeof controlStatusAnswers.$inferSelect;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Opens a request: every unit in the chosen subtrees (inside the caller's soa:manage scope) gets one answer to
 * give, for the chosen controls, by the due date.
 */
export async function createStatusRequest(ctx: Ctx, body: z.infer<typeof CreateControlStatusRequestBody>) {
  const errors: FieldError[] = [];
  body.controlIds.forEach((c, i) => {
    if (!isControlId(c)) errors.push(fieldError(`body.controlIds.${i}`, 'control_status.unknown_control'));
    else if (body.controlIds.indexOf(c) !== i)
      errors.push(fieldError(`body.controlIds.${i}`, 'control_status.duplicate_control'));
  });
  if (body.dueDate < today()) errors.push(fieldError('body.dueDate', 'control_status.due_past'));
  const manage = scopeOf(ctx.principal, 'soa:manage');
  const roots = body.unitIds.length
    ? await ctx.db.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, body.unitIds))
    : [];
  body.unitIds.forEach((u, i) => {
    const root = roots.find((r) => r.id === u);
    if (!root || !covers(manage, root.path)) errors.push(fieldError(`body.unitIds.${i}`, 'control_status.unit_out_of_scope'));
  });
  if (errors.length) throw invalid(errors);
  const id = await inTransaction(ctx, async (tx, audit) => {
    const [request] = await tx
      .insert(controlStatusRequests)
      .values({
        title: body.title,
        controlIds: [...body.controlIds].sort((a, b) => controlOrder(a) - controlOrder(b)),
        rootUnitIds: body.unitIds,
        dueDate: body.dueDate,
        createdBy: ctx.principal!.userId,
      })
      .returning();
    // one answer per unit of the chosen subtrees, with its site (also when a subtree starts below the site)
    const inRoots = or(...roots.map((r) => sql`u.path LIKE ${escapeLike(r.path) + '%'}`));
    const created = await queryRows<{ id: string }>(
      tx,
      sql`
      INSERT INTO control_status_answers (request_id, unit_id, unit_path, site_id)
      SELECT ${request!.id}::uuid, u.id, u.path, ${siteOfPathSql(sql`u.path`)} FROM org_units u WHERE ${inRoots}
      RETURNING id`,
    );
    const units = created.length;
    await audit({
      action: 'control-status.request.create',
      targetType: 'control-status-request',
      targetId: request!.id,
      orgPath: roots.length === 1 ? roots[0]!.path : null,
      after: { title: body.title, controlIds: body.controlIds, unitIds: body.unitIds, dueDate: body.dueDate, units },
    });
    return request!.id;
  });
  return getStatusRequest(ctx, id);
}

function counts(answers: AnswerRow[]) {
  const statuses = { not_started: 0, partial: 0, implemented: 0 };
  for (const a of answers) for (const item of a.answers) statuses[item.status]++;
  const answered = answers.filter((a) => a.answeredAt).length;
  return { units: answers.length, answered, pending: answers.length - answered, statuses };
}

const inReadScope = (ctx: Ctx) => scopeSql(scopeOf(ctx.principal, 'controls:read'), controlStatusAnswers.unitPath);

const summary = (r: RequestRow, answers: AnswerRow[]) => ({
  id: r.id,
  title: r.title,
  controlIds: r.controlIds,
  dueDate: r.dueDate,
  createdAt: r.createdAt.toISOString(),
  totals: counts(answers),
});

/** The requests that ask at least one unit in the reader's scope, newest first, counted over that scope. */
export async function listStatusRequests(ctx: Ctx) {
  const requests = await ctx.db
    .select()
    .from(controlStatusRequests)
    .where(
      inArray(
        controlStatusRequests.id,
        ctx.db.select({ id: controlStatusAnswers.requestId }).from(controlStatusAnswers).where(inReadScope(ctx)),
      ),
    )
    .orderBy(desc(controlStatusRequests.createdAt))
    .limit(200);
  if (!requests.length) return [];
  const answers = await ctx.db
    .select()
    .from(controlStatusAnswers)
    .where(
      and(
        inArray(
          controlStatusAnswers.requestId,
          requests.map((r) => r.id),
        ),
        inReadScope(ctx),
      ),
    );
  return requests.map((r) =>
    summary(
      r,
      answers.filter((a) => a.requestId === r.id),
    ),
  );
}

/** One request rolled up like an inventory: totals, per site, and each unit of the reader's scope. */
export async function getStatusRequest(ctx: Ctx, id: string): Promise<ControlStatusRequest> {
  const [request] = await ctx.db.select().from(controlStatusRequests).where(eq(controlStatusRequests.id, id));
  if (!request) throw notFound('The request');
  const answers = await ctx.db
    .select()
    .from(controlStatusAnswers)
    .where(and(eq(controlStatusAnswers.requestId, id), inReadScope(ctx)))
    .orderBy(controlStatusAnswers.unitPath);
  if (!answers.length) throw notFound('The request');
  const unitIds = [...new Set(answers.flatMap((a) => [a.unitId, a.siteId]).filter((x): x is string => !!x))];
  const names = await ctx.db
    .select({ id: orgUnits.id, ja: orgUnits.nameJa, en: orgUnits.nameEn })
    .from(orgUnits)
    .where(inArray(orgUnits.id, unitIds));
  const by = [...new Set(answers.map((a) => a.answeredBy).filter((x): x is string => !!x))];
  const people = by.length
    ? await ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, by))
    : [];
  const name = (uid: string) => {
    const n = names.find((x) => x.id === uid);
    return { ja: n?.ja ?? '', en: n?.en ?? '' };
  };
  const siteIds = [...new Set(answers.map((a) => a.siteId))];
  return {
    ...summary(request, answers),
    sites: siteIds.map((s) => ({
      site: s ? { id: s, name: name(s) } : null,
      ...counts(answers.filter((a) => a.siteId === s)),
    })),
    units: answers.map((a): ControlStatusAnswer => ({
      unit: { id: a.unitId, name: name(a.unitId) },
      siteId: a.siteId,
      status: a.answeredAt ? 'answered' : 'pending',
      answers: a.answers,
      answeredAt: a.answeredAt?.toISOString() ?? null,
      answeredBy: people.find((p) => p.id === a.answeredBy)?.name ?? null,
      rowVersion: a.rowVersion,
    })),
  };
}

async function loadAnswer(db: Db, ctx: Ctx, id: string, unitId: string) {
  const [row] = await db
    .select({ answer: controlStatusAnswers, request: controlStatusRequests })
    .from(controlStatusAnswers)
    .innerJoin(controlStatusRequests, eq(controlStatusRequests.id, controlStatusAnswers.requestId))
    .where(and(eq(controlStatusAnswers.requestId, id), eq(controlStatusAnswers.unitId, unitId)));
  if (!row || !covers(scopeOf(ctx.principal, 'control-status:answer'), row.answer.unitPath)) throw notFound('The request');
  return row;
}

/**
 * A unit's answer (its org head or promotion leader): a status and comment for every control of the request. It
 * may be given again (corrected) until the request is closed; If-Match guards against overwriting a colleague.
 */
export async function answerStatusRequest(
  ctx: Ctx,
  id: string,
  unitId: string,
  body: z.infer<typeof ControlStatusAnswerBody>,
  expected?: Precondition,
) {
  await inTransaction(ctx, async (tx, audit) => {
    const found = await loadAnswer(tx, ctx, id, unitId);
    const { answer, request } = await loadForUpdate(
      tx,
      controlStatusAnswers,
      found.answer.id,
      () => loadAnswer(tx, ctx, id, unitId),
      expected,
    );
    const errors: FieldError[] = [];
    body.answers.forEach((a, i) => {
      if (!request.controlIds.includes(a.controlId))
        errors.push(fieldError(`body.answers.${i}.controlId`, 'control_status.control_not_asked'));
      else if (body.answers.findIndex((b) => b.controlId === a.controlId) !== i)
        errors.push(fieldError(`body.answers.${i}.controlId`, 'control_status.duplicate_control'));
    });
    const missing = request.controlIds.filter((c) => !body.answers.some((a) => a.controlId === c));
    if (missing.length) errors.push(fieldError('body.answers', 'control_status.missing_controls', { ids: missing.join(', ') }));
    if (errors.length) throw invalid(errors);
    const items = [...body.answers].sort((a, b) => controlOrder(a.controlId) - controlOrder(b.controlId));
    await tx
      .update(controlStatusAnswers)
      .set({ answers: items, answeredBy: ctx.principal!.userId, answeredAt: new Date() })
      .where(eq(controlStatusAnswers.id, answer.id));
    await audit({
      action: 'control-status.answer',
      targetType: 'control-status-request',
      targetId: id,
      orgPath: answer.unitPath,
      before: answer.answeredAt ? { unitId, answers: answer.answers } : null,
      after: { unitId, answers: items },
    });
  });
  const all = await getStatusRequest(ctx, id);
  return all.units.find((u) => u.unit.id === unitId)!;
}
