import type {
  AnswerAuditFindingBody,
  CreateAuditFindingBody,
  AuditFinding,
  AuditFindingListQuery,
  FindingState,
  VerifyAuditFindingBody,
} from '@mamori/contracts';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { Principal } from '../../platform/access/principal';
import { covers, scopeOf } from '../../platform/access/scope';
import { conflict, fieldError, forbidden, invalid, msg, notFound } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { isControlId } from '../controls/service';
import { orgUnits } from '../org/tables';
import { canConduct, myAuditorId, requireAny, requireConduct, visibleAuditSql } from './access';
import { todayTokyo } from './auditors';
import { isClause } from './checklist-catalog';
import { auditFindings, internalAudits } from './tables';

type FindingRow = typeof auditFindings.$inferSelect;
type AuditRow = typeof internalAudits.$inferSelect;
const NONCONFORMITY = ['major', 'minor'];
const DAY = 86_400_000;
export const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * DAY).toISOString().slice(0, 10);

const readers = ['audits:read', 'audits:conduct', 'findings:answer'] as const;

export function presentFinding(
  f: FindingRow,
  audit: AuditRow,
  unit: { ja: string; en: string },
  principal: Principal | null,
  me: string | null,
  today = todayTokyo(),
): AuditFinding {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: f.id,
    rowVersion: f.rowVersion,
    auditId: f.auditId,
    number: f.number,
    unit: { id: f.unitId, name: unit },
    type: f.type,
    referenceKind: f.referenceKind,
    reference: f.reference,
    statement: f.statement,
    evidence: f.evidence,
    state: f.state,
    dueDate: f.dueDate,
    overdue: (f.state === 'open' || f.state === 'answered') && !!f.dueDate && f.dueDate < today,
    correctiveAction:
      f.answeredAt && f.rootCause !== null
        ? {
            rootCause: f.rootCause,
            whySteps: f.whySteps ?? [],
            actionPlan: f.actionPlan ?? '',
            owner: f.actionOwner ?? '',
            dueDate: f.dueDate ?? '',
            answeredAt: f.answeredAt.toISOString(),
          }
        : null,
    effectivenessCheck: f.effectivenessCheck,
    reopenReason: f.reopenReason,
    closedAt: iso(f.closedAt),
    createdAt: f.createdAt.toISOString(),
    can: {
      answer: f.state === 'open' && covers(scopeOf(principal, 'findings:answer'), f.unitPath),
      verify: (f.state === 'answered' || f.state === 'closed') && canConduct(principal, audit, me),
    },
  };
}

const findingColumns = { f: auditFindings, a: internalAudits, unitJa: orgUnits.nameJa, unitEn: orgUnits.nameEn };

function selectFindings(db: Db, where: SQL | undefined) {
  return db
    .select(findingColumns)
    .from(auditFindings)
    .innerJoin(internalAudits, eq(internalAudits.id, auditFindings.auditId))
    .innerJoin(orgUnits, eq(orgUnits.id, auditFindings.unitId))
    .where(where);
}

/** Loads a finding the reader may see (through its audit), or 404. */
async function loadFinding(db: Db, ctx: Ctx, id: string) {
  requireAny(ctx.principal, [...readers]);
  const me = await myAuditorId(db, ctx.principal);
  const [row] = await selectFindings(db, and(eq(auditFindings.id, id), visibleAuditSql(ctx.principal, me)));
  if (!row) throw notFound('The finding');
  return { ...row, me };
}

export async function getFinding(ctx: Ctx, id: string): Promise<AuditFinding> {
  const r = await loadFinding(ctx.db, ctx, id);
  return presentFinding(r.f, r.a, { ja: r.unitJa, en: r.unitEn }, ctx.principal, r.me);
}

const overdueSql = (today: string) =>
  sql`(${auditFindings.state} IN ('open', 'answered') AND ${auditFindings.dueDate} < ${today}::date)`;

