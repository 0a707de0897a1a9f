import type { MailLanguage, MailPlaceholderValues } from '@mamori/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { companyProfiles, orgUnits, people } from '../../modules/org/tables';
import { users } from '../auth/tables';
import { DEFAULT_MAIL_TIME_ZONE } from './text';

/** When the recipient is no person Mamori knows, or has no name: how a greeting addresses them. */
const NO_NAME = { ja: 'ご担当者', en: 'Sir or Madam' };

export interface Recipient {
  /** the unit whose effective `mail.template` applies: the person's primary unit, else the top company */
  unitId: string | null;
  values: MailPlaceholderValues;
  /** the language the mail is written in; null: nothing decides it, the mail carries both (Japanese first) */
  language: MailLanguage | null;
  /** the time zone the mail's times are shown in */
  timeZone: string;
}

/**
 * Who a mail to `to` is for (docs/group.md "Mail templates" and "Mail language"): an account's person's primary unit
 * decides the company (`{{company}}`, the template); an account without a person (administrators, partner users), or
 * an address that is no account (a partner contact, a privacy requester), belongs to the top company (the holding).
 *
 * The language: the account's own (`users.language`) when set; else the default language of the nearest company
 * above whose ISMS profile was saved (the person's company, then its parents up to the holding: the group's
 * default); for those outside any company, the top company's. When no company on the way saved its profile, nothing
 * decides: the mail carries both languages. The time zone is that same profile's (else Asia/Tokyo, the profile's
 * default). Two queries per mail.
 */
export async function recipientOf(tx: Db, to: string): Promise<Recipient> {
  const [person] = await tx
    .select({
      nameJa: people.nameJa,
      nameEn: people.nameEn,
      unitId: people.orgUnitId,
      account: users.name,
      language: users.language,
    })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(users.email, to))
    .limit(1);
  const unitId = person?.unitId ?? null;
  // the companies above the person's unit, nearest first; without one, the top company
  const chain = await tx
    .select({
      id: orgUnits.id,
      nameJa: orgUnits.nameJa,
      nameEn: orgUnits.nameEn,
      language: companyProfiles.defaultLanguage,
      timeZone: companyProfiles.timeZone,
    })
    .from(orgUnits)
    .leftJoin(companyProfiles, eq(companyProfiles.unitId, orgUnits.id))
    .where(
      unitId
        ? and(
            eq(orgUnits.kind, 'company'),
            sql`(select u.path from ${orgUnits} u where u.id = ${unitId}) like ${orgUnits.path} || '%'`,
          )
        : eq(orgUnits.kind, 'company'),
    )
    .orderBy(unitId ? desc(orgUnits.depth) : asc(orgUnits.depth))
    .limit(unitId ? 100 : 1);
  const company = chain[0];
  const profile = chain.find((c) => c.language !== null);
  const nameEn = person?.nameEn || person?.account || '';
  const nameJa = person?.nameJa || nameEn;
  return {
    unitId: unitId ?? company?.id ?? null,
    values: {
      recipientName: { ja: nameJa || NO_NAME.ja, en: nameEn || NO_NAME.en },
      company: { ja: company?.nameJa || company?.nameEn || 'Mamori', en: company?.nameEn || 'Mamori' },
    },
    language: person?.language ?? profile?.language ?? null,
    timeZone: profile?.timeZone ?? DEFAULT_MAIL_TIME_ZONE,
  };
}
