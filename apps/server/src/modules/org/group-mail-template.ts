import { GroupMailTemplateSetting, MailTemplate, MailTemplateHistoryEntry } from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { etagOf, ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import { mailTemplateSetting } from '../../platform/mail/template';
import { effectiveSetting, saveSetting, settingHistory } from '../../platform/settings/effective';
import { inTransaction } from '../../platform/tx';

const tags = ['companies'];
/** The group's settings: the group's security office and system administrators (a company's office has no such grant). */
const manage = { access: { action: 'settings:manage' as const } };

/**
 * The `group` scope's value of `mail.template` (issue #22, docs/group.md "Mail templates"): the frame every company
 * without its own (and without a parent company with its own) gives its mails. Saved with If-Match (its version),
 * kept in the setting's history and audited (`settings.scoped.update`) by `saveSetting`, as a company's own value is.
 */
export const groupMailTemplateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings/mail-template',
    {
      config: { ...manage, etag: 'version' },
      schema: { tags, summary: "The group's own mail template", response: { 200: GroupMailTemplateSetting } },
    },
    async (req, reply) => {
      const value = await effectiveSetting(req.ctx.db, mailTemplateSetting);
      return reply.header('etag', etagOf(value.version)).send(value);
    },
  );
  app.put(
    '/settings/mail-template',
    {
      config: { ...manage, etag: 'version' },
      schema: {
        tags,
        summary: "Save the group's own mail template (sender name, subject prefix, greeting, signature)",
        headers: IfMatchHeaders,
        body: z.object({ value: MailTemplate }).strict(),
        response: { 200: GroupMailTemplateSetting },
      },
    },
    async (req, reply) => {
      const saved = await inTransaction(req.ctx, (tx, audit) =>
        saveSetting(tx, audit, mailTemplateSetting, req.body.value, {
          by: req.ctx.principal?.userId ?? null,
          expected: ifMatch(req),
        }),
      );
      return reply.header('etag', etagOf(saved.version)).send(saved);
    },
  );
  app.get(
    '/settings/mail-template/history',
    {
      config: manage,
      schema: {
        tags,
        summary: "Every saved version of the group's own mail template",
        response: { 200: z.array(MailTemplateHistoryEntry) },
      },
    },
    (req) => settingHistory(req.ctx.db, mailTemplateSetting),
  );
};
