import {
  AddAuditEvidenceBody,
  AnswerAuditFindingBody,
  InternalAudit,
  AuditEvidence,
  InternalAuditListQuery,
  AuditProgramme,
  AuditProgrammeSummary,
  InternalAuditSummary,
  AuditTransitionBody,
  AuditChecklistItem,
  ChecklistResultBody,
  CreateAuditorBody,
  CreateAuditFindingBody,
  CreateProgrammeBody,
  AuditFinding,
  AuditFindingBoard,
  AuditFindingListQuery,
  FollowUpBody,
  InternalAuditor,
  PlanAuditsBody,
  UnitProposal,
  UpdateAuditBody,
  UpdateAuditorBody,
  VerifyAuditFindingBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { scheduleFollowUp, setChecklistResult, transitionAudit, updateAudit } from './audit-conduct';
import { addAuditEvidence, downloadAuditEvidence } from './audit-evidence';
import { getAudit, listAudits } from './audit-read';
import { createAuditor, getAuditor, listAuditors, updateAuditor } from './auditors';
import { answerFinding, createFinding, findingBoard, getFinding, listFindings, verifyFinding } from './findings';
import { createProgramme, getProgramme, listProgrammes, loadProgramme, planAudits, proposeUnits } from './programmes';
import { auditReportPdf, programmePdf, programmeXlsx } from './report';
import { auditProgrammeSummary } from './summary';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Id = z.object({ id: z.uuid() }).strict();
const Lang = z.object({ lang: z.enum(['ja', 'en']).optional() }).strict();
const FyQuery = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100).optional() }).strict();

/**
 * Internal audits (issue #12): the auditor register, yearly programmes, audits with checklist and evidence,
 * findings with corrective actions, the board, the report PDF and the programme summary (PDF, XLSX).
 */
