import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCsaf } from './csaf';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';

let source: TestApp;
let target: TestApp;
let csaf: Record<string, unknown>;
let cve: Record<string, unknown>;
let psirt: TestUser;

async function seed(t: TestApp, user: TestUser) {
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const g = json<{ id: string }>(
    await as(t.app, office).post('/api/org-units', { parentId: null, code: 'G', kind: 'company', nameJa: 'G', nameEn: 'G' }),
  );
  const cam = json<{ id: string }>(
    await as(t.app, office).post('/api/products', { code: 'CAM', nameJa: 'カメラ', nameEn: 'NetCam', orgUnitId: g.id }),
  );
  const tv = json<{ id: string }>(
    await as(t.app, office).post('/api/products', { code: 'TV', nameJa: 'テレビ', nameEn: 'ViewTV', orgUnitId: g.id }),
  );
  await as(t.app, office).post(`/api/products/${cam.id}/releases`, { version: '1.0', status: 'shipped' });
  return { cam, tv, user };
}

beforeAll(() => validateCsaf({}), 180_000); // the validator's first load, outside the other hooks' time

beforeAll(async () => {
  source = await createTestApp({ MAMORI_PUBLIC_URL: 'https://source.example.test' });
  const author = await createUser(source.database, [{ role: 'psirt_member' }]);
  const { cam, tv } = await seed(source, author);
  const c = json<{ id: string }>(await as(source.app, author).post('/api/vulnerabilities', { title: 'XSS', description: 'd' }));
  await as(source.app, author).patch(`/api/vulnerabilities/${c.id}`, {
    cveId: 'CVE-2026-30001',
    cwe: 'CWE-79',
    cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
    products: [
      { productId: cam.id, status: 'affected', fixedVersion: '1.1' },
      { productId: tv.id, status: 'not_affected', justification: 'component_not_present' },
    ],
  });
  const a = json<{ id: string }>(
    await as(source.app, author).post(`/api/vulnerabilities/${c.id}/advisory`, {
      titleJa: 'XSS',
      titleEn: 'XSS in NetCam',
      summaryJa: 's',
      summaryEn: 'A stored XSS.',
    }),
  );
  csaf = (await as(source.app, null).get(`/api/advisories/${a.id}/csaf.json`)).json() as Record<string, unknown>;
  cve = (await as(source.app, null).get(`/api/advisories/${a.id}/cve.json`)).json() as Record<string, unknown>;
  target = await createTestApp();
  psirt = await createUser(target.database, [{ role: 'psirt_member' }]);
  await seed(target, psirt);
});
afterAll(async () => {
  await source.close();
  await target.close();
});

describe('import of CSAF 2.0 and CVE JSON 5', () => {
  it('imports each file on its own and reports on every one', async () => {
    const broken = { ...csaf, document: { ...(csaf.document as object), category: 42 } };
    const res = await as(target.app, psirt).post('/api/vulnerabilities/import', {
      files: [
        { name: 'advisory.json', document: csaf },
        { name: 'record.json', document: cve },
        { name: 'broken-csaf.json', document: broken },
        { name: 'notes.json', document: { hello: 'world' } },
        { name: 'bad-cve.json', document: { dataType: 'CVE_RECORD', cveMetadata: {} } },
      ],
    });
    expect(res.statusCode).toBe(200);
    const report = json<{
      files: { name: string; outcome: string; kind: string | null; vulnerabilityId: string | null; messages: string[] }[];
    }>(res);
    expect(report.files.map((f) => `${f.name}:${f.outcome}`)).toEqual([
      'advisory.json:imported',
      'record.json:skipped',
      'broken-csaf.json:rejected',
      'notes.json:rejected',
      'bad-cve.json:rejected',
    ]);
    expect(report.files[1]!.messages[0]).toMatch(/CVE-2026-30001 is already case #1/);
    expect(report.files[2]!.messages.join()).toMatch(/category/);
    const detail = json<{
      status: string;
      source: string;
      cveId: string;
      cvss31: { score: number };
      products: { productCode: string; status: string }[];
    }>(await as(target.app, psirt).get(`/api/vulnerabilities/${report.files[0]!.vulnerabilityId}`));
    expect(detail).toMatchObject({ status: 'disclosed', source: 'import', cveId: 'CVE-2026-30001', cvss31: { score: 6.1 } });
    expect(detail.products.map((p) => `${p.productCode}:${p.status}`)).toEqual(['CAM:affected', 'TV:not_affected']);
  });

  it('imports a CVE record on its own', async () => {
    const other = JSON.parse(JSON.stringify(cve).replaceAll('CVE-2026-30001', 'CVE-2026-30002')) as unknown;
    const res = await as(target.app, psirt).post('/api/vulnerabilities/import', {
      files: [{ name: 'cve.json', document: other }],
    });
    const [file] = json<{ files: { outcome: string; kind: string; vulnerabilityId: string }[] }>(res).files;
    expect(file).toMatchObject({ outcome: 'imported', kind: 'cve' });
    const d = json<{ products: { productCode: string; status: string }[] }>(
      await as(target.app, psirt).get(`/api/vulnerabilities/${file!.vulnerabilityId}`),
    );
    expect(d.products.map((p) => `${p.productCode}:${p.status}`)).toEqual(['CAM:affected', 'TV:under_investigation']);
  });
});

describe('concurrent imports and publications', () => {
  it('imports a CVE once when the same record is imported several times at once', async () => {
    const doc = JSON.parse(JSON.stringify(cve).replaceAll('CVE-2026-30001', 'CVE-2026-30003')) as unknown;
    const answers = await inParallel(4, () =>
      as(target.app, psirt).post('/api/vulnerabilities/import', { files: [{ name: 'cve.json', document: doc }] }),
    );
    const outcomes = answers.map((r) => json<{ files: { outcome: string }[] }>(r).files[0]!.outcome).sort();
    expect(outcomes).toEqual(['imported', 'skipped', 'skipped', 'skipped']);
  });

  it('publishes each revision of an advisory once when publications race', async () => {
    const author = await createUser(source.database, [{ role: 'psirt_member' }]);
    const c = json<{ id: string }>(
      await as(source.app, author).post('/api/vulnerabilities', { title: 'CSRF', description: 'd' }),
    );
    const products = json<{ items: { id: string; code: string }[] }>(await as(source.app, author).get('/api/products')).items;
    await as(source.app, author).patch(`/api/vulnerabilities/${c.id}`, {
      cwe: 'CWE-352',
      cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N',
      products: [{ productId: products.find((p) => p.code === 'CAM')!.id, status: 'affected', fixedVersion: '1.1' }],
    });
    const body = { titleJa: 'CSRF', titleEn: 'CSRF', summaryJa: 's', summaryEn: 'A CSRF.' };
    const answers = await inParallel(3, () => as(source.app, author).post(`/api/vulnerabilities/${c.id}/advisory`, body));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const revisions = answers.map((r) => json<{ document: { revision: number } }>(r).document.revision).sort();
    expect(revisions).toEqual([1, 2, 3]);
  });
});
