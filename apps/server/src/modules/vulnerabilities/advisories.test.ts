import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { validateCsaf } from './csaf';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirtA: TestUser;
let caseId: string;
let advisoryId: string;
let trackingId: string;

const publish = {
  titleJa: 'NetCam の管理画面におけるクロスサイトスクリプティング',
  titleEn: 'Cross-site scripting in the NetCam admin page',
  summaryJa: 'NetCam 2.2 より前の版の管理画面に格納型 XSS があります。',
  summaryEn: 'Versions of NetCam before 2.2 have a stored XSS in the admin page.',
};

/** The fields the CVE JSON 5.1 schema requires of a published record with a CNA container (checked by hand: no npm package ships the schema). */
const CveRecord = z.object({
  dataType: z.literal('CVE_RECORD'),
  dataVersion: z.literal('5.1'),
  cveMetadata: z.object({
    cveId: z.string().regex(/^CVE-[0-9]{4}-[0-9]{4,19}$/),
    assignerOrgId: z.uuid(),
    state: z.literal('PUBLISHED'),
  }),
  containers: z.object({
    cna: z.object({
      providerMetadata: z.object({ orgId: z.uuid() }),
      descriptions: z
        .array(z.object({ lang: z.string(), value: z.string().min(1).max(4096) }))
        .refine((d) => d.some((x) => x.lang.startsWith('en'))),
      affected: z
        .array(
          z.object({
            vendor: z.string().min(1),
            product: z.string().min(1),
            defaultStatus: z.enum(['affected', 'unaffected', 'unknown']).optional(),
            versions: z
              .array(
                z.object({
                  version: z.string(),
                  status: z.enum(['affected', 'unaffected', 'unknown']),
                  lessThan: z.string().optional(),
                  versionType: z.string().optional(),
                }),
              )
              .optional(),
          }),
        )
        .min(1),
      references: z.array(z.object({ url: z.url() })).min(1),
      metrics: z
        .array(
          z.object({
            cvssV3_1: z
              .object({ version: z.literal('3.1'), vectorString: z.string(), baseScore: z.number(), baseSeverity: z.string() })
              .optional(),
            cvssV4_0: z
              .object({ version: z.literal('4.0'), vectorString: z.string(), baseScore: z.number(), baseSeverity: z.string() })
              .optional(),
          }),
        )
        .optional(),
    }),
  }),
});

// The BSI validator takes seconds to load (more on a busy machine): loaded once here, not inside a test's time.
beforeAll(() => validateCsaf({}), 180_000);

beforeAll(async () => {
  t = await createTestApp({ MAMORI_PUBLIC_URL: 'https://psirt.example.test', MAMORI_PSIRT_CONTACT: 'mailto:psirt@example.test' });
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const divA = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DA', 'site')));
  psirtA = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divA.id }]);
  const product = (code: string, nameEn: string) => ({ code, nameJa: nameEn, nameEn, orgUnitId: divA.id });
  const cam = json<{ id: string }>(await as(t.app, office).post('/api/products', product('CAM', 'NetCam')));
  const tv = json<{ id: string }>(await as(t.app, office).post('/api/products', product('TV', 'ViewTV')));
  for (const v of ['2.0', '2.1', '2.10'])
    await as(t.app, office).post(`/api/products/${cam.id}/releases`, { version: v, status: 'shipped' });
  await as(t.app, office).post(`/api/products/${tv.id}/releases`, { version: '5.0', status: 'shipped' });
  caseId = json<{ id: string }>(
    await as(t.app, psirt).post('/api/vulnerabilities', { title: 'XSS', description: 'secret details' }),
  ).id;
  await as(t.app, psirt).patch(`/api/vulnerabilities/${caseId}`, {
    cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N',
    cvss40Vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N',
    cveId: 'CVE-2026-10001',
    cwe: 'CWE-79',
    embargoUntil: '2999-01-01T00:00:00Z',
    products: [
      { productId: cam.id, status: 'affected', fixedVersion: '2.2' },
      { productId: tv.id, status: 'not_affected', justification: 'vulnerable_code_not_present' },
    ],
  });
});
afterAll(() => t.close());

