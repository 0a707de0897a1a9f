import {
  CompanyList,
  CompanyParams,
  CompanyProfile,
  CompanyProfileBody,
  CompanySettingParams,
  EffectiveCompanySetting,
  EffectiveCompanySettings,
  PutCompanySettingBody,
  SettingKeyParams,
  SettingReach,
} from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagOf, ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import { getCompanyProfile, listCompanies, saveCompanyProfile } from './company-profile';
import { getCompanySettings, getSettingReach, putCompanySetting } from './company-settings';

const tags = ['companies'];
const read = { access: { action: 'companies:read' as const } };
const manage: { access: { action: 'companies:manage'; recentAuth?: true } } = { access: { action: 'companies:manage' } };
const SIGN_IN_RULES = 'auth.signInRules';

/** The group's companies (issue #22, docs/group.md): profiles, key figures, settings and their inheritance. */
export const companyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/companies',
    {
      config: read,
      schema: {
        tags,
        summary: 'The companies in your scope with their key figures, holding first',
        response: { 200: CompanyList },
      },
    },
    (req) => listCompanies(req.ctx),
  );
  app.get(
    '/companies/:unitId',
    { config: { ...read, etag: true }, schema: { tags, params: CompanyParams, response: { 200: CompanyProfile } } },
    (req) => getCompanyProfile(req.ctx, req.params.unitId),
  );
  app.put(
    '/companies/:unitId',
    {
      config: { ...manage, etag: true },
      schema: {
        tags,
        summary: 'Save a company’s ISMS profile (If-Match: its rowVersion, "0" before the first save)',
        params: CompanyParams,
        headers: IfMatchHeaders,
        body: CompanyProfileBody,
        response: { 200: CompanyProfile },
      },
    },
    (req) => saveCompanyProfile(req.ctx, req.params.unitId, req.body, ifMatch(req)),
  );
  app.get(
    '/companies/:unitId/settings',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Every setting a company may set: its effective value and where it comes from (company, a company above, group, default)',
        params: CompanyParams,
        response: { 200: EffectiveCompanySettings },
      },
    },
    (req) => getCompanySettings(req.ctx, req.params.unitId),
  );
  const putSetting = (url: string, config: typeof manage, summary: string) =>
    app.put(
      url,
      {
        config,
        schema: {
          tags,
          summary,
          params: CompanySettingParams.partial({ key: true }),
          headers: IfMatchHeaders,
          body: PutCompanySettingBody,
          response: { 200: EffectiveCompanySetting },
        },
      },
      async (req, reply) => {
        const key = req.params.key ?? SIGN_IN_RULES;
        const saved = await putCompanySetting(req.ctx, req.params.unitId, key, req.body.value, ifMatch(req));
        reply.header('etag', etagOf(saved.ownVersion));
        return saved;
      },
    );
  putSetting(
    '/companies/:unitId/settings/:key',
    manage,
    'Set the company’s own value (stricter only where the setting says so; If-Match: ownVersion)',
  );
  // the password, MFA and session rules ask for a recent authentication, as the group's do (PATCH /api/settings);
  // a static segment, so it is this route that answers for that key
  putSetting(
    `/companies/:unitId/settings/${SIGN_IN_RULES}`,
    { access: { ...manage.access, recentAuth: true } },
    'Set the company’s own password, MFA and session rules (stricter only; a recent authentication; If-Match: ownVersion)',
  );
  app.get(
    '/company-settings/:key/reach',
    {
      config: read,
      schema: {
        tags,
        summary: 'Which companies a change of the group’s value reaches, and which set their own',
        params: SettingKeyParams,
        response: { 200: SettingReach },
      },
    },
    (req) => getSettingReach(req.ctx, req.params.key),
  );
};
