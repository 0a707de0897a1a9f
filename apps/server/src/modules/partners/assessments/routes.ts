import {
  ApproveReopenBody,
  AssessmentExportQuery,
  IdParams,
  ImprovementRequestExportQuery,
  page,
  ReopenBody,
  ReopenRequest,
  ReopenRequestListQuery,
  SubcontractorExportQuery,
  type Language,
} from '@mamori/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { exportAssessments, exportImprovements, exportSubcontractors } from '../reporting/exports';
import { approveReopenRequest, refuseReopenRequest, requestReopen } from './reopen';
import { listReopenRequests } from './reopen-query';
import { XLSX_CONTENT_TYPE } from '../reporting/xlsx-stream';

/** Sends a streamed workbook as a dated download. */
export function sendXlsx(reply: FastifyReply, name: string, file: Readable) {
  return reply
    .type(XLSX_CONTENT_TYPE)
    .header('content-disposition', `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.xlsx"`)
    .send(file);
}
/** Headers in ?lang=, else the reader's own language. */
export const langOf = (req: FastifyRequest, lang: Language | undefined): Language => lang ?? req.principal?.language ?? 'ja';

/** Reopen requests of partners (asked in the portal, decided by the office) and the dashboard's lists as XLSX. */
export async function reviewRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['partners'];
  const review = { access: { action: 'partner-assessments:review' as const } };
  const analyse = { access: { action: 'partners:analyse' as const } };

  app.post(
    '/partner-assessments/:id/reopen-requests',
    {
      config: { access: { action: 'partner-portal:answer' } },
      schema: {
        tags,
        summary: 'A partner asks the security office to reopen its submitted check sheet',
        params: IdParams,
        body: ReopenBody,
        response: { 201: ReopenRequest },
      },
    },
    async (req, reply) => reply.code(201).send(await requestReopen(req.ctx, req.params.id, req.body.reason)),
  );
  app.get(
    '/partner-reopen-requests',
    {
      config: { access: { action: 'partners:read' } },
      schema: { tags, querystring: ReopenRequestListQuery, response: { 200: page(ReopenRequest) } },
    },
    (req) => listReopenRequests(req.ctx, req.query),
  );
  app.post(
    '/partner-reopen-requests/:id/approve',
    {
      config: review,
      schema: {
        tags,
        summary: 'Approve: the check sheet goes back to the partner; its earlier score stays in the history',
        params: IdParams,
        body: ApproveReopenBody,
        response: { 200: ReopenRequest },
      },
    },
    (req) => approveReopenRequest(req.ctx, req.params.id, req.body.comment),
  );
  app.post(
    '/partner-reopen-requests/:id/refuse',
    {
      config: review,
      schema: { tags, summary: 'Refuse, with the reason', params: IdParams, body: ReopenBody, response: { 200: ReopenRequest } },
    },
    (req) => refuseReopenRequest(req.ctx, req.params.id, req.body.reason),
  );

  app.get(
    '/partner-assessments/export.xlsx',
    {
      config: analyse,
      schema: {
        tags,
        summary: 'Check sheets as XLSX (streamed); overdue=true: not submitted by the due date',
        querystring: AssessmentExportQuery,
      },
    },
    (req, reply) => sendXlsx(reply, 'check-sheets', exportAssessments(req.ctx, req.query, langOf(req, req.query.lang), req.log)),
  );
  app.get(
    '/improvement-requests/export.xlsx',
    {
      config: analyse,
      schema: {
        tags,
        summary: 'Improvement requests with their age as XLSX (streamed); the list’s filters',
        querystring: ImprovementRequestExportQuery,
      },
    },
    (req, reply) =>
      sendXlsx(reply, 'improvement-requests', exportImprovements(req.ctx, req.query, langOf(req, req.query.lang), req.log)),
  );
  app.get(
    '/partner-subcontractors/export.xlsx',
    {
      config: analyse,
      schema: {
        tags,
        summary: 'Sub-contractors as XLSX (streamed); status=pending_notice: those without prior written notice',
        querystring: SubcontractorExportQuery,
      },
    },
    (req, reply) =>
      sendXlsx(reply, 'subcontractors', exportSubcontractors(req.ctx, req.query, langOf(req, req.query.lang), req.log)),
  );
}
