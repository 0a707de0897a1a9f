import {
  CreateTestCaseBody,
  CreateTestPlanBody,
  DecideAcceptanceBody,
  IdParams,
  MarkFalsePositiveBody,
  ReleaseParams,
  RequestAcceptanceBody,
  RetestFindingBody,
  ShipGate,
  ShipGateRules,
  ShipGateSetting,
  TestCase,
  TestEvidence,
  TestFinding,
  TestFindingParams,
  TestPlan,
  TestPlanDetail,
  TestPlanListQuery,
  TestRunImportQuery,
  TestRunImportResult,
  UpdateTestPlanBody,
  UploadTestEvidenceBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { AppError, msg, fieldError } from '../../../platform/errors/app-error';
import { SARIF_LIMITS } from '../../../platform/files/sarif';
import { JUNIT_LIMITS } from '../../../platform/files/junit';
import { etagOf, ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import type { Module } from '../../../platform/http/module';
import { effectiveSetting, saveSetting } from '../../../platform/settings/effective';
import { inTransaction } from '../../../platform/tx';
import { downloadTestEvidence, uploadTestEvidence } from './evidence';
import { decideAcceptance, markFalsePositive, requestAcceptance, retestFinding } from './findings';
import { getShipGate, shipGateSetting } from './gate';
import { importJunitRun, importSarifRun } from './import-run';
import { addTestCase, createTestPlan, getTestPlan, listTestPlans, updateTestPlan } from './plans';

const SARIF_TYPES = ['application/sarif+json'];
const JUNIT_TYPES = ['application/junit+xml', 'application/xml', 'text/xml'];

/** The body as text, or 415 when the client sent it as something else. */
function textBody(body: unknown, field = 'body'): string {
  if (typeof body === 'string') return body;
  throw new AppError('unsupported-media-type', msg('files.body_with_type'), [fieldError(field, 'files.raw_file_body')]);
}

/**
 * Security test plans of releases, their runs (SARIF 2.1.0, JUnit XML), findings, evidence and the ship gate
 * (issue #21, docs/product-testing.md). Readers: products:read in the product's scope; writers: products:manage.
 */
export const productTestingModule: Module = () =>
  async function productTestingRoutes(app) {
    const tags = ['product testing'];
    const read = { access: { action: 'products:read' as const } };
    const manage = { access: { action: 'products:manage' as const } };
    // the file is the body: read as text with the reader's own size cap, parsed by the guarded readers
    app.addContentTypeParser(SARIF_TYPES, { parseAs: 'string', bodyLimit: SARIF_LIMITS.maxBytes }, (_req, body, done) =>
      done(null, body),
    );
    app.addContentTypeParser(JUNIT_TYPES, { parseAs: 'string', bodyLimit: JUNIT_LIMITS.maxBytes }, (_req, body, done) =>
      done(null, body),
    );

    app.get(
      '/test-plans',
      {
        config: read,
        schema: { tags, querystring: TestPlanListQuery, response: { 200: z.object({ items: z.array(TestPlan) }) } },
      },
      (req) => listTestPlans(req.ctx, req.query),
    );
    app.post(
      '/test-plans',
      { config: manage, schema: { tags, body: CreateTestPlanBody, response: { 201: TestPlan } } },
      async (req, reply) => reply.code(201).send(await createTestPlan(req.ctx, req.body)),
    );
    app.get(
      '/test-plans/:id',
      {
        config: { ...read, etag: true },
        schema: {
          tags,
          summary: 'A plan with its cases, runs, findings and evidence',
          params: IdParams,
          response: { 200: TestPlanDetail },
        },
      },
      (req) => getTestPlan(req.ctx, req.params.id),
    );
    app.patch(
      '/test-plans/:id',
      {
        config: { ...manage, etag: true },
        schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdateTestPlanBody, response: { 200: TestPlan } },
      },
      (req) => updateTestPlan(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/test-plans/:id/cases',
      { config: manage, schema: { tags, params: IdParams, body: CreateTestCaseBody, response: { 201: TestCase } } },
      async (req, reply) => reply.code(201).send(await addTestCase(req.ctx, req.params.id, req.body)),
    );
    app.post(
      '/test-plans/:id/sarif-runs',
      {
        config: manage,
        bodyLimit: SARIF_LIMITS.maxBytes,
        schema: {
          tags,
          summary: 'Import a SARIF 2.1.0 log (body, application/sarif+json) as a run of the plan',
          description:
            'Findings are de-duplicated by fingerprint across the runs of the plan. A finding this run (same method and tool) no longer reports becomes fixed_pending_retest; with retest=true it is closed. A log that fails the SARIF schema is refused with 400 naming each JSON path, and nothing changes.',
          params: IdParams,
          querystring: TestRunImportQuery,
          body: z.unknown(),
          consumes: SARIF_TYPES,
          response: { 201: TestRunImportResult },
        },
      },
      async (req, reply) => reply.code(201).send(await importSarifRun(req.ctx, req.params.id, textBody(req.body), req.query)),
    );
    app.post(
      '/test-plans/:id/junit-runs',
      {
        config: manage,
        bodyLimit: JUNIT_LIMITS.maxBytes,
        schema: {
          tags,
          summary: "Import a JUnit XML report (body) as a run: each test case's result, matched to the plan's cases by title",
          params: IdParams,
          querystring: TestRunImportQuery,
          body: z.unknown(),
          consumes: JUNIT_TYPES,
          response: { 201: TestRunImportResult },
        },
      },
      async (req, reply) => reply.code(201).send(await importJunitRun(req.ctx, req.params.id, textBody(req.body), req.query)),
    );
    app.post(
      '/test-plans/:id/evidence',
      { config: manage, schema: { tags, params: IdParams, body: UploadTestEvidenceBody, response: { 201: TestEvidence } } },
      async (req, reply) => reply.code(201).send(await uploadTestEvidence(req.ctx, req.params.id, req.body)),
    );
    app.get(
      '/test-plans/:id/evidence/:eid',
      {
        config: read,
        schema: { tags, summary: 'Download an evidence file', params: z.object({ id: z.uuid(), eid: z.uuid() }).strict() },
      },
      async (req, reply) => {
        const f = await downloadTestEvidence(req.ctx, req.params.id, req.params.eid);
        return reply
          .type(f.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('x-content-type-options', 'nosniff')
          .send(f.content);
      },
    );

    const findingRoute = <B extends z.ZodType>(path: string, summary: string, body: B) => ({
      path,
      opts: {
        config: { ...manage, etag: true },
        schema: { tags, summary, params: TestFindingParams, headers: IfMatchHeaders, body, response: { 200: TestFinding } },
      },
    });
    const retest = findingRoute('/test-findings/:id/retest', 'Record a retest by the method that found it', RetestFindingBody);
    app.post(retest.path, retest.opts, (req) => retestFinding(req.ctx, req.params.id, req.body, ifMatch(req)));
    const ask = findingRoute(
      '/test-findings/:id/acceptance',
      'Ask for the risk to be accepted until a date',
      RequestAcceptanceBody,
    );
    app.post(ask.path, ask.opts, (req) => requestAcceptance(req.ctx, req.params.id, req.body, ifMatch(req)));
    const decide = findingRoute(
      '/test-findings/:id/acceptance/decision',
      'Approve or reject a requested acceptance (never by its requester)',
      DecideAcceptanceBody,
    );
    app.post(decide.path, decide.opts, (req) => decideAcceptance(req.ctx, req.params.id, req.body, ifMatch(req)));
    const fp = findingRoute(
      '/test-findings/:id/false-positive',
      'Mark a finding a false positive, with the reason',
      MarkFalsePositiveBody,
    );
    app.post(fp.path, fp.opts, (req) => markFalsePositive(req.ctx, req.params.id, req.body, ifMatch(req)));

    app.get(
      '/products/:id/releases/:rid/ship-gate',
      {
        config: read,
        schema: {
          tags,
          summary: "The ship gate's rules for a release: which pass, which block (and what), which are not checked yet",
          params: ReleaseParams,
          response: { 200: ShipGate },
        },
      },
      (req) => getShipGate(req.ctx, req.params.id, req.params.rid),
    );
    app.get(
      '/settings/ship-gate',
      {
        config: { ...read, etag: 'version' },
        schema: { tags, summary: "The group's ship-gate rules", response: { 200: ShipGateSetting } },
      },
      async (req, reply) => {
        const value = await effectiveSetting(req.ctx.db, shipGateSetting);
        return reply.header('etag', etagOf(value.version)).send(value);
      },
    );
    app.put(
      '/settings/ship-gate',
      {
        config: { access: { action: 'settings:manage' as const }, etag: 'version' },
        schema: {
          tags,
          summary: "Save the group's ship-gate rules",
          headers: IfMatchHeaders,
          body: ShipGateRules,
          response: { 200: ShipGateSetting },
        },
      },
      async (req, reply) => {
        const saved = await inTransaction(req.ctx, (tx, audit) =>
          saveSetting(tx, audit, shipGateSetting, req.body, { by: req.ctx.principal?.userId ?? null, expected: ifMatch(req) }),
        );
        return reply.header('etag', etagOf(saved.version)).send(saved);
      },
    );
  };
