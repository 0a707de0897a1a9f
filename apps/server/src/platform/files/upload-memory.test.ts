import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePartner } from '../../modules/partners/testing';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { memoryGrowth } from '../../test/memory';
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from './csv';
import { JSON_LIMITS } from './json';

/**
 * The upload paths not covered by their own bomb tests (vulnerability reports: pgp-bombs.test.ts; check sheets:
 * check-sheet-bombs.test.ts; SBOMs: sbom-bombs.test.ts): each one, sent the costliest input its size limit lets
 * through, must hold the process under 100 MB above its baseline and answer a 4xx or its success.
 */
let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let incidentId: string;
let partnerId: string;
let trackingToken: string;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }, { role: 'psirt_member' }]);
  psirt = office;
  const unit = json<{ id: string }>(
    await as(t.app, office).post('/api/org-units', { parentId: null, code: 'G', kind: 'company', nameJa: 'G', nameEn: 'G' }),
  );
  const incident = await as(t.app, office).post('/api/incidents', {
    typeId: 'other',
    nearMiss: true,
    title: 'Cabinet left unlocked',
    description: 'Found open',
    discoveredAt: new Date().toISOString(),
    language: 'ja',
    orgUnitId: unit.id,
  });
  incidentId = json<{ id: string }>(incident).id;
  partnerId = (await makePartner(t.app, office, 'M')).id;
  const report = await as(t.app, null).post('/api/vulnerability-reports', { title: 'x', productName: 'y', description: 'z' });
  trackingToken = json<{ trackingToken: string }>(report).trackingToken;
});
afterAll(() => t.close());

const MB = 1024 * 1024;

/**
 * Storing a file: measured on PostgreSQL only. PGlite (the embedded database) costs 150–750 MB of transient
 * memory to insert one 10 MB bytea parameter, whatever the route does (measured: 11–74 MB on PostgreSQL for the
 * same requests); files would need to be stored in chunks, or outside the embedded database, to change that.
 */
const binaryStore = it.skipIf(!process.env.TEST_DATABASE_URL);
const send = (user: TestUser | null, url: string, payload: string | Buffer, type: string) =>
  memoryGrowth(() =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), 'content-type': type },
      payload,
    }),
  );

describe('every upload path stays under 100 MB above its baseline at its size limit', () => {
  it.each([
    ['org units', '/api/org-units/import', 'code,parent_code,kind,name_ja,name_en\n', ',,,,\n'],
    ['people', '/api/people/import', 'employee_no,name_ja,name_en,email,kind,org_code,status\n', ',,,,,,\n'],
  ])('CSV import of %s: a file of empty rows up to the size limit (24 MB)', async (_what, url, header, row) => {
    const csv = header + row.repeat(Math.floor((MAX_CSV_BYTES - header.length) / row.length));
    const { result: res, growthMb } = await send(office, url, csv, 'text/csv');
    expect(growthMb).toBeLessThan(100);
    expect([400, 413]).toContain(res.statusCode);
  });

  it.each([
    ['org units', '/api/org-units/import', 'code,parent_code,kind,name_ja,name_en\n', ',,,,\n'],
    ['people', '/api/people/import', 'employee_no,name_ja,name_en,email,kind,org_code,status\n', ',,,,,,\n'],
  ])('CSV import of %s: as many bad rows as a file may have, each one refused', async (_what, url, header, row) => {
    const csv = header + row.repeat(MAX_CSV_ROWS - 1);
    const { result: res, growthMb } = await send(office, url, csv, 'text/csv');
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(400);
    expect(json<{ detail: string; errors: unknown[] }>(res)).toMatchObject({
      detail: expect.stringMatching(/^1000 or more problem/),
    });
  });

  binaryStore('incident evidence: the largest file (10 MB) in its base64 JSON body', async () => {
    const body = JSON.stringify({ name: 'disk.img', contentBase64: Buffer.alloc(10 * MB, 7).toString('base64') });
    const { result: res, growthMb } = await send(office, `/api/incidents/${incidentId}/evidence`, body, 'application/json');
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(201);
  });

  binaryStore('vulnerability report attachment: 10 MB of bytes, public', async () => {
    const { result: res, growthMb } = await send(
      null,
      `/api/vulnerability-reports/${trackingToken}/attachments?name=poc.bin`,
      Buffer.alloc(10 * MB, 7),
      'application/octet-stream',
    );
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(201);
  });

  binaryStore('partner file: 5 MB of bytes', async () => {
    const { result: res, growthMb } = await send(
      office,
      `/api/partners/${partnerId}/files?name=nda.pdf`,
      Buffer.alloc(5 * MB, 7),
      'application/pdf',
    );
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(201);
  });

  it('CSAF/CVE import: as many tiny values as any JSON body may hold, in documents that are no CSAF', async () => {
    const per = Math.floor(JSON_LIMITS.maxValues / 2 / 200) - 10; // `{},` counts twice: a bracket and a comma
    const files = Array.from({ length: 200 }, (_, i) => ({ name: `f${i}.json`, document: [] as unknown[] }));
    const body = JSON.stringify({ files }).replaceAll('"document":[]', `"document":[${'{},'.repeat(per)}{}]`);
    const { result: res, growthMb } = await send(psirt, '/api/vulnerabilities/import', body, 'application/json');
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('CSAF/CVE import: a document nested 2 million deep is a 400, not a 500', async () => {
    const body = `{"files":[{"name":"deep.json","document":${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}}]}`;
    const { result: res, growthMb } = await send(psirt, '/api/vulnerabilities/import', body, 'application/json');
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(400);
  });

  it('CSAF/CVE import: a body of tiny documents up to its limit', async () => {
    const files = Array.from({ length: 200 }, (_, i) => ({ name: `f${i}.json`, document: [] as unknown[] }));
    const per = Math.floor((20 * MB) / 200 / 3) - 20;
    const body = JSON.stringify({ files }).replaceAll('"document":[]', `"document":[${'{},'.repeat(per)}{}]`);
    const { result: res, growthMb } = await send(psirt, '/api/vulnerabilities/import', body, 'application/json');
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBeLessThan(500);
  });
});
