import type { EffectiveCompanySetting, EffectiveCompanySettings, MailTemplate } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverMail, queueMail } from '../../platform/mail/outbox';
import { mailOutbox } from '../../platform/mail/tables';
import { as, createTestApp, createUser, json, testConfig, type TestApp, type TestUser } from '../../test/app';
import { startSmtpCounter } from '../../test/processes';
import { mails } from '../accounts/mails';
import { orgTree } from '../../test/org-tree';

/**
 * Mail templates per company (issue #22, `mail.template`): every mail the outbox sends takes the frame of its
 * recipient's company; a sister company without its own keeps the group's; accounts without a person the group's.
 */
let t: TestApp;
let admin: TestUser;
let holdingOffice: TestUser;
let solOffice: TestUser;
let solCiso: TestUser;
let autoOffice: TestUser;
let solStaff: TestUser;
let autoStaff: TestUser;
let noPerson: TestUser;
const u: Record<string, string> = {};

const KEY = 'mail.template';
const settingsUrl = (unit: string) => `/api/companies/${unit}/settings`;
const putUrl = (unit: string) => `/api/companies/${unit}/settings/${KEY}`;

const solTemplate: MailTemplate = {
  senderName: 'Hoshizora Solutions Security Office',
  subjectPrefix: '[HZ Solutions]',
  greeting: { ja: '{{recipientName}} 様', en: 'Dear {{recipientName}},' },
  signature: { ja: '{{company}} 情報セキュリティ事務局', en: '{{company}} security office' },
};
const groupTemplate: MailTemplate = {
  senderName: 'Hoshizora Group',
  subjectPrefix: '[Hoshizora]',
  greeting: { ja: '', en: '' },
  signature: { ja: '{{company}} グループ情報セキュリティ事務局', en: '{{company}} group security office' },
};

async function templateOf(user: TestUser, unit: string): Promise<EffectiveCompanySetting> {
  const res = await as(t.app, user).get(settingsUrl(unit));
  expect(res.statusCode).toBe(200);
  return json<EffectiveCompanySettings>(res).items.find((i) => i.key === KEY)!;
}

const outboxTo = async (to: string) =>
  (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to))).sort((a, b) => +a.createdAt - +b.createdAt);

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  const tree = orgTree(t, admin, u);
  const add = tree.unit;
  await add('HOLD', 'company');
  await add('AUTO', 'company', 'HOLD');
  await add('AUTO-SITE', 'site', 'AUTO');
  await add('SOL', 'company', 'HOLD');
  await add('SOL-SITE', 'site', 'SOL');
  const personIn = (key: string, unitCode: string) => tree.person(key, unitCode, { ja: `${key} 太郎`, en: `Taro ${key}` });
  holdingOffice = await createUser(t.database, [{ role: 'security_office' }]);
  solOffice = await createUser(t.database, [{ role: 'security_office', orgUnitId: u.SOL }]);
  solCiso = await createUser(t.database, [{ role: 'ciso', orgUnitId: u.SOL }]);
  autoOffice = await createUser(t.database, [{ role: 'security_office', orgUnitId: u.AUTO }]);
  solStaff = await createUser(t.database, [{ role: 'employee' }], { personId: await personIn('sol', 'SOL-SITE') });
  autoStaff = await createUser(t.database, [{ role: 'employee' }], { personId: await personIn('auto', 'AUTO-SITE') });
  noPerson = await createUser(t.database, [{ role: 'employee' }]);
});
afterAll(() => t.close());

