import type { MailTemplate } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/tables';
import { queueMail } from '../../platform/mail/outbox';
import { mailOutbox } from '../../platform/mail/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { makePartner } from '../partners/testing';
import { orgTree } from '../../test/org-tree';

/**
 * The group's own mail template (`/api/settings/mail-template`, issue #22): the `group` scope's value of
 * `mail.template`, edited by the group's security office or a system administrator only; If-Match, history, audit.
 */
let t: TestApp;
let admin: TestUser;
let groupOffice: TestUser;
const refused: Record<string, TestUser> = {};
let autoStaff: TestUser;
const u: Record<string, string> = {};
const URL = '/api/settings/mail-template';

const groupTemplate: MailTemplate = {
  senderName: 'Hoshizora Group',
  subjectPrefix: '[Hoshizora]',
  greeting: { ja: '{{recipientName}} 様', en: 'Dear {{recipientName}},' },
  signature: { ja: '{{company}} 情報セキュリティ事務局', en: '{{company}} security office' },
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  const tree = orgTree(t, admin, u);
  const add = tree.unit;
  await add('HOLD', 'company');
  await add('AUTO', 'company', 'HOLD');
  await add('AUTO-SITE', 'site', 'AUTO');
  const person = json<{ id: string }>(
    await as(t.app, admin).post('/api/people', {
      employeeNo: 'E-auto',
      nameJa: '自動 太郎',
      nameEn: 'Taro Auto',
      kind: 'employee',
      orgUnitId: u['AUTO-SITE'],
    }),
  ).id;
  groupOffice = await createUser(t.database, [{ role: 'security_office' }]);
  refused.companyOffice = await createUser(t.database, [{ role: 'security_office', orgUnitId: u.AUTO }]);
  refused.groupCiso = await createUser(t.database, [{ role: 'ciso' }]);
  refused.siteOffice = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: u['AUTO-SITE'] }]);
  refused.auditor = await createUser(t.database, [{ role: 'auditor' }]);
  refused.employee = await createUser(t.database, [{ role: 'employee' }]);
  const partner = await makePartner(t.app, groupOffice, 'P');
  refused.partner = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: partner.id });
  autoStaff = await createUser(t.database, [{ role: 'employee' }], { personId: person });
});
afterAll(() => t.close());

describe("the group's own mail template", () => {
  it('starts as the built-in frame, version 0', async () => {
    const res = await as(t.app, groupOffice).get(URL);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"0"');
    expect(json(res)).toMatchObject({ scope: 'default', version: 0, value: { subjectPrefix: '[Mamori]', senderName: '' } });
  });

  it('is refused to everyone but the group’s security office and system administrators, partners included; nothing changes', async () => {
    for (const [who, user] of Object.entries(refused)) {
      expect((await as(t.app, user).get(URL)).statusCode, who).toBe(403);
      expect((await as(t.app, user).put(URL, { value: groupTemplate }, { 'if-match': '"0"' })).statusCode, who).toBe(403);
      expect((await as(t.app, user).get(`${URL}/history`)).statusCode, who).toBe(403);
    }
    expect((await as(t.app, null).get(URL)).statusCode).toBe(401);
    expect(json(await as(t.app, admin).get(URL))).toMatchObject({ version: 0 });
  });

  it('refuses markup, an unknown placeholder and a line break in the prefix, naming each field; nothing changes', async () => {
    const res = await as(t.app, groupOffice).put(
      URL,
      {
        value: {
          ...groupTemplate,
          subjectPrefix: '[H]\r\nBcc: x@evil.test',
          greeting: { ja: '{{recipient}} 様', en: 'Dear {{recipientName}},' },
          signature: { ja: '事務局', en: '<b>office</b>' },
        },
      },
      { 'if-match': '"0"' },
    );
    expect(res.statusCode).toBe(400);
    const errors = json<{ errors: { path: string; code: string }[] }>(res).errors.map((e) => [e.path, e.code]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['body.value.subjectPrefix', 'mail.template_single_line'],
        ['body.value.greeting.ja', 'mail.template_placeholder_unknown'],
        ['body.value.signature.en', 'mail.template_markup'],
      ]),
    );
    expect(json(await as(t.app, admin).get(URL))).toMatchObject({ version: 0 });
  });

  it('is saved with If-Match by the group office, kept in the history and audited; a stale version is refused', async () => {
    const put = await as(t.app, groupOffice).put(URL, { value: groupTemplate }, { 'if-match': '"0"' });
    expect(put.statusCode).toBe(200);
    expect(put.headers.etag).toBe('"1"');
    expect(json(put)).toMatchObject({ scope: 'group', version: 1, value: groupTemplate });
    const stale = await as(t.app, admin).put(URL, { value: { ...groupTemplate, subjectPrefix: '[X]' } }, { 'if-match': '"0"' });
    expect(stale.statusCode).toBe(412);
    const again = await as(t.app, admin).put(URL, { value: { ...groupTemplate, senderName: '' } }, { 'if-match': '"1"' });
    expect(again.statusCode).toBe(200);
    const history = json<{ version: number }[]>(await as(t.app, groupOffice).get(`${URL}/history`));
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    const audited = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'settings.scoped.update'), eq(auditEvents.targetId, 'mail.template@group')));
    expect(audited).toHaveLength(2);
  });

  it('frames the mails of a company that has no template of its own, up to the holding', async () => {
    await queueMail(t.database.db, {
      to: autoStaff.email,
      subject: { ja: '[Mamori] 件名', en: '[Mamori] Subject' },
      body: { ja: '本文\n', en: 'Text\n' },
    });
    const [row] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, autoStaff.email));
    expect(row).toMatchObject({ subject: '[Hoshizora] 件名 / Subject', fromName: null });
    expect(row!.body.startsWith('自動 太郎 様\nDear Taro Auto,\n\n本文')).toBe(true);
    expect(row!.body.endsWith('-- \n組織 AUTO 情報セキュリティ事務局\n\nUnit AUTO security office\n')).toBe(true);
  });
});
