import {
  AssigneeCandidates,
  AssigneeCandidatesQuery,
  BulkAssignResult,
  BulkAssignVulnerabilitiesBody,
  CoordinationRecord,
  CreateCoordinationBody,
  CreateRemediationTaskBody,
  Task,
  RemediationTaskParams,
  UpdateRemediationTaskBody,
  AdvisoryImportBody,
  AttachmentParams,
  AttachmentQuery,
  AttachmentReceipt,
  AdvisoryImportReport,
  CreateVulnerabilityBody,
  CvssScore,
  CvssScoreBody,
  IdParams,
  MessageBody,
  page,
  ReporterView,
  TrackingParams,
  UpdateVulnerabilityBody,
  Vulnerability,
  VulnerabilityDetail,
  VulnerabilityExportQuery,
  VulnerabilityListQuery,
  VulnerabilityReportBody,
  VulnerabilityReportReceipt,
} from '@mamori/contracts';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { addAttachment, ATTACHMENT_LIMIT, getAttachment } from './reporting/attachments';
import { assigneeCandidates, bulkAssign } from './cases/assign';
import { exportCases } from './cases/case-export';
import { listCases } from './cases/case-list';
import { createCase, getCase, psirtMessage, updateCase } from './cases/cases';
import { craRoutes } from './cra/routes';
import { scoreVector } from './cases/cvss';
import { importAdvisories } from './advisories/import';
import { addCoordination, addTask, updateTask } from './cases/remediation';
import { reporterMessage, reporterView, submitReport, trackingUrl } from './reporting/reports';
import { rawBody } from '../../platform/files/raw-body';

/** Public intake: a few reports per address per ten minutes; the tracking link a little more. */
export const REPORT_RATE_LIMIT = { max: 5, timeWindow: '10 minutes' };
const TRACKING_RATE_LIMIT = { max: 60, timeWindow: '10 minutes' };

