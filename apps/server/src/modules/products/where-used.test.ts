import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { components } from './tables';

let t: TestApp;
let office: TestUser;
let product: { id: string };
let release: { id: string };

type Uses = { items: { name: string; version: string | null; releaseVersion: string }[]; nextCursor: string | null };
const uses = async (query: string) => {
  const res = await as(t.app, office).get(`/api/components?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<Uses>(res).items.map((u) => `${u.name}@${u.version}`);
};

// Components as the tools write them: CycloneDX `group` + `name` (stored as group:name), purls, a `v` prefix.
const bom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  components: [
    { type: 'library', group: 'laravel', name: 'framework', version: 'v7.30.6', purl: 'pkg:composer/laravel/framework@v7.30.6' },
    { type: 'library', group: 'symfony', name: 'console', version: 'v5.4.0' },
    {
      type: 'library',
      group: 'org.apache.logging.log4j',
      name: 'log4j-core',
      version: '2.14.1',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    },
    { type: 'library', name: 'Django_REST.framework', version: '3.14.0', purl: 'pkg:pypi/django-rest-framework@3.14.0' },
    { type: 'library', name: 'curl', version: '7.88.1-10+deb12u5', purl: 'pkg:deb/debian/curl@7.88.1-10%2Bdeb12u5?arch=amd64' },
    { type: 'library', name: 'foo.bar', version: '1.0.0', purl: 'pkg:npm/foo.bar@1.0.0' },
    { type: 'library', name: 'foo-bar', version: '1.0.0', purl: 'pkg:npm/foo-bar@1.0.0' },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = json<{ id: string }>(
    await as(t.app, office).post('/api/org-units', { parentId: null, code: 'G', kind: 'company', nameJa: 'G', nameEn: 'G' }),
  );
  product = json(await as(t.app, office).post('/api/products', { code: 'P', nameJa: 'P', nameEn: 'P', orgUnitId: unit.id }));
  release = json(await as(t.app, office).post(`/api/products/${product.id}/releases`, { version: '1.0' }));
  const res = await as(t.app, office).post(`/api/products/${product.id}/releases/${release.id}/sbom`, JSON.stringify(bom), {
    'content-type': 'application/json',
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => t.close());

describe('where-used by canonical name, purl and version', () => {
  it("finds a Composer package stored as group:name by vendor/name, either spelling, with or without the 'v'", async () => {
    const laravel = ['laravel:framework@v7.30.6'];
    expect(await uses('name=laravel/framework&version=7.30.6')).toEqual(laravel);
    expect(await uses('name=laravel:framework&version=v7.30.6')).toEqual(laravel);
    expect(await uses('name=Laravel/Framework&version=V7.30.6')).toEqual(laravel);
    expect(await uses(`name=${encodeURIComponent('pkg:composer/laravel/framework@7.30.6')}`)).toEqual(laravel);
    expect(await uses(`name=${encodeURIComponent('pkg:composer/laravel/framework')}`)).toEqual(laravel);
    expect(await uses('name=laravel/framework&version=7.30.7')).toEqual([]);
    expect(await uses(`name=${encodeURIComponent('pkg:composer/laravel/framework@7.30.7')}`)).toEqual([]);
    // no purl at all: the stored group:name still answers to vendor/name
    expect(await uses('name=symfony/console&version=5.4.0')).toEqual(['symfony:console@v5.4.0']);
  });

  it('finds Maven by group:artifact, PyPI by its PEP 503 name and Debian by the package name, by purl too', async () => {
    const log4j = ['org.apache.logging.log4j:log4j-core@2.14.1'];
    expect(await uses('name=org.apache.logging.log4j:log4j-core')).toEqual(log4j);
    expect(await uses('name=org.apache.logging.log4j/log4j-core&version=2.14.1')).toEqual(log4j);
    expect(await uses(`name=${encodeURIComponent('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1')}`)).toEqual(log4j);
    const django = ['Django_REST.framework@3.14.0'];
    expect(await uses('name=django-rest-framework')).toEqual(django);
    expect(await uses('name=Django_Rest__Framework&version=3.14.0')).toEqual(django);
    expect(await uses(`name=${encodeURIComponent('pkg:pypi/Django.REST-framework')}`)).toEqual(django);
    expect(await uses('name=curl&version=7.88.1-10%2Bdeb12u5')).toEqual(['curl@7.88.1-10+deb12u5']);
    expect(await uses(`name=${encodeURIComponent('pkg:deb/debian/curl@7.88.1-10%2Bdeb12u5')}`)).toEqual([
      'curl@7.88.1-10+deb12u5',
    ]);
  });

  it('keeps names apart where the ecosystem does: npm foo.bar is not foo-bar', async () => {
    expect(await uses('name=foo.bar')).toEqual(['foo.bar@1.0.0']);
    expect(await uses('name=foo-bar')).toEqual(['foo-bar@1.0.0']);
  });

  it("lists the releases still before a fix by the component's ecosystem's order, page by page", async () => {
    const log4j = (version: string) => ({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [
        {
          type: 'library',
          group: 'org.apache.logging.log4j',
          name: 'log4j-core',
          version,
          purl: `pkg:maven/org.apache.logging.log4j/log4j-core@${version}`,
        },
      ],
    });
    for (const [rv, v] of [
      ['2.0', '2.15.0-rc1'],
      ['3.0', '2.15.0'],
      ['4.0', '2.3.1'],
      ['5.0', '2.17.1'],
    ]) {
      const r = json<{ id: string }>(await as(t.app, office).post(`/api/products/${product.id}/releases`, { version: rv }));
      const res = await as(t.app, office).post(`/api/products/${product.id}/releases/${r.id}/sbom`, JSON.stringify(log4j(v!)), {
        'content-type': 'application/json',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const name = 'name=org.apache.logging.log4j:log4j-core';
    const before = await uses(`${name}&below=2.15.0`);
    expect(before.map((u) => u.split('@')[1]).sort()).toEqual(['2.14.1', '2.15.0-rc1', '2.3.1']);
    expect(await uses(`${name}&below=2.3.1`)).toEqual([]);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, office).get(`/api/components?${name}&below=2.16&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      const page = json<Uses>(res);
      pages.push(...page.items.map((u) => u.version!));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.sort()).toEqual(['2.14.1', '2.15.0', '2.15.0-rc1', '2.3.1']);
  });

  it('the migration keys the components stored before it', async () => {
    const db = t.database.db;
    await db.execute(sql`ALTER TABLE sbom_components DISABLE TRIGGER sbom_components_keys`);
    await db.update(components).set({ ecosystem: null, nameKey: null, versionKey: null });
    await db.execute(sql`ALTER TABLE sbom_components ENABLE TRIGGER sbom_components_keys`);
    expect(await uses('name=laravel/framework')).toEqual([]);
    const migration = readFileSync(new URL('../../db/migrations/0019_sbom_component_keys.sql', import.meta.url), 'utf8');
    const fill = migration.split('--> statement-breakpoint').at(-1)!;
    expect(fill).toMatch(/^\s*UPDATE "sbom_components"/);
    await db.execute(sql.raw(fill));
    expect(await uses('name=laravel/framework&version=7.30.6')).toEqual(['laravel:framework@v7.30.6']);
    expect(await uses('name=org.apache.logging.log4j:log4j-core')).toHaveLength(5);
  });
});
