import {
  AddEvidenceBody,
  AddMemberBody,
  CreateTaskBody,
  CustodyBody,
  Evidence,
  EvidenceParams,
  IdParams,
  IncidentExportQuery,
  IncidentMember,
  IncidentStats,
  IncidentSummary,
  IncidentTask,
  MemberCandidates,
  MemberCandidatesQuery,
  MemberParams,
  Ok,
  StatsQuery,
  SummaryQuery,
  TaskParams,
  UpdateTaskBody,
} from '@mamori/contracts';
import { z } from 'zod';
import type { Module } from '../../platform/http/module';
import { addCustody, addEvidence, downloadEvidence, listEvidence } from './evidence';
import { exportIncidents } from './export';
import { addMember, listMembers, memberCandidates, removeMember } from './members';
import { incidentStats } from './stats';
import { incidentSummary } from './summary';
import { summaryPdf } from './summary-pdf';
import { createTask, listTasks, updateTask } from './tasks';

/** The work around a case (members, tasks, evidence) and the analysis views (statistics, export, summary). */
export const incidentWorkRoutes: Module = () =>
  async function incidentWork(app) {
    const tags = ['incidents'];
    const participate = { access: { action: 'incidents:report' as const } };
    const manage = { access: { action: 'incidents:manage' as const } };
    const analyse = { access: { action: 'incidents:analyse' as const } };

    app.get(
      '/incidents/stats',
      {
        config: analyse,
        schema: {
          tags,
          summary: 'Counts and times, in the analyse scope',
          querystring: StatsQuery,
          response: { 200: IncidentStats },
        },
      },
      (req) => incidentStats(req.ctx, req.query),
    );
    app.get(
      '/incidents/export.xlsx',
      {
        config: analyse,
        schema: { tags, summary: 'The visible list as XLSX (headers in ?lang=ja|en)', querystring: IncidentExportQuery },
      },
      async (req, reply) => {
        const file = await exportIncidents(req.ctx, req.query);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="incidents-${new Date().toISOString().slice(0, 10)}.xlsx"`)
          .send(file);
      },
    );
    app.get(
      '/incidents/:id/summary',
      {
        config: analyse,
        schema: {
          tags,
          summary: 'Anonymised case summary for education',
          params: IdParams,
          querystring: SummaryQuery,
          response: { 200: IncidentSummary },
        },
      },
      (req) => incidentSummary(req.ctx, req.params.id, req.query.lang),
    );
    app.get(
      '/incidents/:id/summary.pdf',
      {
        config: analyse,
        schema: {
          tags,
          summary: 'The anonymised case summary as a PDF (?lang=ja|en)',
          params: IdParams,
          querystring: SummaryQuery,
        },
      },
      async (req, reply) => {
        const summary = await incidentSummary(req.ctx, req.params.id, req.query.lang);
        const file = await summaryPdf(summary);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="incident-case-${summary.period}-${summary.language}.pdf"`)
          .send(file);
      },
    );

    app.get(
      '/incidents/:id/members',
      { config: participate, schema: { tags, params: IdParams, response: { 200: z.array(IncidentMember) } } },
      (req) => listMembers(req.ctx, req.params.id),
    );
    app.get(
      '/incidents/:id/member-candidates',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Accounts that may be added to the case or own a task (active, internal)',
          params: IdParams,
          querystring: MemberCandidatesQuery,
          response: { 200: MemberCandidates },
        },
      },
      (req) => memberCandidates(req.ctx, req.params.id, req.query),
    );
    app.post(
      '/incidents/:id/members',
      { config: manage, schema: { tags, params: IdParams, body: AddMemberBody, response: { 201: IncidentMember } } },
      async (req, reply) => reply.code(201).send(await addMember(req.ctx, req.params.id, req.body)),
    );
    app.delete(
      '/incidents/:id/members/:userId',
      { config: manage, schema: { tags, params: MemberParams, response: { 200: Ok } } },
      async (req) => {
        await removeMember(req.ctx, req.params.id, req.params.userId);
        return { ok: true as const };
      },
    );

    app.get(
      '/incidents/:id/tasks',
      { config: participate, schema: { tags, params: IdParams, response: { 200: z.array(IncidentTask) } } },
      (req) => listTasks(req.ctx, req.params.id),
    );
    app.post(
      '/incidents/:id/tasks',
      { config: manage, schema: { tags, params: IdParams, body: CreateTaskBody, response: { 201: IncidentTask } } },
      async (req, reply) => reply.code(201).send(await createTask(req.ctx, req.params.id, req.body)),
    );
    app.patch(
      '/incidents/:id/tasks/:taskId',
      { config: participate, schema: { tags, params: TaskParams, body: UpdateTaskBody, response: { 200: IncidentTask } } },
      (req) => updateTask(req.ctx, req.params.id, req.params.taskId, req.body),
    );

    app.get(
      '/incidents/:id/evidence',
      { config: participate, schema: { tags, params: IdParams, response: { 200: z.array(Evidence) } } },
      (req) => listEvidence(req.ctx, req.params.id),
    );
    app.post(
      '/incidents/:id/evidence',
      {
        config: participate,
        bodyLimit: 15 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Add an evidence file (base64, at most 10 MB)',
          params: IdParams,
          body: AddEvidenceBody,
          response: { 201: Evidence },
        },
      },
      async (req, reply) => reply.code(201).send(await addEvidence(req.ctx, req.params.id, req.body)),
    );
    app.post(
      '/incidents/:id/evidence/:evidenceId/custody',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Record a chain-of-custody step',
          params: EvidenceParams,
          body: CustodyBody,
          response: { 200: Evidence },
        },
      },
      (req) => addCustody(req.ctx, req.params.id, req.params.evidenceId, req.body),
    );
    app.get(
      '/incidents/:id/evidence/:evidenceId/content',
      {
        config: participate,
        schema: { tags, summary: 'Download an evidence file (logged, and added to its custody)', params: EvidenceParams },
      },
      async (req, reply) => {
        const file = await downloadEvidence(req.ctx, req.params.id, req.params.evidenceId);
        return reply
          .type(file.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .header('x-content-sha256', file.sha256)
          .send(file.content);
      },
    );
  };