export const vulnerabilitiesModule: Module = (deps) =>
  async function vulnerabilityRoutes(app) {
    const { config } = deps;
    await app.register(craRoutes(deps));
    const tags = ['vulnerabilities'];
    const read = { access: { action: 'vulnerabilities:read' as const } };
    const manage = { access: { action: 'vulnerabilities:manage' as const } };
    const publicRoute = { auth: 'public' as const };

    app.post(
      '/vulnerability-reports',
      {
        config: { access: publicRoute, rateLimit: REPORT_RATE_LIMIT },
        schema: {
          tags,
          summary: 'Report a vulnerability (no account). Answers only with a secret tracking link.',
          security: [],
          body: VulnerabilityReportBody,
          response: { 202: VulnerabilityReportReceipt },
        },
      },
      async (req, reply) => {
        const token = await submitReport(req.ctx, config, req.body);
        return reply.code(202).send({ trackingToken: token, trackingUrl: trackingUrl(config.publicUrl, token) });
      },
    );
    app.get(
      '/vulnerability-reports/:token/messages',
      {
        config: { access: publicRoute, rateLimit: TRACKING_RATE_LIMIT },
        schema: { tags, security: [], params: TrackingParams, response: { 200: ReporterView } },
      },
      (req) => reporterView(req.ctx, req.params.token),
    );
    app.post(
      '/vulnerability-reports/:token/messages',
      {
        config: { access: publicRoute, rateLimit: TRACKING_RATE_LIMIT },
        schema: { tags, security: [], params: TrackingParams, body: MessageBody, response: { 201: ReporterView } },
      },
      async (req, reply) => reply.code(201).send(await reporterMessage(req.ctx, req.params.token, req.body)),
    );

    // Attachments travel as the raw body (any file type); nothing of them is ever rendered.
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: ATTACHMENT_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    app.post(
      '/vulnerability-reports/:token/attachments',
      {
        config: { access: publicRoute, rateLimit: REPORT_RATE_LIMIT },
        bodyLimit: ATTACHMENT_LIMIT,
        schema: {
          tags,
          summary: 'Attach a file (PoC) to a report: the body is the file (application/octet-stream), at most 10 MB',
          security: [],
          params: TrackingParams,
          querystring: AttachmentQuery,
          consumes: ['application/octet-stream'],
          response: { 201: AttachmentReceipt },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await addAttachment(req.ctx, req.params.token, req.query.name, rawBody(req.body))),
    );
    app.get(
      '/vulnerabilities/:id/attachments/:aid',
      { config: read, schema: { tags, params: AttachmentParams } },
      async (req, reply) => {
        const file = await getAttachment(req.ctx, req.params.id, req.params.aid);
        return reply
          .type('application/octet-stream')
          .header(
            'content-disposition',
            `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .header('x-content-sha256', file.sha256)
          .send(file.content);
      },
    );

    app.post(
      '/cvss-scores',
      {
        config: read,
        schema: {
          tags,
          summary: 'Validate a CVSS 3.1 or 4.0 vector and compute its score and severity (nothing is stored)',
          body: CvssScoreBody,
          response: { 200: CvssScore },
        },
      },
      (req) => scoreVector(req.body.vector, 'body.vector'),
    );
    app.get(
      '/vulnerabilities',
      { config: read, schema: { tags, querystring: VulnerabilityListQuery, response: { 200: page(Vulnerability) } } },
      (req) => listCases(req.ctx, req.query),
    );
    app.get(
      '/vulnerabilities/export',
      {
        config: read,
        schema: {
          tags,
          summary: 'The case list (the same scope, filters and sort) as CSV or XLSX',
          description:
            "`format=csv|xlsx`, headers in `lang` (default: the reader's), times in `tz` (default Asia/Tokyo). At " +
            'most 100,000 rows: a longer list ends with a row saying it was cut there.',
          querystring: VulnerabilityExportQuery,
        },
      },
      (req, reply) => exportCases(req.ctx, reply, req.query),
    );
    app.post(
      '/vulnerabilities/bulk-assign',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Assign many cases to one PSIRT member (or clear the assignee): all or none',
          description:
            'Each case is checked as a single assignment is (in your scope, not closed, rejected or duplicate). A ' +
            'refusal names every failing case as `body.ids.<i>` with its code and changes nothing: 404 when every ' +
            'failing case is unknown or outside your scope, else 409. One audit event per case changed.',
          body: BulkAssignVulnerabilitiesBody,
          response: { 200: BulkAssignResult },
        },
      },
      (req) => bulkAssign(req.ctx, req.body),
    );
    app.get(
      '/vulnerabilities/assignee-candidates',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Accounts a case may be assigned to (active holders of vulnerabilities:manage), by name or e-mail',
          querystring: AssigneeCandidatesQuery,
          response: { 200: AssigneeCandidates },
        },
      },
      (req) => assigneeCandidates(req.ctx, req.query),
    );
    app.post(
      '/vulnerabilities',
      { config: manage, schema: { tags, body: CreateVulnerabilityBody, response: { 201: VulnerabilityDetail } } },
      async (req, reply) => reply.code(201).send(await createCase(req.ctx, req.body)),
    );
    app.post(
      '/vulnerabilities/import',
      {
        config: manage,
        bodyLimit: 20 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Import existing CSAF 2.0 advisories and CVE JSON 5 records as disclosed cases, with a report per file',
          body: AdvisoryImportBody,
          response: { 200: AdvisoryImportReport },
        },
      },
      (req) => importAdvisories(req.ctx, req.body),
    );
    app.get(
      '/vulnerabilities/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: VulnerabilityDetail } } },
      (req) => getCase(req.ctx, req.params.id),
    );
    app.patch(
      '/vulnerabilities/:id',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateVulnerabilityBody,
          response: { 200: VulnerabilityDetail },
        },
      },
      (req) => updateCase(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/vulnerabilities/:id/tasks',
      { config: manage, schema: { tags, params: IdParams, body: CreateRemediationTaskBody, response: { 201: Task } } },
      async (req, reply) => reply.code(201).send(await addTask(req.ctx, req.params.id, req.body)),
    );
    app.patch(
      '/vulnerabilities/:id/tasks/:tid',
      {
        config: manage,
        schema: { tags, params: RemediationTaskParams, body: UpdateRemediationTaskBody, response: { 200: Task } },
      },
      (req) => updateTask(req.ctx, req.params.id, req.params.tid, req.body),
    );
    app.post(
      '/vulnerabilities/:id/coordination',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Record a coordination step with a CERT or another party',
          params: IdParams,
          body: CreateCoordinationBody,
          response: { 201: CoordinationRecord },
        },
      },
      async (req, reply) => reply.code(201).send(await addCoordination(req.ctx, req.params.id, req.body)),
    );
    app.post(
      '/vulnerabilities/:id/messages',
      { config: manage, schema: { tags, params: IdParams, body: MessageBody, response: { 201: VulnerabilityDetail } } },
      async (req, reply) => reply.code(201).send(await psirtMessage(req.ctx, req.params.id, req.body)),
    );
  };
