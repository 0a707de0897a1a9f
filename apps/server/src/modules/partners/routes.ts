import {
  AnswerImprovementBody,
  Assessment,
  CopyPreviousResult,
  AssessmentListQuery,
  AssessmentSummary,
  Campaign,
  CampaignReminder,
  CheckSheetUploadResult,
  CreateCampaignBody,
  CreatePartnerBody,
  DecideImprovementBody,
  IdParams,
  ImprovementRequest,
  ImprovementRequestListQuery,
  Language,
  ListQuery,
  page,
  Partner,
  PartnerDetail,
  PartnerListQuery,
  ReopenBody,
  SaveAnswersBody,
  UpdateImprovementBody,
  UpdatePartnerBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { getAssessment, listAssessments, saveAnswers } from './assessments/assessments';
import { createCampaign, listCampaigns } from './assessments/campaigns';
import { assessmentReportFor } from './assessments/report-pdf';
import { checkSheetXlsx, uploadCheckSheet, XLSX_TYPE } from './assessments/check-sheet';
import {
  answerImprovement,
  decideImprovement,
  getImprovement,
  listImprovements,
  updateImprovement,
} from './records/improvements';
import { createPartner, getPartner, listPartners, updatePartner } from './records/partners';
import { reopenAssessment } from './assessments/reopen';
import { recordRoutes } from './records/routes';
import { reviewRoutes } from './assessments/routes';
import { submitAssessment } from './assessments/submit';
import { copyPreviousAnswers } from './assessments/previous';
import { getCampaign, remindCampaign } from './assessments/remind';
import { MAX_XLSX_BYTES } from '../../platform/files/xlsx';

/** Binary uploads of this module (check sheets, NDA files, evidence): raw bytes, at most 5 MB. */
export const BINARY_TYPES = [XLSX_TYPE, 'application/pdf', 'application/octet-stream', 'image/png', 'image/jpeg'];

export const partnersModule: Module = ({ config }) =>
  async function partnersRoutes(app) {
    app.addContentTypeParser(BINARY_TYPES, { parseAs: 'buffer', bodyLimit: MAX_XLSX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    const tags = ['partners'];
    const read = { access: { action: 'partners:read' as const } };
    const manage = { access: { action: 'partners:manage' as const } };
    const answer = { access: { action: 'partner-portal:answer' as const } };
    const review = { access: { action: 'partner-assessments:review' as const } };
    const irManage = { access: { action: 'improvement-requests:manage' as const } };

    app.get(
      '/partners',
      { config: read, schema: { tags, querystring: PartnerListQuery, response: { 200: page(Partner) } } },
      (req) => listPartners(req.ctx, req.query),
    );
    app.post(
      '/partners',
      { config: manage, schema: { tags, body: CreatePartnerBody, response: { 201: PartnerDetail } } },
      async (req, reply) => reply.code(201).send(await createPartner(req.ctx, req.body)),
    );
    app.get(
      '/partners/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: PartnerDetail } } },
      (req) => getPartner(req.ctx, req.params.id),
    );
    app.patch(
      '/partners/:id',
      {
        config: { ...manage, etag: true },
        schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdatePartnerBody, response: { 200: PartnerDetail } },
      },
      (req) => updatePartner(req.ctx, req.params.id, req.body, ifMatch(req)),
    );

    const campaigns = { access: { action: 'partner-campaigns:manage' as const } };
    app.get(
      '/partner-campaigns',
      { config: read, schema: { tags, querystring: ListQuery.strict(), response: { 200: page(Campaign) } } },
      (req) => listCampaigns(req.ctx, req.query),
    );
    app.get('/partner-campaigns/:id', { config: read, schema: { tags, params: IdParams, response: { 200: Campaign } } }, (req) =>
      getCampaign(req.ctx, req.params.id),
    );
    app.post(
      '/partner-campaigns/:id/remind',
      {
        config: campaigns,
        schema: {
          tags,
          summary: 'Remind every partner that has not submitted its check sheet (each sheet at most once in 20 hours)',
          params: IdParams,
          response: { 200: CampaignReminder },
        },
      },
      (req) => remindCampaign(req.ctx, req.params.id),
    );
    app.post(
      '/partner-campaigns',
      { config: campaigns, schema: { tags, body: CreateCampaignBody, response: { 201: Campaign } } },
      async (req, reply) => reply.code(201).send(await createCampaign(req.ctx, req.body)),
    );

    app.get(
      '/partner-assessments',
      { config: read, schema: { tags, querystring: AssessmentListQuery, response: { 200: page(AssessmentSummary) } } },
      (req) => listAssessments(req.ctx, req.query),
    );
    app.get(
      '/partner-assessments/:id',
      { config: read, schema: { tags, params: IdParams, response: { 200: Assessment } } },
      (req) => getAssessment(req.ctx, req.params.id),
    );
    app.put(
      '/partner-assessments/:id/answers',
      {
        config: answer,
        schema: {
          tags,
          summary: 'Save answers as a draft',
          params: IdParams,
          body: SaveAnswersBody,
          response: { 200: Assessment },
        },
      },
      (req) => saveAnswers(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/partner-assessments/:id/submit',
      { config: answer, schema: { tags, params: IdParams, response: { 200: Assessment } } },
      (req) => submitAssessment(req.ctx, req.params.id),
    );
    app.post(
      '/partner-assessments/:id/copy-previous',
      {
        config: answer,
        schema: {
          tags,
          summary:
            'Fill the unanswered requirements from the partner’s previous submitted sheet (nothing answered is overwritten)',
          params: IdParams,
          response: { 200: CopyPreviousResult },
        },
      },
      (req) => copyPreviousAnswers(req.ctx, req.params.id),
    );
    app.post(
      '/partner-assessments/:id/reopen',
      { config: review, schema: { tags, params: IdParams, body: ReopenBody, response: { 200: Assessment } } },
      (req) => reopenAssessment(req.ctx, req.params.id, req.body.reason),
    );
    app.get(
      '/partner-assessments/:id/check-sheet.xlsx',
      {
        config: read,
        schema: {
          tags,
          summary: 'The check sheet as XLSX, to fill offline',
          params: IdParams,
          querystring: z.object({ lang: Language.optional() }).strict(),
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? req.principal?.language ?? 'ja';
        const buf = await checkSheetXlsx(req.ctx, req.params.id, lang);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="check-sheet-${req.params.id}.xlsx"`)
          .send(buf);
      },
    );
    app.get(
      '/partner-assessments/:id/report.pdf',
      {
        config: read,
        schema: {
          tags,
          summary: 'The result (scores by group, requirements not fully implemented) as a PDF',
          params: IdParams,
          querystring: z.object({ lang: Language.optional() }).strict(),
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? req.principal?.language ?? 'ja';
        const { file, name } = await assessmentReportFor(req.ctx, req.params.id, lang);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );
    app.put(
      '/partner-assessments/:id/check-sheet.xlsx',
      {
        config: answer,
        bodyLimit: MAX_XLSX_BYTES,
        schema: {
          tags,
          summary: 'Upload a filled check sheet; every row valid or nothing applied',
          params: IdParams,
          consumes: [XLSX_TYPE],
          response: { 200: CheckSheetUploadResult },
        },
      },
      (req) => uploadCheckSheet(req.ctx, req.params.id, req.body, req.headers['content-type']),
    );

    app.get(
      '/improvement-requests',
      { config: read, schema: { tags, querystring: ImprovementRequestListQuery, response: { 200: page(ImprovementRequest) } } },
      (req) => listImprovements(req.ctx, req.query),
    );
    app.get(
      '/improvement-requests/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: ImprovementRequest } } },
      (req) => getImprovement(req.ctx, req.params.id),
    );
    app.patch(
      '/improvement-requests/:id',
      {
        config: { ...irManage, etag: true },
        schema: {
          tags,
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateImprovementBody,
          response: { 200: ImprovementRequest },
        },
      },
      (req) => updateImprovement(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/improvement-requests/:id/answer',
      { config: answer, schema: { tags, params: IdParams, body: AnswerImprovementBody, response: { 200: ImprovementRequest } } },
      (req) => answerImprovement(req.ctx, req.params.id, req.body),
    );
    for (const [verb, decision] of [
      ['accept', 'accepted'],
      ['return', 'returned'],
    ] as const)
      app.post(
        `/improvement-requests/:id/${verb}`,
        {
          config: irManage,
          schema: { tags, params: IdParams, body: DecideImprovementBody, response: { 200: ImprovementRequest } },
        },
        (req) => decideImprovement(req.ctx, req.params.id, decision, req.body.comment),
      );

    await recordRoutes(app, config);
    await reviewRoutes(app);
  };
