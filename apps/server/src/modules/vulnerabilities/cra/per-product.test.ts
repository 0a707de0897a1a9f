import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/tables';
import { notifications } from '../../../platform/notifications/tables';
import { as, createTestApp, createUser, json, testConfig, type TestApp, type TestUser } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { makePartner } from '../../partners/testing';
import { runCraReminders } from './job';

/** CRA clocks per affected product in the CRA's scope and on the EU market, and the report drafts (issue 17). */

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirtB: TestUser;
let ciso: TestUser;
let employee: TestUser;
let partner: TestUser;
const ids: Record<string, string> = {};

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

interface Stage {
  id: string;
  productId: string | null;
  ruleId: string;
  status: string;
  dueAt: string | null;
  submission: { reference: string } | null;
}
interface View {
  reporting: unknown;
  products: { code: string; noClockReason: string | null }[];
  deadlines: Stage[];
}
type Problem = { errors: { path: string; code?: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const divA = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DA', 'site')));
  const divB = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DB', 'site')));
  psirtB = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divB.id }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: divA.id }]);
  partner = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: (await makePartner(t.app, office, 'P1')).id });
  const product = async (code: string, cra: Record<string, unknown>) => {
    const res = await as(t.app, office).post('/api/products', {
      code,
      nameJa: `${code} 製品`,
      nameEn: `${code} product`,
      orgUnitId: divA.id,
      ...cra,
    });
    expect(res.statusCode).toBe(201);
    ids[code] = json<{ id: string }>(res).id;
  };
  await product('EU1', {
    craInScope: true,
    euMarketSince: '2025-02-01',
    craCategory: 'important_class_1',
    supportPeriodEnd: '2031-01-31',
    mainEstablishment: 'DE',
    euMarkets: ['DE', 'FR'],
  });
  await product('EU2', { craInScope: true, euMarketSince: '2025-05-01', mainEstablishment: 'FR', euMarkets: ['FR', 'PL'] });
  await product('OFF', { craInScope: true });
  await product('NOSCOPE', { euMarketSince: '2024-01-01' });
}, 300_000);
afterAll(() => t?.close());

const linkAll = (id: string, codes: string[], extra: Record<string, Record<string, unknown>> = {}) =>
  as(t.app, psirt).patch(`/api/vulnerabilities/${id}`, {
    products: codes.map((c) => ({ productId: ids[c]!, status: 'affected', ...extra[c] })),
  });
async function newCase(title: string, codes = ['EU1', 'EU2', 'OFF', 'NOSCOPE']) {
  const c = json<{ id: string; number: number }>(
    await as(t.app, psirt).post('/api/vulnerabilities', { title, description: 'd' }),
  );
  expect(
    (
      await linkAll(c.id, codes, {
        EU1: { affectedVersions: '<= 2.0.1', fixedVersion: '2.0.2', remediation: 'Update to 2.0.2' },
      })
    ).statusCode,
  ).toBe(200);
  return c;
}
const mark = (id: string, awareAt: string, regime = 'cra-exploited-vulnerability') =>
  as(t.app, psirt).post(`/api/vulnerabilities/${id}/cra-reporting`, { regime, awareAt, evidence: 'Exploit seen in the wild' });
const submit = (id: string, ruleId: string, over: Record<string, unknown> = {}) =>
  as(t.app, psirt).post(`/api/vulnerabilities/${id}/cra-reporting/submissions`, {
    ruleId,
    submittedAt: new Date().toISOString(),
    recipient: 'enisa_srp',
    reference: 'SRP-1',
    text: 'report text',
    ...over,
  });
const deadlines = async (id: string, user = psirt) =>
  json<View>(await as(t.app, user).get(`/api/vulnerabilities/${id}/deadlines`));
const clocksOf = (v: View, code: string) => v.deadlines.filter((d) => d.productId === ids[code]);

