import {
  AttentionList,
  CopyTemplateBody,
  CreateScheduleBody,
  Dashboard,
  DashboardQuery,
  FigureExportQuery,
  GenerateReportBody,
  GroupOverview,
  GroupOverviewQuery,
  ReportRun,
  ReportSchedule,
  ReportTemplate,
  RunFileParams,
  RunParams,
  SaveTemplateBody,
  SourceInfo,
  TemplateParams,
  fiscalYearLabel,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { attentionList } from './attention/service';
import { dashboard, oneFigure } from './dashboard/service';
import { FILE_TYPES, getRun, listRuns, runFile } from './generate/runs';
import { requestReport } from './generate/service';
import { figuresXlsx } from './generate/xlsx';
import { groupOverview } from './group/service';
import { createSchedule, deleteSchedule, listSchedules } from './schedules/service';
import { installedDomains, listSources } from './sources/registry';
import { copyTemplate, deleteTemplate, getTemplate, listTemplates, saveTemplate } from './templates/service';

/**
 * Reports (issue #15): the dashboard's figures in one answer, "needs my attention", report templates as data and
 * report generation as a job (PDF, DOCX, XLSX). docs/reports.md.
 */
export const reportsModule: Module = () =>
  async function reports(app) {
    const tags = ['reports'];
    const read = { access: { action: 'dashboard:read' as const } };
    const generate = { access: { action: 'reports:generate' as const } };
    const manage = { access: { action: 'reports:manage' as const } };

    app.get(
      '/dashboard',
      {
        config: read,
        schema: {
          tags,
          summary: "Every figure of the reader's view (group, site or org) in one answer, within the reader's scope",
          querystring: DashboardQuery,
          response: { 200: Dashboard },
        },
      },
      (req) => dashboard(req.ctx, req.query),
    );

    app.get(
      '/group-overview',
      {
        config: read,
        schema: {
          tags,
          summary:
            "Each company's figures side by side (the dashboard's definitions on each company's subtree), in the reader's scope",
          querystring: GroupOverviewQuery,
          response: { 200: GroupOverview },
        },
      },
      (req) => groupOverview(req.ctx, req.query),
    );

    app.get(
      '/dashboard/figure.xlsx',
      {
        config: read,
        schema: {
          tags,
          summary: 'The numbers behind one figure as an XLSX workbook',
          querystring: FigureExportQuery.extend({ lang: z.enum(['ja', 'en']).optional() }),
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? req.principal?.language ?? 'ja';
        const f = await oneFigure(req.ctx, req.query);
        const file = await figuresXlsx([f], lang, [
          [lang === 'ja' ? '年度' : 'Fiscal year', fiscalYearLabel(req.query.fiscalYear ?? new Date().getFullYear(), lang)],
          [lang === 'ja' ? '集計時点' : 'As of', new Date().toISOString()],
        ]);
        return reply.type(FILE_TYPES.xlsx).header('content-disposition', `attachment; filename="${f.source}.xlsx"`).send(file);
      },
    );

    app.get(
      '/attention',
      {
        // Anyone signed in (partner accounts too) may have something waiting; each domain answers only one's own items.
        config: { access: { auth: 'signed-in' as const } },
        schema: {
          tags,
          summary: 'What waits on the signed-in person across modules, by due date',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: AttentionList },
        },
      },
      (req) => attentionList(req.ctx.db, req.principal!, req.query.limit),
    );

    app.get(
      '/report-sources',
      {
        config: generate,
        schema: { tags, summary: 'The named data sources templates may bind to', response: { 200: z.array(SourceInfo) } },
      },
      () => {
        const installed = installedDomains();
        return listSources().map((s) => ({ name: s.name, domain: s.domain, title: s.title, available: installed.has(s.domain) }));
      },
    );

    app.get('/report-templates', { config: generate, schema: { tags, response: { 200: z.array(ReportTemplate) } } }, (req) =>
      listTemplates(req.ctx.db),
    );
    app.get(
      '/report-templates/:id',
      { config: { ...generate, etag: true }, schema: { tags, params: TemplateParams, response: { 200: ReportTemplate } } },
      (req) => getTemplate(req.ctx.db, req.params.id),
    );
    app.post(
      '/report-templates/:id/copy',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Copy a template (built-in or not) to edit it',
          params: TemplateParams,
          body: CopyTemplateBody,
          response: { 201: ReportTemplate },
        },
      },
      async (req, reply) => reply.code(201).send(await copyTemplate(req.ctx, req.params.id, req.body.name)),
    );
    app.put(
      '/report-templates/:id',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Save an edited copy (checked against the sources; built-in templates cannot be changed)',
          params: TemplateParams,
          headers: IfMatchHeaders,
          body: SaveTemplateBody,
          response: { 200: ReportTemplate },
        },
      },
      (req) => saveTemplate(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.delete('/report-templates/:id', { config: manage, schema: { tags, params: TemplateParams } }, async (req, reply) => {
      await deleteTemplate(req.ctx, req.params.id);
      return reply.code(204).send();
    });

    app.post(
      '/reports',
      {
        config: generate,
        schema: {
          tags,
          summary: 'Generate a report (a job): template, fiscal year, scope unit, language, formats — all checked first',
          body: GenerateReportBody,
          response: { 202: ReportRun },
        },
      },
      async (req, reply) => reply.code(202).send(await requestReport(req.ctx, req.body)),
    );
    app.get('/reports', { config: generate, schema: { tags, response: { 200: z.array(ReportRun) } } }, (req) =>
      listRuns(req.ctx),
    );
    app.get('/reports/:id', { config: generate, schema: { tags, params: RunParams, response: { 200: ReportRun } } }, (req) =>
      getRun(req.ctx, req.params.id),
    );
    app.get(
      '/reports/:id/files/:format',
      { config: generate, schema: { tags, summary: 'A generated file (PDF, DOCX or XLSX)', params: RunFileParams } },
      async (req, reply) => {
        const { content, name } = await runFile(req.ctx, req.params.id, req.params.format);
        return reply
          .type(FILE_TYPES[req.params.format])
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(content);
      },
    );

    app.get(
      '/report-schedules',
      {
        config: generate,
        schema: {
          tags,
          summary: 'Reports generated every month or year and mailed as a link',
          response: { 200: z.array(ReportSchedule) },
        },
      },
      (req) => listSchedules(req.ctx),
    );
    app.post(
      '/report-schedules',
      {
        config: generate,
        schema: {
          tags,
          summary: 'Schedule a report (monthly or yearly) for a scope and mail its link to recipients; checked as a run',
          body: CreateScheduleBody,
          response: { 201: ReportSchedule },
        },
      },
      async (req, reply) => reply.code(201).send(await createSchedule(req.ctx, req.body)),
    );
    app.delete('/report-schedules/:id', { config: generate, schema: { tags, params: RunParams } }, async (req, reply) => {
      await deleteSchedule(req.ctx, req.params.id);
      return reply.code(204).send();
    });
  };
