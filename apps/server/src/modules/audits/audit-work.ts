import type {
  AddAuditEvidenceBody,
  InternalAudit,
  InternalAuditListQuery,
  InternalAuditSummary,
  ChecklistResultBody,
  FollowUpBody,
  UpdateAuditBody,
} from '@mamori/contracts';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { recordRead } from '../../platform/audit/record';
import { conflict, fieldError, forbidden, invalid, msg, notFound } from '../../platform/errors/app-error';
import { decodeBase64File } from '../../platform/files/base64-file';
import { loadForUpdate } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { approvedSoaEntries, controlInfo } from '../controls/service';
import { orgUnits } from '../org/tables';
import { canConduct, canManage, loadAudit, myAuditorId, requireConduct, visibleAuditSql } from './access';
import { auditorRows, checkAssignment } from './auditors';
import { checklistRules } from './checklist-catalog';
import { auditChecklistItems, auditEvidence, auditFindings, internalAudits } from './tables';

type AuditRow = typeof internalAudits.$inferSelect;

/** The list and page shape of audits: unit and auditor names, finding counts. */
export async function presentAudits(db: Db, rows: AuditRow[]): Promise<InternalAuditSummary[]> {
  if (!rows.length) return [];
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const units = new Map(
    (
      await db
        .select({ id: orgUnits.id, ja: orgUnits.nameJa, en: orgUnits.nameEn })
        .from(orgUnits)
        .where(inArray(orgUnits.id, unitIds))
    ).map((u) => [u.id, { id: u.id, name: { ja: u.ja, en: u.en } }] as const),
  );
  const auditorIds = [...new Set(rows.flatMap((r) => [r.leadAuditorId, ...r.coAuditorIds]))];
  const auditors = new Map(
    (await auditorRows(db, auditorIds)).map((a) => [a.a.id, { id: a.a.id, name: { ja: a.nameJa, en: a.nameEn } }] as const),
  );
  const counts = await db
    .select({
      auditId: auditFindings.auditId,
      n: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${auditFindings.state} in ('open', 'answered'))::int`,
    })
    .from(auditFindings)
    .where(
      inArray(
        auditFindings.auditId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(auditFindings.auditId);
  const byAudit = new Map(counts.map((c) => [c.auditId, c]));
  return rows.map((r) => ({
    id: r.id,
    rowVersion: r.rowVersion,
    programmeId: r.programmeId,
    fiscalYear: r.fiscalYear,
    unit: units.get(r.unitId)!,
    state: r.state,
    mode: r.mode,
    plannedFrom: r.plannedFrom,
    plannedTo: r.plannedTo,
    lead: auditors.get(r.leadAuditorId)!,
    coAuditors: r.coAuditorIds.map((c) => auditors.get(c)).filter((x) => !!x),
    followUpOf: r.followUpOf,
    findings: Number(byAudit.get(r.id)?.n ?? 0),
    openNonconformities: Number(byAudit.get(r.id)?.open ?? 0),
  }));
}

/** Audits the reader may see, by planned start (the programme calendar), filtered by programme, year, month, state. */
export async function listAudits(
  ctx: Ctx,
  q: z.infer<typeof InternalAuditListQuery>,
): Promise<{ items: InternalAuditSummary[]; total: number }> {
  const me = await myAuditorId(ctx.db, ctx.principal);
  const where = and(
    visibleAuditSql(ctx.principal, me),
    q.programmeId ? eq(internalAudits.programmeId, q.programmeId) : undefined,
    q.fiscalYear ? eq(internalAudits.fiscalYear, q.fiscalYear) : undefined,
    q.state ? eq(internalAudits.state, q.state) : undefined,
    q.month ? sql`to_char(${internalAudits.plannedFrom}, 'YYYY-MM') = ${q.month}` : undefined,
    q.mine === 'true'
      ? me
        ? sql`(${internalAudits.leadAuditorId} = ${me} OR ${me}::uuid = ANY(${internalAudits.coAuditorIds}))`
        : sql`false`
      : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(internalAudits)
    .where(where)
    .orderBy(asc(internalAudits.plannedFrom), asc(internalAudits.id))
    .limit(q.limit);
  const [total] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(internalAudits)
    .where(where);
  return { items: await presentAudits(ctx.db, rows), total: Number(total?.n ?? 0) };
}

export async function getAudit(ctx: Ctx, id: string): Promise<InternalAudit> {
  const { audit, me } = await loadAudit(ctx.db, ctx, id);
  const [summary] = await presentAudits(ctx.db, [audit]);
  const items = await ctx.db
    .select()
    .from(auditChecklistItems)
    .where(eq(auditChecklistItems.auditId, id))
    .orderBy(asc(auditChecklistItems.position));
  const files = await ctx.db
    .select({
      id: auditEvidence.id,
      name: auditEvidence.name,
      mediaType: auditEvidence.mediaType,
      size: auditEvidence.size,
      sha256: auditEvidence.sha256,
      uploadedAt: auditEvidence.uploadedAt,
    })
    .from(auditEvidence)
    .where(eq(auditEvidence.auditId, id))
    .orderBy(asc(auditEvidence.uploadedAt));
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    ...summary!,
    scope: audit.scope,
    conclusion: audit.conclusion,
    interviews: audit.interviews,
    checklist: items.map((i) => ({
      ref: i.ref,
      source: i.source,
      reference: i.reference,
      question: { ja: i.questionJa, en: i.questionEn },
      result: i.result,
      notes: i.notes,
    })),
    evidence: files.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() })),
    startedAt: iso(audit.startedAt),
    reportedAt: iso(audit.reportedAt),
    closedAt: iso(audit.closedAt),
    can: { conduct: canConduct(ctx.principal, audit, me), manage: canManage(ctx.principal, audit.unitPath) },
  };
}

/** Locks the audit for a change by its assigned auditors, in one of the allowed states (409 otherwise). */
async function lockForConduct(tx: Db, ctx: Ctx, id: string, allowed: AuditRow['state'][], expected?: Precondition) {
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
    const replans = body.plannedFrom !== undefined || body.plannedTo !== undefined || body.mode !== undefined;
    if (replans && row.state !== 'planned') throw conflict(msg('audits.wrong_state', { state: row.state }));
    const from = body.plannedFrom ?? row.plannedFrom;
    const to = body.plannedTo ?? row.plannedTo;
    if (to < from) throw invalid([fieldError('body.plannedTo', 'audits.dates_reversed')]);
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

export const MAX_AUDIT_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** Documents, spreadsheets, images and text; nothing a browser would run. */
export const AUDIT_EVIDENCE_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
];

/** Stores an evidence file of an audit in progress or reported: allowed type, base64, at most 10 MB, with its SHA-256. */
export async function addAuditEvidence(ctx: Ctx, id: string, body: z.infer<typeof AddAuditEvidenceBody>) {
  const { mediaType, content, sha256 } = decodeBase64File(body, {
    types: AUDIT_EVIDENCE_TYPES,
    maxBytes: MAX_AUDIT_EVIDENCE_BYTES,
    at: 'body',
    codes: {
      type: 'audits.evidence_type',
      base64: 'audits.evidence_base64',
      tooLarge: 'audits.evidence_too_large',
      empty: 'audits.evidence_empty',
    },
  });
  return inTransaction(ctx, async (tx, audit) => {
    const row = await lockForConduct(tx, ctx, id, ['in_progress', 'reported']);
    const [file] = await tx
      .insert(auditEvidence)
      .values({
        auditId: id,
        name: body.name,
        mediaType,
        size: content.length,
        sha256,
        content,
        uploadedBy: ctx.principal!.userId,
      })
      .returning({
        id: auditEvidence.id,
        name: auditEvidence.name,
        mediaType: auditEvidence.mediaType,
        size: auditEvidence.size,
        sha256: auditEvidence.sha256,
        uploadedAt: auditEvidence.uploadedAt,
      });
    await audit({
      action: 'internal_audit.evidence_add',
      targetType: 'internal_audit',
      targetId: id,
      orgPath: row.unitPath,
      after: { evidenceId: file!.id, name: body.name, sha256, size: content.length },
    });
    return { ...file!, uploadedAt: file!.uploadedAt.toISOString() };
  });
}

export async function downloadAuditEvidence(ctx: Ctx, id: string, evidenceId: string) {
  const { audit } = await loadAudit(ctx.db, ctx, id);
  const [file] = await ctx.db
    .select()
    .from(auditEvidence)
    .where(and(eq(auditEvidence.id, evidenceId), eq(auditEvidence.auditId, id)));
  if (!file) throw notFound('The evidence');
  await recordRead(ctx.db, ctx.actor, {
    action: 'internal_audit.evidence_read',
    targetType: 'internal_audit',
    targetId: id,
    orgPath: audit.unitPath,
    detail: { evidenceId },
  });
  return file;
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
