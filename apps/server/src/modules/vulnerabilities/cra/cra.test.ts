import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables';
import { mailOutbox } from '../../../platform/mail/tables';
import { as, createTestApp, createUser, json, testConfig, type TestApp, type TestUser } from '../../../test/app';
import { makePartner } from '../../partners/testing';
import { runCraReminders } from './job';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirtB: TestUser;
let ciso: TestUser;
let employee: TestUser;
let partner: TestUser;
let cam: { id: string };

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

interface Stage {
  ruleId: string;
  status: string;
  dueAt: string | null;
  startAt: string | null;
  waitingFor: { ja: string; en: string } | null;
  submission: { reference: string; recipient: string } | null;
}
interface View {
  reporting: { awareAt: string; fixAvailableAt: string | null } | null;
  deadlines: Stage[];
}
const stage = (v: View, ruleId: string) => v.deadlines.find((d) => d.ruleId === ruleId)!;

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
  cam = json(
    await as(t.app, office).post('/api/products', {
      code: 'CAM',
      nameJa: 'CAM',
      nameEn: 'CAM',
      orgUnitId: divA.id,
      craInScope: true,
      euMarketSince: '2025-01-01',
      mainEstablishment: 'DE',
    }),
  );
}, 300_000);
afterAll(() => t?.close());

async function newCase(title: string) {
  const c = json<{ id: string }>(await as(t.app, psirt).post('/api/vulnerabilities', { title, description: 'd' }));
  const res = await as(t.app, psirt).patch(`/api/vulnerabilities/${c.id}`, {
    products: [{ productId: cam.id, status: 'affected' }],
  });
  expect(res.statusCode).toBe(200);
  return c.id;
}
const mark = (id: string, awareAt: string, user = psirt) =>
  as(t.app, user).post(`/api/vulnerabilities/${id}/cra-reporting`, { awareAt, evidence: 'Exploit seen in the wild' });
const submit = (id: string, ruleId: string, over: Record<string, unknown> = {}, user = psirt) =>
  as(t.app, user).post(`/api/vulnerabilities/${id}/cra-reporting/submissions`, {
    ruleId,
    submittedAt: new Date().toISOString(),
    recipient: 'enisa_srp',
    reference: 'SRP-1',
    text: 'report text',
    ...over,
  });
const deadlines = async (id: string, user = psirt) =>
  json<View>(await as(t.app, user).get(`/api/vulnerabilities/${id}/deadlines`));

describe('marking a case actively exploited', () => {
  it('starts the 24 h and 72 h clocks from awareness, the final report waiting for the fix; audited', async () => {
    const id = await newCase('Exploited RCE');
    expect((await deadlines(id)).reporting).toBeNull();
    const awareAt = ago(2);
    const res = await mark(id, awareAt);
    expect(res.statusCode).toBe(201);
    const v = json<View>(res);
    expect(v.deadlines.map((d) => d.ruleId)).toEqual(['cra-vuln-early-warning', 'cra-vuln-notification', 'cra-vuln-final']);
    expect(Date.parse(stage(v, 'cra-vuln-early-warning').dueAt!)).toBe(Date.parse(awareAt) + 24 * HOUR);
    expect(Date.parse(stage(v, 'cra-vuln-notification').dueAt!)).toBe(Date.parse(awareAt) + 72 * HOUR);
    expect(stage(v, 'cra-vuln-final')).toMatchObject({ status: 'waiting', dueAt: null });
    expect(stage(v, 'cra-vuln-final').waitingFor!.en).toMatch(/corrective or mitigating measure/);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'vulnerability.cra.mark'), eq(auditEvents.targetId, id)));
    expect(events).toHaveLength(1);
    expect((await mark(id, awareAt)).statusCode).toBe(409);
  });

  it('refuses an awareness in the future, naming the field, and changes nothing', async () => {
    const id = await newCase('Future awareness');
    const res = await mark(id, new Date(Date.now() + 2 * HOUR).toISOString());
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path)).toEqual(['body.awareAt']);
    expect((await deadlines(id)).reporting).toBeNull();
  });
});

