import {
  IdParams,
  R155Catalog,
  TaraAnalysis,
  TaraExportQuery,
  TaraImportBody,
  TaraImportXlsxBody,
  TaraR155Coverage,
  TaraR155ExclusionBody,
  TaraR155Params,
} from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import { exportAnalysis } from './io/export';
import { importAnalysis, importXlsx } from './io/import';
import { r155Catalog } from './r155/catalog';
import { excludeR155, getCoverage, includeR155 } from './r155/coverage';

/** A `mamori-tara/1` document may be this large (the JSON body guard still bounds its depth and values). */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

/** Export/import of an analysis and the UN R155 Annex 5 catalogue with its coverage check (docs/tara.md). */
export const taraIoRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['tara'];
  const read = { access: { action: 'products:read' as const } };
  const manage = { access: { action: 'products:manage' as const }, etag: true };
  const ws = { 200: TaraAnalysis };

  app.get(
    '/tara-analyses/:id/export',
    {
      config: read,
      schema: {
        tags,
        summary: 'The analysis as JSON (mamori-tara/1), XLSX or PDF, in ja or en (audited)',
        params: IdParams,
        querystring: TaraExportQuery,
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? req.principal?.language ?? 'ja';
      const { file, type, name } = await exportAnalysis(req.ctx, req.params.id, req.query.format, lang);
      return reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(file);
    },
  );
  app.post(
    '/tara-analyses/import',
    {
      config: { access: { action: 'products:manage' as const } },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags,
        summary: 'Import a mamori-tara/1 document as a new analysis (checked in full first; all or nothing)',
        body: TaraImportBody,
        response: { 201: TaraAnalysis },
      },
    },
    async (req, reply) => reply.code(201).send(await importAnalysis(req.ctx, req.body)),
  );
  app.post(
    '/tara-analyses/import-xlsx',
    {
      config: { access: { action: 'products:manage' as const } },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import the workbook the XLSX export writes as a new analysis (errors name sheet and cell)',
        body: TaraImportXlsxBody,
        response: { 201: TaraAnalysis },
      },
    },
    async (req, reply) => reply.code(201).send(await importXlsx(req.ctx, req.body)),
  );
  app.get(
    '/tara-catalogs/r155',
    {
      config: read,
      schema: { tags, summary: 'UN R155 Annex 5: threats (Part A) and mitigations (Parts B, C)', response: { 200: R155Catalog } },
    },
    () => r155Catalog(),
  );
  app.get(
    '/tara-analyses/:id/r155-coverage',
    {
      config: read,
      schema: {
        tags,
        summary: 'For each UN R155 Annex 5 threat: considered, not applicable (with the reason) or open',
        params: IdParams,
        response: { 200: TaraR155Coverage },
      },
    },
    (req) => getCoverage(req.ctx, req.params.id),
  );
  app.put(
    '/tara-analyses/:id/r155-exclusions/:code',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rule an Annex 5 threat out for this analysis, with the reason',
        params: TaraR155Params,
        headers: IfMatchHeaders,
        body: TaraR155ExclusionBody,
        response: ws,
      },
    },
    (req) => excludeR155(req.ctx, req.params.id, req.params.code, req.body.reason, ifMatch(req)),
  );
  app.delete(
    '/tara-analyses/:id/r155-exclusions/:code',
    {
      config: manage,
      schema: { tags, summary: 'Take an exclusion back', params: TaraR155Params, headers: IfMatchHeaders, response: ws },
    },
    (req) => includeR155(req.ctx, req.params.id, req.params.code, ifMatch(req)),
  );
};
