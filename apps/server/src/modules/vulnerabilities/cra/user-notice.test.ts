import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { makePartner } from '../../partners/testing';

/** CRA art. 14(8): the user notice drafted as the case's advisory, published through the normal flow (issue 17). */

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirtB: TestUser;
let ciso: TestUser;
let employee: TestUser;
let partner: TestUser;
let productId: string;

type Problem = { detailCode?: string; errors?: { path: string; code?: string }[] };
interface Notice {
  askedBy: string[];
  draft: { craRuleId: string | null; advisoryTrackingId: string | null } | null;
}
interface Detail {
  advisoryDraft: { titleJa: string; titleEn: string; summaryJa: string; summaryEn: string; craRuleId: string | null } | null;
}

beforeAll(async () => {
  t = await createTestApp({ MAMORI_PUBLIC_URL: 'https://psirt.example.test', MAMORI_PSIRT_CONTACT: 'mailto:psirt@example.test' });
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const divA = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DA', 'site')));
  const divB = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DB', 'site')));
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  psirtB = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divB.id }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: divA.id }]);
  partner = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: (await makePartner(t.app, office, 'P1')).id });
  const res = await as(t.app, office).post('/api/products', {
    code: 'UN1',
    nameJa: 'ゲートウェイ UN1',
    nameEn: 'Gateway UN1',
    orgUnitId: divA.id,
    craInScope: true,
    euMarketSince: '2025-01-01',
    mainEstablishment: 'DE',
    euMarkets: ['DE'],
  });
  productId = json<{ id: string }>(res).id;
}, 300_000);
afterAll(() => t?.close());

async function newCase(title: string, mark = true) {
  const { id } = json<{ id: string }>(
    await as(t.app, psirt).post('/api/vulnerabilities', { title, description: 'A crafted packet crashes the stack.' }),
  );
  const products = [
    {
      productId,
      status: 'affected',
      affectedVersions: '<= 3.1',
      fixedVersion: '3.2',
      remediation: 'Block port 502 at the firewall',
    },
  ];
  expect((await as(t.app, psirt).patch(`/api/vulnerabilities/${id}`, { products })).statusCode).toBe(200);
  if (mark)
    expect(
      (
        await as(t.app, psirt).post(`/api/vulnerabilities/${id}/cra-reporting`, {
          awareAt: new Date(Date.now() - 3_600_000).toISOString(),
          evidence: 'Exploit seen',
        })
      ).statusCode,
    ).toBe(201);
  return id;
}
const notice = (id: string, user = psirt, body: Record<string, unknown> = {}) =>
  as(t.app, user).post(`/api/vulnerabilities/${id}/cra-reporting/user-notice`, body);

describe('the CRA user notice as a draft advisory', () => {
  it('drafts it in ja and en from the case, answering the stage that asks users to be informed', async () => {
    const id = await newCase('Stack crash on crafted packet');
    const before = json<{ userNotice: Notice }>(await as(t.app, psirt).get(`/api/vulnerabilities/${id}/deadlines`));
    expect(before.userNotice).toEqual({ askedBy: ['cra-vuln-notification'], draft: null });
    const res = await notice(id);
    expect(res.statusCode).toBe(201);
    expect(json<Notice>(res).draft).toEqual({
      craRuleId: 'cra-vuln-notification',
      advisoryTrackingId: null,
      createdAt: expect.any(String),
    });
    const d = json<Detail>(await as(t.app, psirt).get(`/api/vulnerabilities/${id}`)).advisoryDraft!;
    expect(d.craRuleId).toBe('cra-vuln-notification');
    expect(d.titleEn).toBe('Security notice: Stack crash on crafted packet');
    expect(d.summaryEn).toContain('An actively exploited vulnerability affects UN1 Gateway UN1');
    expect(d.summaryEn).toContain('UN1: Block port 502 at the firewall');
    expect(d.summaryEn).toContain('Update UN1 to version 3.2 or later');
    expect(d.summaryEn).toContain('mailto:psirt@example.test');
    expect(d.summaryJa).toContain('UN1 をバージョン 3.2 以降');
    expect(d.summaryJa).toContain('ゲートウェイ UN1');
    // one notice per case
    const again = await notice(id);
    expect(again.statusCode).toBe(409);
    expect(json<Problem>(again).detailCode).toBe('cra.user_notice_exists');
  });

  it('is published through the normal advisory flow (CSAF validated), which links the draft to the advisory', async () => {
    const id = await newCase('Published notice');
    expect((await notice(id)).statusCode).toBe(201);
    const d = json<Detail>(await as(t.app, psirt).get(`/api/vulnerabilities/${id}`)).advisoryDraft!;
    const { titleJa, titleEn, summaryJa, summaryEn } = d;
    const published = await as(t.app, psirt).post(`/api/vulnerabilities/${id}/advisory`, {
      titleJa,
      titleEn,
      summaryJa,
      summaryEn,
    });
    expect(published.statusCode).toBe(200);
    const trackingId = json<{ trackingId: string }>(published).trackingId;
    const after = json<{ userNotice: Notice }>(await as(t.app, psirt).get(`/api/vulnerabilities/${id}/deadlines`));
    expect(after.userNotice.draft).toMatchObject({ craRuleId: 'cra-vuln-notification', advisoryTrackingId: trackingId });
  }, 180_000); // the PSIRT key is generated on first use, and the CSAF validator runs

  it('refuses an unmarked case, a stage that does not ask it, and those without the right', async () => {
    const unmarked = await newCase('Unmarked', false);
    const r1 = await notice(unmarked);
    expect(r1.statusCode).toBe(409);
    expect(json<Problem>(r1).detailCode).toBe('cra.not_marked');
    const id = await newCase('Access');
    const wrong = await notice(id, psirt, { ruleId: 'cra-vuln-early-warning' });
    expect(wrong.statusCode).toBe(400);
    expect(json<Problem>(wrong).errors).toEqual([expect.objectContaining({ path: 'body.ruleId', code: 'cra.stage_unknown' })]);
    const bad = await notice(id, psirt, { ruleId: 'NOT A RULE', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect((await notice(id, ciso)).statusCode).toBe(403);
    expect((await notice(id, employee)).statusCode).toBe(403);
    expect((await notice(id, partner)).statusCode).toBe(403);
    expect((await notice(id, psirtB)).statusCode).toBe(404);
    expect(json<Detail>(await as(t.app, psirt).get(`/api/vulnerabilities/${id}`)).advisoryDraft).toBeNull();
  });
});
