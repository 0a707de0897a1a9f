import { AssessmentRun, IdParams, KevCatalog, KevUploadQuery, RunImportQuery } from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importRun } from './import';
import { KEV_MAX_BYTES, uploadKev } from './kev';

/** A run's file is at most this large (the OpenVAS reader's cap; SARIF and CSV have lower caps of their own). */
const RUN_BODY_LIMIT = 48 * 1024 * 1024;
const TEXT_TYPES = ['application/json', 'application/sarif+json', 'text/csv', 'application/xml', 'text/xml'];

/**
 * The file uploads: a run's result file and the KEV catalogue, taken as text whatever their type (the readers check
 * size, depth and entities before parsing), so this plugin replaces the app's JSON and CSV parsers for its routes.
 */
export const uploadRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const type of TEXT_TYPES) if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  app.addContentTypeParser(TEXT_TYPES, { parseAs: 'string', bodyLimit: RUN_BODY_LIMIT }, (_req, body, done) => done(null, body));
  app.post(
    '/assessments/:id/runs',
    {
      config: { access: { action: 'assessments:manage' as const } },
      bodyLimit: RUN_BODY_LIMIT,
      schema: {
        tags: ['assessments'],
        summary: 'Import a result file (SARIF 2.1.0, mapped CSV, OpenVAS/Greenbone XML) as a run; all or nothing',
        description:
          'A full run (`full=true`, the default) fixes the findings this assessment last saw on its systems that the file no longer reports.',
        params: IdParams,
        querystring: RunImportQuery,
        consumes: TEXT_TYPES,
        body: z.string(),
        response: { 201: AssessmentRun },
      },
    },
    async (req, reply) =>
      reply.code(201).send(
        await importRun(req.ctx, req.params.id, {
          format: req.query.format,
          full: req.query.full === 'true',
          fileName: req.query.fileName,
          text: req.body,
        }),
      ),
  );
  app.put(
    '/kev-catalog',
    {
      config: { access: { action: 'assessments:manage' as const } },
      bodyLimit: KEV_MAX_BYTES,
      schema: {
        tags: ['assessments'],
        summary: 'Upload the KEV catalogue (CISA JSON); it replaces the previous one and flags the findings again',
        querystring: KevUploadQuery,
        consumes: ['application/json'],
        body: z.string(),
        response: { 200: KevCatalog },
      },
    },
    (req) => uploadKev(req.ctx, req.body, req.query.fileName),
  );
};
