import {
  SystemAssessment,
  AssessmentFinding,
  AssessmentFindingDetail,
  AssessmentFindingQuery,
  SystemAssessmentListQuery,
  AssessmentRun,
  CreateAssessmentBody,
  DecideExceptionBody,
  ExploitedIncidents,
  ExploitedIncidentsQuery,
  IdParams,
  KevCatalog,
  page,
  RemediationQuery,
  RemediationRow,
  RequestExceptionBody,
} from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../../config';
import { scopeOf } from '../../../platform/access/scope';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import { assessmentRemediation } from './remediation';
import { decideException, requestException } from './exceptions';
import { getFinding, listFindings } from './findings';
import { openIncidentFromFinding } from './incident';
import { getKev } from './kev';
import { exploitedIncidents } from './kev-incidents';
import { createAssessment, getAssessment, listAssessments, listRuns } from './records';
import { uploadRoutes } from './upload-routes';

const tags = ['assessments'];
const read = { access: { action: 'systems:read' as const } };
const manage = { access: { action: 'assessments:manage' as const } };
const approve = { access: { action: 'assessment-exceptions:approve' as const } };
const OpenIncidentBody = z.object({ typeId: z.enum(['unauthorized_access', 'malware', 'other']).default('other') }).strict();

/** Vulnerability assessments of the group's own systems: definitions, runs, findings, exceptions, KEV. */
export const assessmentRoutes =
  (config: Config): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(uploadRoutes);
    app.get(
      '/assessments',
      { config: read, schema: { tags, querystring: SystemAssessmentListQuery, response: { 200: page(SystemAssessment) } } },
      (req) => listAssessments(req.ctx, req.query),
    );
    app.post(
      '/assessments',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Define an assessment of named systems',
          body: CreateAssessmentBody,
          response: { 201: SystemAssessment },
        },
      },
      async (req, reply) => reply.code(201).send(await createAssessment(req.ctx, req.body)),
    );
    app.get(
      '/assessments/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: SystemAssessment } } },
      (req) => getAssessment(req.ctx, req.params.id),
    );
    app.get(
      '/assessments/:id/runs',
      { config: read, schema: { tags, params: IdParams, response: { 200: z.array(AssessmentRun) } } },
      (req) => listRuns(req.ctx, req.params.id),
    );
    app.get(
      '/exploited-incidents',
      {
        config: read,
        schema: {
          tags,
          summary: 'Of these incidents, those opened from a known-exploited finding (the KEV flag of the incident board)',
          querystring: ExploitedIncidentsQuery,
          response: { 200: ExploitedIncidents },
        },
      },
      (req) => exploitedIncidents(req.ctx, req.query.ids),
    );
    app.get(
      '/assessment-findings',
      {
        config: read,
        schema: {
          tags,
          summary: 'Findings in scope, the most urgent first',
          querystring: AssessmentFindingQuery,
          response: { 200: page(AssessmentFinding) },
        },
      },
      (req) => listFindings(req.ctx, req.query),
    );
    app.get(
      '/assessment-findings/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: AssessmentFindingDetail } } },
      (req) => getFinding(req.ctx, req.params.id),
    );
    app.post(
      '/assessment-findings/:id/exception',
      {
        config: { ...read, etag: true },
        schema: {
          tags,
          summary: "Ask to accept a finding's risk until a date (at most a year)",
          params: IdParams,
          headers: IfMatchHeaders,
          body: RequestExceptionBody,
          response: { 200: AssessmentFindingDetail },
        },
      },
      (req) => requestException(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/assessment-findings/:id/exception/decide',
      {
        config: { ...approve, etag: true },
        schema: {
          tags,
          summary: 'Approve or refuse the waiting exception (never one’s own)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: DecideExceptionBody,
          response: { 200: AssessmentFindingDetail },
        },
      },
      (req) => decideException(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/assessment-findings/:id/incident',
      {
        config: { access: { action: 'incidents:manage' as const }, etag: true },
        schema: {
          tags,
          summary: 'Open an incident from the finding and link it',
          params: IdParams,
          headers: IfMatchHeaders,
          body: OpenIncidentBody,
          response: { 200: AssessmentFindingDetail },
        },
      },
      (req) => openIncidentFromFinding(req.ctx, config, req.params.id, req.body, ifMatch(req)),
    );
    app.get(
      '/kev-catalog',
      { config: read, schema: { tags, summary: 'The KEV catalogue in use', response: { 200: KevCatalog.nullable() } } },
      (req) => getKev(req.ctx),
    );
    app.get(
      '/assessment-remediation',
      {
        config: read,
        schema: {
          tags,
          summary: 'Remediation rate and overdue findings per unit or system, in scope',
          querystring: RemediationQuery,
          response: { 200: z.array(RemediationRow) },
        },
      },
      (req) => assessmentRemediation(req.ctx.db, scopeOf(req.ctx.principal, 'systems:read'), req.query.by),
    );
  };
