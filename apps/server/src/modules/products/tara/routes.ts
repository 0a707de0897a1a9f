import {
  CreateTaraAnalysisBody,
  IdParams,
  TaraAnalysis,
  TaraAnalysisListQuery,
  TaraAnalysisListItem,
  TaraAssetBody,
  TaraChildParams,
  TaraDamageBody,
  TaraNodeBody,
  TaraRerate,
  TaraRerateBody,
  TaraRerateQuery,
  TaraRiskParams,
  TaraThreatBody,
  TaraTreatmentBody,
  UpdateTaraAnalysisBody,
  UpdateTaraNodeBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import type { Module } from '../../../platform/http/module';
import { createAnalysis, getAnalysis, listAnalyses, updateAnalysis } from './analyses';
import { addNode, deleteNode, updateNode } from './nodes';
import { addAsset, addDamage, addThreat, deleteThreat, updateAsset, updateDamage, updateThreat } from './parts';
import { applyRerate, previewRerate } from './rerate';
import { registerTaraGateChecks } from './gate';
import { taraIoRoutes } from './routes-io';
import { taraMethodRoutes } from './routes-methods';
import { taraReviewRoutes } from './routes-review';
import { signRisk, treatRisk } from './treatments';

/**
 * `/api/tara-analyses`: ISO/SAE 21434 TARA per product (docs/tara.md). Every change answers the whole workspace
 * with its new ETag; send it back as If-Match so a change made on a stale view is refused with 412.
 */
export const taraModule: Module = () => {
  // the ship gate's TARA rules (risks treated, residual risks signed, CAL 3+ goals validated) are checked here
  registerTaraGateChecks();
  return async function taraRoutes(app) {
    await app.register(taraMethodRoutes);
    await app.register(taraIoRoutes);
    await app.register(taraReviewRoutes);
    const tags = ['tara'];
    const read = { access: { action: 'products:read' as const } };
    const manage = { access: { action: 'products:manage' as const }, etag: true };
    const ws = { 200: TaraAnalysis };
    const headers = IfMatchHeaders;

    app.get(
      '/tara-analyses',
      {
        config: read,
        schema: {
          tags,
          querystring: TaraAnalysisListQuery,
          response: { 200: z.object({ items: z.array(TaraAnalysisListItem) }) },
        },
      },
      (req) => listAnalyses(req.ctx, req.query.productId),
    );
    app.get(
      '/tara-analyses/:id',
      {
        config: { ...read, etag: true },
        schema: {
          tags,
          summary: 'The whole workspace: every work product with derived feasibility and risk',
          params: IdParams,
          response: ws,
        },
      },
      (req) => getAnalysis(req.ctx, req.params.id),
    );
    app.post(
      '/tara-analyses',
      { config: manage, schema: { tags, body: CreateTaraAnalysisBody, response: { 201: TaraAnalysis } } },
      async (req, reply) => reply.code(201).send(await createAnalysis(req.ctx, req.body)),
    );
    app.patch(
      '/tara-analyses/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Change the item definition',
          params: IdParams,
          headers,
          body: UpdateTaraAnalysisBody,
          response: ws,
        },
      },
      (req) => updateAnalysis(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/tara-analyses/:id/assets',
      { config: manage, schema: { tags, params: IdParams, headers, body: TaraAssetBody, response: ws } },
      (req) => addAsset(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.patch(
      '/tara-analyses/:id/assets/:cid',
      {
        config: manage,
        schema: { tags, params: TaraChildParams, headers, body: TaraAssetBody.partial().strict(), response: ws },
      },
      (req) => updateAsset(req.ctx, req.params.id, req.params.cid, req.body, ifMatch(req)),
    );
    app.post(
      '/tara-analyses/:id/damage-scenarios',
      { config: manage, schema: { tags, params: IdParams, headers, body: TaraDamageBody, response: ws } },
      (req) => addDamage(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.patch(
      '/tara-analyses/:id/damage-scenarios/:cid',
      {
        config: manage,
        schema: { tags, params: TaraChildParams, headers, body: TaraDamageBody.partial().strict(), response: ws },
      },
      (req) => updateDamage(req.ctx, req.params.id, req.params.cid, req.body, ifMatch(req)),
    );
    app.post(
      '/tara-analyses/:id/threat-scenarios',
      { config: manage, schema: { tags, params: IdParams, headers, body: TaraThreatBody, response: ws } },
      (req) => addThreat(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.patch(
      '/tara-analyses/:id/threat-scenarios/:cid',
      {
        config: manage,
        schema: { tags, params: TaraChildParams, headers, body: TaraThreatBody.partial().strict(), response: ws },
      },
      (req) => updateThreat(req.ctx, req.params.id, req.params.cid, req.body, ifMatch(req)),
    );
    app.delete(
      '/tara-analyses/:id/threat-scenarios/:cid',
      { config: manage, schema: { tags, params: TaraChildParams, headers, response: ws } },
      (req) => deleteThreat(req.ctx, req.params.id, req.params.cid, ifMatch(req)),
    );
    app.post(
      '/tara-analyses/:id/attack-nodes',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Add an AND/OR node or a rated leaf to a threat scenario’s attack tree',
          params: IdParams,
          headers,
          body: TaraNodeBody,
          response: ws,
        },
      },
      (req) => addNode(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.patch(
      '/tara-analyses/:id/attack-nodes/:cid',
      { config: manage, schema: { tags, params: TaraChildParams, headers, body: UpdateTaraNodeBody, response: ws } },
      (req) => updateNode(req.ctx, req.params.id, req.params.cid, req.body, ifMatch(req)),
    );
    app.delete(
      '/tara-analyses/:id/attack-nodes/:cid',
      {
        config: manage,
        schema: { tags, summary: 'Remove a node with its subtree', params: TaraChildParams, headers, response: ws },
      },
      (req) => deleteNode(req.ctx, req.params.id, req.params.cid, ifMatch(req)),
    );
    app.put(
      '/tara-analyses/:id/risks/:threatId/:damageId',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Record the treatment of a risk (goal or claim) and its residual value',
          params: TaraRiskParams,
          headers,
          body: TaraTreatmentBody,
          response: ws,
        },
      },
      (req) => treatRisk(req.ctx, req.params.id, req.params.threatId, req.params.damageId, req.body, ifMatch(req)),
    );
    app.post(
      '/tara-analyses/:id/risks/:threatId/:damageId/sign',
      {
        config: manage,
        schema: {
          tags,
          summary: "The analysis's risk owner signs the residual risk",
          params: TaraRiskParams,
          headers,
          response: ws,
        },
      },
      (req) => signRisk(req.ctx, req.params.id, req.params.threatId, req.params.damageId, ifMatch(req)),
    );
    app.get(
      '/tara-analyses/:id/rerate',
      {
        config: read,
        schema: {
          tags,
          summary: 'What would move under another approved method version',
          params: IdParams,
          querystring: TaraRerateQuery,
          response: { 200: TaraRerate },
        },
      },
      (req) => previewRerate(req.ctx, req.params.id, req.query.version),
    );
    app.post(
      '/tara-analyses/:id/rerate',
      {
        config: { access: { action: 'products:manage' as const } },
        schema: {
          tags,
          summary: 'Re-rate under another approved version and keep it',
          params: IdParams,
          headers,
          body: TaraRerateBody,
          response: { 200: TaraRerate },
        },
      },
      (req) => applyRerate(req.ctx, req.params.id, req.body.version, ifMatch(req)),
    );
  };
};
