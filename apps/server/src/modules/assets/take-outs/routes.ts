import {
  AssetTakeOut,
  CloseTakeOutBody,
  CreateTakeOutBody,
  DecideTakeOutBody,
  IdParams,
  page,
  TakeOut,
  TakeOutAsset,
  TakeOutAssetQuery,
  TakeOutListItem,
  TakeOutListQuery,
} from '@mamori/contracts';
import { z } from 'zod';
import { notFound } from '../../../platform/errors/app-error';
import type { Module } from '../../../platform/http/module';
import { cancelTakeOut, closeTakeOut, decideTakeOut } from './decide';
import { listTakeOuts, pickableAssets, takeOutsOfAsset } from './list';
import { loadTakeOut } from './read';
import { requestTakeOut } from './request';

/**
 * Take-outs (持ち出し, issue #11). Anyone who may request opens the routes; the service shows a request to its
 * requester, its approvers and the take-outs:approve scope (404 to anyone else), and lets only the current step's
 * approvers decide.
 */
export const takeOutsModule: Module = (deps) =>
  async function takeOutRoutes(app) {
    const tags = ['take-outs'];
    const request = { access: { action: 'take-outs:request' as const } };
    const approve = { access: { action: 'take-outs:approve' as const } };
    const publicUrl = deps.config.publicUrl;

    app.post(
      '/take-outs',
      {
        config: request,
        schema: {
          tags,
          summary: 'Ask to take assets (or copies) out of the premises',
          body: CreateTakeOutBody,
          response: { 201: TakeOut },
        },
      },
      async (req, reply) => reply.code(201).send(await requestTakeOut(req.ctx, publicUrl, req.body)),
    );
    app.get(
      '/take-outs',
      { config: request, schema: { tags, querystring: TakeOutListQuery, response: { 200: page(TakeOutListItem) } } },
      (req) => listTakeOuts(req.ctx, req.query),
    );
    app.get(
      '/take-outs/assets',
      {
        config: request,
        schema: {
          tags,
          summary: "Assets of the requester's own units, with their class's take-out rule",
          querystring: TakeOutAssetQuery,
          response: { 200: z.array(TakeOutAsset) },
        },
      },
      (req) => pickableAssets(req.ctx, req.query),
    );
    app.get(
      '/take-outs/:id',
      { config: request, schema: { tags, params: IdParams, response: { 200: TakeOut } } },
      async (req) => {
        const found = await loadTakeOut(req.ctx, req.params.id);
        if (!found) throw notFound();
        return found;
      },
    );
    app.post(
      '/take-outs/:id/decide',
      {
        config: approve,
        schema: {
          tags,
          summary: 'Approve or reject the current step (its approvers only)',
          params: IdParams,
          body: DecideTakeOutBody,
          response: { 200: TakeOut },
        },
      },
      (req) => decideTakeOut(req.ctx, publicUrl, req.params.id, req.body),
    );
    app.post(
      '/take-outs/:id/return',
      {
        config: request,
        schema: {
          tags,
          summary: 'Confirm that an approved take-out was returned or disposed of',
          params: IdParams,
          body: CloseTakeOutBody,
          response: { 200: TakeOut },
        },
      },
      (req) => closeTakeOut(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/take-outs/:id/cancel',
      { config: request, schema: { tags, summary: 'Withdraw a pending request', params: IdParams, response: { 200: TakeOut } } },
      (req) => cancelTakeOut(req.ctx, req.params.id),
    );
    app.get(
      '/assets/:id/take-outs',
      {
        config: { access: { action: 'assets:read' as const } },
        schema: { tags, summary: 'The take-out history of an asset', params: IdParams, response: { 200: z.array(AssetTakeOut) } },
      },
      (req) => takeOutsOfAsset(req.ctx, req.params.id),
    );
  };