describe('clocks per affected product on the EU market', () => {
  it('runs each product’s stages; a product off the EU market or out of scope has none, with the reason', async () => {
    const { id } = await newCase('Per product');
    const awareAt = ago(3);
    const v = json<View>(await mark(id, awareAt));
    expect(Object.fromEntries(v.products.map((p) => [p.code, p.noClockReason]))).toEqual({
      EU1: null,
      EU2: null,
      NOSCOPE: 'not_in_cra_scope',
      OFF: 'not_on_eu_market',
    });
    for (const code of ['EU1', 'EU2']) {
      expect(clocksOf(v, code).map((d) => d.ruleId)).toEqual([
        'cra-vuln-early-warning',
        'cra-vuln-notification',
        'cra-vuln-final',
      ]);
      expect(Date.parse(clocksOf(v, code)[0]!.dueAt!)).toBe(Date.parse(awareAt) + 24 * HOUR);
    }
    expect(clocksOf(v, 'OFF')).toEqual([]);
    expect(clocksOf(v, 'NOSCOPE')).toEqual([]);
    expect(v.deadlines).toHaveLength(6);
  });

  it('submits one product’s stage, or every running one without a product; refuses a product without that clock', async () => {
    const { id } = await newCase('Submit per product');
    await mark(id, ago(5));
    const one = await submit(id, 'cra-vuln-early-warning', { productId: ids.EU1, reference: 'SRP-EU1' });
    expect(one.statusCode).toBe(201);
    expect(clocksOf(json<View>(one), 'EU1')[0]).toMatchObject({ status: 'met', submission: { reference: 'SRP-EU1' } });
    expect(clocksOf(json<View>(one), 'EU2')[0]!.submission).toBeNull();
    const off = await submit(id, 'cra-vuln-early-warning', { productId: ids.OFF });
    expect(off.statusCode).toBe(400);
    expect(json<Problem>(off).errors).toEqual([
      expect.objectContaining({ path: 'body.productId', code: 'cra.product_not_in_case' }),
    ]);
    const rest = await submit(id, 'cra-vuln-notification');
    expect(rest.statusCode).toBe(201);
    expect(
      json<View>(rest)
        .deadlines.filter((d) => d.ruleId === 'cra-vuln-notification')
        .map((d) => d.status),
    ).toEqual(['met', 'met']);
    expect((await submit(id, 'cra-vuln-notification')).statusCode).toBe(409);
    expect((await submit(id, 'cra-vuln-early-warning', { productId: ids.EU1 })).statusCode).toBe(409);
  });

  it('follows the case’s products: a product added gets clocks, one removed loses those not submitted', async () => {
    const { id } = await newCase('Products change', ['EU1', 'EU2']);
    await mark(id, ago(2));
    await submit(id, 'cra-vuln-early-warning', { productId: ids.EU2 });
    // EU2 is no longer affected: its running stages go, its submitted early warning stays as history.
    await linkAll(id, ['EU1']);
    let v = await deadlines(id);
    expect(clocksOf(v, 'EU2').map((d) => d.ruleId)).toEqual(['cra-vuln-early-warning']);
    expect(clocksOf(v, 'EU1')).toHaveLength(3);
    await linkAll(id, ['EU1', 'EU2', 'OFF']);
    v = await deadlines(id);
    expect(clocksOf(v, 'EU2')).toHaveLength(3);
    expect(clocksOf(v, 'OFF')).toEqual([]);
  });

  it('starts a severe incident’s final report per product, from that product’s notification', async () => {
    const { id } = await newCase('Severe incident', ['EU1', 'EU2']);
    await mark(id, ago(4), 'cra-severe-incident');
    await submit(id, 'cra-incident-notification', { productId: ids.EU1 });
    const v = await deadlines(id);
    const final = (code: string) => clocksOf(v, code).find((d) => d.ruleId === 'cra-incident-final')!;
    expect(final('EU1').status).not.toBe('waiting');
    expect(final('EU1').dueAt).not.toBeNull();
    expect(final('EU2')).toMatchObject({ status: 'waiting', dueAt: null });
  });

  it('records a stage once when two submissions race', async () => {
    const { id } = await newCase('Race', ['EU1']);
    await mark(id, ago(1));
    const answers = await inParallel(3, () => submit(id, 'cra-vuln-early-warning', { productId: ids.EU1 }));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
  });
});

describe('reminders per product', () => {
  it('mail and notify in the app once per product’s stage, naming the product', async () => {
    const c = await newCase('Reminded per product', ['EU1', 'EU2']);
    const awareAt = ago(1);
    await mark(c.id, awareAt);
    const db = t.database.db;
    const atWarn = new Date(Date.parse(awareAt) + 17 * HOUR);
    await runCraReminders(db, testConfig(), atWarn);
    await runCraReminders(db, testConfig(), atWarn);
    const mails = await db
      .select()
      .from(mailOutbox)
      .where(and(like(mailOutbox.subject, '%due soon%'), like(mailOutbox.subject, `%#${c.number}%`)));
    const toPsirt = mails.filter((m) => m.to === psirt.email);
    expect(toPsirt).toHaveLength(2);
    expect(toPsirt.map((m) => m.body.match(/for (EU\d) product/)?.[1]).sort()).toEqual(['EU1', 'EU2']);
    const mine = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, psirt.id), eq(notifications.link, `/vulnerabilities/${c.id}`)));
    expect(mine.map((n) => n.kind)).toEqual(['vulnerability.cra-reminder', 'vulnerability.cra-reminder']);
    expect(mine.map((n) => (n.params as unknown as { product: { en: string } }).product.en).sort()).toEqual([
      'EU1 product (EU1)',
      'EU2 product (EU2)',
    ]);
    await runCraReminders(db, testConfig(), new Date(Date.parse(awareAt) + 25 * HOUR));
    const overdue = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, ciso.id), eq(notifications.link, `/vulnerabilities/${c.id}`)));
    expect(overdue.map((n) => n.kind)).toEqual(['vulnerability.cra-overdue', 'vulnerability.cra-overdue']);
  });
});

