import type { MailTemplate } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mails } from '../../modules/accounts/mails';
import { companyProfiles } from '../../modules/org/tables';
import { as, createTestApp, createUser, type TestApp, type TestUser } from '../../test/app';
import { users } from '../auth/tables';
import { queueMail } from './outbox';
import { mailOutbox } from './tables';
import { mailDate, mailOf, mailTime } from './text';
import { orgTree } from '../../test/org-tree';

/**
 * A mail in its recipient's language (issues #18 and #22, docs/group.md "Mail language"): the account's language,
 * else the default language of the nearest company above with a saved profile, else both; an address that is no
 * account takes the top company's. The frame adds that language's greeting and signature alone.
 */
let t: TestApp;
let admin: TestUser;
let jaUser: TestUser;
let enUser: TestUser;
let autoStaff: TestUser;
let holdStaff: TestUser;
const u: Record<string, string> = {};
const PARTNER_CONTACT = 'contact@partner.example';

const template: MailTemplate = {
  senderName: '',
  subjectPrefix: '[Hoshizora]',
  greeting: { ja: '{{recipientName}} 様', en: 'Dear {{recipientName}},' },
  signature: { ja: '{{company}} 事務局', en: '{{company}} security office' },
};

const digest = () => mails.reviewDigest(2, 1, 'https://mamori.example/accounts');
const lastTo = async (to: string) =>
  (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)))
    .sort((a, b) => +a.createdAt - +b.createdAt)
    .at(-1)!;
