import {
  ApprovedService,
  ApprovedServiceQuery,
  ChecklistItem,
  CreateServiceReviewBody,
  DecideServiceReviewBody,
  IdParams,
  page,
  ServiceReview,
  ServiceReviewListQuery,
} from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import { reviewChecklist } from './catalog';
import { decideReview, getReview, listReviews, requestReview } from './records';
import { listApprovedServices } from './register';

const tags = ['service-reviews'];
const request = { access: { action: 'service-reviews:request' as const } };
const decide = { access: { action: 'service-reviews:decide' as const } };
const register = { access: { action: 'approved-services:read' as const } };

/** Pre-use reviews of cloud services and new technology, and the register of approved services. */
export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/service-reviews/checklist',
    {
      config: register,
      schema: { tags, summary: 'The pre-use checklist (catalogue)', response: { 200: z.array(ChecklistItem) } },
    },
    async () => reviewChecklist,
  );
  app.get(
    '/service-reviews',
    { config: request, schema: { tags, querystring: ServiceReviewListQuery, response: { 200: page(ServiceReview) } } },
    (req) => listReviews(req.ctx, req.query),
  );
  app.post(
    '/service-reviews',
    {
      config: { ...request, etag: true },
      schema: {
        tags,
        summary: 'Ask to use a cloud service or new technology',
        body: CreateServiceReviewBody,
        response: { 201: ServiceReview },
      },
    },
    async (req, reply) => reply.code(201).send(await requestReview(req.ctx, req.body)),
  );
  app.get(
    '/service-reviews/:id',
    { config: { ...request, etag: true }, schema: { tags, params: IdParams, response: { 200: ServiceReview } } },
    (req) => getReview(req.ctx, req.params.id),
  );
  app.post(
    '/service-reviews/:id/decide',
    {
      config: { ...decide, etag: true },
      schema: {
        tags,
        summary: 'Approve (up to a class, optionally with conditions) or refuse, with reasons',
        params: IdParams,
        headers: IfMatchHeaders,
        body: DecideServiceReviewBody,
        response: { 200: ServiceReview },
      },
    },
    (req) => decideReview(req.ctx, req.params.id, req.body, ifMatch(req)),
  );
  app.get(
    '/approved-services',
    {
      config: register,
      schema: {
        tags,
        summary: 'The register of approved services (every employee)',
        querystring: ApprovedServiceQuery,
        response: { 200: page(ApprovedService) },
      },
    },
    (req) => listApprovedServices(req.ctx, req.query),
  );
};
