import {
  CraDraft,
  CraDraftParams,
  CraDraftQuery,
  CraFixBody,
  CraReporting,
  CraSavedDraftDetail,
  CraSavedDraftList,
  CraSavedDraftParams,
  CraSubmissionBody,
  CraUserNotice,
  EditCraDraftBody,
  IdParams,
  MarkCraBody,
  ReviewCraDraftBody,
  SaveCraDraftBody,
  UserNoticeBody,
} from '@mamori/contracts';
import type { Module } from '../../../platform/http/module';
import { craDraft, craDraftPdf } from './drafts';
// A product's CRA attributes changed → its open cases' clocks, in the same transaction (product-sync.ts).
import './product-sync';
import { editCraDraft, getSavedDraft, listSavedDrafts, reviewCraDraft, saveCraDraft } from './saved-drafts';
import { craReporting, markCra, recordCraFix, submitCraStage } from './service';
import { createUserNotice } from './user-notice';

/**
 * CRA art. 14 reporting under the PSIRT's case paths (issue 17). Reading with vulnerabilities:read, changes with
 * vulnerabilities:report (PSIRT members and the security office); partners hold neither.
 */
export const craRoutes: Module = ({ config }) =>
  async function craRoutes(app) {
    const tags = ['vulnerabilities'];
    const read = { access: { action: 'vulnerabilities:read' as const } };
    const report = { access: { action: 'vulnerabilities:report' as const } };

    app.get(
      '/vulnerabilities/:id/deadlines',
      {
        config: read,
        schema: {
          tags,
          summary: 'The CRA reporting of a case: whether it is marked, and each stage with its due time and submission',
          params: IdParams,
          response: { 200: CraReporting },
        },
      },
      (req) => craReporting(req.ctx, req.params.id),
    );
    app.post(
      '/vulnerabilities/:id/cra-reporting',
      {
        config: report,
        schema: {
          tags,
          summary: 'Mark a case actively exploited (CRA art. 14(2)) or a severe incident (art. 14(4)): the clocks start',
          params: IdParams,
          body: MarkCraBody,
          response: { 201: CraReporting },
        },
      },
      async (req, reply) => reply.code(201).send(await markCra(req.ctx, req.params.id, req.body)),
    );
    app.post(
      '/vulnerabilities/:id/cra-reporting/fix',
      {
        config: report,
        schema: {
          tags,
          summary: 'Record when a corrective or mitigating measure became available (starts the final report’s 14 days)',
          params: IdParams,
          body: CraFixBody,
          response: { 200: CraReporting },
        },
      },
      (req) => recordCraFix(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/vulnerabilities/:id/cra-reporting/submissions',
      {
        config: report,
        schema: {
          tags,
          summary: 'Record a stage submitted (early warning, notification, final report): when, to whom, reference, text',
          params: IdParams,
          body: CraSubmissionBody,
          response: { 201: CraReporting },
        },
      },
      async (req, reply) => reply.code(201).send(await submitCraStage(req.ctx, req.params.id, req.body)),
    );
    app.get(
      '/vulnerabilities/:id/cra-reporting/drafts/:stage',
      {
        config: read,
        schema: {
          tags,
          summary: 'A CRA report draft (early warning, notification, final report) generated from the case, as JSON',
          params: CraDraftParams,
          querystring: CraDraftQuery,
          response: { 200: CraDraft },
        },
      },
      (req) => craDraft(req.ctx, config, req.params.id, req.params.stage, req.query.lang),
    );
    app.get(
      '/vulnerabilities/:id/cra-reporting/drafts/:stage/pdf',
      {
        config: read,
        schema: {
          tags,
          summary: 'The same CRA report draft as a PDF (?lang=ja|en)',
          params: CraDraftParams,
          querystring: CraDraftQuery,
        },
      },
      async (req, reply) => {
        const draft = await craDraft(req.ctx, config, req.params.id, req.params.stage, req.query.lang);
        const file = await craDraftPdf(draft, req.query.lang);
        const name = `cra-${req.params.stage.replace('_', '-')}-${draft.vulnerability.trackingId.slice(1)}-${req.query.lang}.pdf`;
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );

    // Drafts saved for review (saved-drafts.ts): save, edit, review (four eyes); a submission names one.
    const drafts = '/vulnerabilities/:id/cra-reporting/saved-drafts';
    app.get(
      drafts,
      {
        config: read,
        schema: {
          tags,
          summary: 'The CRA report drafts saved for review',
          params: IdParams,
          response: { 200: CraSavedDraftList },
        },
      },
      (req) => listSavedDrafts(req.ctx, req.params.id),
    );
    app.post(
      drafts,
      {
        config: report,
        schema: {
          tags,
          summary: 'Save the report draft of a stage as generated now, with its SHA-256, for review',
          params: IdParams,
          body: SaveCraDraftBody,
          response: { 201: CraSavedDraftDetail },
        },
      },
      async (req, reply) => reply.code(201).send(await saveCraDraft(req.ctx, config, req.params.id, req.body)),
    );
    app.get(
      `${drafts}/:draftId`,
      {
        config: read,
        schema: {
          tags,
          summary: 'A saved report draft with its document',
          params: CraSavedDraftParams,
          response: { 200: CraSavedDraftDetail },
        },
      },
      (req) => getSavedDraft(req.ctx, req.params.id, req.params.draftId),
    );
    app.put(
      `${drafts}/:draftId`,
      {
        config: report,
        schema: {
          tags,
          summary: 'Edit a saved draft (a new hash: a reviewed draft must be reviewed again); 409 once submitted',
          params: CraSavedDraftParams,
          body: EditCraDraftBody,
          response: { 200: CraSavedDraftDetail },
        },
      },
      (req) => editCraDraft(req.ctx, req.params.id, req.params.draftId, req.body),
    );
    app.post(
      `${drafts}/:draftId/review`,
      {
        config: report,
        schema: {
          tags,
          summary: 'Mark a saved draft reviewed for the hash read (four eyes: its author only with a reason)',
          params: CraSavedDraftParams,
          body: ReviewCraDraftBody,
          response: { 200: CraSavedDraftDetail },
        },
      },
      (req) => reviewCraDraft(req.ctx, req.params.id, req.params.draftId, req.body),
    );
    app.post(
      '/vulnerabilities/:id/cra-reporting/user-notice',
      {
        config: report,
        schema: {
          tags,
          summary: 'Draft the CRA art. 14(8) user notice as the case’s advisory (ja and en), to edit and publish as usual',
          params: IdParams,
          body: UserNoticeBody,
          response: { 201: CraUserNotice },
        },
      },
      async (req, reply) => reply.code(201).send(await createUserNotice(req.ctx, config, req.params.id, req.body)),
    );
  };