const saveProfile = (unitId: string, defaultLanguage: 'ja' | 'en', timeZone: string) =>
  t.database.db.insert(companyProfiles).values({ unitId, defaultLanguage, timeZone });

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  const tree = orgTree(t, admin, u);
  const add = tree.unit;
  await add('HOLD', 'company');
  await add('HOLD-SITE', 'site', 'HOLD');
  await add('AUTO', 'company', 'HOLD');
  await add('AUTO-SITE', 'site', 'AUTO');
  const personIn = (key: string, unitCode: string) => tree.person(key, unitCode, { ja: `${key} 花子`, en: `Hanako ${key}` });
  jaUser = await createUser(t.database, [{ role: 'employee' }], { personId: await personIn('ja', 'AUTO-SITE') });
  enUser = await createUser(t.database, [{ role: 'employee' }], { personId: await personIn('en', 'AUTO-SITE') });
  autoStaff = await createUser(t.database, [{ role: 'employee' }], { personId: await personIn('auto', 'AUTO-SITE') });
  holdStaff = await createUser(t.database, [{ role: 'employee' }], { personId: await personIn('hold', 'HOLD-SITE') });
  await t.database.db.update(users).set({ language: 'ja' }).where(eq(users.id, jaUser.id));
  await t.database.db.update(users).set({ language: 'en' }).where(eq(users.id, enUser.id));
  const put = await as(t.app, admin).put(
    `/api/companies/${u.HOLD}/settings/mail.template`,
    { value: template },
    { 'if-match': '"0"' },
  );
  expect(put.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('a mail in its recipient’s language', () => {
  it('carries both languages, Japanese first, while no company saved its profile and the account has no language', async () => {
    await queueMail(t.database.db, { to: autoStaff.email, ...digest() });
    await queueMail(t.database.db, { to: PARTNER_CONTACT, ...digest() });
    const row = await lastTo(autoStaff.email);
    expect(row).toMatchObject({ language: null, subject: '[Hoshizora] ID の棚卸し / Account review' });
    expect(row.body.startsWith('auto 花子 様\nDear Hanako auto,\n\nID の棚卸し')).toBe(true);
    expect(row.body).toContain('\n\n----\n\nAccount review: 2 account(s)');
    expect(row.body.endsWith('-- \n組織 AUTO 事務局\n\nUnit AUTO security office\n')).toBe(true);
    expect(await lastTo(PARTNER_CONTACT)).toMatchObject({ language: null, subject: '[Hoshizora] ID の棚卸し / Account review' });
  });

  it('is only English for an account whose language is English, its greeting and signature only English', async () => {
    await queueMail(t.database.db, { to: enUser.email, ...digest() });
    const row = await lastTo(enUser.email);
    expect(row).toMatchObject({ language: 'en', subject: '[Hoshizora] Account review' });
    expect(row.body).toBe(
      'Dear Hanako en,\n\nAccount review: 2 account(s) wait for your review and 1 account(s) have not been used for a long time.\n' +
        'https://mamori.example/accounts\n\n-- \nUnit AUTO security office\n',
    );
  });

  it('is only Japanese for an account whose language is Japanese, even in a company whose default is English', async () => {
    await saveProfile(u.AUTO!, 'en', 'Asia/Singapore');
    await queueMail(t.database.db, { to: jaUser.email, ...digest() });
    const row = await lastTo(jaUser.email);
    expect(row).toMatchObject({ language: 'ja', subject: '[Hoshizora] ID の棚卸し' });
    expect(row.body).not.toMatch(/Account review|Dear|security office/);
    expect(row.body.startsWith('ja 花子 様\n\nID の棚卸し')).toBe(true);
  });

  it('follows the company’s default language and time zone for an account without its own language', async () => {
    const dueAt = new Date('2026-12-07T01:30:00Z');
    await queueMail(t.database.db, {
      to: autoStaff.email,
      ...mailOf({ ja: '期限', en: 'Due' }, (l) =>
        l.language === 'ja' ? [`期限 ${mailTime(dueAt, l)}`] : [`Due ${mailTime(dueAt, l)} (${mailDate('2026-12-07', 'en')})`],
      ),
    });
    const row = await lastTo(autoStaff.email);
    expect(row).toMatchObject({ language: 'en', subject: '[Hoshizora] Due' });
    // 01:30 UTC is 09:30 in Singapore, written the English way and the zone named
    expect(row.body).toContain('Due 7 Dec 2026, 09:30 (Asia/Singapore) (7 December 2026)');
  });

  it('gives an address that is no account, and a person of a company without a profile, the top company’s default', async () => {
    await saveProfile(u.HOLD!, 'ja', 'Asia/Tokyo');
    await queueMail(t.database.db, { to: PARTNER_CONTACT, ...digest() });
    await queueMail(t.database.db, {
      to: holdStaff.email,
      subject: { ja: '件名', en: 'Subject' },
      body: { ja: '本文\n', en: 'Text\n' },
    });
    expect(await lastTo(PARTNER_CONTACT)).toMatchObject({ language: 'ja', subject: '[Hoshizora] ID の棚卸し' });
    expect((await lastTo(PARTNER_CONTACT)).body.startsWith('ご担当者 様\n\nID の棚卸し')).toBe(true);
    expect(await lastTo(holdStaff.email)).toMatchObject({
      language: 'ja',
      subject: '[Hoshizora] 件名',
      body: 'hold 花子 様\n\n本文\n\n-- \n組織 HOLD 事務局\n',
    });
  });

  it('takes the language the caller knows (a privacy requester’s) before the outbox’s own choice; a plain string as it is', async () => {
    await queueMail(t.database.db, {
      to: PARTNER_CONTACT,
      language: 'en',
      subject: { ja: '件名', en: 'Subject' },
      body: { ja: '本文', en: 'Text' },
    });
    expect(await lastTo(PARTNER_CONTACT)).toMatchObject({ language: 'en', subject: '[Hoshizora] Subject' });
    await queueMail(t.database.db, { to: PARTNER_CONTACT, subject: 'Same', body: 'Same text\n' });
    expect(await lastTo(PARTNER_CONTACT)).toMatchObject({
      language: 'ja',
      subject: '[Hoshizora] Same',
      body: 'ご担当者 様\n\nSame text\n\n-- \n組織 HOLD 事務局\n',
    });
  });
});
