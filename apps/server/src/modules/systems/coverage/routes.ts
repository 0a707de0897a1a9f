import {
  CoverageImportQuery,
  CoverageImportResult,
  CoverageMapping,
  CoverageQuery,
  CoverageRow,
  CoverageSource,
  IdParams,
  page,
  SystemFinding,
  SystemFindingQuery,
} from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvUpload, registerStreamingCsv } from '../../../platform/files/csv-stream';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import { importCoverage } from './import';
import { coverageSummary, listFindings } from './read';
import { createSource, listSources, updateSource } from './sources';

const tags = ['systems'];
const read = { access: { action: 'systems:read' as const } };
const importer = { access: { action: 'coverage:import' as const } };

/**
 * Device coverage: the consoles' saved mappings, the streamed CSV import, coverage per unit or site and the gaps.
 * This plugin reads `text/csv` as a stream (the app's parser holds the whole text, capped at 24 MB): the import
 * counts bytes itself and keeps one batch of lines in memory.
 */
export const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  registerStreamingCsv(app);

  app.get(
    '/coverage-sources',
    { config: importer, schema: { tags, summary: 'The saved console mappings', response: { 200: z.array(CoverageSource) } } },
    (req) => listSources(req.ctx),
  );
  app.post(
    '/coverage-sources',
    {
      config: { ...importer, etag: true },
      schema: { tags, summary: "Save a console's column mapping", body: CoverageMapping, response: { 201: CoverageSource } },
    },
    async (req, reply) => reply.code(201).send(await createSource(req.ctx, req.body)),
  );
  app.put(
    '/coverage-sources/:id',
    {
      config: { ...importer, etag: true },
      schema: { tags, params: IdParams, headers: IfMatchHeaders, body: CoverageMapping, response: { 200: CoverageSource } },
    },
    (req) => updateSource(req.ctx, req.params.id, req.body, ifMatch(req)),
  );
  app.post(
    '/coverage-sources/:id/import',
    {
      config: importer,
      schema: {
        tags,
        summary: "Import a console's CSV export for a unit's subtree (streamed; all lines or none), then recompute its gaps",
        params: IdParams,
        querystring: CoverageImportQuery,
        consumes: ['text/csv'],
        response: { 200: CoverageImportResult },
      },
    },
    // no body, or one of another type: 415 before anything is read (a missing stream had left the import waiting forever)
    (req) => importCoverage(req.ctx, req.params.id, req.query.unitId, csvUpload(req.body).stream),
  );
  app.get(
    '/coverage',
    {
      config: read,
      schema: {
        tags,
        summary: 'Coverage per unit or site, in scope',
        querystring: CoverageQuery,
        response: { 200: z.array(CoverageRow) },
      },
    },
    (req) => coverageSummary(req.ctx, req.query.by),
  );
  app.get(
    '/system-findings',
    {
      config: read,
      schema: {
        tags,
        summary: 'Coverage gaps, newest first',
        querystring: SystemFindingQuery,
        response: { 200: page(SystemFinding) },
      },
    },
    (req) => listFindings(req.ctx, req.query),
  );
};
