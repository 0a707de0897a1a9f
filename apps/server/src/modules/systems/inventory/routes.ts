import {
  CreateSystemBody,
  IdParams,
  page,
  RetireSystemBody,
  StoredAssets,
  System,
  SystemAssetsBody,
  SystemExportQuery,
  SystemListQuery,
  UpdateSystemBody,
} from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestLanguage } from '../../../platform/errors/handler';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import { exportSystemsXlsx } from './export';
import { listSystems } from './list';
import { createSystem, getSystem, retireSystem, systemCertificate, updateSystem } from './records';
import { getStoredAssets, putStoredAssets } from './stored-assets';

const tags = ['systems'];
const read = { access: { action: 'systems:read' as const } };
const manage = { access: { action: 'systems:manage' as const } };

/** The systems inventory: IT systems, cloud services, networks and factory equipment of the units in scope. */
export const inventoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/systems', { config: read, schema: { tags, querystring: SystemListQuery, response: { 200: page(System) } } }, (req) =>
    listSystems(req.ctx, req.query),
  );
  app.get(
    '/systems/export.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The inventory as XLSX (the list’s filters), in the reader’s language',
        querystring: SystemExportQuery,
      },
    },
    async (req, reply) => {
      const { lang, ...filters } = req.query;
      const buf = await exportSystemsXlsx(req.ctx, filters, lang ?? requestLanguage(req));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="systems.xlsx"')
        .send(buf);
    },
  );
  app.post(
    '/systems',
    { config: { ...manage, etag: true }, schema: { tags, body: CreateSystemBody, response: { 201: System } } },
    async (req, reply) => reply.code(201).send(await createSystem(req.ctx, req.body)),
  );
  app.get(
    '/systems/:id',
    { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: System } } },
    (req) => getSystem(req.ctx, req.params.id),
  );
  app.patch(
    '/systems/:id',
    {
      config: { ...manage, etag: true },
      schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdateSystemBody, response: { 200: System } },
    },
    (req) => updateSystem(req.ctx, req.params.id, req.body, ifMatch(req)),
  );
  app.get(
    '/systems/:id/assets',
    {
      config: { ...read, etag: true },
      schema: {
        tags,
        summary: 'The information assets stored in a system that you may see',
        params: IdParams,
        response: { 200: StoredAssets },
      },
    },
    (req) => getStoredAssets(req.ctx, req.params.id),
  );
  app.put(
    '/systems/:id/assets',
    {
      config: { ...manage, etag: true },
      schema: {
        tags,
        summary: 'Replace the assets stored in a system; one above its approved class opens a finding',
        params: IdParams,
        headers: IfMatchHeaders,
        body: SystemAssetsBody,
        response: { 200: StoredAssets },
      },
    },
    (req) => putStoredAssets(req.ctx, req.params.id, req.body, ifMatch(req)),
  );
  app.post(
    '/systems/:id/retire',
    {
      config: { ...manage, etag: true },
      bodyLimit: 15 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Retire a system: erasure method and certificate, or a disposal contractor under NDA (2-5-5)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: RetireSystemBody,
        response: { 200: System },
      },
    },
    (req) => retireSystem(req.ctx, req.params.id, req.body, ifMatch(req)),
  );
  app.get(
    '/systems/:id/certificate',
    { config: read, schema: { tags, summary: "The retired system's erasure certificate", params: IdParams } },
    async (req, reply) => {
      const file = await systemCertificate(req.ctx, req.params.id);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`)
        .send(file.content);
    },
  );
};
