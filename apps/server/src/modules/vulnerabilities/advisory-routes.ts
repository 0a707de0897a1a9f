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
import type { Module } from '../../platform/http/module';
import {
  csafOf,
  cveOf,
  listAdvisories,
  loadAdvisory,
  presentAdvisory,
  previewAdvisory,
  publishAdvisory,
  publisherOf,
} from './advisories';

/** Public reads: generous, but bounded per address. */
export const PUBLIC_READ_LIMIT = { max: 300, timeWindow: '1 minute' };
const AdvisoryParams = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();
const JsonDocument = z.record(z.string(), z.unknown());

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
      (req) => publishAdvisory(req.ctx, publisher, req.params.id, req.body),
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
      (req) => previewAdvisory(req.ctx, publisher, req.params.id, req.body),
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
          summary: 'CSAF 2.0, profile csaf_security_advisory',
          params: AdvisoryParams,
          response: { 200: JsonDocument },
        },
      },
      (req) => csafOf(db, publisher, req.params.id, 'csaf_security_advisory'),
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
      (req) => csafOf(db, publisher, req.params.id, 'csaf_vex'),
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
