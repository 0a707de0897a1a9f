import {
  CreateDrillBody,
  Drill,
  DrillExportQuery,
  DrillListQuery,
  DrillPreview,
  DrillRecipient,
  DrillRecipientsQuery,
  DrillResults,
  DrillResultsQuery,
  DrillSummary,
  DrillTrendRow,
  IdParams,
  page,
} from '@mamori/contracts';
import { z } from 'zod';
import { XLSX_TYPE } from '../../../platform/files/xlsx';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import type { Module } from '../../../platform/http/module';
import { rateLimited } from '../../../platform/errors/app-error';
import { memoryRateLimit } from '../../../platform/throttle/memory';
import { createDrill, listDrills, loadDrill, previewDrill } from './design';
import { cancelDrill, queueDrill } from './queue';
import { drillRecipients, drillResults, drillResultsXlsx, drillTrend } from './results';
import { hitQueueOf } from './hit-queue';
import { LANDING, PIXEL, pendingHit, type HitKind } from './track';

const TokenParams = z.object({ token: z.string().max(512) }).strict();
const LangQuery = z.looseObject({ l: z.string().max(10).optional() });

/**
 * Targeted-mail drills (issue #13). drills:manage (the security office as a team) designs, queues and reads each
 * person's result; drills:read reads aggregates within its scope. The tracking links are public and answer the
 * same page whatever the token.
 */
export const drillsModule: Module = ({ config, database }) =>
  async function drillRoutes(app) {
    const tags = ['drills'];
    const manage = { access: { action: 'drills:manage' as const } };
    const read = { access: { action: 'drills:read' as const } };

    app.post(
      '/drills',
      { config: manage, schema: { tags, summary: 'Design a drill (a draft)', body: CreateDrillBody, response: { 201: Drill } } },
      async (req, reply) => reply.code(201).send(await createDrill(req.ctx, req.body)),
    );
    app.post(
      '/drills/preview',
      {
        config: manage,
        schema: {
          tags,
          summary: 'How many people a design reaches, and its first mail rendered; nothing stored',
          body: CreateDrillBody,
          response: { 200: DrillPreview },
        },
      },
      (req) => previewDrill(req.ctx, config.publicUrl, req.body),
    );
    app.get(
      '/drills',
      { config: read, schema: { tags, querystring: DrillListQuery, response: { 200: page(DrillSummary) } } },
      (req) => listDrills(req.ctx.db, req.query),
    );
    app.get(
      '/drills/trend',
      {
        config: read,
        schema: {
          tags,
          summary: 'Totals of every drill in scope, over drills and years',
          response: { 200: z.array(DrillTrendRow) },
        },
      },
      (req) => drillTrend(req.ctx),
    );
    app.get(
      '/drills/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: Drill } } },
      (req) => loadDrill(req.ctx.db, req.params.id),
    );
    app.post(
      '/drills/:id/queue',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Queue the mails of a draft (one row per recipient, sent over the window)',
          params: IdParams,
          headers: IfMatchHeaders,
          response: { 200: Drill },
        },
      },
      (req) => queueDrill(req.ctx, req.params.id, ifMatch(req)),
    );
    app.post(
      '/drills/:id/cancel',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Stop a drill: mails not yet sent are never sent',
          params: IdParams,
          headers: IfMatchHeaders,
          response: { 200: Drill },
        },
      },
      (req) => cancelDrill(req.ctx, req.params.id, ifMatch(req)),
    );
    app.get(
      '/drills/:id/results',
      {
        config: read,
        schema: {
          tags,
          summary: 'Aggregate rates per unit, role group or template (small groups merged)',
          params: IdParams,
          querystring: DrillResultsQuery,
          response: { 200: DrillResults },
        },
      },
      async (req) => {
        await hitQueueOf(database.db).flush();
        return drillResults(req.ctx, req.params.id, req.query.by, req.query.unitId);
      },
    );
    app.get(
      '/drills/:id/results.xlsx',
      {
        config: read,
        schema: { tags, summary: 'The aggregate results as XLSX', params: IdParams, querystring: DrillExportQuery },
      },
      async (req, reply) => {
        await hitQueueOf(database.db).flush();
        const { file, name } = await drillResultsXlsx(req.ctx, req.params.id, req.query.lang ?? req.principal?.language ?? 'ja');
        return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );
    app.get(
      '/drills/:id/recipients',
      {
        config: manage,
        schema: {
          tags,
          summary: "Each person's result (the security office only)",
          params: IdParams,
          querystring: DrillRecipientsQuery,
          response: { 200: page(DrillRecipient) },
        },
      },
      async (req) => {
        await hitQueueOf(database.db).flush();
        return drillRecipients(req.ctx, req.params.id, req.query);
      },
    );

    // The tracking links: public, no account; the same answer for any token (known, unknown or forged).
    const db = database.db;
    // The answer comes from memory: the hit is queued and written behind it (hit-queue.ts), so a burst of clicks (a
    // gateway walking every mail, a whole office at once) gets its page at once. A generous limit per address
    // (MAMORI_DRILL_LINK_RATE_LIMIT, default 600 a minute; a whole office behind one NAT address clicks through
    // them, but a token-guessing run is cut short), counted in this process's memory so that the answer needs no
    // database: N processes allow N times the limit, against 2^192 possible tokens.
    const queue = hitQueueOf(db, app.log);
    app.addHook('onClose', () => queue.flush());
    const limit = memoryRateLimit(config.drillLinkRateLimit, 60_000);
    const publicTrack = { access: { auth: 'public' as const }, rateLimit: false as const };
    const track = (kind: HitKind, req: Parameters<typeof hitOf>[0] & { params: { token: string } }) => {
      const allowed = limit.hit(req.ip);
      if (!allowed.allowed) throw rateLimited(allowed.retryAfterSeconds);
      queue.push(pendingHit(kind, req.params.token, hitOf(req)));
    };
    const hitOf = (req: { method: string; headers: Record<string, string | string[] | undefined>; ip: string }) => ({
      method: req.method,
      userAgent: String(req.headers['user-agent'] ?? ''),
      headers: req.headers,
      ip: req.ip,
    });
    const langOf = (l: string | undefined) => (l === 'en' ? 'en' : 'ja');
    for (const [path, kind] of [
      ['c', 'click'],
      ['r', 'report'],
    ] as [string, HitKind][]) {
      app.get(
        `/drill-links/${path}/:token`,
        {
          config: publicTrack,
          schema: {
            tags,
            security: [],
            summary: `A drill mail's ${kind} link: the landing page`,
            params: TokenParams,
            querystring: LangQuery,
          },
        },
        async (req, reply) => {
          track(kind, req);
          return reply
            .type('text/html; charset=utf-8')
            .header('referrer-policy', 'no-referrer')
            .header('x-robots-tag', 'noindex')
            .send(LANDING[kind === 'report' ? 'report' : 'click'][langOf(req.query.l)]);
        },
      );
    }
    app.get(
      '/drill-links/o/:token',
      {
        config: publicTrack,
        schema: { tags, security: [], summary: "A drill mail's tracking image", params: TokenParams, querystring: LangQuery },
      },
      async (req, reply) => {
        track('open', req);
        return reply.type('image/gif').send(PIXEL);
      },
    );
  };
