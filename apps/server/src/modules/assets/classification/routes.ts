import {
  ClassificationScheme,
  ClassificationSetting,
  CustomFieldsSetting,
  PutCustomFieldsBody,
  SchemeQuery,
  SettingHistory,
} from '@mamori/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagOf, ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import { getClassification, getCustomFields, historyOf, saveClassification, saveCustomFields } from './scheme';
import { classificationSetting, customFieldsSetting } from './settings';

const tags = ['assets'];
const read = { access: { action: 'assets:read' as const } };
const configure = { access: { action: 'isms:configure' as const } };
/** the setting itself (not its history): its version is the ETag, documented in the OpenAPI */
const readTagged = { ...read, etag: 'version' as const };
const configureTagged = { ...configure, etag: 'version' as const };

/** The setting's version is its ETag: send it back in If-Match to change it (412 when someone saved meanwhile). */
const withTag = <T extends { version: number }>(reply: FastifyReply, v: T) => {
  reply.header('etag', etagOf(v.version));
  return v;
};

/** The classification scheme and the custom asset fields (settings `assets.classification`, `assets.customFields`). */
export const classificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings/classification',
    {
      config: readTagged,
      schema: {
        tags,
        summary: 'The classification scheme that applies to a unit (the group’s when no unit is given)',
        querystring: SchemeQuery,
        response: { 200: ClassificationSetting },
      },
    },
    async (req, reply) => withTag(reply, await getClassification(req.ctx.db, req.query.unitId)),
  );
  app.put(
    '/settings/classification',
    {
      config: configureTagged,
      schema: {
        tags,
        summary: 'Save the group’s classification scheme; a class still used by assets cannot be removed',
        headers: IfMatchHeaders,
        body: ClassificationScheme,
        response: { 200: ClassificationSetting },
      },
    },
    async (req, reply) => withTag(reply, await saveClassification(req.ctx, req.body, ifMatch(req))),
  );
  app.get(
    '/settings/classification/history',
    { config: read, schema: { tags, summary: 'Saved versions of the scheme, newest first', response: { 200: SettingHistory } } },
    (req) => historyOf(req.ctx.db, classificationSetting),
  );
  app.get(
    '/settings/asset-fields',
    {
      config: readTagged,
      schema: { tags, summary: 'The custom fields of assets', querystring: SchemeQuery, response: { 200: CustomFieldsSetting } },
    },
    async (req, reply) => withTag(reply, await getCustomFields(req.ctx.db, req.query.unitId)),
  );
  app.put(
    '/settings/asset-fields',
    {
      config: configureTagged,
      schema: { tags, headers: IfMatchHeaders, body: PutCustomFieldsBody, response: { 200: CustomFieldsSetting } },
    },
    async (req, reply) => withTag(reply, await saveCustomFields(req.ctx, req.body.fields, ifMatch(req))),
  );
  app.get('/settings/asset-fields/history', { config: read, schema: { tags, response: { 200: SettingHistory } } }, (req) =>
    historyOf(req.ctx.db, customFieldsSetting),
  );
};
