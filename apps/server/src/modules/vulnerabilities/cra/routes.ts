import {
  CraDraft,
  CraDraftParams,
  CraDraftQuery,
  CraFixBody,
  CraReporting,
  CraSubmissionBody,
  IdParams,
  MarkCraBody,
} from '@mamori/contracts';
import type { Module } from '../../../platform/http/module';
import { craDraft, craDraftPdf } from './drafts';
// A product's CRA attributes changed → its open cases' clocks, in the same transaction (product-sync.ts).
import './product-sync';
import { craReporting, markCra, recordCraFix, submitCraStage } from './service';

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
  };
