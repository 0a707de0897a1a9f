import {
  ControlStatusAnswer,
  ControlStatusAnswerBody,
  ControlStatusRequest,
  ControlStatusRequestSummary,
  ControlStatusUnitParams,
  CreateControlStatusRequestBody,
  IdParams,
} from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import { answerStatusRequest, createStatusRequest, getStatusRequest, listStatusRequests } from './status-requests';

/** Control status per unit (管理施策の実施状況確認): the office asks, each unit in scope answers, the office rolls up. */
export const statusRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['controls'];
  const read = { access: { action: 'controls:read' as const } };
  app.get(
    '/control-status-requests',
    {
      config: read,
      schema: { tags, summary: 'Requests that ask units in your scope', response: { 200: z.array(ControlStatusRequestSummary) } },
    },
    (req) => listStatusRequests(req.ctx),
  );
  app.post(
    '/control-status-requests',
    {
      config: { access: { action: 'soa:manage' } },
      schema: {
        tags,
        summary: 'Ask every unit of the chosen subtrees how far it implements the chosen controls',
        body: CreateControlStatusRequestBody,
        response: { 201: ControlStatusRequest },
      },
    },
    async (req, reply) => reply.code(201).send(await createStatusRequest(req.ctx, req.body)),
  );
  app.get(
    '/control-status-requests/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A request rolled up by site and group (your scope)',
        params: IdParams,
        response: { 200: ControlStatusRequest },
      },
    },
    (req) => getStatusRequest(req.ctx, req.params.id),
  );
  app.post(
    '/control-status-requests/:id/units/:unitId/answer',
    {
      config: { access: { action: 'control-status:answer' }, etag: true },
      schema: {
        tags,
        summary: "A unit's answer: a status and comment per control",
        params: ControlStatusUnitParams,
        headers: IfMatchHeaders,
        body: ControlStatusAnswerBody,
        response: { 200: ControlStatusAnswer },
      },
    },
    (req) => answerStatusRequest(req.ctx, req.params.id, req.params.unitId, req.body, ifMatch(req)),
  );
};
