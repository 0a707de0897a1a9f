import { RiskMethod, RiskMethodHistoryEntry, RiskMethodQuery, RiskMethodSetting } from '@mamori/contracts';
import { z } from 'zod';
import { etagOf, ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import type { Module } from '../../../platform/http/module';
import { effectiveSetting, saveSetting, settingHistory } from '../../../platform/settings/effective';
import { inTransaction } from '../../../platform/tx';
import { riskMethodSetting } from './setting';

/**
 * The risk method as a setting. GET answers the method that applies to a unit (the group's without `unitId`) with
 * its version as the ETag; PUT saves the group's method (isms:configure) with `If-Match: "<version>"`. Saving never
 * touches existing risks: each keeps the snapshot it was assessed with.
 */
export const riskMethodRoutes: Module = () =>
  async function riskMethod(app) {
    const tags = ['risks'];
    app.get(
      '/settings/risk-method',
      {
        config: { access: { action: 'risks:read' }, etag: 'version' },
        schema: { tags, querystring: RiskMethodQuery, response: { 200: RiskMethodSetting } },
      },
      async (req, reply) => {
        const value = await effectiveSetting(req.ctx.db, riskMethodSetting, req.query.unitId);
        return reply.header('etag', etagOf(value.version)).send(value);
      },
    );
    app.put(
      '/settings/risk-method',
      {
        config: { access: { action: 'isms:configure' }, etag: 'version' },
        schema: {
          tags,
          summary: 'Save the group risk method (scales, levels, matrix, acceptance threshold)',
          headers: IfMatchHeaders,
          body: RiskMethod,
          response: { 200: RiskMethodSetting },
        },
      },
      async (req, reply) => {
        const saved = await inTransaction(req.ctx, (tx, audit) =>
          saveSetting(tx, audit, riskMethodSetting, req.body, { by: req.ctx.principal?.userId ?? null, expected: ifMatch(req) }),
        );
        return reply.header('etag', etagOf(saved.version)).send(saved);
      },
    );
    app.get(
      '/settings/risk-method/history',
      { config: { access: { action: 'risks:read' } }, schema: { tags, response: { 200: z.array(RiskMethodHistoryEntry) } } },
      (req) => settingHistory(req.ctx.db, riskMethodSetting),
    );
  };