describe('submissions and the fix', () => {
  it('records the early warning, refuses the final report before the fix, then runs it 14 days from the fix', async () => {
    const id = await newCase('Exploited overflow');
    await mark(id, ago(30));
    const early = await submit(id, 'cra-vuln-early-warning', { submittedAt: ago(10), reference: 'ENISA-42' });
    expect(early.statusCode).toBe(201);
    expect(stage(json<View>(early), 'cra-vuln-early-warning')).toMatchObject({
      status: 'met',
      submission: { reference: 'ENISA-42', recipient: 'enisa_srp' },
    });
    expect((await submit(id, 'cra-vuln-early-warning')).statusCode).toBe(409);
    expect((await submit(id, 'cra-vuln-final')).statusCode).toBe(409);
    const fixAt = ago(1);
    const fix = await as(t.app, psirt).post(`/api/vulnerabilities/${id}/cra-reporting/fix`, {
      availableAt: fixAt,
      note: '1.2.1',
    });
    expect(fix.statusCode).toBe(200);
    expect(Date.parse(stage(json<View>(fix), 'cra-vuln-final').dueAt!)).toBe(Date.parse(fixAt) + 14 * 24 * HOUR);
    // A later rule change or event never moves a submitted stage.
    expect(stage(await deadlines(id), 'cra-vuln-early-warning').status).toBe('met');
  });

  it('refuses a submission without a reference, an unknown stage, and one before the clock started', async () => {
    const id = await newCase('Bad submissions');
    await mark(id, ago(5));
    const noRef = await submit(id, 'cra-vuln-early-warning', { reference: '' });
    expect(noRef.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(noRef).errors.map((e) => e.path)).toContain('body.reference');
    expect((await submit(id, 'nis2-early-warning')).statusCode).toBe(400);
    const early = await submit(id, 'cra-vuln-early-warning', { submittedAt: ago(6) });
    expect(json<{ errors: { path: string }[] }>(early).errors.map((e) => e.path)).toEqual(['body.submittedAt']);
    expect(stage(await deadlines(id), 'cra-vuln-early-warning').submission).toBeNull();
  });

  it('refuses the fix and submissions on a case not marked', async () => {
    const id = await newCase('Not exploited');
    expect(
      (await as(t.app, psirt).post(`/api/vulnerabilities/${id}/cra-reporting/fix`, { availableAt: ago(1) })).statusCode,
    ).toBe(409);
    expect((await submit(id, 'cra-vuln-early-warning')).statusCode).toBe(409);
  });
});

describe('who may', () => {
  it('lets the CISO read but not report, and refuses employees and partners', async () => {
    const id = await newCase('Roles');
    expect((await as(t.app, ciso).get(`/api/vulnerabilities/${id}/deadlines`)).statusCode).toBe(200);
    expect((await mark(id, ago(1), ciso)).statusCode).toBe(403);
    for (const user of [employee, partner]) {
      expect((await as(t.app, user).get(`/api/vulnerabilities/${id}/deadlines`)).statusCode).toBe(403);
      expect((await mark(id, ago(1), user)).statusCode).toBe(403);
      expect((await submit(id, 'cra-vuln-early-warning', {}, user)).statusCode).toBe(403);
    }
    expect((await mark(id, ago(1), office)).statusCode).toBe(201);
  });

  it('answers 404 to a PSIRT member of another division', async () => {
    const id = await newCase('Other division');
    expect((await as(t.app, psirtB).get(`/api/vulnerabilities/${id}/deadlines`)).statusCode).toBe(404);
    expect((await mark(id, ago(1), psirtB)).statusCode).toBe(404);
  });
});

describe('needs my attention', () => {
  type Items = { items: { kind: string; href: string; overdue: boolean }[] };
  it('lists stages overdue or due within 24 hours to the PSIRT only, until submitted', async () => {
    const id = await newCase('Attention');
    await mark(id, ago(60)); // early warning overdue, notification due in 12 hours
    const mine = async (user: TestUser) =>
      json<Items>(await as(t.app, user).get('/api/attention?limit=100')).items.filter(
        (i) => i.kind === 'craReportDue' && i.href === `/vulnerabilities/${id}`,
      );
    expect((await mine(psirt)).map((i) => i.overdue)).toEqual([true, false]);
    expect(await mine(ciso)).toEqual([]);
    expect(await mine(psirtB)).toEqual([]);
    await submit(id, 'cra-vuln-early-warning');
    await submit(id, 'cra-vuln-notification');
    expect(await mine(psirt)).toEqual([]);
  });
});

describe('reminders', () => {
  it('mails the PSIRT once at a stage’s warning and escalates once, also to the CISO, when it is due', async () => {
    const c = json<{ id: string; number: number }>(
      await as(t.app, psirt).post('/api/vulnerabilities', { title: 'Reminded', description: 'd' }),
    );
    await as(t.app, psirt).patch(`/api/vulnerabilities/${c.id}`, { products: [{ productId: cam.id, status: 'affected' }] });
    const awareAt = ago(1);
    await mark(c.id, awareAt);
    const db = t.database.db;
    const mails = (word: string) =>
      db
        .select()
        .from(mailOutbox)
        .where(and(like(mailOutbox.subject, `%${word}%`), like(mailOutbox.subject, `%#${c.number}%`)));
    // The early warning warns 8 hours before its 24 hours are up; the notification 24 hours before its 72.
    const atWarn = new Date(Date.parse(awareAt) + 17 * HOUR);
    await runCraReminders(db, testConfig(), atWarn);
    await runCraReminders(db, testConfig(), atWarn);
    const reminded = await mails('due soon');
    expect(reminded.map((m) => m.to).sort()).toEqual([office.email, psirt.email].sort());
    expect(reminded[0]!.body).toContain(`/vulnerabilities/${c.id}`);
    const afterDue = new Date(Date.parse(awareAt) + 25 * HOUR);
    await runCraReminders(db, testConfig(), afterDue);
    await runCraReminders(db, testConfig(), afterDue);
    expect((await mails('overdue')).map((m) => m.to).sort()).toEqual([ciso.email, office.email, psirt.email].sort());
  });
});
