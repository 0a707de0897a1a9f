import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { validateCsaf } from './csaf';
import { checkCveRecord, CveRecordFormat } from './cve-check';

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
  revisionSummaryJa: '初版公開',
};

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
    embargoUntil: '2199-01-01T00:00:00Z',
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
    expect(json<{ detail: string }>(res).detail).toMatch(/embargo until .*2199/);
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

  it('emits CSAF 2.0 security_advisory (en, ja) and VEX documents that pass the BSI validator (schema + mandatory tests)', async () => {
    for (const file of ['csaf.json', 'csaf.json?lang=ja', 'vex.json']) {
      const res = await as(t.app, null).get(`/api/advisories/${advisoryId}/${file}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const csaf = res.json() as { vulnerabilities: { product_status: Record<string, string[]>; flags?: unknown[] }[] };
      const result = await validateCsaf(csaf);
      expect({ file, errors: result.errors }).toEqual({ file, errors: [] });
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
    expect((await as(t.app, null).get(`/api/advisories/${advisoryId}/csaf.json?lang=fr`)).statusCode).toBe(400);
  });

  it('translates the advisory into Japanese as its own CSAF document (source_lang en, translator, the original first)', async () => {
    type Doc = {
      document: {
        lang: string;
        source_lang?: string;
        title: string;
        publisher: { category: string };
        references: { category: string; url: string }[];
        tracking: { id: string; revision_history: { summary: string }[] };
      };
      vulnerabilities: { title: string; remediations: { details: string }[] }[];
    };
    const en = (await as(t.app, null).get(`/api/advisories/${advisoryId}/csaf.json`)).json() as Doc;
    const ja = (await as(t.app, null).get(`/api/advisories/${advisoryId}/csaf.json?lang=ja`)).json() as Doc;
    expect(en.document).toMatchObject({ lang: 'en', title: publish.titleEn, publisher: { category: 'vendor' } });
    expect(en.document.source_lang).toBeUndefined();
    expect(ja.document).toMatchObject({
      lang: 'ja',
      source_lang: 'en',
      title: publish.titleJa,
      publisher: { category: 'translator' },
    });
    expect(ja.document.tracking.id).toBe(`${trackingId}-JA`);
    expect(ja.document.tracking.revision_history.map((r) => r.summary)).toEqual(['初版公開']);
    expect(ja.document.references[0]).toEqual(
      expect.objectContaining({ category: 'external', url: en.document.references[0]!.url }),
    );
    expect(ja.document.references[1]!.url).toMatch(/\/white\/\d{4}\/mamori-sa-\d{4}-0001-ja\.json$/);
    expect(ja.vulnerabilities[0]!.title).toBe(publish.titleJa);
    expect(ja.vulnerabilities[0]!.remediations[0]!.details).toBe('バージョン 2.2 以降に更新してください。');
    expect(en.vulnerabilities[0]!.remediations[0]!.details).toBe('Update to version 2.2 or later.');
  });

  // its time (target 500 ms) is measured by bench/psirt.ts (bench/README.md), not by a test's clock on a shared machine
  it('generates an advisory that the CSAF validator accepts', async () => {
    const csaf = (await as(t.app, null).get(`/api/advisories/${advisoryId}/csaf.json`)).json() as unknown;
    expect((await validateCsaf(csaf)).isValid).toBe(true);
  });

  it('emits a CVE JSON 5.1 record with both CVSS versions, keeping to the record format', async () => {
    const res = await as(t.app, null).get(`/api/advisories/${advisoryId}/cve.json`);
    expect(res.statusCode).toBe(200);
    expect(checkCveRecord(res.json())).toEqual([]);
    const record = CveRecordFormat.parse(res.json());
    expect(record.containers.cna.metrics?.map((m) => Object.keys(m).find((k) => k.startsWith('cvss')))).toEqual([
      'cvssV3_1',
      'cvssV4_0',
    ]);
    expect(record.containers.cna.affected[0]!.versions).toEqual([
      { version: '0', lessThan: '2.2', status: 'affected', versionType: 'custom' },
    ]);
  });

  it('republishes as revision 2, with new files', async () => {
    const before = (await as(t.app, null).get(`/api/advisories/${advisoryId}/csaf.json`)).rawPayload;
    const { revisionSummaryJa: _, ...texts } = publish;
    const res = await as(t.app, psirt).post(`/api/vulnerabilities/${caseId}/advisory`, {
      ...texts,
      revisionSummary: 'Added ViewTV',
    });
    const doc = json<{ document: { revision: number; revisions: { number: number }[] } }>(res).document;
    expect(doc.revisions.map((r) => r.number)).toEqual([1, 2]);
    for (const lang of ['en', 'ja']) {
      const csaf = (await as(t.app, null).get(`/api/advisories/${advisoryId}/csaf.json?lang=${lang}`)).json() as {
        document: { tracking: { version: string; revision_history: { summary: string }[] } };
      };
      expect((await validateCsaf(csaf)).isValid).toBe(true);
      expect(csaf.document.tracking.version).toBe('2');
      // without a Japanese revision note the translation repeats the English one
      expect(csaf.document.tracking.revision_history.at(-1)!.summary).toBe('Added ViewTV');
    }
    expect((await as(t.app, null).get(`/api/advisories/${advisoryId}/csaf.json`)).rawPayload.equals(before)).toBe(false);
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
    expect(expires.getTime() - Date.now()).toBeGreaterThan(170 * 24 * 3600 * 1000);
    expect(expires.getTime() - Date.now()).toBeLessThan(365 * 24 * 3600 * 1000);
  });

  it('is a CSAF provider: metadata with the signing key, ROLIE feed, documents with SHA-512 and signature files', async () => {
    const meta = json<{
      role: string;
      distributions: { rolie: { feeds: { url: string }[] } }[];
      public_openpgp_keys: { fingerprint: string; url: string }[];
    }>(await as(t.app, null).get('/.well-known/csaf/provider-metadata.json'));
    expect(meta.role).toBe('csaf_provider');
    const [key] = meta.public_openpgp_keys;
    expect(key!.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    const armored = await as(t.app, null).get(new URL(key!.url).pathname);
    expect(armored.statusCode).toBe(200);
    expect(armored.body).toBe((await as(t.app, null).get('/.well-known/psirt-pgp-key.asc')).body);
    expect((await as(t.app, null).get(`/.well-known/csaf/openpgp/${'0'.repeat(40)}.asc`)).statusCode).toBe(404);

    const feedUrl = new URL(meta.distributions[0]!.rolie.feeds[0]!.url);
    const feed = json<{ feed: { entry: { id: string; link: { rel: string; href: string }[] }[] } }>(
      await as(t.app, null).get(feedUrl.pathname),
    );
    expect(feed.feed.entry.map((e) => e.id)).toEqual([trackingId, `${trackingId}-JA`]);
    for (const entry of feed.feed.entry) {
      const links = Object.fromEntries(entry.link.map((l) => [l.rel, new URL(l.href).pathname]));
      expect(links.hash).toBe(`${links.self}.sha512`);
      expect(links.signature).toBe(`${links.self}.asc`);
      const doc = await as(t.app, null).get(links.self!);
      expect(doc.statusCode).toBe(200);
      expect((await validateCsaf(doc.json())).isValid).toBe(true);
      const sum = (await as(t.app, null).get(links.hash!)).body;
      expect(sum).toBe(`${createHash('sha512').update(doc.rawPayload).digest('hex')}  ${links.self!.split('/').pop()}\n`);
      const sig = await as(t.app, null).get(links.signature!);
      expect(sig.headers['content-type']).toMatch(/^application\/pgp-signature/);
      expect(sig.body).toMatch(/^-----BEGIN PGP SIGNATURE-----/);
      // the API serves the same stored bytes
      const lang = entry.id.endsWith('-JA') ? 'ja' : 'en';
      expect((await as(t.app, null).get(`/api/advisories/${advisoryId}/csaf.json?lang=${lang}`)).rawPayload).toEqual(
        doc.rawPayload,
      );
    }
    expect((await as(t.app, null).get('/.well-known/csaf/white/2020/nothing.json')).statusCode).toBe(404);
    expect((await as(t.app, null).get('/.well-known/csaf/white/2020/nothing.json.asc')).statusCode).toBe(404);
  });
});

describe('CSAF web paths answer HEAD, unknown names and other hash files like a static web server', () => {
  const head = (url: string) => t.app.inject({ method: 'HEAD', url });
  const same = ['content-type', 'content-length', 'etag', 'last-modified', 'cache-control'];

  it('answers HEAD like GET (same status and headers, no body) for every public file', async () => {
    const feed = json<{ feed: { entry: { link: { rel: string; href: string }[] }[] } }>(
      await as(t.app, null).get('/.well-known/csaf/feed-tlp-white.json'),
    );
    const files = feed.feed.entry.flatMap((e) => e.link.map((l) => new URL(l.href).pathname));
    const meta = json<{ public_openpgp_keys: { url: string }[] }>(
      await as(t.app, null).get('/.well-known/csaf/provider-metadata.json'),
    );
    const urls = [
      '/.well-known/security.txt',
      '/.well-known/psirt-pgp-key.asc',
      '/.well-known/csaf/provider-metadata.json',
      '/.well-known/csaf/feed-tlp-white.json',
      new URL(meta.public_openpgp_keys[0]!.url).pathname,
      ...files,
      `/api/advisories/${advisoryId}/csaf.json`,
      `/api/advisories/${advisoryId}/csaf.json?lang=ja`,
      `/api/advisories/${advisoryId}/cve.json`,
      `/api/advisories/${advisoryId}/vex.json`,
    ];
    for (const url of urls) {
      const get = await as(t.app, null).get(url);
      const h = await head(url);
      expect(get.statusCode, url).toBe(200);
      expect(h.statusCode, url).toBe(200);
      expect(h.body, url).toBe('');
      for (const name of same) expect(h.headers[name], `${url} ${name}`).toBe(get.headers[name]);
      expect(Number(h.headers['content-length']), url).toBe(get.rawPayload.length);
    }
  });

  it('answers 404 (problem+json, never the web app) for unknown names and hash files it does not publish', async () => {
    const self = json<{ feed: { entry: { link: { rel: string; href: string }[] }[] } }>(
      await as(t.app, null).get('/.well-known/csaf/feed-tlp-white.json'),
    ).feed.entry[0]!.link.find((l) => l.rel === 'self')!.href;
    const doc = new URL(self).pathname;
    for (const url of [
      `${doc}.sha256`,
      `${doc}.md5`,
      '/.well-known/csaf/white/2020/NOTHING.json.sha256',
      '/.well-known/csaf/white/20x0/nothing.json',
      '/.well-known/csaf/nothing.json',
      '/.well-known/csaf/',
      '/.well-known/nothing',
      '/.well-known/security.txt.sig',
      '/security.txt',
    ]) {
      for (const method of ['GET', 'HEAD'] as const) {
        const res = await t.app.inject({ method, url });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.headers['content-type'], `${method} ${url}`).toMatch(/^application\/problem\+json/);
      }
    }
  });
});
