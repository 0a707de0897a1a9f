import {
  AssetZone,
  BringIn,
  BringInListQuery,
  CreateBringInBody,
  CreateZoneVisitBody,
  CreateZoneBody,
  DecideBringInBody,
  IdParams,
  Ok,
  page,
  PlaceAssetBody,
  UpdateZoneBody,
  ZoneVisit,
  ZoneVisitImportResult,
  ZoneVisitListQuery,
  Zone,
  ZoneAsset,
  ZoneAssetParams,
  ZoneFinding,
  ZoneFindingQuery,
  ZoneListQuery,
  ZoneSite,
} from '@mamori/contracts';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerStreamingCsv } from '../../platform/files/csv-stream';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { cancelBringIn, decideBringIn, getBringIn, listBringIns, requestBringIn } from './bring-ins/requests';
import { zoneKinds } from './catalog';
import { closeFinding, listFindings } from './visitors/check';
import { importVisits } from './visitors/import';
import { listVisits, recordVisit } from './visitors/log';
import { assetsOfZone, placeAsset, removeAsset, zoneOfVisibleAsset } from './zones/placement';
import { createZone, getZone, listZones, updateZone } from './zones/records';

/**
 * Zones (ゾーン管理, issue #14): every internal person reads the zones of their sites; the offices manage them (a
 * site office for its site); the zone's owner decides bring-ins; the offices keep the visitor log. Partners: none.
 */
