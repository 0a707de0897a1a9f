import {
  Account,
  AccountListQuery,
  AccountRequest,
  ActivateBody,
  ApprovedAccount,
  BulkDisableBody,
  ConfirmReviewBody,
  CreateAccountRequestBody,
  CreateRoleAssignmentBody,
  DecideBody,
  IdParams,
  IdReviewItem,
  ListQuery,
  NextSteps,
  Ok,
  page,
  RoleAssignment,
  RoleAssignmentListQuery,
  Settings,
  UpdateSettingsBody,
} from '@mamori/contracts';
import { z } from 'zod';
import type { Module } from '../../platform/http/module';
import { getSettings, updateSettings } from '../../platform/settings/service';
import { inTransaction } from '../../platform/tx';
import { disableAccounts, enableAccount, getAccount, listAccounts } from './accounts';
import { confirmReview, idReview } from './id-review';
import { nextSteps } from './next-steps';
import { activateAccount, approveRequest, createRequest, listRequests, rejectRequest } from './requests';
import { assignRole, listAssignments, removeAssignment } from './roles';

const ok = { ok: true as const };
const RequestListQuery = ListQuery.extend({ status: z.enum(['pending', 'approved', 'rejected']).optional() }).strict();
const AccountIdParams = z.object({ accountId: z.uuid() }).strict();

export const accountsModule: Module = ({ config }) =>
  async function accounts(app) {
    const tags = ['accounts'];
    const can = <
      A extends
        | 'accounts:read'
        | 'accounts:manage'
        | 'accounts:request'
        | 'accounts:approve'
        | 'roles:read'
        | 'roles:assign'
        | 'settings:manage',
    >(
      action: A,
    ) => ({ access: { action } });

    app.get(
      '/accounts',
      { config: can('accounts:read'), schema: { tags, querystring: AccountListQuery, response: { 200: page(Account) } } },
      (req) => listAccounts(req.ctx, req.query),
    );
    app.get(
      '/accounts/:id',
      { config: can('accounts:read'), schema: { tags, params: IdParams, response: { 200: Account } } },
      (req) => getAccount(req.ctx, req.params.id),
    );
    app.post(
      '/accounts/disable',
      {
        config: can('accounts:manage'),
        schema: {
          tags,
          summary: 'Disable accounts in bulk (all or none)',
          body: BulkDisableBody,
          response: { 200: z.object({ disabled: z.number().int() }) },
        },
      },
      (req) => disableAccounts(req.ctx, req.body.ids, req.body.reason),
    );
    app.post(
      '/accounts/:id/enable',
      { config: can('accounts:manage'), schema: { tags, params: IdParams, response: { 200: Ok } } },
      async (req) => {
        await enableAccount(req.ctx, req.params.id);
        return ok;
      },
    );

    app.get(
      '/account-requests',
      {
        config: can('accounts:request'),
        schema: { tags, querystring: RequestListQuery, response: { 200: page(AccountRequest) } },
      },
      (req) => listRequests(req.ctx, req.query),
    );
    app.post(
      '/account-requests',
      { config: can('accounts:request'), schema: { tags, body: CreateAccountRequestBody, response: { 201: AccountRequest } } },
      async (req, reply) => reply.code(201).send(await createRequest(req.ctx, config, req.body)),
    );
    app.post(
      '/account-requests/:id/approve',
      {
        config: can('accounts:approve'),
        schema: { tags, params: IdParams, body: DecideBody, response: { 200: ApprovedAccount } },
      },
      (req) => approveRequest(req.ctx, config, req.params.id, req.body.comment),
    );
    app.post(
      '/account-requests/:id/reject',
      { config: can('accounts:approve'), schema: { tags, params: IdParams, body: DecideBody, response: { 200: Ok } } },
      async (req) => {
        await rejectRequest(req.ctx, req.params.id, req.body.comment);
        return ok;
      },
    );
    app.post(
      '/activate',
      {
        config: { access: { auth: 'public' }, rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
        schema: { tags, summary: 'Set the first password of an approved account', body: ActivateBody, response: { 200: Ok } },
      },
      async (req) => {
        await activateAccount(req.ctx, req.body.token, req.body.password);
        return ok;
      },
    );

    app.get(
      '/id-review',
      { config: can('accounts:approve'), schema: { tags, response: { 200: z.object({ items: z.array(IdReviewItem) }) } } },
      (req) => idReview(req.ctx),
    );
    app.post(
      '/id-review/:accountId/confirm',
      {
        config: can('accounts:approve'),
        schema: { tags, params: AccountIdParams, body: ConfirmReviewBody, response: { 200: Ok } },
      },
      async (req) => {
        await confirmReview(req.ctx, req.params.accountId, req.body.comment);
        return ok;
      },
    );

    app.get(
      '/role-assignments',
      {
        config: can('roles:read'),
        schema: { tags, querystring: RoleAssignmentListQuery, response: { 200: page(RoleAssignment) } },
      },
      (req) => listAssignments(req.ctx, req.query),
    );
    app.post(
      '/role-assignments',
      { config: can('roles:assign'), schema: { tags, body: CreateRoleAssignmentBody, response: { 201: RoleAssignment } } },
      async (req, reply) => reply.code(201).send(await assignRole(req.ctx, req.body)),
    );
    app.delete(
      '/role-assignments/:id',
      { config: can('roles:assign'), schema: { tags, params: IdParams, response: { 200: Ok } } },
      async (req) => {
        await removeAssignment(req.ctx, req.params.id);
        return ok;
      },
    );

    app.get(
      '/next-steps',
      {
        config: can('settings:manage'),
        schema: { tags, summary: "What a new installation still lacks (the set-up's next steps)", response: { 200: NextSteps } },
      },
      (req) => nextSteps(req.ctx.db, config, req.ctx.principal!.userId),
    );
    app.get('/settings', { config: can('settings:manage'), schema: { tags, response: { 200: Settings } } }, (req) =>
      getSettings(req.ctx.db),
    );
    app.patch(
      '/settings',
      {
        // sign-in rules (sessions, MFA, local sign-in): a change asks for a recent authentication (step-up)
        config: { access: { ...can('settings:manage').access, recentAuth: true as const } },
        schema: { tags, body: UpdateSettingsBody, response: { 200: Settings } },
      },
      (req) => inTransaction(req.ctx, (tx, audit) => updateSettings(tx, audit, req.body, req.ctx.principal?.userId)),
    );
  };