export async function listFindings(ctx: Ctx, q: z.infer<typeof AuditFindingListQuery>) {
  requireAny(ctx.principal, [...readers]);
  const me = await myAuditorId(ctx.db, ctx.principal);
  const today = todayTokyo();
  const where = and(
    visibleAuditSql(ctx.principal, me),
    q.auditId ? eq(auditFindings.auditId, q.auditId) : undefined,
    q.state ? eq(auditFindings.state, q.state) : undefined,
    q.type ? eq(auditFindings.type, q.type) : undefined,
    q.fiscalYear ? eq(auditFindings.fiscalYear, q.fiscalYear) : undefined,
    q.overdue === 'true' ? overdueSql(today) : q.overdue === 'false' ? sql`NOT ${overdueSql(today)}` : undefined,
  );
  const rows = await selectFindings(ctx.db, where)
    .orderBy(desc(overdueSql(today)), asc(auditFindings.dueDate), asc(auditFindings.createdAt), asc(auditFindings.id))
    .limit(q.limit);
  const [total] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditFindings)
    .innerJoin(internalAudits, eq(internalAudits.id, auditFindings.auditId))
    .where(where);
  return {
    items: rows.map((r) => presentFinding(r.f, r.a, { ja: r.unitJa, en: r.unitEn }, ctx.principal, me, today)),
    total: Number(total?.n ?? 0),
  };
}

/** The corrective-action board: nonconformities by state, overdue first, then by due date. */
export async function findingBoard(ctx: Ctx, fiscalYear: number | undefined, perColumn: number) {
  const states: FindingState[] = ['open', 'answered', 'closed'];
  const columns = [];
  for (const state of states) {
    const page = await listFindings(ctx, { state, fiscalYear, limit: perColumn });
    columns.push({ state, items: page.items.filter((f) => NONCONFORMITY.includes(f.type)), total: page.total });
  }
  return { columns };
}

/** Resolves the finding's reference: an Annex A control (5.1 … 8.34) or a clause of the standard (4.1 … 10.2). */
function reference(body: z.infer<typeof CreateAuditFindingBody>): { kind: 'clause' | 'control'; ref: string } {
  const ref = body.reference.replace(/^A\./i, '').trim();
  if (!ref) throw invalid([fieldError('body.reference', 'audits.reference_required')]);
  const kind = body.referenceKind ?? (isControlId(ref) ? 'control' : 'clause');
  const ok = kind === 'control' ? isControlId(ref) : isClause(ref);
  if (!ok) throw invalid([fieldError('body.reference', 'audits.reference_unknown', { reference: body.reference })]);
  return { kind, ref };
}