export const auditsModule: Module = () =>
  async function audits(app) {
    const tags = ['internal audits'];
    const read = { access: { action: 'audits:read' as const } };
    const manage = { access: { action: 'audits:manage' as const } };
    const conduct = { access: { action: 'audits:conduct' as const } };
    const answer = { access: { action: 'findings:answer' as const } };
    // finding pages are read by the programme's readers, the assigned auditors and the audited unit's answerers:
    // the service requires one of audits:read / audits:conduct / findings:answer and applies each one's record rule
    const findingReaders = { access: { auth: 'signed-in' as const } };

    app.get(
      '/auditors',
      {
        config: read,
        schema: { tags, summary: 'The register of qualified internal auditors', response: { 200: z.array(InternalAuditor) } },
      },
      (req) => listAuditors(req.ctx),
    );
    app.get(
      '/auditors/:id',
      { config: { ...read, etag: true }, schema: { tags, params: Id, response: { 200: InternalAuditor } } },
      (req) => getAuditor(req.ctx.db, req.params.id),
    );
    app.post(
      '/auditors',
      {
        config: manage,
        schema: { tags, summary: 'Register a qualified auditor', body: CreateAuditorBody, response: { 201: InternalAuditor } },
      },
      async (req, reply) => reply.code(201).send(await createAuditor(req.ctx, req.body)),
    );
    app.patch(
      '/auditors/:id',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Qualification dates, training record, notes',
          params: Id,
          headers: IfMatchHeaders,
          body: UpdateAuditorBody,
          response: { 200: InternalAuditor },
        },
      },
      (req) => updateAuditor(req.ctx, req.params.id, req.body, ifMatch(req)),
    );

    app.get(
      '/audit-programmes',
      { config: read, schema: { tags, querystring: FyQuery, response: { 200: z.array(AuditProgramme) } } },
      (req) => listProgrammes(req.ctx, req.query.fiscalYear),
    );
    app.post(
      '/audit-programmes',
      {
        config: manage,
        schema: {
          tags,
          summary: 'A yearly programme over a scope',
          body: CreateProgrammeBody,
          response: { 201: AuditProgramme },
        },
      },
      async (req, reply) => reply.code(201).send(await createProgramme(req.ctx, req.body)),
    );
    app.get('/audit-programmes/:id', { config: read, schema: { tags, params: Id, response: { 200: AuditProgramme } } }, (req) =>
      getProgramme(req.ctx, req.params.id),
    );
    app.get(
      '/audit-programmes/:id/summary',
      {
        config: read,
        schema: {
          tags,
          summary: 'Audits by state, findings by type, open and overdue nonconformities',
          params: Id,
          response: { 200: AuditProgrammeSummary },
        },
      },
      async (req) => {
        const p = await loadProgramme(req.ctx.db, req.ctx, req.params.id);
        return auditProgrammeSummary(req.ctx.db, { fiscalYear: p.fiscalYear, unitPath: p.scopePath });
      },
    );
    app.get(
      '/audit-programmes/:id/proposals',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Units to audit, best first: never audited, longest since the last audit, most high risks',
          params: Id,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(150) }).strict(),
          response: { 200: z.array(UnitProposal) },
        },
      },
      (req) => proposeUnits(req.ctx, req.params.id, req.query.limit),
    );
    app.post(
      '/audit-programmes/:id/audits',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Plan audits (up to 500 at once), all or none',
          params: Id,
          body: PlanAuditsBody,
          response: { 201: z.object({ created: z.array(z.uuid()) }) },
        },
      },
      async (req, reply) => reply.code(201).send(await planAudits(req.ctx, req.params.id, req.body)),
    );
    app.get(
      '/audit-programmes/:id/findings.xlsx',
      { config: read, schema: { tags, summary: "The programme's findings as XLSX", params: Id, querystring: Lang } },
      async (req, reply) => {
        const { file, name } = await programmeXlsx(req.ctx, req.params.id, req.query.lang ?? req.principal?.language ?? 'ja');
        return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );
    app.get(
      '/audit-programmes/:id/summary.pdf',
      { config: read, schema: { tags, summary: 'The programme summary for the CISO (PDF)', params: Id, querystring: Lang } },
      async (req, reply) => {
        const { file, name } = await programmePdf(req.ctx, req.params.id, req.query.lang ?? req.principal?.language ?? 'ja');
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );

    app.get(
      '/audits',
      {
        config: read,
        schema: {
          tags,
          querystring: InternalAuditListQuery,
          response: { 200: z.object({ items: z.array(InternalAuditSummary), total: z.number().int() }) },
        },
      },
      (req) => listAudits(req.ctx, req.query),
    );
    app.get(
      '/audits/:id',
      { config: { ...read, etag: true }, schema: { tags, params: Id, response: { 200: InternalAudit } } },
      (req) => getAudit(req.ctx, req.params.id),
    );
    app.patch(
      '/audits/:id',
      {
        config: { ...read, etag: true },
        schema: {
          tags,
          summary: 'Scope, conclusion, interviews (assigned auditors); dates and mode while planned',
          params: Id,
          headers: IfMatchHeaders,
          body: UpdateAuditBody,
          response: { 200: InternalAudit },
        },
      },
      (req) => updateAudit(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/audits/:id/transition',
      {
        config: { ...read, etag: true },
        schema: {
          tags,
          summary: 'planned → in_progress → reported (assigned auditors), reported → closed (the office)',
          params: Id,
          headers: IfMatchHeaders,
          body: AuditTransitionBody,
          response: { 200: InternalAudit },
        },
      },
      (req) => transitionAudit(req.ctx, req.params.id, req.body.to, ifMatch(req)),
    );
    app.put(
      '/audits/:id/checklist/:ref',
      {
        config: conduct,
        schema: {
          tags,
          summary: 'The result and notes of one checklist item',
          params: z.object({ id: z.uuid(), ref: z.string().max(60) }).strict(),
          body: ChecklistResultBody,
          response: { 200: AuditChecklistItem },
        },
      },
      (req) => setChecklistResult(req.ctx, req.params.id, req.params.ref, req.body),
    );
    app.post(
      '/audits/:id/evidence',
      {
        config: conduct,
        bodyLimit: 15 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Attach an evidence file (PDF, Office, image, text; at most 10 MB)',
          params: Id,
          body: AddAuditEvidenceBody,
          response: { 201: AuditEvidence },
        },
      },
      async (req, reply) => reply.code(201).send(await addAuditEvidence(req.ctx, req.params.id, req.body)),
    );
    app.get(
      '/audits/:id/evidence/:evidenceId',
      {
        config: read,
        schema: { tags, summary: 'Download an evidence file', params: z.object({ id: z.uuid(), evidenceId: z.uuid() }).strict() },
      },
      async (req, reply) => {
        const f = await downloadAuditEvidence(req.ctx, req.params.id, req.params.evidenceId);
        return reply
          .type(f.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('x-content-type-options', 'nosniff')
          .send(f.content);
      },
    );
    app.post(
      '/audits/:id/follow-up',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Schedule a follow-up audit from open findings',
          params: Id,
          body: FollowUpBody,
          response: { 201: InternalAudit },
        },
      },
      async (req, reply) => reply.code(201).send(await scheduleFollowUp(req.ctx, req.params.id, req.body)),
    );
    app.get(
      '/audits/:id/report.pdf',
      { config: read, schema: { tags, summary: 'The audit report (ja or en)', params: Id, querystring: Lang } },
      async (req, reply) => {
        const { file, name } = await auditReportPdf(req.ctx, req.params.id, req.query.lang ?? req.principal?.language ?? 'ja');
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );

    app.get(
      '/audit-findings',
      {
        config: findingReaders,
        schema: {
          tags,
          summary: 'Findings the reader may see, overdue first',
          querystring: AuditFindingListQuery,
          response: { 200: z.object({ items: z.array(AuditFinding), total: z.number().int() }) },
        },
      },
      (req) => listFindings(req.ctx, req.query),
    );
    app.get(
      '/audit-findings/board',
      {
        config: findingReaders,
        schema: {
          tags,
          summary: 'The corrective-action board: nonconformities by state, overdue first',
          querystring: FyQuery.extend({ perColumn: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
          response: { 200: AuditFindingBoard },
        },
      },
      (req) => findingBoard(req.ctx, req.query.fiscalYear, req.query.perColumn),
    );
    app.post(
      '/audit-findings',
      {
        config: conduct,
        schema: {
          tags,
          summary: 'Record a finding (a clause or control reference is required)',
          body: CreateAuditFindingBody,
          response: { 201: AuditFinding },
        },
      },
      async (req, reply) => reply.code(201).send(await createFinding(req.ctx, req.body)),
    );
    app.get(
      '/audit-findings/:id',
      { config: { ...findingReaders, etag: true }, schema: { tags, params: Id, response: { 200: AuditFinding } } },
      (req) => getFinding(req.ctx, req.params.id),
    );
    app.post(
      '/audit-findings/:id/answer',
      {
        config: { ...answer, etag: true },
        schema: {
          tags,
          summary: "The unit's corrective action: cause analysis, plan, owner, due date",
          params: Id,
          headers: IfMatchHeaders,
          body: AnswerAuditFindingBody,
          response: { 200: AuditFinding },
        },
      },
      (req) => answerFinding(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/audit-findings/:id/verify',
      {
        config: { ...conduct, etag: true },
        schema: {
          tags,
          summary: 'Close after an effectiveness check, or reopen with a reason',
          params: Id,
          headers: IfMatchHeaders,
          body: VerifyAuditFindingBody,
          response: { 200: AuditFinding },
        },
      },
      (req) => verifyFinding(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
  };
