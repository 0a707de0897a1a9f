import { IdParams, OtAdvisoryMatches, ProductionImpact, ProductionImpactBody } from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import { matchOtAdvisory } from './advisories';
import { getImpact, putImpact } from './impact';

const tags = ['fsirt'];

/**
 * FSIRT: the production impact of an incident on factory equipment (the case itself is the incident module's), and
 * a supplier's CSAF advisory matched against the factory systems in scope.
 */
export const fsirtRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/fsirt-impacts/:id',
    {
      config: { access: { action: 'incidents:read' as const }, etag: true },
      schema: {
        tags,
        summary: "An FSIRT case's production impact (id = the incident's id)",
        params: IdParams,
        response: { 200: ProductionImpact },
      },
    },
    (req) => getImpact(req.ctx, req.params.id),
  );
  app.put(
    '/fsirt-impacts/:id',
    {
      config: { access: { action: 'incidents:manage' as const }, etag: true },
      schema: {
        tags,
        summary: 'Record or correct the production impact of an FSIRT case: the factory system, line stopped, hours',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ProductionImpactBody,
        response: { 200: ProductionImpact },
      },
    },
    (req) => putImpact(req.ctx, req.params.id, req.body, ifMatch(req)),
  );
  app.post(
    '/ot-advisory-matches',
    {
      config: { access: { action: 'systems:read' as const } },
      schema: {
        tags,
        summary: "Match a supplier's CSAF 2.0 advisory against the factory systems in scope (nothing is stored)",
        body: z.record(z.string(), z.unknown()),
        response: { 200: OtAdvisoryMatches },
      },
    },
    (req) => matchOtAdvisory(req.ctx, req.body),
  );
};
