import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let office: TestUser;
let psirtA: TestUser;
let ciso: TestUser;
let employee: TestUser;
let divA: { id: string };
let divB: { id: string };

const unit = (parentId: string | null, code: string, kind = 'site') => ({
  parentId,
  code,
  kind,
  nameJa: `部門 ${code}`,
  nameEn: `Division ${code}`,
});
const product = (code: string, orgUnitId: string) => ({
  code,
  nameJa: `製品 ${code}`,
  nameEn: `Product ${code}`,
  productLine: 'Cameras',
  orgUnitId,
});

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const group = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  divA = json(await as(t.app, office).post('/api/org-units', unit(group.id, 'DA')));
  divB = json(await as(t.app, office).post('/api/org-units', unit(group.id, 'DB')));
  psirtA = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divA.id }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: divA.id }]);
});
afterAll(() => t.close());

describe('products', () => {
  it('creates a product with releases and lists it inside the scope only', async () => {
    const a = await as(t.app, psirtA).post('/api/products', product('CAM-1', divA.id));
    expect(a.statusCode).toBe(201);
    const pa = json<{ id: string; stage: string; orgUnitName: string }>(a);
    expect(pa.stage).toBe('plan');
    expect(pa.orgUnitName).toBe('Division DA');
    const rel = await as(t.app, psirtA).post(`/api/products/${pa.id}/releases`, { version: '1.0.0' });
    expect(rel.statusCode).toBe(201);
    expect((await as(t.app, psirtA).post(`/api/products/${pa.id}/releases`, { version: '1.0.0' })).statusCode).toBe(409);

    const b = json<{ id: string }>(await as(t.app, office).post('/api/products', product('TV-1', divB.id)));
    const mine = json<{ items: { code: string }[] }>(await as(t.app, psirtA).get('/api/products'));
    expect(mine.items.map((p) => p.code)).toEqual(['CAM-1']);
    expect((await as(t.app, psirtA).get(`/api/products/${b.id}`)).statusCode).toBe(404);
    const all = json<{ items: { code: string }[] }>(await as(t.app, ciso).get('/api/products'));
    expect(all.items.map((p) => p.code)).toEqual(['CAM-1', 'TV-1']);

    const detail = json<{ releases: { version: string }[] }>(await as(t.app, ciso).get(`/api/products/${pa.id}`));
    expect(detail.releases.map((r) => r.version)).toEqual(['1.0.0']);
  });

  it('moves a product to the next stage only after the threat analysis review at the gate, and audits it', async () => {
    const p = json<{ id: string }>(await as(t.app, office).post('/api/products', product('RTR-1', divA.id)));
    const early = await as(t.app, psirtA).patch(`/api/products/${p.id}`, { stage: 'design' });
    expect(early.statusCode).toBe(409);
    expect(json<{ detail: string }>(early).detail).toMatch(/threat analysis at the plan stage gate/);
    const threat = await as(t.app, psirtA).post(`/api/products/${p.id}/threats`, {
      category: 'tampering',
      title: 'Firmware replaced over the update channel',
      attackPath: 'LAN → update service → unsigned image',
      likelihood: 'medium',
      impact: 'high',
      mitigations: 'Signed images, verified boot',
      residualRisk: 'low',
    });
    expect(threat.statusCode).toBe(201);
    const review = await as(t.app, psirtA).post(`/api/products/${p.id}/threat-reviews`, { note: 'Plan gate' });
    expect(review.statusCode).toBe(201);
    expect(json<{ reviews: { stage: string; reviewedBy: string }[] }>(review).reviews).toEqual([
      expect.objectContaining({ stage: 'plan', reviewedBy: psirtA.email }),
    ]);
    const res = await as(t.app, psirtA).patch(`/api/products/${p.id}`, { stage: 'design' });
    expect(res.statusCode).toBe(200);
    expect(json(res).stage).toBe('design');
    const events = json<{ items: { action: string }[] }>(await as(t.app, office).get(`/api/audit-events?targetId=${p.id}`));
    expect(events.items.map((e) => e.action).sort()).toEqual(['product.create', 'product.update', 'threat_analysis.review']);
  });

  it('refuses a product owned outside the scope, unknown fields, and readers without the action', async () => {
    const out = await as(t.app, psirtA).post('/api/products', product('X-1', divB.id));
    expect(out.statusCode).toBe(400);
    const extra = await as(t.app, office).post('/api/products', { ...product('X-2', divA.id), secret: 1 });
    expect(extra.statusCode).toBe(400);
    expect((await as(t.app, ciso).post('/api/products', product('X-3', divA.id))).statusCode).toBe(403);
    expect((await as(t.app, employee).get('/api/products')).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/products')).statusCode).toBe(401);
  });
});