export const zonesModule: Module = (deps) =>
  async function zoneRoutes(app) {
    const tags = ['zones'];
    const read = { access: { action: 'zones:read' as const } };
    const manage = { access: { action: 'zones:manage' as const } };
    const visitors = { access: { action: 'visitors:manage' as const } };
    const request = { access: { action: 'bring-ins:request' as const } };
    const approve = { access: { action: 'bring-ins:approve' as const } };
    const publicUrl = deps.config.publicUrl;

    app.get(
      '/zones',
      {
        config: read,
        schema: {
          tags,
          summary: 'The sites in reach, each with its zone tree',
          querystring: ZoneListQuery,
          response: { 200: z.array(ZoneSite) },
        },
      },
      (req) => listZones(req.ctx, req.query),
    );
    app.get(
      '/zones/kinds',
      {
        config: read,
        schema: {
          tags,
          summary: "The group's zone kinds (catalogue)",
          response: {
            200: z.array(
              z.object({
                code: z.string(),
                level: z.number(),
                nameJa: z.string(),
                nameEn: z.string(),
                descriptionJa: z.string(),
                descriptionEn: z.string(),
              }),
            ),
          },
        },
      },
      async () => zoneKinds,
    );
    app.post(
      '/zones',
      { config: { ...manage, etag: true }, schema: { tags, body: CreateZoneBody, response: { 201: Zone } } },
      async (req, reply) => reply.code(201).send(await createZone(req.ctx, req.body)),
    );
    app.get(
      '/zones/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: Zone } } },
      (req) => getZone(req.ctx, req.params.id),
    );
    app.patch(
      '/zones/:id',
      {
        config: { ...manage, etag: true },
        schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdateZoneBody, response: { 200: Zone } },
      },
      (req) => updateZone(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.get(
      '/zones/:id/assets',
      {
        config: read,
        schema: { tags, summary: 'Assets kept in the zone', params: IdParams, response: { 200: z.array(ZoneAsset) } },
      },
      (req) => assetsOfZone(req.ctx, req.params.id),
    );
    app.get(
      '/assets/:id/zone',
      {
        config: read,
        schema: {
          tags,
          summary: 'The zone where an asset is kept (null when none, or in a zone of a site the reader does not see)',
          params: IdParams,
          response: { 200: AssetZone },
        },
      },
      (req) => zoneOfVisibleAsset(req.ctx, req.params.id),
    );
    app.post(
      '/zones/:id/assets',
      {
        config: manage,
        schema: {
          tags,
          summary: "Keep an asset in the zone (refused above the zone's class limit)",
          params: IdParams,
          body: PlaceAssetBody,
          response: { 200: z.array(ZoneAsset) },
        },
      },
      (req) => placeAsset(req.ctx, req.params.id, req.body.assetId),
    );
    app.delete(
      '/zones/:id/assets/:assetId',
      { config: manage, schema: { tags, params: ZoneAssetParams, response: { 200: z.array(ZoneAsset) } } },
      (req) => removeAsset(req.ctx, req.params.id, req.params.assetId),
    );
    app.get(
      '/zones/:id/visits',
      {
        config: visitors,
        schema: {
          tags,
          summary: "The zone's visitor log, latest first",
          params: IdParams,
          querystring: ZoneVisitListQuery,
          response: { 200: page(ZoneVisit) },
        },
      },
      (req) => listVisits(req.ctx, req.params.id, req.query),
    );
    app.post(
      '/zones/:id/visits',
      {
        config: visitors,
        schema: { tags, params: IdParams, body: CreateZoneVisitBody, response: { 201: z.object({ id: z.uuid() }) } },
      },
      async (req, reply) => reply.code(201).send(await recordVisit(req.ctx, req.params.id, req.body)),
    );
    // The visitor log's CSV is read as a stream (a million lines): text/csv is left unread in this plugin only.
    await app.register(async (streamed) => {
      registerStreamingCsv(streamed);
      streamed.withTypeProvider<ZodTypeProvider>().post(
        '/zones/:id/visits/import',
        {
          config: visitors,
          schema: {
            tags,
            summary:
              "Import an entry system's CSV (employee_no, visitor_name, visitor_company, host_employee_no, entered_at, left_at), read as a stream; all lines or none",
            params: IdParams,
            consumes: ['text/csv'],
            response: { 200: ZoneVisitImportResult },
          },
        },
        (req) => importVisits(req.ctx, req.params.id, req.body),
      );
    });
    app.get(
      '/zone-findings',
      {
        config: read,
        schema: {
          tags,
          summary: "The daily check's findings in the zones I own or keep the log of",
          querystring: ZoneFindingQuery,
          response: { 200: z.array(ZoneFinding) },
        },
      },
      (req) => listFindings(req.ctx, req.query),
    );
    app.post(
      '/zone-findings/:id/close',
      { config: read, schema: { tags, summary: 'Mark a finding dealt with', params: IdParams, response: { 200: Ok } } },
      (req) => closeFinding(req.ctx, req.params.id),
    );

    const btags = ['bring-ins'];
    app.post(
      '/bring-ins',
      {
        config: request,
        schema: {
          tags: btags,
          summary: 'Ask to bring a device or media into a zone',
          body: CreateBringInBody,
          response: { 201: BringIn },
        },
      },
      async (req, reply) => reply.code(201).send(await requestBringIn(req.ctx, publicUrl, req.body)),
    );
    app.get(
      '/bring-ins',
      { config: request, schema: { tags: btags, querystring: BringInListQuery, response: { 200: page(BringIn) } } },
      (req) => listBringIns(req.ctx, req.query),
    );
    app.get(
      '/bring-ins/:id',
      { config: { ...request, etag: true }, schema: { tags: btags, params: IdParams, response: { 200: BringIn } } },
      (req) => getBringIn(req.ctx, req.params.id),
    );
    app.post(
      '/bring-ins/:id/decide',
      {
        config: approve,
        schema: {
          tags: btags,
          summary: "Approve or reject (the zone's owner)",
          params: IdParams,
          body: DecideBringInBody,
          response: { 200: BringIn },
        },
      },
      (req) => decideBringIn(req.ctx, publicUrl, req.params.id, req.body),
    );
    app.post(
      '/bring-ins/:id/cancel',
      {
        config: request,
        schema: { tags: btags, summary: 'Withdraw a pending request', params: IdParams, response: { 200: BringIn } },
      },
      (req) => cancelBringIn(req.ctx, req.params.id),
    );
  };
