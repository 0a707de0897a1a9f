import type { ChecklistResultBody, FollowUpBody, UpdateAuditBody } from '@mamori/contracts';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { conflict, fieldError, forbidden, invalid, msg, notFound } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { approvedSoaEntries, controlInfo } from '../controls/service';
import { canConduct, canManage, loadAudit, requireConduct } from './access';
import { auditorRows, checkAssignment } from './auditors';
import { checklistRules } from './checklist-catalog';
import { auditChecklistItems, auditFindings, internalAudits } from './tables';
import { getAudit } from './audit-read';
import { changesTeam, replanErrors, replans } from './replan';

/**
 * Conducting an internal audit (issue #12): its fields, the checklist built as it starts, its state changes, checklist
 * results and a follow-up audit scheduled from open findings.
 */

type AuditRow = typeof internalAudits.$inferSelect;

/** Locks the audit for a change by its assigned auditors, in one of the allowed states (409 otherwise). */
export async function lockForConduct(tx: Db, ctx: Ctx, id: string, allowed: AuditRow['state'][], expected?: Precondition) {
  const { audit } = await loadForUpdate(tx, internalAudits, id, () => requireConduct(tx, ctx, id), expected);
  if (!allowed.includes(audit.state)) throw conflict(msg('audits.wrong_state', { state: audit.state }));
  return audit;
}

/** Scope, conclusion, interviews, dates and mode; the office may re-plan dates while the audit is planned. */
export async function updateAudit(ctx: Ctx, id: string, body: z.infer<typeof UpdateAuditBody>, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const { audit: row, me } = await loadForUpdate(tx, internalAudits, id, () => loadAudit(tx, ctx, id), expected);
    const conduct = canConduct(ctx.principal, row, me);
    const manage = canManage(ctx.principal, row.unitPath);
    if (!conduct && !manage) throw forbidden(msg('audits.not_assigned'));
    if (row.state === 'closed') throw conflict(msg('audits.wrong_state', { state: row.state }));
    // the team is the office's to change; days and mode also the assigned auditors', both only while planned
    if (changesTeam(body) && !manage) throw forbidden(msg('audits.manage_only'));
    if (replans(body)) {
      if (row.state !== 'planned') throw conflict(msg('audits.wrong_state', { state: row.state }));
      const errors = await replanErrors(tx, row, body);
      if (errors.length) throw invalid(errors);
    }
    if (body.coAuditorIds) body = { ...body, coAuditorIds: [...new Set(body.coAuditorIds)] };
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    await tx
      .update(internalAudits)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(internalAudits.id, id));
    await audit({
      action: 'internal_audit.update',
      targetType: 'internal_audit',
      targetId: id,
      orgPath: row.unitPath,
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof AuditRow]])),
      after: changes,
    });
  });
  return getAudit(ctx, id);
}

/** The ISMS scope's approved SoA nearest above the unit (the unit's own, its site's, the group's). */
async function applicableControls(db: Db, unitPath: string): Promise<string[]> {
  const ancestors = unitPath.split('/').filter(Boolean).reverse();
  for (const unitId of ancestors) {
    const entries = await approvedSoaEntries(db, unitId);
    if (entries) return entries.filter((e) => e.applicable).map((e) => e.controlId);
  }
  return [];
}

/** The checklist of an audit as it starts: the group's rules, then each applicable control, then open findings. */
export async function buildChecklist(db: Db, audit: AuditRow) {
  const rules = checklistRules().map((r) => ({
    ref: `R:${r.code}`,
    source: 'rule' as const,
    reference: r.clause,
    questionJa: r.ja,
    questionEn: r.en,
  }));
  const controls = (await applicableControls(db, audit.unitPath)).map((c) => {
    const info = controlInfo(c);
    return {
      ref: `C:${c}`,
      source: 'control' as const,
      reference: c,
      questionJa: `${c} ${info?.title.ja ?? ''}: ${info?.guidance.ja ?? ''}`.trim(),
      questionEn: `${c} ${info?.title.en ?? ''}: ${info?.guidance.en ?? ''}`.trim(),
    };
  });
  const followed = audit.followUpOf
    ? (
        await db
          .select()
          .from(auditFindings)
          .where(and(eq(auditFindings.auditId, audit.followUpOf), inArray(auditFindings.state, ['open', 'answered'])))
          .orderBy(asc(auditFindings.number))
      ).map((f) => ({
        ref: `F:${f.id}`,
        source: 'finding' as const,
        reference: f.reference,
        questionJa: `前回指摘 ${f.number} の是正状況: ${f.statement}`,
        questionEn: `Corrective action of earlier finding ${f.number}: ${f.statement}`,
      }))
    : [];
  return [...followed, ...rules, ...controls].map((x, position) => ({ ...x, position, auditId: audit.id }));
}

/**
 * planned → in_progress (an assigned auditor; the checklist is built), in_progress → reported (an assigned auditor;
 * the conclusion is required), reported → closed (the office that manages the unit's audits).
 */
