import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';

let t: TestApp;
let psirt: TestUser;
let ciso: TestUser;
let otherSite: TestUser;
let plan: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const div = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'IND', 'site')));
  const other = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'OTHER', 'site')));
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  otherSite = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: other.id }]);
  const product = json<{ id: string }>(
    await as(t.app, office).post('/api/products', { code: 'PLC', nameJa: 'PLC', nameEn: 'PLC', orgUnitId: div.id }),
  );
  const release = json<{ id: string }>(await as(t.app, office).post(`/api/products/${product.id}/releases`, { version: '2.0' }));
  plan = json(
    await as(t.app, psirt).post('/api/test-plans', {
      releaseId: release.id,
      title: 'PLC 2.0 hardware and fuzzing',
      depthKind: 'sl',
      depthLevel: 2,
      methods: ['fuzzing', 'hw_debug_ports'],
      testerIndependence: 'independent_department',
    }),
  );
});
afterAll(() => t.close());

describe('JUnit runs and evidence', () => {
  it('records test-case results and matches them to the plan cases by title', async () => {
    const c = await as(t.app, psirt).post(`/api/test-plans/${plan.id}/cases`, {
      title: 'JTAG port locked',
      method: 'hw_debug_ports',
      goalRef: 'CG-03',
      attackPathRef: 'AP-12',
    });
    expect(c.statusCode).toBe(201);
    expect(
      (await as(t.app, psirt).post(`/api/test-plans/${plan.id}/cases`, { title: 'JTAG port locked', method: 'hw_debug_ports' }))
        .statusCode,
    ).toBe(409);
    const xml = `<testsuites><testsuite name="hw"><testcase name="JTAG port locked"><failure message="TAP answers IDCODE"/></testcase><testcase name="SWD off"/></testsuite></testsuites>`;
    const res = await as(t.app, psirt).post(
      `/api/test-plans/${plan.id}/junit-runs?method=hw_debug_ports&performedOn=2026-11-11`,
      xml,
      {
        'content-type': 'application/xml',
      },
    );
    expect(res.statusCode).toBe(201);
    expect(json(res)).toMatchObject({ casesMatched: 1, run: { source: 'junit', results: 2 } });
    const detail = json<{ cases: { title: string; lastOutcome: string; goalRef: string }[] }>(
      await as(t.app, ciso).get(`/api/test-plans/${plan.id}`),
    );
    expect(detail.cases[0]).toMatchObject({ title: 'JTAG port locked', lastOutcome: 'failed', goalRef: 'CG-03' });
    const bomb = `<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "b">]><testsuite><testcase name="&a;"/></testsuite>`;
    const refused = await as(t.app, psirt).post(
      `/api/test-plans/${plan.id}/junit-runs?method=hw_debug_ports&performedOn=2026-11-11`,
      bomb,
      {
        'content-type': 'application/xml',
      },
    );
    expect(refused.statusCode).toBe(400);
  });

  it('keeps evidence files with their SHA-256, downloadable by readers in scope', async () => {
    const content = Buffer.from('fuzzing report: 3 crashes, 1 hang');
    const res = await as(t.app, psirt).post(`/api/test-plans/${plan.id}/evidence`, {
      name: 'report.txt',
      mediaType: 'text/plain',
      contentBase64: content.toString('base64'),
    });
    expect(res.statusCode).toBe(201);
    const ev = json<{ id: string; sha256: string }>(res);
    expect(ev.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    const file = await as(t.app, ciso).get(`/api/test-plans/${plan.id}/evidence/${ev.id}`);
    expect(file.rawPayload.equals(content)).toBe(true);
    expect((await as(t.app, otherSite).get(`/api/test-plans/${plan.id}/evidence/${ev.id}`)).statusCode).toBe(404);
    const exe = await as(t.app, psirt).post(`/api/test-plans/${plan.id}/evidence`, {
      name: 'x.exe',
      mediaType: 'application/x-msdownload',
      contentBase64: 'AAAA',
    });
    expect(json<{ errors: { path: string }[] }>(exe).errors[0]!.path).toBe('body.mediaType');
  });
});

describe('false positives', () => {
  it('marks a finding a false positive with the reason; a later run that reports it does not reopen it', async () => {
    const log = JSON.stringify({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'fz' } }, results: [{ ruleId: 'FP', level: 'error', message: { text: 'noise' } }] }],
    });
    const url = `/api/test-plans/${plan.id}/sarif-runs?method=fuzzing&performedOn=2026-11-01`;
    await as(t.app, psirt).post(url, log, { 'content-type': 'application/sarif+json' });
    const [f] = json<{ findings: { id: string }[] }>(await as(t.app, psirt).get(`/api/test-plans/${plan.id}`)).findings;
    expect((await as(t.app, psirt).post(`/api/test-findings/${f!.id}/false-positive`, {})).statusCode).toBe(400);
    expect((await as(t.app, ciso).post(`/api/test-findings/${f!.id}/false-positive`, { reason: 'x' })).statusCode).toBe(403);
    expect((await as(t.app, otherSite).post(`/api/test-findings/${f!.id}/false-positive`, { reason: 'x' })).statusCode).toBe(404);
    const ok = await as(t.app, psirt).post(`/api/test-findings/${f!.id}/false-positive`, {
      reason: 'The harness reset the ECU itself',
    });
    expect(json(ok)).toMatchObject({ status: 'false_positive' });
    await as(t.app, psirt).post(url, log, { 'content-type': 'application/sarif+json' });
    const again = json<{ findings: { status: string }[] }>(await as(t.app, psirt).get(`/api/test-plans/${plan.id}`)).findings;
    expect(again.map((x) => x.status)).toEqual(['false_positive']);
  });
});
