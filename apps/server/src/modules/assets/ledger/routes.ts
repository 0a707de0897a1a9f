import {
  AssetDetail,
  AssetExportQuery,
  AssetImportQuery,
  AssetImportResult,
  AssetListQuery,
  AssetPartnerParams,
  Asset,
  CreateAssetBody,
  DisposeAssetBody,
  IdParams,
  Language,
  page,
  ShareAssetBody,
  UpdateAssetBody,
} from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestLanguage } from '../../../platform/errors/handler';
import { MAX_CSV_BYTES } from '../../../platform/files/csv';
import { MAX_XLSX_BYTES, XLSX_TYPE } from '../../../platform/files/xlsx';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import { exportLedgerCsv, exportLedgerXlsx } from './export';
import { importAssets } from './import';
import { listAssets } from './list';
import { createAsset, disposeAsset, getAsset, updateAsset } from './records';
import { shareAsset, unshareAsset } from './sharing';

const tags = ['assets'];
const read = { access: { action: 'assets:read' as const } };
const manage = { access: { action: 'assets:manage' as const } };
const ExportQuery = AssetExportQuery.extend({ lang: Language.optional() }).strict();

/** The asset ledger: list, record, disposal, sharing with partners, import and export per unit. */
export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: MAX_XLSX_BYTES }, (_req, body, done) => done(null, body));

  app.get('/assets', { config: read, schema: { tags, querystring: AssetListQuery, response: { 200: page(Asset) } } }, (req) =>
    listAssets(req.ctx, req.query),
  );
  app.post(
    '/assets',
    { config: { ...manage, etag: true }, schema: { tags, body: CreateAssetBody, response: { 201: AssetDetail } } },
    async (req, reply) => reply.code(201).send(await createAsset(req.ctx, req.body)),
  );
  app.get(
    '/assets/export.xlsx',
    { config: read, schema: { tags, summary: 'A unit’s ledger as XLSX (the list’s filters)', querystring: ExportQuery } },
    async (req, reply) => {
      const lang = req.query.lang ?? requestLanguage(req);
      const buf = await exportLedgerXlsx(req.ctx, req.query, lang);
      return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="assets.xlsx"').send(buf);
    },
  );
  app.get(
    '/assets/export.csv',
    { config: read, schema: { tags, summary: 'A unit’s ledger as CSV (the list’s filters)', querystring: ExportQuery } },
    async (req, reply) => {
      const lang = req.query.lang ?? requestLanguage(req);
      const text = await exportLedgerCsv(req.ctx, req.query, lang);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="assets.csv"').send(text);
    },
  );
  app.post(
    '/assets/import',
    {
      config: manage,
      bodyLimit: MAX_CSV_BYTES,
      schema: {
        tags,
        summary: 'Import a unit’s ledger (CSV or XLSX, the export’s columns); all rows or none',
        querystring: AssetImportQuery,
        consumes: ['text/csv', XLSX_TYPE],
        response: { 200: AssetImportResult },
      },
    },
    (req) => importAssets(req.ctx, req.query.unitId, req.body, req.headers['content-type']),
  );
  app.get(
    '/assets/:id',
    { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: AssetDetail } } },
    (req) => getAsset(req.ctx, req.params.id),
  );
  app.patch(
    '/assets/:id',
    {
      config: { ...manage, etag: true },
      schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdateAssetBody, response: { 200: AssetDetail } },
    },
    (req) => updateAsset(req.ctx, req.params.id, req.body, ifMatch(req)),
  );
  app.post(
    '/assets/:id/dispose',
    {
      config: { ...manage, etag: true },
      schema: {
        tags,
        summary: 'Record the disposal (the asset stays in the ledger as disposed)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: DisposeAssetBody,
        response: { 200: AssetDetail },
      },
    },
    (req) => disposeAsset(req.ctx, req.params.id, req.body, ifMatch(req)),
  );
  app.post(
    '/assets/:id/partners',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Share with a business partner (checked against the class rule, NDA and open improvement requests)',
        params: IdParams,
        body: ShareAssetBody,
        response: { 200: AssetDetail },
      },
    },
    (req) => shareAsset(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/assets/:id/partners/:partnerId',
    { config: manage, schema: { tags, params: AssetPartnerParams, response: { 200: AssetDetail } } },
    (req) => unshareAsset(req.ctx, req.params.id, req.params.partnerId),
  );
};
