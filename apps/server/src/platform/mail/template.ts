import { DEFAULT_MAIL_TEMPLATE, frameMail, MailTemplate, type MailPlaceholderValues } from '@mamori/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orgUnits, people } from '../../modules/org/tables';
import { users } from '../auth/tables';
import { registerCompanySetting } from '../settings/company';
import { defineSetting, effectiveSetting } from '../settings/effective';

/**
 * The common frame of every mail the outbox sends (issue #22, docs/group.md "Mail templates"): sender display name,
 * subject prefix, greeting and signature in ja + en. A company may set its own (`PUT /api/companies/{unitId}/settings/
 * mail.template`); the recipient's company decides which applies, read through `effectiveSetting`. Nothing here is
 * stricter or looser: a company's template simply replaces the one it inherits.
 */
export const mailTemplateSetting = defineSetting('mail.template', MailTemplate, () => structuredClone(DEFAULT_MAIL_TEMPLATE));

registerCompanySetting({
  setting: mailTemplateSetting,
  title: { ja: 'メールのテンプレート（差出人名・件名・挨拶・署名）', en: 'Mail template (sender, subject, greeting, signature)' },
});

/** When the recipient is no person Mamori knows, or has no name: how a greeting addresses them. */
const NO_NAME = { ja: 'ご担当者', en: 'Sir or Madam' };

/**
 * Whose template a mail to `to` takes: an account's person's primary unit decides the company (the nearest company
 * above it that has its own template, else the group's); an account without a person, or an address that is no
 * account (a partner contact, a privacy requester), takes the group's: the top company's (the holding's) own value,
 * else the value saved for scope `group`, else the built-in frame. `{{company}}` is the company whose people they are,
 * or the top company for those outside any.
 */
async function recipientOf(tx: Db, to: string): Promise<{ unitId: string | null; values: MailPlaceholderValues }> {
  const [person] = await tx
    .select({ nameJa: people.nameJa, nameEn: people.nameEn, unitId: people.orgUnitId, account: users.name })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(users.email, to))
    .limit(1);
  const unitId = person?.unitId ?? null;
  // the nearest company above the person's unit; without one, the top company
  const [company] = await tx
    .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
    .from(orgUnits)
    .where(
      unitId
        ? and(
            eq(orgUnits.kind, 'company'),
            sql`(select u.path from ${orgUnits} u where u.id = ${unitId}) like ${orgUnits.path} || '%'`,
          )
        : eq(orgUnits.kind, 'company'),
    )
    .orderBy(unitId ? desc(orgUnits.depth) : asc(orgUnits.depth))
    .limit(1);
  const nameEn = person?.nameEn || person?.account || '';
  const nameJa = person?.nameJa || nameEn;
  return {
    unitId: unitId ?? company?.id ?? null,
    values: {
      recipientName: { ja: nameJa || NO_NAME.ja, en: nameEn || NO_NAME.en },
      company: { ja: company?.nameJa || company?.nameEn || 'Mamori', en: company?.nameEn || 'Mamori' },
    },
  };
}

/** The mail to `to` in its recipient's frame, and the sender display name to send it under (null: the configured one). */
export async function frameForRecipient(
  tx: Db,
  mail: { to: string; subject: string; body: string },
): Promise<{ subject: string; body: string; fromName: string | null }> {
  const { unitId, values } = await recipientOf(tx, mail.to);
  const { value: template } = await effectiveSetting(tx, mailTemplateSetting, unitId);
  return { ...frameMail(template, mail, values), fromName: template.senderName || null };
}