describe('company mail templates', () => {
  it('start from the built-in frame, which leaves mails as they were', async () => {
    const s = await templateOf(solOffice, u.SOL!);
    expect(s).toMatchObject({ source: 'default', ownVersion: 0, stricterOnly: false });
    await queueMail(t.database.db, { to: solStaff.email, subject: '[Mamori] Reminder', body: 'Text\n' });
    const [row] = await outboxTo(solStaff.email);
    expect(row).toMatchObject({ subject: '[Mamori] Reminder', body: 'Text\n', fromName: null });
  });

  it('refuse an unknown placeholder, markup or a line break where one line belongs, naming each field; nothing changes', async () => {
    const res = await as(t.app, solOffice).put(
      putUrl(u.SOL!),
      {
        value: {
          ...solTemplate,
          subjectPrefix: '[HZ]\r\nBcc: x@evil.test',
          greeting: { ja: '{{recipientName}} 様', en: 'Dear {{recipient}},' },
          signature: { ja: '{{company}}', en: '<a href="https://evil.test">click</a>' },
        },
      },
      { 'if-match': '"0"' },
    );
    expect(res.statusCode).toBe(400);
    const body = json<{ errors: { path: string; code: string; message: string }[] }>(res);
    expect(body.errors.map((e) => [e.path, e.code])).toEqual([
      ['body.value.subjectPrefix', 'mail.template_single_line'],
      ['body.value.greeting.en', 'mail.template_placeholder_unknown'],
      ['body.value.signature.en', 'mail.template_markup'],
    ]);
    expect(body.errors[1]!.message).toContain('{{recipient}}');
    const long = await as(t.app, solOffice).put(putUrl(u.SOL!), { value: { ...solTemplate, senderName: 'x'.repeat(81) } });
    expect(json<{ errors: { path: string }[] }>(long).errors.map((e) => e.path)).toEqual(['body.value.senderName']);
    expect(await templateOf(solOffice, u.SOL!)).toMatchObject({ source: 'default', ownVersion: 0 });
  });

  it('are set by the company’s security office for its own company only', async () => {
    expect((await as(t.app, solCiso).put(putUrl(u.SOL!), { value: solTemplate })).statusCode).toBe(403);
    expect((await as(t.app, solStaff).put(putUrl(u.SOL!), { value: solTemplate })).statusCode).toBe(403);
    expect((await as(t.app, autoOffice).put(putUrl(u.SOL!), { value: solTemplate })).statusCode).toBe(404);
    expect((await as(t.app, autoOffice).get(settingsUrl(u.SOL!))).statusCode).toBe(404);
    expect((await as(t.app, null).put(putUrl(u.SOL!), { value: solTemplate })).statusCode).toBe(401);
    expect((await templateOf(solCiso, u.SOL!)).ownVersion).toBe(0);
  });

  it('take a change with If-Match: of two saves sent with the same version, one wins', async () => {
    const other = { ...solTemplate, subjectPrefix: '[Other]' };
    const [a, b] = await Promise.all([
      as(t.app, solOffice).put(putUrl(u.SOL!), { value: solTemplate }, { 'if-match': '"0"' }),
      as(t.app, holdingOffice).put(putUrl(u.SOL!), { value: other }, { 'if-match': '"0"' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    if (a.statusCode !== 200)
      expect((await as(t.app, solOffice).put(putUrl(u.SOL!), { value: solTemplate }, { 'if-match': '"1"' })).statusCode).toBe(
        200,
      );
    expect(await templateOf(solOffice, u.SOL!)).toMatchObject({ source: 'company', value: solTemplate });
    expect((await as(t.app, solOffice).put(putUrl(u.SOL!), { value: solTemplate }, { 'if-match': '"0"' })).statusCode).toBe(412);
    // the holding's own template is what its other companies inherit
    expect(
      (await as(t.app, holdingOffice).put(putUrl(u.HOLD!), { value: groupTemplate }, { 'if-match': '"0"' })).statusCode,
    ).toBe(200);
    expect(await templateOf(autoOffice, u.AUTO!)).toMatchObject({ source: 'parent_company', value: groupTemplate });
  });

  it('frame each mail in its recipient’s company’s template; the sister company gets the inherited one', async () => {
    await queueMail(t.database.db, { to: solStaff.email, ...mails.reviewDigest(2, 1, 'https://mamori.example/accounts') });
    await queueMail(t.database.db, { to: autoStaff.email, ...mails.reviewDigest(2, 1, 'https://mamori.example/accounts') });
    await queueMail(t.database.db, { to: noPerson.email, subject: '[Mamori] Plain', body: 'Plain\n' });
    const sol = (await outboxTo(solStaff.email)).at(-1)!;
    expect(sol.subject).toBe('[HZ Solutions] ID の棚卸し / Account review');
    expect(sol.fromName).toBe('Hoshizora Solutions Security Office');
    expect(sol.body.startsWith('sol 太郎 様\nDear Taro sol,\n\nID の棚卸し')).toBe(true);
    expect(sol.body.endsWith('\n\n-- \n組織 SOL 情報セキュリティ事務局\n\nUnit SOL security office\n')).toBe(true);
    const auto = (await outboxTo(autoStaff.email)).at(-1)!;
    expect(auto.subject).toBe('[Hoshizora] ID の棚卸し / Account review');
    expect(auto.fromName).toBe('Hoshizora Group');
    expect(auto.body).toContain('-- \n組織 AUTO グループ情報セキュリティ事務局\n\nUnit AUTO group security office\n');
    // no person: the group's, here the holding's own template
    expect((await outboxTo(noPerson.email)).at(-1)).toMatchObject({
      subject: '[Hoshizora] Plain',
      body: 'Plain\n\n-- \n組織 HOLD グループ情報セキュリティ事務局\n\nUnit HOLD group security office\n',
      fromName: 'Hoshizora Group',
    });
  });

  it('go out through a real SMTP server with the sender name, prefix and signature; sealed account mails too', async () => {
    await queueMail(t.database.db, {
      to: solStaff.email,
      ...mails.activation({ ja: 'Taro sol', en: 'Taro sol' }, 'https://mamori.example/activate?token=secret-token-0123456789'),
      secret: true,
    });
    const row = (await outboxTo(solStaff.email)).at(-1)!;
    expect(row.body).not.toContain('secret-token');
    const smtp = await startSmtpCounter();
    try {
      const log = { info: () => undefined } as never;
      await deliverMail.handler({ id: row.id }, { db: t.database.db, config: testConfig({ MAMORI_SMTP_URL: smtp.url }), log });
      expect(smtp.received).toHaveLength(1);
      const raw = smtp.received[0]!;
      expect(raw).toMatch(/^From: Hoshizora Solutions Security Office <mamori@localhost>/m);
      const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      expect(text).toContain('Dear Taro sol,');
      expect(text).toContain('Unit SOL security office');
      expect(text).toContain('activate?token=secret-token-0123456789');
    } finally {
      await smtp.close();
    }
  });
});
