import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

const cdxJson = readFileSync(new URL('./fixtures/npm-sbom-cyclonedx-1.5.json', import.meta.url), 'utf8');

let t: TestApp;
let office: TestUser;
let psirtA: TestUser;
let psirtB: TestUser;
let ciso: TestUser;
let employee: TestUser;
let prodA: { id: string };
let releaseA: { id: string };

type Components = {
  items: { id: string; name: string; version: string | null; licences: string[] }[];
  nextCursor: string | null;
};

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
  const product = (code: string, orgUnitId: string, productLine?: string) => ({
    code,
    nameJa: code,
    nameEn: code,
    orgUnitId,
    productLine,
  });
  prodA = json(await as(t.app, office).post('/api/products', product('CAM-1', divA.id, 'Cameras')));
  await as(t.app, office).post('/api/products', product('CAM-2', divA.id, 'Cameras'));
  await as(t.app, office).post('/api/products', product('RTR-1', divB.id, 'Routers'));
  await as(t.app, office).post('/api/products', product('MISC', divB.id));
  releaseA = json(await as(t.app, office).post(`/api/products/${prodA.id}/releases`, { version: '1.0' }));
  const sbom = await as(t.app, office).post(`/api/products/${prodA.id}/releases/${releaseA.id}/sbom`, cdxJson, {
    'content-type': 'application/vnd.cyclonedx+json',
  });
  expect(sbom.statusCode).toBe(200);
});
afterAll(() => t.close());

describe("a release's component list", () => {
  const url = () => `/api/products/${prodA.id}/releases/${releaseA.id}/components`;

  it('pages through every component by name, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, psirtA).get(`${url()}?limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page: Components = json(res);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    const release = json<{ releases: { componentCount: number }[] }>(await as(t.app, psirtA).get(`/api/products/${prodA.id}`));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(release.releases[0]!.componentCount);
    const first = json<Components>(await as(t.app, psirtA).get(`${url()}?limit=5`)).items.map((c) => c.name.toLowerCase());
    expect(first).toEqual([...first].sort());
  });

  it('filters by a part of the name or the purl', async () => {
    const babel = json<Components>(await as(t.app, ciso).get(`${url()}?q=babel`));
    expect(babel.items.length).toBeGreaterThan(0);
    expect(babel.items.every((c) => c.name.includes('babel'))).toBe(true);
    const purl = json<Components>(await as(t.app, ciso).get(`${url()}?q=${encodeURIComponent('pkg:npm/acorn-jsx@')}`));
    expect(purl.items.map((c) => c.name)).toEqual(['acorn-jsx']);
  });

  it('answers 404 outside the scope, 403 without the action, 401 anonymous, 400 for a bad cursor', async () => {
    expect((await as(t.app, psirtB).get(url())).statusCode).toBe(404);
    expect((await as(t.app, employee).get(url())).statusCode).toBe(403);
    expect((await as(t.app, null).get(url())).statusCode).toBe(401);
    expect((await as(t.app, psirtA).get(`${url()}?cursor=nonsense`)).statusCode).toBe(400);
  });
});

describe('product lines', () => {
  it('lists the lines in use inside the reader scope, with counts', async () => {
    const all = json<{ items: unknown[] }>(await as(t.app, ciso).get('/api/product-lines'));
    expect(all.items).toEqual([
      { productLine: 'Cameras', products: 2 },
      { productLine: 'Routers', products: 1 },
    ]);
    const mine = json<{ items: unknown[] }>(await as(t.app, psirtA).get('/api/product-lines'));
    expect(mine.items).toEqual([{ productLine: 'Cameras', products: 2 }]);
  });

  it('is refused to roles without products:read and to anonymous callers', async () => {
    expect((await as(t.app, employee).get('/api/product-lines')).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/product-lines')).statusCode).toBe(401);
  });
});
