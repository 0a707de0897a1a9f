import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirtA: TestUser;
let ciso: TestUser;
let employee: TestUser;
let prodA: { id: string };
let prodB: { id: string };

const report = {
  title: 'Stored XSS in the camera admin page',
  description: 'The device name field is shown without escaping: <script>alert(1)</script>',
  productName: 'NetCam 200',
  productVersion: '2.1',
  reporterName: 'Aiko',
  reporterEmail: 'aiko@example.test',
  language: 'ja',
};
type Detail = {
  id: string;
  status: string;
  cvss31: { score: number; severity: string } | null;
  cvss40: { score: number } | null;
  products: { productCode: string; status: string }[];
  messages: { from: string; body: string }[];
};

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const divA = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DA', 'site')));
  const divB = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DB', 'site')));
  psirtA = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divA.id }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: divA.id }]);
  const product = (code: string, orgUnitId: string) => ({ code, nameJa: code, nameEn: code, orgUnitId });
  prodA = json(await as(t.app, office).post('/api/products', product('CAM', divA.id)));
  prodB = json(await as(t.app, office).post('/api/products', product('TV', divB.id)));
});
afterAll(() => t.close());

describe('public vulnerability reports', () => {
  let token: string;
  let caseId: string;

  it('accepts a report without an account and answers with a tracking link only', async () => {
    const res = await as(t.app, null).post('/api/vulnerability-reports', report);
    expect(res.statusCode).toBe(202);
    const body = json<{ trackingToken: string; trackingUrl: string }>(res);
    expect(Object.keys(body).sort()).toEqual(['trackingToken', 'trackingUrl']);
    expect(res.body).not.toContain('script');
    expect(res.body).not.toContain('NetCam');
    token = body.trackingToken;
    expect(body.trackingUrl).toMatch(new RegExp(`/security/reports/${token}$`));
    const view = json<{ status: string; messages: unknown[] }>(
      await as(t.app, null).get(`/api/vulnerability-reports/${token}/messages`),
    );
    expect(view).toEqual({ status: 'received', messages: [] });
  });

  it('refuses unknown fields and does not echo them', async () => {
    const res = await as(t.app, null).post('/api/vulnerability-reports', { ...report, '<img src=x>': 'boom' });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('boom');
    const bad = await as(t.app, null).post('/api/vulnerability-reports', { ...report, reporterEmail: '<b>not-an-email</b>' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('<b>');
  });

  it('stores nothing when the honeypot is filled, yet answers the same way', async () => {
    const before = json<{ items: unknown[] }>(await as(t.app, psirt).get('/api/vulnerabilities')).items.length;
    const res = await as(t.app, null).post('/api/vulnerability-reports', { ...report, website: 'http://spam.example' });
    expect(res.statusCode).toBe(202);
    const fake = json<{ trackingToken: string }>(res).trackingToken;
    expect((await as(t.app, null).get(`/api/vulnerability-reports/${fake}/messages`)).statusCode).toBe(404);
    expect(json<{ items: unknown[] }>(await as(t.app, psirt).get('/api/vulnerabilities')).items.length).toBe(before);
  });

  it('tells the reporter the true stage once the PSIRT triages it, and nothing it found', async () => {
    const list = json<{ items: { id: string; title: string }[] }>(await as(t.app, psirt).get('/api/vulnerabilities'));
    const id = list.items.find((v) => v.title === report.title)!.id;
    const triaged = await as(t.app, psirt).patch(`/api/vulnerabilities/${id}`, { status: 'triage', cwe: 'CWE-120' });
    expect(triaged.statusCode).toBe(200);
    const res = await as(t.app, null).get(`/api/vulnerability-reports/${token}/messages`);
    expect(json<{ status: string }>(res).status).toBe('assessing');
    expect(res.body).not.toContain('CWE-120');
  });

  it('lets the PSIRT triage it: CVSS scores, products, CVE, embargo; the read is logged', async () => {
    const list = json<{ items: { id: string; title: string; status: string }[] }>(
      await as(t.app, psirt).get('/api/vulnerabilities'),
    );
    caseId = list.items.find((v) => v.title === report.title)!.id;
    const res = await as(t.app, psirt).patch(`/api/vulnerabilities/${caseId}`, {
      status: 'investigating',
      cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
      cvss40Vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      cveId: 'CVE-2026-12345',
      embargoUntil: '2027-01-15T00:00:00Z',
      products: [
        { productId: prodA.id, status: 'affected', affectedVersions: '< 2.2', fixedVersion: '2.2' },
        { productId: prodB.id, status: 'not_affected', justification: 'component_not_present' },
      ],
    });
    expect(res.statusCode).toBe(200);
    const d = json<Detail>(res);
    expect(d.cvss31).toMatchObject({ score: 6.1, severity: 'medium' });
    expect(d.cvss40).toMatchObject({ score: 9.3 });
    expect(d.products.map((p) => `${p.productCode}:${p.status}`)).toEqual(['CAM:affected', 'TV:not_affected']);
    await as(t.app, ciso).get(`/api/vulnerabilities/${caseId}`);
    const events = json<{ items: { action: string }[] }>(await as(t.app, office).get(`/api/audit-events?targetId=${caseId}`));
    expect(events.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['vulnerability.report', 'vulnerability.update', 'vulnerability.read']),
    );
  });

  it('refuses an invalid vector and not_affected without a justification', async () => {
    const v = await as(t.app, psirt).patch(`/api/vulnerabilities/${caseId}`, { cvss31Vector: 'CVSS:3.1/AV:N' });
    expect(v.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(v).errors[0]!.path).toBe('body.cvss31Vector');
    const j = await as(t.app, psirt).patch(`/api/vulnerabilities/${caseId}`, {
      products: [{ productId: prodA.id, status: 'not_affected' }],
    });
    expect(j.statusCode).toBe(400);
  });

  it('exchanges messages with the reporter through the tracking link', async () => {
    expect(
      (await as(t.app, psirt).post(`/api/vulnerabilities/${caseId}/messages`, { body: 'Thank you, we reproduced it.' }))
        .statusCode,
    ).toBe(201);
    const res = await as(t.app, null).post(`/api/vulnerability-reports/${token}/messages`, { body: 'Glad to help.' });
    expect(res.statusCode).toBe(201);
    const view = json<{ status: string; messages: { from: string }[] }>(res);
    expect(view.status).toBe('in_progress');
    expect(view.messages.map((m) => m.from)).toEqual(['psirt', 'reporter']);
    expect(res.body).not.toContain('CVE-2026');
    const wrong = 'A'.repeat(43);
    expect((await as(t.app, null).get(`/api/vulnerability-reports/${wrong}/messages`)).statusCode).toBe(404);
  });

  it('shows a divisional PSIRT member only the cases naming its products', async () => {
    const other = json<{ id: string }>(
      await as(t.app, psirt).post('/api/vulnerabilities', { title: 'TV only', description: 'x' }),
    );
    await as(t.app, psirt).patch(`/api/vulnerabilities/${other.id}`, { products: [{ productId: prodB.id, status: 'affected' }] });
    const mine = json<{ items: { id: string }[] }>(await as(t.app, psirtA).get('/api/vulnerabilities')).items.map((v) => v.id);
    expect(mine).toEqual([caseId]);
    expect((await as(t.app, psirtA).get(`/api/vulnerabilities/${other.id}`)).statusCode).toBe(404);
    expect((await as(t.app, employee).get('/api/vulnerabilities')).statusCode).toBe(403);
    expect((await as(t.app, ciso).patch(`/api/vulnerabilities/${caseId}`, { status: 'closed' })).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/vulnerabilities')).statusCode).toBe(401);
  });

  it('links a duplicate', async () => {
    const dup = json<{ id: string }>(
      await as(t.app, psirt).post('/api/vulnerabilities', { title: 'XSS again', description: 'y' }),
    );
    const res = await as(t.app, psirt).patch(`/api/vulnerabilities/${dup.id}`, { duplicateOfId: caseId });
    expect(json<{ status: string; duplicateOfId: string }>(res)).toMatchObject({ status: 'duplicate', duplicateOfId: caseId });
  });
});

describe('intake rate limit', () => {
  it('answers 429 after five reports from one address in ten minutes', async () => {
    const own = await createTestApp();
    try {
      const codes = [];
      for (let i = 0; i < 6; i++) codes.push((await as(own.app, null).post('/api/vulnerability-reports', report)).statusCode);
      expect(codes).toEqual([202, 202, 202, 202, 202, 429]);
    } finally {
      await own.close();
    }
  });
});

describe('remediation records', () => {
  it('keeps tasks and CERT coordination on the case, audited', async () => {
    const c = json<{ id: string }>(
      await as(t.app, psirt).post('/api/vulnerabilities', { title: 'Hard-coded key', description: 'x' }),
    );
    const task = await as(t.app, psirt).post(`/api/vulnerabilities/${c.id}/tasks`, {
      kind: 'fix',
      title: 'Rotate the key in 2.3',
      dueOn: '2027-02-01',
    });
    expect(task.statusCode).toBe(201);
    const done = await as(t.app, psirt).patch(`/api/vulnerabilities/${c.id}/tasks/${json<{ id: string }>(task).id}`, {
      done: true,
    });
    expect(json(done)).toMatchObject({ done: true, title: 'Rotate the key in 2.3' });
    const rec = await as(t.app, psirt).post(`/api/vulnerabilities/${c.id}/coordination`, {
      organisation: 'JPCERT/CC',
      reference: 'JVNVU#99999999',
      kind: 'agreed_date',
      occurredOn: '2026-12-01',
      note: 'Publication agreed for 2027-02-15',
    });
    expect(rec.statusCode).toBe(201);
    const d = json<{ tasks: { done: boolean }[]; coordination: { organisation: string }[] }>(
      await as(t.app, psirt).get(`/api/vulnerabilities/${c.id}`),
    );
    expect(d.tasks.map((x) => x.done)).toEqual([true]);
    expect(d.coordination.map((x) => x.organisation)).toEqual(['JPCERT/CC']);
    expect((await as(t.app, ciso).post(`/api/vulnerabilities/${c.id}/tasks`, { kind: 'fix', title: 'x' })).statusCode).toBe(403);
  });
});
