import {
  CreateIec62443Body,
  IdParams,
  Iec62443Assessment,
  Iec62443Catalog,
  Iec62443ExportQuery,
  Iec62443Summary,
  PutIec62443PracticesBody,
  PutIec62443RequirementsBody,
  UpdateIec62443Body,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import type { Module } from '../../../platform/http/module';
import { createAssessment, getAssessment, listAssessments, updateAssessment } from './assessments';
import { putPractices, putRequirements } from './items';
import { iec62443Catalog } from './catalog';
import { exportAssessment } from './export';

/**
 * IEC 62443-4-1 / 4-2 per product (docs/iec62443.md): `/api/products/{id}/iec62443` is the product's assessment.
 * Readers: products:read in the product's scope (the CISO too); writers: products:manage (PSIRT, security office).
 * Partner users and employees hold neither (403). Changes answer the whole assessment with its ETag (If-Match).
 */
export const iec62443Module: Module = () =>
  async function iec62443Routes(app) {
    const tags = ['IEC 62443'];
    const read = { access: { action: 'products:read' as const } };
    const manage = { access: { action: 'products:manage' as const }, etag: true };
    const path = '/products/:id/iec62443';

    app.get(
      '/iec62443/catalog',
      {
        config: read,
        schema: {
          tags,
          summary: 'IEC 62443-4-1 practices and 4-2 component requirements (ja, en)',
          response: { 200: Iec62443Catalog },
        },
      },
      () => iec62443Catalog(),
    );
    app.get(
      '/iec62443-assessments',
      {
        config: read,
        schema: {
          tags,
          summary: 'Assessments of the products in scope',
          response: { 200: z.object({ items: z.array(Iec62443Summary) }) },
        },
      },
      (req) => listAssessments(req.ctx),
    );
    app.get(
      path,
      {
        config: { ...read, etag: true },
        schema: {
          tags,
          summary: "The product's assessment with its computed SL-C",
          params: IdParams,
          response: { 200: Iec62443Assessment },
        },
      },
      (req) => getAssessment(req.ctx, req.params.id),
    );
    app.post(
      path,
      {
        config: manage,
        schema: {
          tags,
          summary: 'Start the assessment',
          params: IdParams,
          body: CreateIec62443Body,
          response: { 201: Iec62443Assessment },
        },
      },
      async (req, reply) => reply.code(201).send(await createAssessment(req.ctx, req.params.id, req.body)),
    );
    app.patch(
      path,
      {
        config: manage,
        schema: {
          tags,
          summary: 'Component type, SL-T per FR, note',
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateIec62443Body,
          response: { 200: Iec62443Assessment },
        },
      },
      (req) => updateAssessment(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.put(
      `${path}/requirements`,
      {
        config: manage,
        schema: {
          tags,
          summary: '4-2 requirement statuses, evidence and owners (a batch)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: PutIec62443RequirementsBody,
          response: { 200: Iec62443Assessment },
        },
      },
      (req) => putRequirements(req.ctx, req.params.id, req.body.items, ifMatch(req)),
    );
    app.put(
      `${path}/practices`,
      {
        config: manage,
        schema: {
          tags,
          summary: '4-1 maturity level per practice',
          params: IdParams,
          headers: IfMatchHeaders,
          body: PutIec62443PracticesBody,
          response: { 200: Iec62443Assessment },
        },
      },
      (req) => putPractices(req.ctx, req.params.id, req.body.items, ifMatch(req)),
    );
    app.get(
      `${path}/export`,
      {
        config: read,
        schema: {
          tags,
          summary: 'The assessment as XLSX in ja or en (audited)',
          params: IdParams,
          querystring: Iec62443ExportQuery,
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? req.principal?.language ?? 'ja';
        const { file, type, name } = await exportAssessment(req.ctx, req.params.id, lang);
        return reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );
  };
