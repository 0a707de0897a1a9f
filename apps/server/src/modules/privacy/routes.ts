import {
  Activity,
  ActivityInput,
  ActivityListItem,
  ActivityListQuery,
  AnswerPrivacyRequestBody,
  CreatePrivacyRequestBody,
  ExtendPrivacyRequestBody,
  IdParams,
  IncidentActivities,
  IncidentActivitiesBody,
  ListQuery,
  page,
  PrivacyCatalog,
  PrivacyRequest,
  PrivacyRequestListItem,
  PrivacyRequestListQuery,
  PublicPrivacyRequestBody,
  PublicPrivacyRequestReceipt,
  ReviewActivityBody,
  UpdateActivityBody,
  UpdatePrivacyRequestBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { scopeOf } from '../../platform/access/scope';
import { fieldError, invalid } from '../../platform/errors/app-error';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { assetsInUnits } from '../assets/service';
import { unitById } from '../org/service';
import { privacyCatalog } from './catalog';
import { answerLetterPdf, registerXlsx } from './documents';
import { createActivity, getActivity, listActivities, reviewActivity, updateActivity } from './register/entries';
import { incidentActivities, linkIncidentActivities } from './register/incident-link';
import {
  answerRequest,
  createRequest,
  extendRequestInScope,
  getRequest,
  listRequests,
  submitPublicRequest,
  updateRequest,
} from './requests/service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The public form: a few requests per address per ten minutes (counted in the database, across processes). */
export const PUBLIC_REQUEST_LIMIT = { max: 5, timeWindow: '10 minutes' };
const LangQuery = z.object({ lang: z.enum(['ja', 'en']).optional() }).strict();
const ExportQuery = ActivityListQuery.omit({ limit: true, cursor: true })
  .extend({ lang: z.enum(['ja', 'en']).optional() })
  .strict();
const AssetOptionsQuery = z.object({ unitId: z.uuid(), q: ListQuery.shape.q }).strict();
const AssetOption = z.object({ id: z.string(), name: z.string(), classCode: z.string() });

/**
 * Privacy (issue #14): the personal-data register (/processing-activities), the incident link, data-subject
 * requests (/privacy-requests) and their public form. Scope is applied by the services (404 outside it).
 */
export const privacyModule: Module = () =>
  async function privacyRoutes(app) {
    const tags = ['privacy'];
    const read = { access: { action: 'privacy:read' as const } };
    const manage = { access: { action: 'privacy:manage' as const } };
    const handle = { access: { action: 'privacy-requests:handle' as const } };

    app.get('/privacy/catalog', { config: read, schema: { tags, response: { 200: PrivacyCatalog } } }, () => {
      const c = privacyCatalog();
      return {
        categories: c.categories.map(({ incidentKind: _, ...x }) => x),
        subjectKinds: c.subjectKinds,
        laws: c.laws.map(({ id, ja, en }) => ({ id, ja, en })),
        transferBases: c.transferBases,
      };
    });

    app.get(
      '/processing-activities',
      {
        config: read,
        schema: {
          tags,
          summary: 'The personal-data register in scope',
          querystring: ActivityListQuery,
          response: { 200: page(ActivityListItem) },
        },
      },
      (req) => listActivities(req.ctx, req.query),
    );
    app.get(
      '/processing-activities/export.xlsx',
      { config: read, schema: { tags, summary: 'The register (with the list filters) as XLSX', querystring: ExportQuery } },
      async (req, reply) => {
        const { lang, ...query } = req.query;
        const file = await registerXlsx(req.ctx, query, lang ?? req.principal?.language ?? 'ja');
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', 'attachment; filename="personal-data-register.xlsx"')
          .send(file);
      },
    );
    app.get(
      '/processing-activities/asset-options',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Assets of a unit in scope, for the storage picker',
          querystring: AssetOptionsQuery,
          response: { 200: z.array(AssetOption) },
        },
      },
      async (req) => {
        const unit = await unitById(req.ctx.db, req.query.unitId);
        const scope = scopeOf(req.principal, 'privacy:manage');
        if (!unit || !(scope.kind === 'all' || (scope.kind === 'paths' && scope.paths.some((p) => unit.path.startsWith(p)))))
          throw invalid([fieldError('query.unitId', 'privacy.unit_unknown')]);
        const rows = await assetsInUnits(req.ctx.db, [unit.path], { q: req.query.q, limit: 50 });
        return rows.map((a) => ({ id: a.id, name: a.name, classCode: a.classCode }));
      },
    );
    app.post(
      '/processing-activities',
      { config: { ...manage, etag: true }, schema: { tags, body: ActivityInput, response: { 201: Activity } } },
      async (req, reply) => reply.code(201).send(await createActivity(req.ctx, req.body)),
    );
    app.get(
      '/processing-activities/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: Activity } } },
      (req) => getActivity(req.ctx, req.params.id),
    );
    app.patch(
      '/processing-activities/:id',
      {
        config: { ...manage, etag: true },
        schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdateActivityBody, response: { 200: Activity } },
      },
      (req) => updateActivity(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/processing-activities/:id/reviews',
      {
        config: { ...read, etag: true },
        schema: {
          tags,
          summary: "Sign off the entry's yearly review (the unit's head)",
          params: IdParams,
          headers: IfMatchHeaders,
          body: ReviewActivityBody,
          response: { 200: Activity },
        },
      },
      (req) => reviewActivity(req.ctx, req.params.id, req.body.note, ifMatch(req)),
    );

    app.get(
      '/incidents/:id/processing-activities',
      {
        config: { access: { action: 'incidents:report' } },
        schema: {
          tags,
          summary: 'The register entries an incident involves',
          params: IdParams,
          response: { 200: IncidentActivities },
        },
      },
      (req) => incidentActivities(req.ctx, req.params.id),
    );
    app.put(
      '/incidents/:id/processing-activities',
      {
        config: { access: { action: 'incidents:manage' } },
        schema: {
          tags,
          summary: "Name the register entries an incident involves; the incident's personal-data facts (and clocks) follow",
          params: IdParams,
          headers: IfMatchHeaders,
          body: IncidentActivitiesBody,
          response: { 200: IncidentActivities },
        },
      },
      (req) => linkIncidentActivities(req.ctx, req.params.id, req.body.activityIds, ifMatch(req)),
    );

    app.post(
      '/public/privacy-requests',
      {
        config: { access: { auth: 'public' }, rateLimit: PUBLIC_REQUEST_LIMIT },
        schema: {
          tags,
          summary: 'Make a request about your personal data (no account). The answer is the same whatever is asked.',
          security: [],
          body: PublicPrivacyRequestBody,
          response: { 202: PublicPrivacyRequestReceipt },
        },
      },
      async (req, reply) => reply.code(202).send(await submitPublicRequest(req.ctx, req.body)),
    );
    app.get(
      '/privacy-requests',
      { config: handle, schema: { tags, querystring: PrivacyRequestListQuery, response: { 200: page(PrivacyRequestListItem) } } },
      (req) => listRequests(req.ctx, req.query),
    );
    app.post(
      '/privacy-requests',
      {
        config: { ...handle, etag: true },
        schema: {
          tags,
          summary: "Record a request received at a service's window",
          body: CreatePrivacyRequestBody,
          response: { 201: PrivacyRequest },
        },
      },
      async (req, reply) => reply.code(201).send(await createRequest(req.ctx, req.body)),
    );
    app.get(
      '/privacy-requests/:id',
      { config: { ...handle, etag: true }, schema: { tags, params: IdParams, response: { 200: PrivacyRequest } } },
      (req) => getRequest(req.ctx, req.params.id),
    );
    app.patch(
      '/privacy-requests/:id',
      {
        config: { ...handle, etag: true },
        schema: {
          tags,
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdatePrivacyRequestBody,
          response: { 200: PrivacyRequest },
        },
      },
      (req) => updateRequest(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/privacy-requests/:id/answer',
      {
        config: { ...handle, etag: true },
        schema: {
          tags,
          summary: 'Record the answer and its date (late: with the reason)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: AnswerPrivacyRequestBody,
          response: { 200: PrivacyRequest },
        },
      },
      (req) => answerRequest(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/privacy-requests/:id/extend',
      {
        config: { ...handle, etag: true },
        schema: {
          tags,
          summary: 'Extend the GDPR one-month period once by two months (art. 12(3)), with the reason; the requester is told',
          params: IdParams,
          headers: IfMatchHeaders,
          body: ExtendPrivacyRequestBody,
          response: { 200: PrivacyRequest },
        },
      },
      (req) => extendRequestInScope(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.get(
      '/privacy-requests/:id/letter.pdf',
      {
        config: handle,
        schema: { tags, summary: 'The answer letter (PDF, ja or en)', params: IdParams, querystring: LangQuery },
      },
      async (req, reply) => {
        const { file, name } = await answerLetterPdf(req.ctx, req.params.id, req.query.lang);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );
  };
