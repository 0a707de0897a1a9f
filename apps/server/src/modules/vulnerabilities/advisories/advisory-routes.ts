import {
  Advisory,
  AdvisoryListQuery,
  AdvisoryPreview,
  AdvisorySummary,
  IdParams,
  page,
  PublishAdvisoryBody,
} from '@mamori/contracts';
import { z } from 'zod';
import type { Module } from '../../../platform/http/module';
import {
  csafFileOf,
  cveOf,
  listAdvisories,
  loadAdvisory,
  presentAdvisory,
  previewAdvisory,
  publishAdvisory,
  publisherOf,
  vexOf,
} from './advisories';
import { CSAF_LANGS } from './csaf-texts';

/** Public reads: generous, but bounded per address. */
export const PUBLIC_READ_LIMIT = { max: 300, timeWindow: '1 minute' };
const AdvisoryParams = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();
const JsonDocument = z.record(z.string(), z.unknown());
const CsafQuery = z
  .object({ lang: z.enum(CSAF_LANGS).default('en').describe('en: the original; ja: its Japanese translation (source_lang en)') })
  .strict();

/** Advisories under /api: the publishing step (advisories:publish) and the public reads. */
export const advisoriesModule: Module = ({ config, database }) =>
  async function advisoryRoutes(app) {
    const tags = ['advisories'];
    const publisher = publisherOf(config);
    const publicRead = { access: { auth: 'public' as const }, rateLimit: PUBLIC_READ_LIMIT };
    const db = database.db;

    app.post(
      '/vulnerabilities/:id/advisory',
      {
        config: { access: { action: 'advisories:publish' } },
        schema: {
          tags,
          summary: 'Publish the advisory of a case (or a new revision): makes its snapshot public, audited',
          params: IdParams,
          body: PublishAdvisoryBody,
          response: { 200: Advisory },
        },
      },
      (req) => publishAdvisory(req.ctx, config, req.params.id, req.body),
    );

    app.post(
      '/vulnerabilities/:id/advisory/preview',
      {
        config: { access: { action: 'advisories:publish' } },
        schema: {
          tags,
          summary: 'What publishing would make public now, and what the CSAF validator would refuse; nothing is stored',
          params: IdParams,
          body: PublishAdvisoryBody,
          response: { 200: AdvisoryPreview },
        },
      },
      (req) => previewAdvisory(req.ctx, config, req.params.id, req.body),
    );

    app.get(
      '/advisories',
      {
        config: publicRead,
        schema: { tags, security: [], querystring: AdvisoryListQuery, response: { 200: page(AdvisorySummary) } },
      },
      (req) => listAdvisories(db, req.query),
    );
    app.get(
      '/advisories/:id',
      { config: publicRead, schema: { tags, security: [], params: AdvisoryParams, response: { 200: Advisory } } },
      async (req) => presentAdvisory(await loadAdvisory(db, req.params.id)),
    );
    app.get(
      '/advisories/:id/csaf.json',
      {
        config: publicRead,
        schema: {
          tags,
          security: [],
          summary:
            'CSAF 2.0, profile csaf_security_advisory: the published bytes (English, or ?lang=ja the Japanese translation)',
          params: AdvisoryParams,
          querystring: CsafQuery,
          // no response schema: the stored bytes are sent as they are (the hash and signature are over them)
        },
      },
      async (req, reply) =>
        reply.type('application/json; charset=utf-8').send(await csafFileOf(db, req.params.id, req.query.lang)),
    );
    app.get(
      '/advisories/:id/vex.json',
      {
        config: publicRead,
        schema: {
          tags,
          security: [],
          summary: 'CSAF 2.0, profile csaf_vex',
          params: AdvisoryParams,
          response: { 200: JsonDocument },
        },
      },
      (req) => vexOf(db, publisher, req.params.id),
    );
    app.get(
      '/advisories/:id/cve.json',
      {
        config: publicRead,
        schema: { tags, security: [], summary: 'CVE JSON 5.1 record', params: AdvisoryParams, response: { 200: JsonDocument } },
      },
      (req) => cveOf(db, config, req.params.id),
    );
  };
