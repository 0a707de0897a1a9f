import {
  BusinessFlow,
  CreateFlowBody,
  CreateRiskBody,
  CreateStepRiskBody,
  FlowListItem,
  FlowListQuery,
  FlowStepParams,
  Heatmap,
  HeatmapQuery,
  IdParams,
  page,
  Risk,
  RiskExportQuery,
  RiskListItem,
  RiskListQuery,
  RiskThreatCatalog,
  UpdateFlowBody,
  UpdateRiskBody,
} from '@mamori/contracts';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { addStepRisk, createFlow, getFlow, listFlows, updateFlow } from './flows/flows';
import { riskMethodRoutes } from './method/routes';
import { exportRisks } from './register/export';
import { riskHeatmap } from './register/heatmap';
import { listRisks } from './register/list';
import { acceptRisk, createRisk, getRisk, updateRisk } from './register/risks';
import { threatCatalog } from './threats';

/**
 * Risk assessment (issue #11): the threat catalogue, the risk register with its heat map and export, acceptance by
 * the owner, and the business-flow analysis. Reads need risks:read, changes risks:manage; the service applies the
 * org-subtree scope (404 outside it).
 */
export const risksModule: Module = (deps) =>
  async function risksRoutes(app) {
    const tags = ['risks'];
    const read = { access: { action: 'risks:read' as const } };
    const manage = { access: { action: 'risks:manage' as const } };

    app.get('/threats', { config: read, schema: { tags, response: { 200: RiskThreatCatalog } } }, () => threatCatalog());

    app.get(
      '/risks',
      { config: read, schema: { tags, querystring: RiskListQuery, response: { 200: page(RiskListItem) } } },
      (req) => listRisks(req.ctx, req.query),
    );
    app.post(
      '/risks',
      { config: manage, schema: { tags, summary: 'Record an assessed risk', body: CreateRiskBody, response: { 201: Risk } } },
      async (req, reply) => reply.code(201).send(await createRisk(req.ctx, req.body)),
    );
    app.get(
      '/risks/heatmap',
      {
        config: read,
        schema: {
          tags,
          summary: 'Risk counts per likelihood × impact cell',
          querystring: HeatmapQuery,
          response: { 200: Heatmap },
        },
      },
      (req) => riskHeatmap(req.ctx, req.query),
    );
    app.get(
      '/risks/export.xlsx',
      { config: read, schema: { tags, summary: 'The register as XLSX (headers in ?lang=ja|en)', querystring: RiskExportQuery } },
      async (req, reply) => {
        const file = await exportRisks(req.ctx, req.query);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="risks-${new Date().toISOString().slice(0, 10)}.xlsx"`)
          .send(file);
      },
    );
    app.get(
      '/risks/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: Risk } } },
      (req) => getRisk(req.ctx, req.params.id),
    );
    app.patch(
      '/risks/:id',
      {
        config: { ...manage, etag: true },
        schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdateRiskBody, response: { 200: Risk } },
      },
      (req) => updateRisk(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/risks/:id/accept',
      {
        config: { ...read, etag: true },
        schema: {
          tags,
          summary: 'The owner accepts the residual risk',
          params: IdParams,
          headers: IfMatchHeaders,
          response: { 200: Risk },
        },
      },
      (req) => acceptRisk(req.ctx, req.params.id, ifMatch(req)),
    );

    app.get(
      '/business-flows',
      { config: manage, schema: { tags, querystring: FlowListQuery, response: { 200: page(FlowListItem) } } },
      (req) => listFlows(req.ctx, req.query),
    );
    app.post(
      '/business-flows',
      {
        config: manage,
        schema: { tags, summary: 'Describe a business flow', body: CreateFlowBody, response: { 201: BusinessFlow } },
      },
      async (req, reply) => reply.code(201).send(await createFlow(req.ctx, req.body)),
    );
    app.get(
      '/business-flows/:id',
      { config: { ...manage, etag: true }, schema: { tags, params: IdParams, response: { 200: BusinessFlow } } },
      (req) => getFlow(req.ctx, req.params.id),
    );
    app.patch(
      '/business-flows/:id',
      {
        config: { ...manage, etag: true },
        schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdateFlowBody, response: { 200: BusinessFlow } },
      },
      (req) => updateFlow(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/business-flows/:id/steps/:stepId/risks',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Record a risk on a step (it lands in the register)',
          params: FlowStepParams,
          body: CreateStepRiskBody,
          response: { 201: Risk },
        },
      },
      async (req, reply) => reply.code(201).send(await addStepRisk(req.ctx, req.params.id, req.params.stepId, req.body)),
    );

    await app.register(riskMethodRoutes(deps));
  };