interface Draft {
  schema: string;
  stage: string;
  ruleId: string;
  dueAt: string | null;
  coordinatingCsirtMemberStates: string[];
  memberStatesAffected: string[];
  products: { code: string; name: string; craCategory: string; affectedVersions: string | null; fixedVersion: string | null }[];
  vulnerability: { trackingId: string; title: string };
  exploitation: { activelyExploited: boolean; awareAt: string; evidence: string };
  correctiveMeasures: { fixAvailableAt: string | null; measures: string[] };
  toCheck: string[];
}

describe('report drafts', () => {
  it('gives the ENISA fields from the case as JSON, for the products with clocks only', async () => {
    const c = await newCase('Drafted overflow');
    const awareAt = ago(6);
    await mark(c.id, awareAt);
    await as(t.app, psirt).post(`/api/vulnerabilities/${c.id}/tasks`, {
      kind: 'countermeasure',
      title: 'Block port 502 at the edge',
    });
    const res = await as(t.app, psirt).get(`/api/vulnerabilities/${c.id}/cra-reporting/drafts/early_warning`);
    expect(res.statusCode).toBe(200);
    const d = json<Draft>(res);
    expect(d).toMatchObject({
      schema: 'mamori-cra-report-draft/1',
      stage: 'early_warning',
      ruleId: 'cra-vuln-early-warning',
      dueAt: new Date(Date.parse(awareAt) + 24 * HOUR).toISOString(),
      coordinatingCsirtMemberStates: ['DE', 'FR'],
      memberStatesAffected: ['DE', 'FR', 'PL'],
      vulnerability: { trackingId: `#${c.number}`, title: 'Drafted overflow' },
      exploitation: { activelyExploited: true, awareAt: new Date(awareAt).toISOString(), evidence: 'Exploit seen in the wild' },
      correctiveMeasures: { fixAvailableAt: null, measures: ['EU1: Update to 2.0.2', 'Block port 502 at the edge'] },
    });
    expect(d.products).toEqual([
      expect.objectContaining({
        code: 'EU1',
        name: 'EU1 product',
        craCategory: 'important_class_1',
        affectedVersions: '<= 2.0.1',
        fixedVersion: '2.0.2',
      }),
      expect.objectContaining({ code: 'EU2', craCategory: 'default' }),
    ]);
    const ja = json<Draft>(await as(t.app, psirt).get(`/api/vulnerabilities/${c.id}/cra-reporting/drafts/final_report?lang=ja`));
    expect(ja.products[0]!.name).toBe('EU1 製品');
    expect(ja.dueAt).toBeNull();
    expect(ja.toCheck[0]).toMatch(/是正・緩和措置/);
  });

  it('prints it as a PDF in ja and en; refuses an unmarked case, an unknown stage, and readers without the right', async () => {
    const c = await newCase('Printed');
    const url = (stage: string, q = '') => `/api/vulnerabilities/${c.id}/cra-reporting/drafts/${stage}${q}`;
    expect((await as(t.app, psirt).get(url('notification'))).statusCode).toBe(409);
    await mark(c.id, ago(1));
    for (const lang of ['ja', 'en']) {
      const pdf = await as(t.app, ciso).get(url('notification/pdf', `?lang=${lang}`));
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await as(t.app, psirt).get(url('progress_report'))).statusCode).toBe(400);
    expect((await as(t.app, psirt).get(url('notification', '?lang=fr'))).statusCode).toBe(400);
    for (const user of [employee, partner]) {
      expect((await as(t.app, user).get(url('notification'))).statusCode).toBe(403);
      expect((await as(t.app, user).get(url('notification/pdf'))).statusCode).toBe(403);
    }
    expect((await as(t.app, psirtB).get(url('notification'))).statusCode).toBe(404);
    expect((await as(t.app, psirtB).get(url('notification/pdf'))).statusCode).toBe(404);
  });
});
