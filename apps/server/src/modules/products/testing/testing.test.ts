import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { makePartner } from '../../partners/testing';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirt2: TestUser;
let ciso: TestUser;
let employee: TestUser;
let partner: TestUser;
let otherSite: TestUser;
let product: { id: string };
let release: { id: string };
let plan: { id: string };

const SARIF = 'application/sarif+json';
const sarif = (results: { rule: string; file: string; line: number; level?: string }[], tool = 'can-fuzzer') =>
  JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool } },
        results: results.map((r) => ({
          ruleId: r.rule,
          level: r.level ?? 'error',
          message: { text: `${r.rule} in ${r.file}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: r.file }, region: { startLine: r.line } } }],
        })),
      },
    ],
  });
const importRun = (user: TestUser, body: string, query = 'method=fuzzing&performedOn=2026-11-01') =>
  as(t.app, user).post(`/api/test-plans/${plan.id}/sarif-runs?${query}`, body, { 'content-type': SARIF });

interface Finding {
  id: string;
  ruleId: string;
  status: string;
  rowVersion: number;
  severity: string;
}
const findings = async () =>
  json<{ findings: Finding[]; runs: unknown[] }>(await as(t.app, office).get(`/api/test-plans/${plan.id}`));
const finding = async (rule: string) => (await findings()).findings.find((f) => f.ruleId === rule)!;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const div = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'AUTO', 'site')));
  const other = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'OTHER', 'site')));
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  psirt2 = await createUser(t.database, [{ role: 'psirt_member' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  employee = await createUser(t.database, [{ role: 'employee' }]);
  otherSite = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: other.id }]);
  const p = await makePartner(t.app, office, 'P');
  partner = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id });
  product = json(await as(t.app, office).post('/api/products', { code: 'ECU', nameJa: 'ECU', nameEn: 'ECU', orgUnitId: div.id }));
  release = json(await as(t.app, office).post(`/api/products/${product.id}/releases`, { version: '1.0' }));
});
afterAll(() => t.close());

describe('test plans', () => {
  const body = () => ({
    releaseId: release.id,
    title: 'Pre-shipment test of ECU 1.0',
    scope: 'CAN and UDS diagnostics',
    depthKind: 'cal',
    depthLevel: 3,
    methods: ['fuzzing', 'penetration', 'hw_debug_ports'],
    interfaces: ['CAN', 'UDS'],
    testerIndependence: 'independent_team',
    authorisation: 'Test authorised by the product owner on 2026-10-20',
  });

  it('creates a plan for a release (PSIRT) and refuses the CISO, employees, partners and another site', async () => {
    for (const u of [ciso, employee, partner]) expect((await as(t.app, u).post('/api/test-plans', body())).statusCode).toBe(403);
    const outside = await as(t.app, otherSite).post('/api/test-plans', body());
    expect(outside.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(outside).errors.map((e) => e.path)).toEqual(['body.releaseId']);
    const res = await as(t.app, psirt).post('/api/test-plans', body());
    expect(res.statusCode).toBe(201);
    plan = json(res);
    expect(json(res)).toMatchObject({ depthKind: 'cal', depthLevel: 3, releaseVersion: '1.0', productCode: 'ECU' });
  });

  it('names every failing field of a bad plan, and a depth level without its kind', async () => {
    const res = await as(t.app, psirt).post('/api/test-plans', { ...body(), methods: ['x-ray'], testerIndependence: 'me' });
    expect(res.statusCode).toBe(400);
    const paths = json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path);
    expect(paths).toEqual(['body.methods.0', 'body.testerIndependence']);
    const depth = await as(t.app, psirt).post('/api/test-plans', { ...body(), depthKind: null });
    expect(json<{ errors: { path: string }[] }>(depth).errors.map((e) => e.path)).toEqual(['body.depthLevel']);
  });

  it('lets readers in scope see the plan (CISO), hides it from other sites (404) and partners (403)', async () => {
    expect((await as(t.app, ciso).get(`/api/test-plans/${plan.id}`)).statusCode).toBe(200);
    expect((await as(t.app, otherSite).get(`/api/test-plans/${plan.id}`)).statusCode).toBe(404);
    expect((await as(t.app, partner).get(`/api/test-plans/${plan.id}`)).statusCode).toBe(403);
    expect(json<{ items: unknown[] }>(await as(t.app, otherSite).get('/api/test-plans')).items).toEqual([]);
    expect(json<{ items: unknown[] }>(await as(t.app, ciso).get(`/api/test-plans?releaseId=${release.id}`)).items).toHaveLength(
      1,
    );
  });

  it('updates a plan with If-Match; a stale tag is 412', async () => {
    const res = await as(t.app, psirt).patch(`/api/test-plans/${plan.id}`, { testerName: 'Red team A' }, { 'if-match': '"1"' });
    expect(res.statusCode).toBe(200);
    const stale = await as(t.app, psirt).patch(`/api/test-plans/${plan.id}`, { testerName: 'B' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
  });
});

describe('SARIF runs and findings', () => {
  it('imports a run: each finding opens once, a duplicate in the log counts once', async () => {
    const res = await importRun(
      psirt,
      sarif([
        { rule: 'CRASH', file: 'can/rx.c', line: 10 },
        { rule: 'CRASH', file: 'can/rx.c', line: 10 },
        { rule: 'HANG', file: 'uds/session.c', line: 5, level: 'warning' },
        { rule: 'LEAK', file: 'uds/seed.c', line: 7, level: 'note' },
      ]),
    );
    expect(res.statusCode).toBe(201);
    expect(json(res)).toMatchObject({ new: 3, seenAgain: 0, fixedPendingRetest: 0 });
    expect((await findings()).findings.map((f) => `${f.ruleId}:${f.severity}:${f.status}`)).toEqual([
      'CRASH:high:open',
      'HANG:medium:open',
      'LEAK:low:open',
    ]);
  });

  it('a second run de-duplicates what it sees again and marks what it no longer reports fixed pending retest', async () => {
    const res = await importRun(
      psirt,
      sarif([
        { rule: 'HANG', file: 'uds/session.c', line: 5, level: 'warning' },
        { rule: 'LEAK', file: 'uds/seed.c', line: 7, level: 'note' },
      ]),
      'method=fuzzing&performedOn=2026-11-08&interface=CAN',
    );
    expect(json(res)).toMatchObject({ new: 0, seenAgain: 2, fixedPendingRetest: 1 });
    expect((await finding('CRASH')).status).toBe('fixed_pending_retest');
    expect((await findings()).runs).toHaveLength(2);
  });

  it('another tool or method does not mark findings it never looked for', async () => {
    const res = await importRun(psirt, sarif([], 'other-tool'), 'method=fuzzing&performedOn=2026-11-09');
    expect(json(res)).toMatchObject({ fixedPendingRetest: 0 });
    const pen = await importRun(psirt, sarif([]), 'method=penetration&performedOn=2026-11-09');
    expect(json(pen)).toMatchObject({ fixedPendingRetest: 0 });
    expect((await finding('HANG')).status).toBe('open');
  });

  it('refuses a log that fails the SARIF schema with every JSON path named, and changes nothing', async () => {
    const before = (await findings()).runs.length;
    const bad = JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal' }] }] });
    const res = await importRun(psirt, bad);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path)).toEqual(['runs[0].tool.driver.name']);
    expect((await findings()).runs).toHaveLength(before);
  });

  it('refuses a method the plan does not include, an unknown plan, and other roles', async () => {
    const res = await importRun(psirt, sarif([]), 'method=static_analysis&performedOn=2026-11-09');
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(res).errors[0]!.path).toBe('query.method');
    for (const u of [ciso, employee, partner]) expect((await importRun(u, sarif([]))).statusCode).toBe(403);
    expect((await importRun(otherSite, sarif([]))).statusCode).toBe(404);
    const json415 = await as(t.app, psirt).post(`/api/test-plans/${plan.id}/sarif-runs?method=fuzzing&performedOn=2026-11-01`, {
      version: '2.1.0',
    });
    expect(json415.statusCode).toBe(415);
  });

  it('a retest must use the method that found the finding; "fixed" closes it', async () => {
    const crash = await finding('CRASH');
    const url = `/api/test-findings/${crash.id}/retest`;
    const wrong = await as(t.app, psirt).post(url, { method: 'penetration', performedOn: '2026-11-10', outcome: 'fixed' });
    expect(wrong.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(wrong).errors[0]!.path).toBe('body.method');
    expect((await as(t.app, ciso).post(url, { method: 'fuzzing', performedOn: '2026-11-10', outcome: 'fixed' })).statusCode).toBe(
      403,
    );
    const ok = await as(t.app, psirt).post(url, { method: 'fuzzing', performedOn: '2026-11-10', outcome: 'fixed' });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ status: 'closed' });
  });

  it('a closed finding that a later run reports again reopens', async () => {
    const res = await importRun(
      psirt,
      sarif([
        { rule: 'CRASH', file: 'can/rx.c', line: 10 },
        { rule: 'HANG', file: 'uds/session.c', line: 5 },
      ]),
    );
    expect(json(res)).toMatchObject({ reopened: 1 });
    expect((await finding('CRASH')).status).toBe('open');
  });

  it('a retest run closes what it no longer reports', async () => {
    const res = await importRun(
      psirt,
      sarif([{ rule: 'HANG', file: 'uds/session.c', line: 5 }]),
      'method=fuzzing&performedOn=2026-11-12&retest=true',
    );
    expect(json(res)).toMatchObject({ closed: 2 });
    expect((await finding('CRASH')).status).toBe('closed');
    expect((await finding('LEAK')).status).toBe('closed');
  });
});

describe('accepting a finding', () => {
  it('needs a reason and an expiry in the future, then another person to approve it', async () => {
    const hang = await finding('HANG');
    const url = `/api/test-findings/${hang.id}/acceptance`;
    const past = await as(t.app, psirt).post(url, { reason: 'r', acceptedUntil: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(past).errors[0]!.path).toBe('body.acceptedUntil');
    const missing = await as(t.app, psirt).post(url, {});
    expect(
      json<{ errors: { path: string }[] }>(missing)
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['body.acceptedUntil', 'body.reason']);
    const asked = await as(t.app, psirt).post(url, { reason: 'Reachable only in the workshop', acceptedUntil: '2099-03-31' });
    expect(json(asked)).toMatchObject({ status: 'acceptance_requested', acceptanceRequestedBy: psirt.email });
    const self = await as(t.app, psirt).post(`${url}/decision`, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
    const stale = await as(t.app, psirt2).post(
      `${url}/decision`,
      { decision: 'approve' },
      { 'if-match': `"${hang.rowVersion}"` },
    );
    expect(stale.statusCode).toBe(412);
    const ok = await as(t.app, psirt2).post(`${url}/decision`, { decision: 'approve' });
    expect(json(ok)).toMatchObject({ status: 'accepted', acceptanceApprovedBy: psirt2.email, acceptedUntil: '2099-03-31' });
    const events = json<{ items: { action: string }[] }>(await as(t.app, office).get(`/api/audit-events?targetId=${hang.id}`));
    expect(events.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['test_finding.request_acceptance', 'test_finding.approve_acceptance']),
    );
  });
});
