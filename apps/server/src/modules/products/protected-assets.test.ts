import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let office: TestUser;
let psirtA: TestUser;
let psirtB: TestUser;
let ciso: TestUser;
let employee: TestUser;
let prodA: { id: string };
let prodA2: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const divA = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DA', 'site')));
  const divB = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DB', 'site')));
  psirtA = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divA.id }]);
  psirtB = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divB.id }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  employee = await createUser(t.database, [{ role: 'employee' }]);
  const product = (code: string) => ({ code, nameJa: code, nameEn: code, orgUnitId: divA.id });
  prodA = json(await as(t.app, office).post('/api/products', product('ECU')));
  prodA2 = json(await as(t.app, office).post('/api/products', product('ECU2')));
});
afterAll(() => t.close());

type Analysis = { assets: { id: string; kind: string; name: string }[]; threats: { title: string; assetId: string | null }[] };

describe('assets and functions to protect', () => {
  let key: string;

  it('adds an asset and a function, lists them in the threat analysis and audits each change', async () => {
    const url = `/api/products/${prodA.id}/protected-assets`;
    const asset = await as(t.app, psirtA).post(url, {
      kind: 'asset',
      name: 'Firmware signing key',
      description: 'Private key in the HSM',
    });
    expect(asset.statusCode).toBe(201);
    key = json<{ id: string }>(asset).id;
    const fn = await as(t.app, psirtA).post(url, { kind: 'function', name: 'Remote update' });
    expect(fn.statusCode).toBe(201);
    expect(json(fn)).toMatchObject({ kind: 'function', description: null });

    const edited = await as(t.app, psirtA).patch(`${url}/${key}`, { description: 'Private key, kept in the HSM only' });
    expect(json(edited)).toMatchObject({ name: 'Firmware signing key', description: 'Private key, kept in the HSM only' });

    const analysis = json<Analysis>(await as(t.app, ciso).get(`/api/products/${prodA.id}/threats`));
    expect(analysis.assets.map((a) => `${a.kind}:${a.name}`)).toEqual(['asset:Firmware signing key', 'function:Remote update']);
    const events = json<{ items: { action: string }[] }>(await as(t.app, office).get(`/api/audit-events?targetId=${key}`));
    expect(events.items.map((e) => e.action).sort()).toEqual(['protected_asset.create', 'protected_asset.update']);
  });

  it('links a threat to an asset of its own product only', async () => {
    const threat = {
      category: 'information_disclosure',
      title: 'Signing key read out over JTAG',
      likelihood: 'low',
      impact: 'high',
      residualRisk: 'low',
    };
    const ok = await as(t.app, psirtA).post(`/api/products/${prodA.id}/threats`, { ...threat, assetId: key });
    expect(ok.statusCode).toBe(201);
    expect(json<{ assetId: string }>(ok).assetId).toBe(key);
    const other = await as(t.app, psirtA).post(`/api/products/${prodA2.id}/threats`, { ...threat, assetId: key });
    expect(other.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(other).errors.map((e) => e.path)).toEqual(['body.assetId']);
    const analysis = json<Analysis>(await as(t.app, psirtA).get(`/api/products/${prodA2.id}/threats`));
    expect(analysis.threats).toEqual([]);
  });

  it('refuses bad input, readers, other divisions and anonymous callers', async () => {
    const url = `/api/products/${prodA.id}/protected-assets`;
    const bad = await as(t.app, psirtA).post(url, { kind: 'person', name: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      json<{ errors: { path: string }[] }>(bad)
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['body.kind', 'body.name']);
    expect((await as(t.app, psirtB).post(url, { kind: 'asset', name: 'x' })).statusCode).toBe(404);
    expect((await as(t.app, psirtB).patch(`${url}/${key}`, { name: 'x' })).statusCode).toBe(404);
    expect((await as(t.app, psirtA).patch(`/api/products/${prodA2.id}/protected-assets/${key}`, { name: 'x' })).statusCode).toBe(
      404,
    );
    expect((await as(t.app, ciso).post(url, { kind: 'asset', name: 'x' })).statusCode).toBe(403);
    expect((await as(t.app, employee).post(url, { kind: 'asset', name: 'x' })).statusCode).toBe(403);
    expect((await as(t.app, null).post(url, { kind: 'asset', name: 'x' })).statusCode).toBe(401);
    const analysis = json<Analysis>(await as(t.app, psirtA).get(`/api/products/${prodA.id}/threats`));
    expect(analysis.assets).toHaveLength(2);
  });
});
