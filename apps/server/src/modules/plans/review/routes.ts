import {
  CreateReviewActionBody,
  CreateReviewBody,
  Review,
  ReviewAction,
  ReviewActionParams,
  ReviewParams,
  ReviewPdfQuery,
  ReviewSummary,
  UpdateReviewActionBody,
  UpdateReviewBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import type { Module } from '../../../platform/http/module';
import { reviewPdf } from './pdf';
import {
  addAction,
  assembleReviewPack,
  closeReview,
  createReview,
  getReview,
  listReviews,
  updateAction,
  updateReview,
} from './reviews';

/**
 * Management review (ISO/IEC 27001 9.3, issue #12). Reading needs management-review:manage or :decide (checked by the
 * service: routes name one action, and the office and the CISO hold different ones); preparing needs :manage
 * group-wide; decisions, actions and closing need :decide.
 */
export const managementReviewModule: Module = () =>
  async function managementReviews(app) {
    const tags = ['management-reviews'];
    const either = { access: { auth: 'signed-in' as const } };
    const manage = { access: { action: 'management-review:manage' as const } };
    const decide = { access: { action: 'management-review:decide' as const } };

    app.get(
      '/management-reviews',
      {
        config: either,
        schema: {
          tags,
          summary: 'Every review, newest year first',
          response: { 200: z.object({ items: z.array(ReviewSummary) }) },
        },
      },
      async (req) => ({ items: await listReviews(req.ctx) }),
    );
    app.post(
      '/management-reviews',
      {
        config: manage,
        schema: { tags, summary: 'A review for a fiscal year (one per year)', body: CreateReviewBody, response: { 201: Review } },
      },
      async (req, reply) => reply.code(201).send(await createReview(req.ctx, req.body)),
    );
    app.get(
      '/management-reviews/:id',
      { config: { ...either, etag: true }, schema: { tags, params: ReviewParams, response: { 200: Review } } },
      (req) => getReview(req.ctx, req.params.id),
    );
    app.patch(
      '/management-reviews/:id',
      {
        config: { ...either, etag: true },
        schema: {
          tags,
          summary: 'Date, attendees and inputs (the office); decisions (the CISO). If-Match: the review’s ETag',
          params: ReviewParams,
          headers: IfMatchHeaders,
          body: UpdateReviewBody,
          response: { 200: Review },
        },
      },
      (req) => updateReview(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/management-reviews/:id/pack',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Assemble the pack now from every source (a snapshot)',
          params: ReviewParams,
          headers: IfMatchHeaders,
          response: { 200: Review },
        },
      },
      (req) => assembleReviewPack(req.ctx, req.params.id, ifMatch(req)),
    );
    app.post(
      '/management-reviews/:id/close',
      {
        config: { ...decide, etag: true },
        schema: {
          tags,
          summary: 'The CISO closes the review (pack and decisions required)',
          params: ReviewParams,
          headers: IfMatchHeaders,
          response: { 200: Review },
        },
      },
      (req) => closeReview(req.ctx, req.params.id, ifMatch(req)),
    );
    app.post(
      '/management-reviews/:id/actions',
      {
        config: decide,
        schema: {
          tags,
          summary: 'An action decided by the CISO (owner, due; carried out next fiscal year)',
          params: ReviewParams,
          body: CreateReviewActionBody,
          response: { 201: ReviewAction },
        },
      },
      async (req, reply) => reply.code(201).send(await addAction(req.ctx, req.params.id, req.body)),
    );
    app.patch(
      '/management-reviews/:id/actions/:actionId',
      {
        config: { ...either, etag: true },
        schema: {
          tags,
          summary: 'Change an action (wording: the CISO while open; status and outcome: the office or the CISO)',
          params: ReviewActionParams,
          headers: IfMatchHeaders,
          body: UpdateReviewActionBody,
          response: { 200: ReviewAction },
        },
      },
      (req) => updateAction(req.ctx, req.params.id, req.params.actionId, req.body, ifMatch(req)),
    );
    app.get(
      '/management-reviews/:id/pack.pdf',
      {
        config: either,
        schema: { tags, summary: 'The review pack as a PDF (ja or en)', params: ReviewParams, querystring: ReviewPdfQuery },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? req.principal?.language ?? 'ja';
        const { file, name } = await reviewPdf(req.ctx, req.params.id, lang);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );
  };
