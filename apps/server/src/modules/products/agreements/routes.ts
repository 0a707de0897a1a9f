import {
  AgreementActivityCatalog,
  AgreementDetail,
  AgreementExportQuery,
  AgreementListQuery,
  Agreement,
  CreateAgreementBody,
  IdParams,
  PutResponsibilitiesBody,
  UpdateAgreementBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import type { Module } from '../../../platform/http/module';
import { createAgreement, getAgreement, listAgreements, putResponsibilities, updateAgreement } from './agreements';
import { activityCatalog } from './catalog';
import { exportAgreement } from './export';

/**
 * `/api/interface-agreements`: cybersecurity interface agreements per customer programme or supplier
 * (ISO/SAE 21434 clause 7; docs/interface-agreements.md). Readers: products:read in the product's scope;
 * writers: products:manage. Changes answer the whole agreement with its ETag; send it back as If-Match.
 */
export const interfaceAgreementsModule: Module = () =>
  async function interfaceAgreementRoutes(app) {
    const tags = ['interface agreements'];
    const read = { access: { action: 'products:read' as const } };
    const manage = { access: { action: 'products:manage' as const }, etag: true };

    app.get(
      '/interface-agreement-activities',
      {
        config: read,
        schema: { tags, summary: 'The activities an agreement divides (ja, en)', response: { 200: AgreementActivityCatalog } },
      },
      () => activityCatalog(),
    );
    app.get(
      '/interface-agreements',
      {
        config: read,
        schema: { tags, querystring: AgreementListQuery, response: { 200: z.object({ items: z.array(Agreement) }) } },
      },
      (req) => listAgreements(req.ctx, req.query),
    );
    app.post(
      '/interface-agreements',
      { config: manage, schema: { tags, body: CreateAgreementBody, response: { 201: AgreementDetail } } },
      async (req, reply) => reply.code(201).send(await createAgreement(req.ctx, req.body)),
    );
    app.get(
      '/interface-agreements/:id',
      {
        config: { ...read, etag: true },
        schema: {
          tags,
          summary: 'An agreement with its contacts and responsibility matrix',
          params: IdParams,
          response: { 200: AgreementDetail },
        },
      },
      (req) => getAgreement(req.ctx, req.params.id),
    );
    app.patch(
      '/interface-agreements/:id',
      {
        config: manage,
        schema: {
          tags,
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateAgreementBody,
          response: { 200: AgreementDetail },
        },
      },
      (req) => updateAgreement(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.put(
      '/interface-agreements/:id/responsibilities',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Replace the responsibility matrix (each activity: exactly one responsible side)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: PutResponsibilitiesBody,
          response: { 200: AgreementDetail },
        },
      },
      (req) => putResponsibilities(req.ctx, req.params.id, req.body.activities, ifMatch(req)),
    );
    app.get(
      '/interface-agreements/:id/export',
      {
        config: read,
        schema: {
          tags,
          summary: 'The agreement as XLSX or PDF in ja or en, for the customer (audited)',
          params: IdParams,
          querystring: AgreementExportQuery,
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? req.principal?.language ?? 'ja';
        const { file, type, name } = await exportAgreement(req.ctx, req.params.id, req.query.format, lang);
        return reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );
  };
