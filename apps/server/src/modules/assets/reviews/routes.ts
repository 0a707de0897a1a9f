import {
  AssetReview,
  AssetReviewListItem,
  AssetReviewListQuery,
  AssetReviewUnit,
  AssetReviewUnitParams,
  AssetReviewUnitsQuery,
  ConfirmAssetReviewBody,
  CreateAssetReviewBody,
  IdParams,
  page,
} from '@mamori/contracts';
import type { Module } from '../../../platform/http/module';
import { confirmReviewUnit } from './confirm';
import { openReview } from './open';
import { getReview, listReviewUnits, listReviews } from './read';

/**
 * Inventory campaigns (棚卸, issue #11). Offices open them (asset-reviews:manage); org heads confirm their units
 * (asset-reviews:confirm). Reading is open to both, each for the units of their scope: the routes that read
 * declare any signed-in user and the service answers 403 to someone with neither action.
 */
export const assetReviewsModule: Module = () =>
  async function assetReviewRoutes(app) {
    const tags = ['asset-reviews'];
    const read = { access: { auth: 'signed-in' as const } };

    app.post(
      '/asset-reviews',
      {
        config: { access: { action: 'asset-reviews:manage' } },
        schema: {
          tags,
          summary: 'Open an inventory campaign for all or some units',
          body: CreateAssetReviewBody,
          response: { 201: AssetReview },
        },
      },
      async (req, reply) => {
        const id = await openReview(req.ctx, req.body);
        return reply.code(201).send(await getReview(req.ctx, id));
      },
    );
    app.get(
      '/asset-reviews',
      { config: read, schema: { tags, querystring: AssetReviewListQuery, response: { 200: page(AssetReviewListItem) } } },
      (req) => listReviews(req.ctx, req.query),
    );
    app.get(
      '/asset-reviews/:id',
      {
        config: read,
        schema: { tags, summary: 'A campaign with its roll-up by site', params: IdParams, response: { 200: AssetReview } },
      },
      (req) => getReview(req.ctx, req.params.id),
    );
    app.get(
      '/asset-reviews/:id/units',
      {
        config: read,
        schema: { tags, params: IdParams, querystring: AssetReviewUnitsQuery, response: { 200: page(AssetReviewUnit) } },
      },
      (req) => listReviewUnits(req.ctx, req.params.id, req.query),
    );
    app.post(
      '/asset-reviews/:id/units/:unitId/confirm',
      {
        config: { access: { action: 'asset-reviews:confirm' } },
        schema: {
          tags,
          summary: "Confirm a unit's ledger: no change, or changed with a comment",
          params: AssetReviewUnitParams,
          body: ConfirmAssetReviewBody,
          response: { 200: AssetReviewUnit },
        },
      },
      (req) => confirmReviewUnit(req.ctx, req.params.id, req.params.unitId, req.body),
    );
  };
