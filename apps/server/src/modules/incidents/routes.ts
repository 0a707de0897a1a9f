import {
  CreateTimelineBody,
  Deadline,
  DeadlineParams,
  IdParams,
  Incident,
  IncidentListItem,
  IncidentListQuery,
  MeetDeadlineBody,
  page,
  ReportIncidentBody,
  TimelineEntry,
  UpdateIncidentBody,
  WaiveDeadlineBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { getIncident, updateIncident } from './case';
import { listDeadlines, settleDeadline } from './clocks';
import { listIncidents } from './list';
import { reportIncident } from './report';
import { incidentWorkRoutes } from './routes-work';
import { listTimeline, postTimeline } from './timeline';

/**
 * Incidents (issue #4). Case routes are open to every role that may report (`incidents:report`); the
 * service then shows a case only to its reporter, its members and the incidents:read scope, and answers
 * 404 to anyone else. Changing a case needs `incidents:manage` in scope.
 */
export const incidentsModule: Module = (deps) =>
  async function incidents(app) {
    const tags = ['incidents'];
    const participate = { access: { action: 'incidents:report' as const } };
    const manage = { access: { action: 'incidents:manage' as const } };
    const UPLOAD_LIMIT = 15 * 1024 * 1024;

    app.post(
      '/incidents',
      {
        config: participate,
        bodyLimit: UPLOAD_LIMIT,
        schema: { tags, summary: 'Report an incident or a near miss', body: ReportIncidentBody, response: { 201: Incident } },
      },
      async (req, reply) => reply.code(201).send(await reportIncident(req.ctx, deps.config, req.body)),
    );
    app.get(
      '/incidents',
      { config: participate, schema: { tags, querystring: IncidentListQuery, response: { 200: page(IncidentListItem) } } },
      (req) => listIncidents(req.ctx, req.query),
    );
    app.get(
      '/incidents/:id',
      { config: { ...participate, etag: true }, schema: { tags, params: IdParams, response: { 200: Incident } } },
      (req) => getIncident(req.ctx, req.params.id),
    );
    app.patch(
      '/incidents/:id',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Change facts, decisions or the step of a case',
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateIncidentBody,
          response: { 200: Incident },
        },
      },
      (req) => updateIncident(req.ctx, req.params.id, req.body, ifMatch(req)),
    );

    app.get(
      '/incidents/:id/timeline',
      { config: participate, schema: { tags, params: IdParams, response: { 200: z.array(TimelineEntry) } } },
      (req) => listTimeline(req.ctx, req.params.id),
    );
    app.post(
      '/incidents/:id/timeline',
      {
        config: participate,
        schema: {
          tags,
          summary: 'Add an action, decision, message or note; a correction names the entry it corrects',
          params: IdParams,
          body: CreateTimelineBody,
          response: { 201: TimelineEntry },
        },
      },
      async (req, reply) => reply.code(201).send(await postTimeline(req.ctx, req.params.id, req.body)),
    );

    app.get(
      '/incidents/:id/deadlines',
      { config: participate, schema: { tags, params: IdParams, response: { 200: z.array(Deadline) } } },
      (req) => listDeadlines(req.ctx, req.params.id),
    );
    app.post(
      '/incidents/:id/deadlines/:deadlineId/met',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Record when and how a clock was met',
          params: DeadlineParams,
          body: MeetDeadlineBody,
          response: { 200: Deadline },
        },
      },
      (req) => settleDeadline(req.ctx, req.params.id, req.params.deadlineId, req.body),
    );
    app.post(
      '/incidents/:id/deadlines/:deadlineId/waive',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Waive a clock that does not apply, with the reason',
          params: DeadlineParams,
          body: WaiveDeadlineBody,
          response: { 200: Deadline },
        },
      },
      (req) => settleDeadline(req.ctx, req.params.id, req.params.deadlineId, req.body),
    );

    await app.register(incidentWorkRoutes(deps));
  };
