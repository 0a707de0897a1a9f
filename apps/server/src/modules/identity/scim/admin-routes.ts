import {
  CreateScimRoleRuleBody,
  CreateScimTokenBody,
  IdParams,
  Ok,
  ScimRoleRule,
  ScimToken,
  ScimTokenCreated,
} from '@mamori/contracts';
import { z } from 'zod';
import type { Module } from '../../../platform/http/module';
import { createRule, deleteRule, listRules } from './role-rules';
import { createToken, listTokens, revokeToken } from './tokens';

const tags = ['identity'];

/** Settings → Identity → SCIM: the SCIM clients' tokens and the group → role rules (system administrators). */
export const scimAdminModule: Module = ({ database }) =>
  async function scimAdminRoutes(app) {
    const db = database.db;
    const configure = { access: { action: 'identity:configure' as const } };
    // a change asks for a recent sign-in or re-authentication (step-up, platform/auth/reauth.ts)
    const change = { access: { action: 'identity:configure' as const, recentAuth: true as const } };

    app.get(
      '/scim/tokens',
      { config: configure, schema: { tags, summary: 'SCIM client tokens', response: { 200: z.array(ScimToken) } } },
      () => listTokens(db),
    );
    app.post(
      '/scim/tokens',
      {
        config: change,
        schema: {
          tags,
          summary: 'Create a SCIM token (shown once)',
          body: CreateScimTokenBody,
          response: { 201: ScimTokenCreated },
        },
      },
      async (req, reply) => reply.code(201).send(await createToken(req.ctx, req.body.name)),
    );
    app.delete(
      '/scim/tokens/:id',
      { config: change, schema: { tags, summary: 'Revoke a SCIM token', params: IdParams, response: { 200: Ok } } },
      async (req) => {
        await revokeToken(req.ctx, req.params.id);
        return { ok: true as const };
      },
    );
    app.get(
      '/scim/role-rules',
      { config: configure, schema: { tags, summary: 'SCIM group → role rules', response: { 200: z.array(ScimRoleRule) } } },
      () => listRules(db),
    );
    app.post(
      '/scim/role-rules',
      {
        config: change,
        schema: { tags, summary: 'Add a group → role rule', body: CreateScimRoleRuleBody, response: { 201: ScimRoleRule } },
      },
      async (req, reply) => reply.code(201).send(await createRule(req.ctx, req.body)),
    );
    app.delete(
      '/scim/role-rules/:id',
      {
        config: change,
        schema: { tags, summary: 'Remove a group → role rule (its grants go)', params: IdParams, response: { 200: Ok } },
      },
      async (req) => {
        await deleteRule(req.ctx, req.params.id);
        return { ok: true as const };
      },
    );
  };
