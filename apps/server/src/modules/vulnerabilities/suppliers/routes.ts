import {
  DismissSupplierMatchBody,
  IdParams,
  page,
  SupplierAdvisoryDetail,
  SupplierAdvisoryListQuery,
  SupplierAdvisorySummary,
  SupplierImportResult,
  SupplierMatch,
  SupplierMatchListQuery,
  SupplierRematchQueued,
} from '@mamori/contracts';
import { z } from 'zod';
import type { Module } from '../../../platform/http/module';
import { acceptSupplierMatch, dismissSupplierMatch } from './decide';
import { importSupplierAdvisory } from './import';
import { SUPPLIER_CSAF_LIMIT } from './limits';
import { providerRoutes } from './provider-routes';
import { getSupplierAdvisory, listSupplierAdvisories, listSupplierMatches } from './read';
import { requestRematch } from './rematch-request';

/** A supplier's CSAF document: the JSON body parser has bounded its depth and number of values. */
const CsafDocument = z.record(z.string(), z.unknown());

/** Suppliers' advisories (CSAF 2.0 and VEX), their versions, and the suggested cases they raise. */
export const supplierAdvisoriesModule: Module = (deps) =>
  async function supplierAdvisoryRoutes(app) {
    const tags = ['supplier-advisories'];
    const read = { access: { action: 'supplier-advisories:read' as const } };
    const decide = { access: { action: 'supplier-matches:decide' as const } };
    await app.register(providerRoutes(deps));

    app.post(
      '/supplier-advisories',
      {
        config: { access: { action: 'supplier-advisories:import' as const } },
        bodyLimit: SUPPLIER_CSAF_LIMIT,
        schema: {
          tags,
          summary:
            "Import a supplier's CSAF 2.0 security advisory or VEX (validated by the schema and mandatory tests); a newer version is matched against SBOM components and systems at once",
          body: CsafDocument,
          response: { 200: SupplierImportResult, 201: SupplierImportResult },
        },
      },
      async (req, reply) => {
        const result = await importSupplierAdvisory(req.ctx, req.body, { kind: 'upload' });
        return reply.code(result.outcome === 'unchanged' ? 200 : 201).send(result);
      },
    );
    app.post(
      '/supplier-advisories/rematch',
      {
        config: { access: { action: 'supplier-advisories:import' as const } },
        schema: {
          tags,
          summary:
            'Match every supplier advisory again against the SBOMs and systems as they are now (queued; on its own the job runs every ten minutes when an SBOM or a system changed)',
          response: { 202: SupplierRematchQueued },
        },
      },
      async (req, reply) => reply.code(202).send(await requestRematch(req.ctx)),
    );
    app.get(
      '/supplier-advisories',
      {
        config: read,
        schema: {
          tags,
          summary: "The latest version of each supplier's advisory",
          querystring: SupplierAdvisoryListQuery,
          response: { 200: page(SupplierAdvisorySummary) },
        },
      },
      (req) => listSupplierAdvisories(req.ctx, req.query),
    );
    app.get(
      '/supplier-advisories/:id',
      {
        config: read,
        schema: {
          tags,
          summary: "One version of a supplier's advisory: products, statuses, remediations, scores, versions, matches in scope",
          params: IdParams,
          response: { 200: SupplierAdvisoryDetail },
        },
      },
      (req) => getSupplierAdvisory(req.ctx, req.params.id),
    );
    app.get(
      '/supplier-advisory-matches',
      {
        config: read,
        schema: {
          tags,
          summary:
            'Suggested cases from suppliers’ advisories in your scope (components: vulnerabilities:read; systems: systems:read)',
          querystring: SupplierMatchListQuery,
          response: { 200: page(SupplierMatch) },
        },
      },
      (req) => listSupplierMatches(req.ctx, req.query),
    );
    app.post(
      '/supplier-advisory-matches/:id/accept',
      {
        config: decide,
        schema: {
          tags,
          summary: "Accept a suggested case: a component's opens or joins the vulnerability case of each CVE",
          params: IdParams,
          response: { 200: SupplierMatch },
        },
      },
      (req) => acceptSupplierMatch(req.ctx, req.params.id),
    );
    app.post(
      '/supplier-advisory-matches/:id/dismiss',
      {
        config: decide,
        schema: {
          tags,
          summary: 'Dismiss a suggested case, with the reason',
          params: IdParams,
          body: DismissSupplierMatchBody,
          response: { 200: SupplierMatch },
        },
      },
      (req) => dismissSupplierMatch(req.ctx, req.params.id, req.body),
    );
  };
