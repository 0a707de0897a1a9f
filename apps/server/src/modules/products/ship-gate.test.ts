import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let product: { id: string };
let release: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  const g = json<{ id: string }>(
    await as(t.app, office).post('/api/org-units', { parentId: null, code: 'G', kind: 'company', nameJa: 'G', nameEn: 'G' }),
  );
  product = json(await as(t.app, office).post('/api/products', { code: 'GW', nameJa: 'GW', nameEn: 'Gateway', orgUnitId: g.id }));
  release = json(await as(t.app, office).post(`/api/products/${product.id}/releases`, { version: '3.0' }));
});
afterAll(() => t.close());

describe('pre-shipment tests and the ship gate', () => {
  const base = () => `/api/products/${product.id}/releases/${release.id}`;
  let high: string;
  let low: string;

  it('records a test run with findings', async () => {
    const res = await as(t.app, psirt).post(`${base()}/test-runs`, {
      kind: 'fuzzing',
      performedOn: '2026-11-01',
      findings: [
        { title: 'Crash on a malformed TLS record', severity: 'high' },
        { title: 'Verbose banner', severity: 'low' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const run = json<{ findings: { id: string; severity: string; status: string }[] }>(res);
    expect(run.findings.map((f) => `${f.severity}:${f.status}`)).toEqual(['high:open', 'low:open']);
    [high, low] = run.findings.map((f) => f.id) as [string, string];
  });

  it('refuses to ship while a finding above the gate (medium) is open; a low one does not block', async () => {
    const res = await as(t.app, psirt).patch(base(), { status: 'shipped' });
    expect(res.statusCode).toBe(409);
    const body = json<{ detail: string; errors: { path: string }[] }>(res);
    expect(body.detail).toMatch(/1 open finding\(s\) above medium/);
    expect(body.errors.map((e) => e.path)).toEqual([`findings.${high}`]);
    expect(low).toBeDefined();
  });

  it('ships once the risk is accepted by a named approver, recorded in the audit log', async () => {
    const bare = await as(t.app, psirt).patch(`${base()}/findings/${high}`, { status: 'risk_accepted' });
    expect(bare.statusCode).toBe(400);
    const ok = await as(t.app, office).patch(`${base()}/findings/${high}`, {
      status: 'risk_accepted',
      acceptanceReason: 'Only reachable from the maintenance port; fixed in 3.0.1',
    });
    expect(ok.statusCode).toBe(200);
    expect(json<{ acceptedBy: string }>(ok).acceptedBy).toBe(office.email);
    const shipped = await as(t.app, psirt).patch(base(), { status: 'shipped', releasedOn: '2026-11-20' });
    expect(shipped.statusCode).toBe(200);
    expect(json<{ status: string }>(shipped).status).toBe('shipped');
    const events = json<{ items: { action: string }[] }>(await as(t.app, office).get(`/api/audit-events?targetId=${high}`));
    expect(events.items.map((e) => e.action)).toContain('security_finding.accept_risk');
  });

  it('a PATCH of a product changes only the fields it names', async () => {
    await as(t.app, office).patch(`/api/products/${product.id}`, { shipGateSeverity: 'high' });
    const res = await as(t.app, office).patch(`/api/products/${product.id}`, { nameEn: 'Gateway X' });
    expect(json(res)).toMatchObject({ stage: 'plan', shipGateSeverity: 'high', nameEn: 'Gateway X' });
  });
});

describe('editing a release', () => {
  it('changes the version of a planned release; a shipped release keeps its version', async () => {
    const planned = json<{ id: string }>(
      await as(t.app, office).post(`/api/products/${product.id}/releases`, { version: '4.0-rc1' }),
    );
    const renamed = await as(t.app, psirt).patch(`/api/products/${product.id}/releases/${planned.id}`, { version: '4.0' });
    expect(renamed.statusCode).toBe(200);
    expect(json(renamed)).toMatchObject({ version: '4.0', status: 'planned' });
    const clash = await as(t.app, psirt).patch(`/api/products/${product.id}/releases/${planned.id}`, { version: '3.0' });
    expect(clash.statusCode).toBe(409);

    const shipped = await as(t.app, psirt).patch(`/api/products/${product.id}/releases/${release.id}`, { version: '3.0.9' });
    expect(shipped.statusCode).toBe(409);
    expect(json<{ errors: { path: string }[] }>(shipped).errors.map((e) => e.path)).toEqual(['body.version']);
    const ciso = await createUser(t.database, [{ role: 'ciso' }]);
    expect((await as(t.app, ciso).patch(`/api/products/${product.id}/releases/${planned.id}`, { version: '5' })).statusCode).toBe(
      403,
    );
  });
});