/** Records a finding on an audit in progress or reported (its assigned auditors). A nonconformity awaits an answer. */
export async function createFinding(ctx: Ctx, body: z.infer<typeof CreateAuditFindingBody>): Promise<AuditFinding> {
  const { kind, ref } = reference(body);
  const nonconformity = NONCONFORMITY.includes(body.type);
  const today = todayTokyo();
  if (body.answerDueDate && body.answerDueDate < today) throw invalid([fieldError('body.answerDueDate', 'audits.due_in_past')]);
  const id = await inTransaction(ctx, async (tx, audit) => {
    const { audit: a } = await loadForUpdate(tx, internalAudits, body.auditId, () => requireConduct(tx, ctx, body.auditId));
    if (a.state !== 'in_progress' && a.state !== 'reported') throw conflict(msg('audits.wrong_state', { state: a.state }));
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${auditFindings.number}), 0)::int` })
      .from(auditFindings)
      .where(eq(auditFindings.auditId, a.id));
    const [row] = await tx
      .insert(auditFindings)
      .values({
        auditId: a.id,
        number: Number(last?.n ?? 0) + 1,
        fiscalYear: a.fiscalYear,
        unitId: a.unitId,
        unitPath: a.unitPath,
        type: body.type,
        referenceKind: kind,
        reference: ref,
        statement: body.statement,
        evidence: body.evidence,
        state: nonconformity ? 'open' : 'noted',
        dueDate: nonconformity ? (body.answerDueDate ?? addDays(today, 30)) : null,
        createdBy: ctx.principal!.userId,
      })
      .returning();
    await tx.update(internalAudits).set({ updatedAt: new Date() }).where(eq(internalAudits.id, a.id));
    await audit({
      action: 'audit_finding.create',
      targetType: 'audit_finding',
      targetId: row!.id,
      orgPath: a.unitPath,
      after: { auditId: a.id, type: body.type, reference: ref },
    });
    return row!.id;
  });
  return getFinding(ctx, id);
}

async function lockFinding(tx: Db, ctx: Ctx, id: string, expected?: Precondition) {
  return loadForUpdate(tx, auditFindings, id, () => loadFinding(tx, ctx, id), expected);
}

/** The audited unit's corrective action (findings:answer over the unit): open → answered, the action's due date. */
export async function answerFinding(ctx: Ctx, id: string, body: z.infer<typeof AnswerAuditFindingBody>, expected?: Precondition) {
  if (body.dueDate < todayTokyo()) throw invalid([fieldError('body.dueDate', 'audits.due_in_past')]);
  await inTransaction(ctx, async (tx, audit) => {
    const { f } = await lockFinding(tx, ctx, id, expected);
    if (!covers(scopeOf(ctx.principal, 'findings:answer'), f.unitPath)) throw forbidden(msg('audits.answer_not_yours'));
    if (f.state !== 'open') throw conflict(msg('audits.finding_not_open', { state: f.state }));
    await tx
      .update(auditFindings)
      .set({
        state: 'answered',
        rootCause: body.rootCause,
        whySteps: body.whySteps,
        actionPlan: body.actionPlan,
        actionOwner: body.owner,
        dueDate: body.dueDate,
        answeredBy: ctx.principal!.userId,
        answeredAt: new Date(),
        escalatedAt: null,
        updatedAt: new Date(),
      })
      .where(eq(auditFindings.id, id));
    await audit({
      action: 'audit_finding.answer',
      targetType: 'audit_finding',
      targetId: id,
      orgPath: f.unitPath,
      before: { state: f.state },
      after: { state: 'answered', dueDate: body.dueDate, owner: body.owner },
    });
  });
  return getFinding(ctx, id);
}

/**
 * The auditor's verification (an assigned auditor of the finding's audit): close an answered nonconformity after
 * checking that its action worked (the check is required: closing without it is refused), or reopen it (the reason
 * is required) so the unit answers again within 14 days.
 */
export async function verifyFinding(ctx: Ctx, id: string, body: z.infer<typeof VerifyAuditFindingBody>, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const { f, a, me } = await lockFinding(tx, ctx, id, expected);
    if (!canConduct(ctx.principal, a, me)) throw forbidden(msg('audits.not_assigned'));
    if (body.decision === 'close') {
      if (f.state !== 'answered') throw conflict(msg('audits.finding_not_answered', { state: f.state }));
      if (!body.effectivenessCheck.trim())
        throw invalid([fieldError('body.effectivenessCheck', 'audits.effectiveness_required')], msg('audits.close_unchecked'));
      await tx
        .update(auditFindings)
        .set({
          state: 'closed',
          effectivenessCheck: body.effectivenessCheck,
          verifiedBy: ctx.principal!.userId,
          closedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(auditFindings.id, id));
    } else {
      if (f.state !== 'answered' && f.state !== 'closed') throw conflict(msg('audits.finding_not_answered', { state: f.state }));
      if (!body.reason.trim()) throw invalid([fieldError('body.reason', 'audits.reopen_reason_required')]);
      await tx
        .update(auditFindings)
        .set({
          state: 'open',
          reopenReason: body.reason,
          dueDate: addDays(todayTokyo(), 14),
          closedAt: null,
          effectivenessCheck: null,
          escalatedAt: null,
          updatedAt: new Date(),
        })
        .where(eq(auditFindings.id, id));
    }
    await audit({
      action: body.decision === 'close' ? 'audit_finding.close' : 'audit_finding.reopen',
      targetType: 'audit_finding',
      targetId: id,
      orgPath: f.unitPath,
      before: { state: f.state },
      after:
        body.decision === 'close'
          ? { state: 'closed', effectivenessCheck: body.effectivenessCheck }
          : { state: 'open', reason: body.reason },
    });
  });
  return getFinding(ctx, id);
}

/** AuditFinding rows of audits (PDF report, XLSX export). */
export function findingsOfAudits(db: Db, auditIds: string[]) {
  if (!auditIds.length) return Promise.resolve([]);
  return selectFindings(db, inArray(auditFindings.auditId, auditIds)).orderBy(
    asc(auditFindings.auditId),
    asc(auditFindings.number),
  );
}