describe('advisories', () => {
  it('shows nothing of an unpublished case, and refuses to publish under embargo', async () => {
    expect(json<{ items: unknown[] }>(await as(t.app, null).get('/api/advisories')).items).toEqual([]);
    const res = await as(t.app, psirt).post(`/api/vulnerabilities/${caseId}/advisory`, publish);
    expect(res.statusCode).toBe(409);
    expect(json<{ detail: string }>(res).detail).toMatch(/embargo until 2999/);
    // a divisional member may publish for its own products: same embargo refusal
    expect((await as(t.app, psirtA).post(`/api/vulnerabilities/${caseId}/advisory`, publish)).statusCode).toBe(409);
    const ciso = await createUser(t.database, [{ role: 'ciso' }]);
    expect((await as(t.app, ciso).post(`/api/vulnerabilities/${caseId}/advisory`, publish)).statusCode).toBe(403);
    expect((await as(t.app, null).get(`/api/advisories/${caseId}/csaf.json`)).statusCode).toBe(404);
  });

  it('previews what publishing would make public, storing nothing; only publishers may', async () => {
    const res = await as(t.app, psirt).post(`/api/vulnerabilities/${caseId}/advisory/preview`, publish);
    expect(res.statusCode).toBe(200);
    const p = json<{ document: { titleEn: string; products: { code: string; versions: string[] }[] }; problems: unknown[] }>(res);
    expect(p.problems).toEqual([]);
    expect(p.document.titleEn).toBe(publish.titleEn);
    expect(p.document.products.map((x) => `${x.code}:${x.versions.join(',')}`)).toEqual(['CAM:2.0,2.1,2.10', 'TV:5.0']);
    expect(json<{ items: unknown[] }>(await as(t.app, null).get('/api/advisories')).items).toEqual([]);
    expect(json<{ advisory: unknown }>(await as(t.app, psirt).get(`/api/vulnerabilities/${caseId}`)).advisory).toBeNull();
    const events = json<{ items: { action: string }[] }>(await as(t.app, office).get(`/api/audit-events?targetId=${caseId}`));
    expect(events.items.map((e) => e.action)).toContain('advisory.preview');
    const ciso = await createUser(t.database, [{ role: 'ciso' }]);
    expect((await as(t.app, ciso).post(`/api/vulnerabilities/${caseId}/advisory/preview`, publish)).statusCode).toBe(403);
    expect((await as(t.app, null).post(`/api/vulnerabilities/${caseId}/advisory/preview`, publish)).statusCode).toBe(401);
    const bad = await as(t.app, psirt).post(`/api/vulnerabilities/${caseId}/advisory/preview`, { ...publish, titleJa: '' });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(bad).errors.map((e) => e.path)).toContain('body.titleJa');
  });

  it('publishes after the embargo is lifted: audited, listed publicly', async () => {
    await as(t.app, psirt).patch(`/api/vulnerabilities/${caseId}`, { embargoUntil: null });
    const res = await as(t.app, psirt).post(`/api/vulnerabilities/${caseId}/advisory`, publish);
    expect(res.statusCode).toBe(200);
    const a = json<{ id: string; trackingId: string; severity: string; document: { revision: number } }>(res);
    advisoryId = a.id;
    trackingId = a.trackingId;
    expect(a.trackingId).toMatch(/^MAMORI-SA-\d{4}-0001$/);
    expect(a.document.revision).toBe(1);
    const list = json<{ items: { id: string; titleJa: string }[] }>(await as(t.app, null).get('/api/advisories'));
    expect(list.items.map((i) => i.titleJa)).toEqual([publish.titleJa]);
    const pub = await as(t.app, null).get(`/api/advisories/${trackingId}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).not.toContain('secret details');
    const events = json<{ items: { action: string }[] }>(await as(t.app, office).get(`/api/audit-events?targetId=${caseId}`));
    expect(events.items.map((e) => e.action)).toContain('advisory.publish');
    const detail = json<{ status: string; advisory: { id: string; trackingId: string; summaryJa: string } }>(
      await as(t.app, psirt).get(`/api/vulnerabilities/${caseId}`),
    );
    expect(detail.status).toBe('disclosed');
    expect(detail.advisory).toMatchObject({ id: advisoryId, trackingId, summaryJa: publish.summaryJa });
  });

  it('emits CSAF 2.0 security_advisory and VEX documents that pass the BSI validator (schema + mandatory tests)', async () => {
    for (const file of ['csaf.json', 'vex.json']) {
      const res = await as(t.app, null).get(`/api/advisories/${advisoryId}/${file}`);
      expect(res.statusCode).toBe(200);
      const csaf = res.json() as { vulnerabilities: { product_status: Record<string, string[]>; flags?: unknown[] }[] };
      const result = await validateCsaf(csaf);
      expect(result.errors).toEqual([]);
      expect(result.isValid).toBe(true);
      expect(result.testsRun).toEqual(
        expect.arrayContaining(['csaf_2_0_strict', 'mandatoryTest_6_1_1', 'mandatoryTest_6_1_27_8']),
      );
      expect(csaf.vulnerabilities[0]!.product_status).toEqual({
        known_affected: ['CAM:2.0', 'CAM:2.1'],
        known_not_affected: ['TV:5.0'],
        fixed: ['CAM:2.2', 'CAM:2.10'],
      });
    }
  });

  it('generates and validates one advisory within 500 ms', async () => {
    const started = performance.now();
    const csaf = (await as(t.app, null).get(`/api/advisories/${advisoryId}/csaf.json`)).json() as unknown;
    expect((await validateCsaf(csaf)).isValid).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('emits a CVE JSON 5.1 record with both CVSS versions', async () => {
    const res = await as(t.app, null).get(`/api/advisories/${advisoryId}/cve.json`);
    expect(res.statusCode).toBe(200);
    const record = CveRecord.parse(res.json());
    expect(record.containers.cna.metrics?.map((m) => Object.keys(m).find((k) => k.startsWith('cvss')))).toEqual([
      'cvssV3_1',
      'cvssV4_0',
    ]);
    expect(record.containers.cna.affected[0]!.versions).toEqual([
      { version: '0', lessThan: '2.2', status: 'affected', versionType: 'custom' },
    ]);
  });

  it('republishes as revision 2', async () => {
    const res = await as(t.app, psirt).post(`/api/vulnerabilities/${caseId}/advisory`, {
      ...publish,
      revisionSummary: 'Added ViewTV',
    });
    const doc = json<{ document: { revision: number; revisions: { number: number }[] } }>(res).document;
    expect(doc.revisions.map((r) => r.number)).toEqual([1, 2]);
    const csaf = (await as(t.app, null).get(`/api/advisories/${advisoryId}/csaf.json`)).json() as unknown;
    expect((await validateCsaf(csaf)).isValid).toBe(true);
  });
});

describe('/.well-known', () => {
  it('serves security.txt per RFC 9116', async () => {
    const res = await as(t.app, null).get('/.well-known/security.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('Contact: mailto:psirt@example.test\n');
    expect(res.body).toContain('Preferred-Languages: ja, en\n');
    expect(res.body).toContain('Canonical: https://psirt.example.test/.well-known/security.txt\n');
    const expires = new Date(/Expires: (.+)\n/.exec(res.body)![1]!);
    expect(expires.getTime() - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);
  });

  it('is a CSAF provider: metadata, ROLIE feed, documents with SHA-512 files', async () => {
    const meta = json<{ role: string; distributions: { rolie: { feeds: { url: string }[] } }[] }>(
      await as(t.app, null).get('/.well-known/csaf/provider-metadata.json'),
    );
    expect(meta.role).toBe('csaf_provider');
    const feedUrl = new URL(meta.distributions[0]!.rolie.feeds[0]!.url);
    const feed = json<{ feed: { entry: { id: string; link: { rel: string; href: string }[] }[] } }>(
      await as(t.app, null).get(feedUrl.pathname),
    );
    expect(feed.feed.entry.map((e) => e.id)).toEqual([trackingId]);
    const [self, hash] = feed.feed.entry[0]!.link.map((l) => new URL(l.href).pathname);
    const doc = await as(t.app, null).get(self!);
    expect(doc.statusCode).toBe(200);
    expect((await validateCsaf(doc.json())).isValid).toBe(true);
    const sum = (await as(t.app, null).get(hash!)).body;
    expect(sum).toBe(`${createHash('sha512').update(doc.body).digest('hex')}  ${self!.split('/').pop()}\n`);
    expect((await as(t.app, null).get('/.well-known/csaf/white/2020/nothing.json')).statusCode).toBe(404);
  });
});
