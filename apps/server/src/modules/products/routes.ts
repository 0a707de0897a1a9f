import {
  ComponentListQuery,
  CreateTestRunBody,
  CreateThreatBody,
  ThreatAnalysis,
  ThreatParams,
  ThreatReviewBody,
  Threat,
  UpdateThreatBody,
  Finding,
  FindingParams,
  TestRun,
  UpdateFindingBody,
  UpdateReleaseBody,
  ComponentUse,
  CreateProtectedAssetBody,
  ProductLines,
  ProtectedAsset,
  ProtectedAssetParams,
  ReleaseComponent,
  ReleaseComponentsQuery,
  UpdateProtectedAssetBody,
  CreateProductBody,
  CreateReleaseBody,
  IdParams,
  page,
  Product,
  ProductDetail,
  ProductListQuery,
  Release,
  ReleaseLicences,
  ReleaseParams,
  SbomImportQuery,
  SbomImportResult,
  UpdateProductBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { parseJsonText } from '../../platform/files/json';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { createProduct, createRelease, getProduct, listProductLines, listProducts, updateProduct } from './products';
import { createProtectedAsset, updateProtectedAsset } from './protected-assets';
import { importSbom, releaseComponents, releaseLicences, whereUsed } from './sbom';
import { createThreat, getThreatAnalysis, reviewThreats, updateThreat } from './threats';
import { listTestRuns, recordTestRun, updateFinding, updateRelease } from './ship-gate';

/**
 * Real SBOMs carry 1–4 KB a component (npm's CycloneDX with hashes and references: 4 KB), so 6 MB holds a few
 * thousand components; larger bodies are refused with 413. The document is parsed whole, and a 6 MB one costs
 * about 70 MB to import (measured in sbom-bombs.test.ts): the limit is what keeps an import under 100 MB.
 */
export const SBOM_BODY_LIMIT = 6 * 1024 * 1024;
const XML_TYPES = ['application/xml', 'text/xml', 'application/vnd.cyclonedx+xml'];
const JSON_TYPES = ['application/vnd.cyclonedx+json', 'application/spdx+json'];

export const productsModule: Module = () =>
  async function productRoutes(app) {
    const tags = ['products'];
    const read = { access: { action: 'products:read' as const } };
    const manage = { access: { action: 'products:manage' as const } };

    app.get(
      '/products',
      { config: read, schema: { tags, querystring: ProductListQuery, response: { 200: page(Product) } } },
      (req) => listProducts(req.ctx, req.query),
    );
    app.get(
      '/product-lines',
      {
        config: read,
        schema: { tags, summary: 'The product lines in use, with their product counts', response: { 200: ProductLines } },
      },
      (req) => listProductLines(req.ctx),
    );
    app.get(
      '/products/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: ProductDetail } } },
      (req) => getProduct(req.ctx, req.params.id),
    );
    app.post(
      '/products',
      { config: manage, schema: { tags, body: CreateProductBody, response: { 201: Product } } },
      async (req, reply) => reply.code(201).send(await createProduct(req.ctx, req.body)),
    );
    app.patch(
      '/products/:id',
      {
        config: { ...manage, etag: true },
        schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdateProductBody, response: { 200: Product } },
      },
      (req) => updateProduct(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/products/:id/releases',
      { config: manage, schema: { tags, params: IdParams, body: CreateReleaseBody, response: { 201: Release } } },
      async (req, reply) => reply.code(201).send(await createRelease(req.ctx, req.params.id, req.body)),
    );

    app.patch(
      '/products/:id/releases/:rid',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Change a release; status shipped passes the ship gate (no open finding above the gate severity)',
          params: ReleaseParams,
          headers: IfMatchHeaders,
          body: UpdateReleaseBody,
          response: { 200: Release },
        },
      },
      (req) => updateRelease(req.ctx, req.params.id, req.params.rid, req.body, ifMatch(req)),
    );
    app.get(
      '/products/:id/releases/:rid/test-runs',
      { config: read, schema: { tags, params: ReleaseParams, response: { 200: z.object({ items: z.array(TestRun) }) } } },
      (req) => listTestRuns(req.ctx, req.params.id, req.params.rid),
    );
    app.post(
      '/products/:id/releases/:rid/test-runs',
      { config: manage, schema: { tags, params: ReleaseParams, body: CreateTestRunBody, response: { 201: TestRun } } },
      async (req, reply) => reply.code(201).send(await recordTestRun(req.ctx, req.params.id, req.params.rid, req.body)),
    );
    app.patch(
      '/products/:id/releases/:rid/findings/:fid',
      { config: manage, schema: { tags, params: FindingParams, body: UpdateFindingBody, response: { 200: Finding } } },
      (req) => updateFinding(req.ctx, req.params.id, req.params.rid, req.params.fid, req.body),
    );

    app.get(
      '/products/:id/threats',
      { config: read, schema: { tags, params: IdParams, response: { 200: ThreatAnalysis } } },
      (req) => getThreatAnalysis(req.ctx, req.params.id),
    );
    app.post(
      '/products/:id/threats',
      { config: manage, schema: { tags, params: IdParams, body: CreateThreatBody, response: { 201: Threat } } },
      async (req, reply) => reply.code(201).send(await createThreat(req.ctx, req.params.id, req.body)),
    );
    app.patch(
      '/products/:id/threats/:tid',
      { config: manage, schema: { tags, params: ThreatParams, body: UpdateThreatBody, response: { 200: Threat } } },
      (req) => updateThreat(req.ctx, req.params.id, req.params.tid, req.body),
    );
    app.post(
      '/products/:id/protected-assets',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Add an asset or function the threat analysis protects',
          params: IdParams,
          body: CreateProtectedAssetBody,
          response: { 201: ProtectedAsset },
        },
      },
      async (req, reply) => reply.code(201).send(await createProtectedAsset(req.ctx, req.params.id, req.body)),
    );
    app.patch(
      '/products/:id/protected-assets/:aid',
      {
        config: manage,
        schema: { tags, params: ProtectedAssetParams, body: UpdateProtectedAssetBody, response: { 200: ProtectedAsset } },
      },
      (req) => updateProtectedAsset(req.ctx, req.params.id, req.params.aid, req.body),
    );
    app.post(
      '/products/:id/threat-reviews',
      {
        config: manage,
        schema: {
          tags,
          summary: "Record the stage-gate review of the threat analysis (at the product's current stage)",
          params: IdParams,
          body: ThreatReviewBody,
          response: { 201: ThreatAnalysis },
        },
      },
      async (req, reply) => reply.code(201).send(await reviewThreats(req.ctx, req.params.id, req.body)),
    );

    // SBOM bodies: the content type decides the parser (XML is kept as text for the hardened XML parser).
    app.addContentTypeParser(XML_TYPES, { parseAs: 'string', bodyLimit: SBOM_BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    app.addContentTypeParser(JSON_TYPES, { parseAs: 'string', bodyLimit: SBOM_BODY_LIMIT }, (_req, body, done) => {
      try {
        done(null, parseJsonText(body as string));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    app.post(
      '/products/:id/releases/:rid/sbom',
      {
        config: manage,
        bodyLimit: SBOM_BODY_LIMIT,
        schema: {
          tags,
          summary: "Import a release's SBOM (CycloneDX 1.4–1.6 JSON or XML, SPDX 2.3 JSON); replaces its component list",
          description:
            'A document that lists no components (a VEX, a BOM of services only) is refused with 422 `/problems/empty-sbom` and changes nothing, unless `replaceWithEmpty=true` confirms emptying the list.',
          params: ReleaseParams,
          querystring: SbomImportQuery,
          body: z.unknown(),
          consumes: ['application/json', ...JSON_TYPES, ...XML_TYPES],
          response: { 200: SbomImportResult },
        },
      },
      (req) => importSbom(req.ctx, req.params.id, req.params.rid, req.body, req.query),
    );
    app.get(
      '/products/:id/releases/:rid/licences',
      { config: read, schema: { tags, params: ReleaseParams, response: { 200: ReleaseLicences } } },
      (req) => releaseLicences(req.ctx, req.params.id, req.params.rid),
    );
    app.get(
      '/products/:id/releases/:rid/components',
      {
        config: read,
        schema: {
          tags,
          summary: "A release's components from its SBOM, by name; q matches the name or the purl",
          params: ReleaseParams,
          querystring: ReleaseComponentsQuery,
          response: { 200: page(ReleaseComponent) },
        },
      },
      (req) => releaseComponents(req.ctx, req.params.id, req.params.rid, req.query),
    );
    app.get(
      '/components',
      {
        config: read,
        schema: {
          tags,
          summary: "Where a component ships: the releases whose SBOM lists it, by the ecosystem's canonical name or a purl",
          querystring: ComponentListQuery,
          response: { 200: page(ComponentUse) },
        },
      },
      (req) => whereUsed(req.ctx, req.query),
    );
  };
