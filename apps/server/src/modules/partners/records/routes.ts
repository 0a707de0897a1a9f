import {
  CreateExchangeBody,
  CreateNdaBody,
  CreatePartnerIncidentBody,
  CreateSubcontractorBody,
  CreateVisitBody,
  Exchange,
  IdParams,
  Nda,
  page,
  PartnerDashboard,
  PartnerExportQuery,
  PartnerFile,
  PartnerIncident,
  PartnerIncidentListQuery,
  PartnerUserBody,
  PartnerUserCreated,
  SettleExchangeBody,
  Subcontractor,
  TierThresholds,
  UpdateNdaBody,
  UpdateSubcontractorBody,
  UpdateTierThresholdsBody,
  Visit,
  Str,
} from '@mamori/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../../config';
import { partnerDashboard } from '../reporting/dashboard';
import { exportPartners } from '../reporting/export';
import { readFile, storeFile } from './files';
import { getIncident, listIncidents, reportIncident } from './incident-reports';
import { createExchange, createVisit, listExchanges, listVisits, settleExchange } from './logs';
import { createNda, listNdas, updateNda } from './ndas';
import { invitePartnerUser } from './portal-users';
import { langOf, sendXlsx } from '../assessments/routes';
import { createSubcontractor, listSubcontractors, updateSubcontractor } from './subcontractors';
import { getThresholds, updateThresholds } from '../assessments/thresholds';
import { MAX_XLSX_BYTES } from '../../../platform/files/xlsx';

/** Sub-contractors, NDAs, files, exchanges, visits, incidents, dashboard, export, thresholds, portal users. */
export async function recordRoutes(fastify: FastifyInstance, config: Config): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['partners'];
  const read = { access: { action: 'partners:read' as const } };
  const manage = { access: { action: 'partners:manage' as const } };
  const review = { access: { action: 'partner-assessments:review' as const } };
  const analyse = { access: { action: 'partners:analyse' as const } };

  app.get('/partner-dashboard', { config: analyse, schema: { tags, response: { 200: PartnerDashboard } } }, (req) =>
    partnerDashboard(req.ctx),
  );
  app.get(
    '/partners/export.xlsx',
    {
      config: review,
      schema: { tags, summary: 'The partner list as XLSX (streamed), same filters as the list', querystring: PartnerExportQuery },
    },
    (req, reply) => sendXlsx(reply, 'partners', exportPartners(req.ctx, req.query, langOf(req, req.query.lang), req.log)),
  );
  app.get('/partner-tiers', { config: read, schema: { tags, response: { 200: TierThresholds } } }, (req) =>
    getThresholds(req.ctx.db),
  );
  app.patch(
    '/partner-tiers',
    {
      config: { access: { action: 'partner-campaigns:manage' } },
      schema: { tags, body: UpdateTierThresholdsBody, response: { 200: TierThresholds } },
    },
    (req) => updateThresholds(req.ctx, req.body),
  );
  app.post(
    '/partners/:id/users',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Invite a partner user to the portal',
        params: IdParams,
        body: PartnerUserBody,
        response: { 201: PartnerUserCreated },
      },
    },
    async (req, reply) => reply.code(201).send(await invitePartnerUser(req.ctx, config, req.params.id, req.body)),
  );

  app.get(
    '/partners/:id/subcontractors',
    { config: read, schema: { tags, params: IdParams, response: { 200: z.array(Subcontractor) } } },
    (req) => listSubcontractors(req.ctx, req.params.id),
  );
  app.post(
    '/partners/:id/subcontractors',
    { config: manage, schema: { tags, params: IdParams, body: CreateSubcontractorBody, response: { 201: Subcontractor } } },
    async (req, reply) => reply.code(201).send(await createSubcontractor(req.ctx, req.params.id, req.body)),
  );
  app.patch(
    '/partner-subcontractors/:id',
    { config: manage, schema: { tags, params: IdParams, body: UpdateSubcontractorBody, response: { 200: Subcontractor } } },
    (req) => updateSubcontractor(req.ctx, req.params.id, req.body),
  );

  app.get('/partners/:id/ndas', { config: read, schema: { tags, params: IdParams, response: { 200: z.array(Nda) } } }, (req) =>
    listNdas(req.ctx, req.params.id),
  );
  app.post(
    '/partners/:id/ndas',
    { config: manage, schema: { tags, params: IdParams, body: CreateNdaBody, response: { 201: Nda } } },
    async (req, reply) => reply.code(201).send(await createNda(req.ctx, req.params.id, req.body)),
  );
  app.patch(
    '/partner-ndas/:id',
    {
      config: manage,
      schema: {
        tags,
        params: IdParams,
        body: UpdateNdaBody.extend({ fileId: z.uuid().optional() }).strict(),
        response: { 200: Nda },
      },
    },
    (req) => updateNda(req.ctx, req.params.id, req.body),
  );

  // Files: raw bytes with their content type (PDF, images, XLSX, octet-stream), ≤ 5 MB; ?name= the file name.
  app.post(
    '/partners/:id/files',
    {
      config: { access: { action: 'partners:read' } },
      bodyLimit: MAX_XLSX_BYTES,
      schema: {
        tags,
        summary: 'Upload a file (signed NDA, evidence)',
        params: IdParams,
        querystring: z.object({ name: Str().trim().min(1).max(200) }).strict(),
        response: { 201: PartnerFile },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await storeFile(req.ctx, req.params.id, req.query.name, req.body, req.headers['content-type'])),
  );
  app.get('/partner-files/:id', { config: read, schema: { tags, params: IdParams } }, async (req, reply) => {
    const f = await readFile(req.ctx, req.params.id);
    return reply
      .type(f.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(f.data);
  });

  app.get(
    '/partners/:id/exchanges',
    { config: read, schema: { tags, params: IdParams, response: { 200: z.array(Exchange) } } },
    (req) => listExchanges(req.ctx, req.params.id),
  );
  app.post(
    '/partners/:id/exchanges',
    { config: manage, schema: { tags, params: IdParams, body: CreateExchangeBody, response: { 201: Exchange } } },
    async (req, reply) => reply.code(201).send(await createExchange(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/partner-exchanges/:id/settle',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record return or disposal',
        params: IdParams,
        body: SettleExchangeBody,
        response: { 200: Exchange },
      },
    },
    (req) => settleExchange(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/partners/:id/visits',
    { config: read, schema: { tags, params: IdParams, response: { 200: z.array(Visit) } } },
    (req) => listVisits(req.ctx, req.params.id),
  );
  app.post(
    '/partners/:id/visits',
    { config: review, schema: { tags, params: IdParams, body: CreateVisitBody, response: { 201: Visit } } },
    async (req, reply) => reply.code(201).send(await createVisit(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/partner-incidents',
    { config: read, schema: { tags, querystring: PartnerIncidentListQuery, response: { 200: page(PartnerIncident) } } },
    (req) => listIncidents(req.ctx, req.query),
  );
  app.post(
    '/partner-incidents',
    {
      config: { access: { action: 'partner-portal:report' } },
      schema: { tags, body: CreatePartnerIncidentBody, response: { 201: PartnerIncident } },
    },
    async (req, reply) => reply.code(201).send(await reportIncident(req.ctx, config, req.body)),
  );
  app.get(
    '/partner-incidents/:id',
    {
      config: read,
      schema: {
        tags,
        summary: "A partner's report and the step of its case",
        params: IdParams,
        response: { 200: PartnerIncident },
      },
    },
    (req) => getIncident(req.ctx, req.params.id),
  );
}
