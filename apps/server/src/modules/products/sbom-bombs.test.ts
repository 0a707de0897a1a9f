import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { memoryGrowth } from '../../test/memory';
import { SBOM_BODY_LIMIT } from './routes';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

let t: TestApp;
let office: TestUser;
let url: string;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = json<{ id: string }>(
    await as(t.app, office).post('/api/org-units', { parentId: null, code: 'G', kind: 'company', nameJa: 'G', nameEn: 'G' }),
  );
  const product = json<{ id: string }>(
    await as(t.app, office).post('/api/products', { code: 'P', nameJa: 'P', nameEn: 'P', orgUnitId: unit.id }),
  );
  const release = json<{ id: string }>(await as(t.app, office).post(`/api/products/${product.id}/releases`, { version: '1.0' }));
  url = `/api/products/${product.id}/releases/${release.id}/sbom`;
});
afterAll(() => t.close());

const upload = (body: string, type: string) => memoryGrowth(() => as(t.app, office).post(url, body, { 'content-type': type }));

/** The fixture's components repeated (names made unique) until the text is close to `bytes`. */
function bigCycloneDx(bytes: number): string {
  const doc = JSON.parse(fixture('npm-sbom-cyclonedx-1.5.json')) as { components: { name: string }[] };
  const one = doc.components;
  const size = JSON.stringify(one).length;
  doc.components = [];
  for (let i = 0; (i + 1) * size < bytes * 0.95; i++) doc.components.push(...one.map((c) => ({ ...c, name: `${c.name}-${i}` })));
  return JSON.stringify(doc);
}

describe('SBOM upload: nesting and size are refused before anything recurses or fills the memory', () => {
  const deep = '{"bomFormat":"CycloneDX","specVersion":"1.5","components":' + '['.repeat(2_000_000) + ']'.repeat(2_000_000) + '}';

  it.each(['application/json', 'application/vnd.cyclonedx+json'])(
    'refuses JSON nested 2 million deep (4 MB) as %s with a 400, not a 500',
    async (type) => {
      const { result: res, growthMb } = await upload(deep, type);
      expect(res.statusCode).toBe(400);
      expect(json<{ errors: { path: string; message: string }[] }>(res).errors[0]!.message).toMatch(/nested more than/i);
      expect(growthMb).toBeLessThan(100);
    },
  );

  it('refuses a document of millions of tiny values (413) within 100 MB', async () => {
    const head = '{"bomFormat":"CycloneDX","specVersion":"1.5","components":[';
    const bomb = head + '{},'.repeat((SBOM_BODY_LIMIT - head.length - 10) / 3) + '{}]}';
    const { result: res, growthMb } = await upload(bomb, 'application/vnd.cyclonedx+json');
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(413);
  });

  it('imports an honest SBOM just under the size limit within 100 MB', async () => {
    const big = bigCycloneDx(SBOM_BODY_LIMIT);
    const { result: res, growthMb } = await upload(big, 'application/vnd.cyclonedx+json');
    expect(res.statusCode).toBe(200);
    expect(growthMb).toBeLessThan(100);
  });

  it('imports an honest XML SBOM just under the size limit within 100 MB', async () => {
    const xml = fixture('cyclonedx-npm-1.6.xml');
    const start = xml.indexOf('\n  <components>') + '\n  <components>'.length;
    const end = xml.indexOf('\n  </components>');
    const copies = Math.floor((SBOM_BODY_LIMIT * 0.95 - xml.length) / (end - start));
    const big = xml.slice(0, start) + xml.slice(start, end).repeat(copies + 1) + xml.slice(end);
    const { result: res, growthMb } = await upload(big, 'application/vnd.cyclonedx+xml');
    expect(res.statusCode).toBe(200);
    expect(growthMb).toBeLessThan(100);
  });

  it('refuses XML nested deeper than CycloneDX needs with a 400, within 100 MB', async () => {
    const n = Math.floor(SBOM_BODY_LIMIT / 8) - 100;
    const xml = `<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>${'<a>'.repeat(n)}${'</a>'.repeat(n)}</components></bom>`;
    const { result: res, growthMb } = await upload(xml, 'application/vnd.cyclonedx+xml');
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(400);
  });

  it('refuses XML of millions of tiny elements (413) within 100 MB', async () => {
    const n = Math.floor(SBOM_BODY_LIMIT / 4) - 100;
    const xml = `<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>${'<a/>'.repeat(n)}</components></bom>`;
    const { result: res, growthMb } = await upload(xml, 'application/vnd.cyclonedx+xml');
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(413);
  });
});