export async function transitionAudit(ctx: Ctx, id: string, to: 'in_progress' | 'reported' | 'closed', expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const from = { in_progress: 'planned', reported: 'in_progress', closed: 'reported' } as const;
    let row: AuditRow;
    if (to === 'closed') {
      row = (await loadForUpdate(tx, internalAudits, id, () => loadAudit(tx, ctx, id), expected)).audit;
      if (!canManage(ctx.principal, row.unitPath)) throw forbidden(msg('audits.manage_only'));
      if (row.state !== from[to]) throw conflict(msg('audits.wrong_state', { state: row.state }));
    } else row = await lockForConduct(tx, ctx, id, [from[to]], expected);
    const now = new Date();
    if (to === 'in_progress') {
      const items = await buildChecklist(tx, row);
      if (items.length) await tx.insert(auditChecklistItems).values(items).onConflictDoNothing();
    }
    if (to === 'reported' && !row.conclusion.trim())
      throw invalid([fieldError('body.conclusion', 'audits.conclusion_required')], msg('audits.report_incomplete'));
    await tx
      .update(internalAudits)
      .set({
        state: to,
        updatedAt: now,
        ...(to === 'in_progress' ? { startedAt: now } : to === 'reported' ? { reportedAt: now } : { closedAt: now }),
      })
      .where(eq(internalAudits.id, id));
    await audit({
      action: `internal_audit.${to === 'in_progress' ? 'start' : to === 'reported' ? 'report' : 'close'}`,
      targetType: 'internal_audit',
      targetId: id,
      orgPath: row.unitPath,
      before: { state: row.state },
      after: { state: to },
    });
  });
  return getAudit(ctx, id);
}

export async function setChecklistResult(ctx: Ctx, id: string, ref: string, body: z.infer<typeof ChecklistResultBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await lockForConduct(tx, ctx, id, ['in_progress']);
    const [item] = await tx
      .update(auditChecklistItems)
      .set({ result: body.result, notes: body.notes, updatedBy: ctx.principal!.userId, updatedAt: new Date() })
      .where(and(eq(auditChecklistItems.auditId, id), eq(auditChecklistItems.ref, ref)))
      .returning();
    if (!item) throw notFound('The checklist item');
    await tx.update(internalAudits).set({ updatedAt: new Date() }).where(eq(internalAudits.id, id));
    await audit({
      action: 'internal_audit.checklist',
      targetType: 'internal_audit',
      targetId: id,
      orgPath: row.unitPath,
      after: { ref, result: body.result },
    });
    return {
      ref: item.ref,
      source: item.source,
      reference: item.reference,
      question: { ja: item.questionJa, en: item.questionEn },
      result: item.result,
      notes: item.notes,
    };
  });
}

/**
 * Schedules a follow-up audit of the same unit from an audit with open nonconformities (the office): its checklist
 * starts with those findings. The lead auditor passes the same rules as any assignment.
 */
export async function scheduleFollowUp(ctx: Ctx, id: string, body: z.infer<typeof FollowUpBody>) {
  const newId = await inTransaction(ctx, async (tx, audit) => {
    const { audit: row } = await loadForUpdate(tx, internalAudits, id, () => loadAudit(tx, ctx, id));
    if (!canManage(ctx.principal, row.unitPath)) throw forbidden(msg('audits.manage_only'));
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(auditFindings)
      .where(and(eq(auditFindings.auditId, id), inArray(auditFindings.state, ['open', 'answered'])));
    if (!Number(open?.n)) throw conflict(msg('audits.no_open_findings'));
    const [pending] = await tx
      .select({ id: internalAudits.id })
      .from(internalAudits)
      .where(and(eq(internalAudits.followUpOf, id), ne(internalAudits.state, 'closed')));
    if (pending) throw conflict(msg('audits.follow_up_exists'));
    const errors = [];
    if (body.plannedTo < body.plannedFrom) errors.push(fieldError('body.plannedTo', 'audits.dates_reversed'));
    const auditors = new Map((await auditorRows(tx, [body.leadAuditorId])).map((a) => [a.a.id, a] as const));
    errors.push(
      ...checkAssignment(auditors, row.unitPath, body.plannedTo, [{ path: 'body.leadAuditorId', id: body.leadAuditorId }]),
    );
    if (errors.length) throw invalid(errors);
    const [created] = await tx
      .insert(internalAudits)
      .values({
        programmeId: row.programmeId,
        fiscalYear: row.fiscalYear,
        unitId: row.unitId,
        unitPath: row.unitPath,
        leadAuditorId: body.leadAuditorId,
        plannedFrom: body.plannedFrom,
        plannedTo: body.plannedTo,
        mode: body.mode,
        scope: row.scope,
        followUpOf: id,
      })
      .returning({ id: internalAudits.id });
    await audit({
      action: 'internal_audit.follow_up',
      targetType: 'internal_audit',
      targetId: created!.id,
      orgPath: row.unitPath,
      after: { followUpOf: id, plannedFrom: body.plannedFrom },
    });
    return created!.id;
  });
  return getAudit(ctx, newId);
}
