import {
  CompletePlanTaskBody,
  CreatePlanBody,
  IdParams,
  LateUnits,
  LateUnitsQuery,
  page,
  Plan,
  PlanLinkTargetQuery,
  PlanLinkTargets,
  PlanListQuery,
  PlanProgress,
  PlanProgressQuery,
  PlanSummary,
  PlanTask,
  PlanTaskQuery,
  PublishResult,
  ReopenPlanTaskBody,
  UpdatePlanBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { XLSX_TYPE } from '../../platform/files/xlsx';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { getPlan, listPlans } from './plan/read';
import { createPlan, deleteDraft, publishPlan, updatePlan } from './plan/write';
import { progressXlsx } from './progress/export';
import { lateUnits, planProgress } from './progress/rollup';
import { getTask, listTasks, taskFile } from './tasks/read';
import { linkTargets } from './tasks/linked';
import { completeTask, reopenTask } from './tasks/write';

/**
 * The yearly activity plan (issue #12): plan versions (draft → published), the cascade of tasks to the units,
 * the units' completion with evidence, and plan versus actual.
 */
export const plansModule: Module = () =>
  async function plansRoutes(app) {
    const tags = ['plans'];
    const read = { access: { action: 'plans:read' as const } };
    const manage = { access: { action: 'plans:manage' as const } };
    const complete = { access: { action: 'plan-tasks:complete' as const } };

    app.get(
      '/plans',
      { config: read, schema: { tags, querystring: PlanListQuery, response: { 200: z.array(PlanSummary) } } },
      (req) => listPlans(req.ctx, req.query.fiscalYear),
    );
    app.post(
      '/plans',
      {
        config: manage,
        schema: {
          tags,
          summary: "A new draft version of a fiscal year's plan (copied from copyFrom, or from the year's published version)",
          body: CreatePlanBody,
          response: { 201: Plan },
        },
      },
      async (req, reply) => reply.code(201).send(await createPlan(req.ctx, req.body)),
    );
    app.get(
      '/plan-link-targets',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Campaigns of another module an activity may link (its tasks complete from them), newest first',
          querystring: PlanLinkTargetQuery,
          response: { 200: PlanLinkTargets },
        },
      },
      async (req) => ({ items: await linkTargets(req.ctx.db, req.query.kind) }),
    );
    app.get(
      '/plans/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: Plan } } },
      (req) => getPlan(req.ctx, req.params.id),
    );
    app.patch(
      '/plans/:id',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Change a draft (titles, the whole list of activities); a published version is refused (409)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdatePlanBody,
          response: { 200: Plan },
        },
      },
      (req) => updatePlan(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.delete(
      '/plans/:id',
      { config: manage, schema: { tags, summary: 'Delete a draft (If-Match honoured)', params: IdParams } },
      async (req, reply) => {
        await deleteDraft(req.ctx, req.params.id, ifMatch(req));
        return reply.code(204).send();
      },
    );
    app.post(
      '/plans/:id/publish',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary:
            "Publish a draft: the year's previous version is superseded and every unit in scope gets its tasks, in one transaction",
          params: IdParams,
          headers: IfMatchHeaders,
          response: { 200: PublishResult },
        },
      },
      (req) => publishPlan(req.ctx, req.params.id, ifMatch(req)),
    );

    app.get(
      '/plan-progress',
      {
        config: read,
        schema: {
          tags,
          summary: 'Plan versus actual in your scope: by activity, site, unit (of a subtree) or month',
          querystring: PlanProgressQuery,
          response: { 200: PlanProgress },
        },
      },
      (req) => planProgress(req.ctx, req.query),
    );
    app.get(
      '/plan-progress/late-units',
      {
        config: read,
        schema: {
          tags,
          summary: 'Units with tasks past their due date, most first',
          querystring: LateUnitsQuery,
          response: { 200: LateUnits },
        },
      },
      (req) => lateUnits(req.ctx, req.query),
    );
    app.get(
      '/plan-progress/progress.xlsx',
      {
        config: read,
        schema: {
          tags,
          summary: 'Plan versus actual as an XLSX workbook (ja or en)',
          querystring: z
            .object({ fiscalYear: z.coerce.number().int().min(2000).max(2100), lang: z.enum(['ja', 'en']).optional() })
            .strict(),
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? req.principal?.language ?? 'ja';
        const { file, name } = await progressXlsx(req.ctx, req.query.fiscalYear, lang);
        return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );

    app.get(
      '/plan-tasks',
      {
        config: read,
        schema: {
          tags,
          summary: 'Tasks you may see (your unit’s with unit=…, yours with mine=1), due first',
          querystring: PlanTaskQuery,
          response: { 200: page(PlanTask) },
        },
      },
      (req) => listTasks(req.ctx, req.query),
    );
    app.get(
      '/plan-tasks/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: PlanTask } } },
      (req) => getTask(req.ctx, req.params.id),
    );
    app.post(
      '/plan-tasks/:id/complete',
      {
        config: { ...complete, etag: true },
        bodyLimit: 15 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Record a task done with the evidence its activity asks for (a file of at most 10 MB, a comment)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: CompletePlanTaskBody,
          response: { 200: PlanTask },
        },
      },
      (req) => completeTask(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/plan-tasks/:id/reopen',
      {
        config: { ...complete, etag: true },
        schema: {
          tags,
          summary: 'Reopen a done task (the site or security office), with the reason',
          params: IdParams,
          headers: IfMatchHeaders,
          body: ReopenPlanTaskBody,
          response: { 200: PlanTask },
        },
      },
      (req) => reopenTask(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.get(
      '/plan-tasks/:id/files/:fileId',
      {
        config: read,
        schema: { tags, summary: 'Download an evidence file', params: z.object({ id: z.uuid(), fileId: z.uuid() }).strict() },
      },
      async (req, reply) => {
        const f = await taskFile(req.ctx, req.params.id, req.params.fileId);
        return reply
          .type(f.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('x-content-type-options', 'nosniff')
          .send(f.content);
      },
    );
  };
