import { CreateTaraMethodBody, TaraMethod, TaraMethodParams, TaraMethodSummary, UpdateTaraMethodBody } from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import { approveMethod, createMethod, getMethod, listMethods, updateMethod } from './methods';

/**
 * `/api/tara-methods`: the group's TARA method in versions. Readers of products read it; a group-wide
 * products:manage drafts a new version from an existing one; tara-methods:approve (the CISO) approves it, which
 * freezes it.
 */
export const taraMethodRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['tara'];
  const read = { access: { action: 'products:read' as const } };
  const manage = { access: { action: 'products:manage' as const } };
  app.get(
    '/tara-methods',
    {
      config: read,
      schema: {
        tags,
        summary: 'The TARA method versions, newest first',
        response: { 200: z.object({ items: z.array(TaraMethodSummary) }) },
      },
    },
    (req) => listMethods(req.ctx),
  );
  app.get(
    '/tara-methods/:version',
    { config: { ...read, etag: true }, schema: { tags, params: TaraMethodParams, response: { 200: TaraMethod } } },
    (req) => getMethod(req.ctx, req.params.version),
  );
  app.post(
    '/tara-methods',
    {
      config: { ...manage, etag: true },
      schema: {
        tags,
        summary: 'Draft a new version from an existing one',
        body: CreateTaraMethodBody,
        response: { 201: TaraMethod },
      },
    },
    async (req, reply) => reply.code(201).send(await createMethod(req.ctx, req.body)),
  );
  app.patch(
    '/tara-methods/:version',
    {
      config: { ...manage, etag: true },
      schema: {
        tags,
        summary: 'Change a draft version (an approved one is refused with 409)',
        params: TaraMethodParams,
        headers: IfMatchHeaders,
        body: UpdateTaraMethodBody,
        response: { 200: TaraMethod },
      },
    },
    (req) => updateMethod(req.ctx, req.params.version, req.body, ifMatch(req)),
  );
  app.post(
    '/tara-methods/:version/approve',
    {
      config: { access: { action: 'tara-methods:approve' as const }, etag: true },
      schema: {
        tags,
        summary: 'Approve a draft version: it can no longer change, and analyses may use it',
        params: TaraMethodParams,
        headers: IfMatchHeaders,
        response: { 200: TaraMethod },
      },
    },
    (req) => approveMethod(req.ctx, req.params.version, ifMatch(req)),
  );
};
