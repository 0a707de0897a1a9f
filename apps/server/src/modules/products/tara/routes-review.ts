import { FlagTaraReviewBody, IdParams, ResolveTaraReviewBody, TaraReviewParams, TaraReviews } from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { flagReviewManually, getReviews, resolveReview } from './review';

/** After release: the analysis's review events and their resolution by the risk owner (docs/tara.md, "After release"). */
export const taraReviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['tara'];
  app.get(
    '/tara-analyses/:id/reviews',
    {
      config: { access: { action: 'products:read' as const } },
      schema: {
        tags,
        summary: 'Review events of the analysis; needsReview while one is open',
        params: IdParams,
        response: { 200: TaraReviews },
      },
    },
    (req) => getReviews(req.ctx, req.params.id),
  );
  app.post(
    '/tara-analyses/:id/reviews',
    {
      config: { access: { action: 'products:manage' as const } },
      schema: {
        tags,
        summary: 'Flag the analysis for review',
        params: IdParams,
        body: FlagTaraReviewBody,
        response: { 201: TaraReviews },
      },
    },
    async (req, reply) => reply.code(201).send(await flagReviewManually(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/tara-analyses/:id/reviews/:reviewId/resolve',
    {
      config: { access: { action: 'products:manage' as const } },
      schema: {
        tags,
        summary: 'Record the review (risk owner only): threat scenarios re-assessed and the conclusion',
        params: TaraReviewParams,
        body: ResolveTaraReviewBody,
        response: { 200: TaraReviews },
      },
    },
    (req) => resolveReview(req.ctx, req.params.id, req.params.reviewId, req.body),
  );
};
