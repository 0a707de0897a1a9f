import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SupplierAdvisoryDetail, SupplierImportResult, SupplierMatch } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestUser } from '../../../test/app';
import { auditOf } from '../../../test/concurrency';
import { assetWorld, type AssetWorld } from '../../assets/take-outs/test-world';
import { components, products, releases } from '../../products/tables';
import { systemBody } from '../../systems/testing';
import { vulnerabilities, vulnerabilityProducts } from '../tables';
import { validateCsaf } from '../advisories/csaf';
import { fetchProvider } from './provider';
import { libraryAdvisory, libraryVex, plcAdvisory } from './sample-documents';
import { supplierAdvisoryProviders } from './tables';

type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };
type Page<T> = { items: T[]; nextCursor: string | null };

let w: AssetWorld;
let psirtA: TestUser;
let psirtB: TestUser;
let fsirtA: TestUser;
const ids: Record<string, string> = {};

const upload = (doc: unknown, who: TestUser = w.office) => as(w.t.app, who).post('/api/supplier-advisories', doc);
const matches = async (who: TestUser, query = '') =>
  json<Page<SupplierMatch>>(await as(w.t.app, who).get(`/api/supplier-advisory-matches?limit=100${query}`)).items;
const label = (m: SupplierMatch) => `${m.kind}:${m.product?.code ?? m.system?.name}:${m.name}@${m.version}:${m.state}`;

/** A product of the unit with releases, each shipping the components given (name, version, purl). */
async function product(code: string, unitId: string, shipped: Record<string, [string, string, string | null][]>) {
  const db = w.t.database.db;
  const [p] = await db
    .insert(products)
    .values({ code, nameJa: `製品 ${code}`, nameEn: `Product ${code}`, orgUnitId: unitId })
    .returning();
  for (const [version, list] of Object.entries(shipped)) {
    const [r] = await db.insert(releases).values({ productId: p!.id, version, status: 'shipped' }).returning();
    ids[`${code}@${version}`] = r!.id;
    if (list.length)
      await db
        .insert(components)
        .values(list.map(([name, v, purl]) => ({ releaseId: r!.id, productId: p!.id, name, version: v, purl })));
  }
  return p!.id;
}

beforeAll(async () => {
  w = await assetWorld();
  psirtA = await createUser(w.t.database, [{ role: 'psirt_member', orgUnitId: w.units.siteA }]);
  psirtB = await createUser(w.t.database, [{ role: 'psirt_member', orgUnitId: w.units.siteB }]);
  fsirtA = await createUser(w.t.database, [{ role: 'fsirt_member', orgUnitId: w.units.siteA }]);
  ids.p1 = await product('P1', w.units.deptA, {
    '1.0': [
      ['fastjson-lite', '1.3.0', 'pkg:npm/fastjson-lite@1.3.0'],
      ['openssl', '3.0.7', null],
      ['zlib-tiny', '2.0.5', 'pkg:npm/zlib-tiny@2.0.5'],
    ],
    '2.0': [
      ['fastjson-lite', '1.4.2', 'pkg:npm/fastjson-lite@1.4.2'],
      ['zlib-tiny', '2.0.7', 'pkg:npm/zlib-tiny@2.0.7'],
    ],
  });
  ids.p2 = await product('P2', w.units.deptB, { '3.1': [['fastjson-lite', 'v1.0.0', 'pkg:npm/fastjson-lite@1.0.0']] });
  const system = async (name: string, unitId: string, version: string) =>
    json<{ id: string }>(
      await as(w.t.app, w.office).post(
        '/api/systems',
        systemBody(unitId, {
          name,
          kind: 'ot',
          productionLine: 'Line 1',
          maxClassCode: 'internal',
          product: 'KX-R PLC CPU',
          productVersion: version,
        }),
      ),
    ).id;
  ids.plcA = await system('Press PLC', w.units.deptA, '1.21');
  ids.plcB = await system('Paint PLC', w.units.deptB, '1.30');
  await validateCsaf({}); // the validator loads once, slowly on a busy machine: not inside a test's time limit
}, 600_000);
afterAll(() => w.t.close());

describe("suppliers' advisories: import and matching", () => {
  it('refuses roles without supplier-advisories:import, and bad documents naming each problem; nothing is stored', async () => {
    expect((await upload(libraryAdvisory(), w.employee)).statusCode).toBe(403);
    expect((await upload(libraryAdvisory(), w.partner)).statusCode).toBe(403);
    expect((await upload(libraryAdvisory(), w.ciso)).statusCode).toBe(403); // reads, does not import
    const notCsaf = await upload({ hello: 'world' });
    expect(notCsaf.statusCode).toBe(400);
    expect(json<Problem>(notCsaf).errors?.map((e) => e.code)).toEqual(['supplier_advisories.not_csaf']);
    const informational = libraryAdvisory();
    (informational.document as Record<string, unknown>).category = 'csaf_base';
    expect(json<Problem>(await upload(informational)).errors?.map((e) => e.code)).toEqual(['supplier_advisories.category']);
    const broken = libraryAdvisory();
    (broken.vulnerabilities as { product_status: Record<string, string[]> }[])[0]!.product_status.known_affected = ['NOPE'];
    const res = await upload(broken);
    expect(res.statusCode).toBe(400);
    const p = json<Problem>(res);
    expect(p.detailCode).toBe('supplier_advisories.csaf_invalid');
    expect(p.errors).toContainEqual(
      expect.objectContaining({
        path: 'body.vulnerabilities.0.product_status.known_affected.0',
        code: 'supplier_advisories.csaf_test',
      }),
    );
    let deep: unknown = {};
    for (let i = 0; i < 200; i++) deep = { a: deep };
    expect((await upload({ document: deep })).statusCode).toBe(400);
    const huge = await as(w.t.app, w.office).post('/api/supplier-advisories', `{"x":"${'a'.repeat(21 * 1024 * 1024)}"}`, {
      'content-type': 'application/json',
    });
    expect(huge.statusCode).toBe(413);
    expect(json<Page<unknown>>(await as(w.t.app, w.office).get('/api/supplier-advisories')).items).toHaveLength(0);
  });

  it('matches by purl and version range, by CPE, and a system by supplier product and a loose range', async () => {
    const res = await upload(libraryAdvisory(1), psirtA);
    expect(res.statusCode, res.body).toBe(201);
    const result = json<SupplierImportResult>(res);
    expect(result.outcome).toBe('imported');
    expect(result.advisory.cves).toEqual(['CVE-2026-50001', 'CVE-2026-50002']);
    expect(result.matches).toEqual({ suggested: 3, updated: 0, resolved: 0 });
    const plc = json<SupplierImportResult>(await upload(plcAdvisory(), fsirtA));
    expect(plc.matches.suggested).toBe(1);
    // the office sees every suggestion: 1.3.0 and 1.0.0 (written v1.0.0) in the range, 1.4.2 fixed; 1.21 < 1.30
    expect((await matches(w.office)).map(label).sort()).toEqual([
      'component:P1:fastjson-lite@1.3.0:suggested',
      'component:P1:openssl@3.0.7:suggested',
      'component:P2:fastjson-lite@v1.0.0:suggested',
      'system:Press PLC:KX-R PLC CPU@1.21:suggested',
    ]);
    // a site's PSIRT sees its products' components; the site's FSIRT its systems; others nothing
    expect((await matches(psirtA)).map(label).sort()).toEqual([
      'component:P1:fastjson-lite@1.3.0:suggested',
      'component:P1:openssl@3.0.7:suggested',
    ]);
    expect((await matches(psirtB)).map(label)).toEqual(['component:P2:fastjson-lite@v1.0.0:suggested']);
    expect((await matches(fsirtA)).map(label)).toEqual(['system:Press PLC:KX-R PLC CPU@1.21:suggested']);
    expect((await as(w.t.app, w.employee).get('/api/supplier-advisory-matches')).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get('/api/supplier-advisories')).statusCode).toBe(403);
    const openssl = (await matches(psirtA)).find((m) => m.name === 'openssl')!;
    expect(openssl.supplierProducts).toEqual([{ productId: 'SSL-307', by: 'cpe' }]);
    expect(openssl.remediation).toContain('Hoshi SDK to 5.2');
    // the detail keeps every score and status
    const detail = json<SupplierAdvisoryDetail>(await as(w.t.app, w.ciso).get(`/api/supplier-advisories/${result.advisory.id}`));
    expect(detail.vulnerabilities[1]!.scores.map((s) => `${s.cvssVersion}:${s.baseScore}`)).toEqual(['3.1:9.8', '2.0:7.5']);
    expect(detail.products.find((p) => p.productId === 'LIB-R')).toMatchObject({
      range: 'vers:npm/>=1.0.0|<1.4.2',
      purl: 'pkg:npm/fastjson-lite',
    });
    // the CISO reads every product's suggestions (vulnerabilities:read group-wide): this advisory's three
    expect(detail.matches.map((m) => m.state)).toEqual(['suggested', 'suggested', 'suggested']);
  });

  it('keeps one version once: the same file again is unchanged, other content under the same version is 409', async () => {
    const again = await upload(libraryAdvisory(1));
    expect(again.statusCode).toBe(200);
    expect(json<SupplierImportResult>(again).outcome).toBe('unchanged');
    const changed = libraryAdvisory(1);
    (changed.document as { title: string }).title = 'Something else';
    const res = await upload(changed);
    expect(res.statusCode).toBe(409);
    expect(json<Problem>(res).errors?.map((e) => e.code)).toEqual(['supplier_advisories.version_changed']);
  });

  it('accepts a component match into a vulnerability case per CVE, only within the decider’s scope, once', async () => {
    const m = (await matches(psirtA)).find((x) => x.name === 'openssl')!;
    expect((await as(w.t.app, psirtB).post(`/api/supplier-advisory-matches/${m.id}/accept`)).statusCode).toBe(404);
    expect((await as(w.t.app, fsirtA).post(`/api/supplier-advisory-matches/${m.id}/accept`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.employee).post(`/api/supplier-advisory-matches/${m.id}/accept`)).statusCode).toBe(403);
    const res = await as(w.t.app, psirtA).post(`/api/supplier-advisory-matches/${m.id}/accept`);
    expect(res.statusCode, res.body).toBe(200);
    const accepted = json<SupplierMatch>(res);
    expect(accepted.state).toBe('accepted');
    expect(accepted.vulnerabilityIds).toHaveLength(1);
    const [v] = await w.t.database.db.select().from(vulnerabilities).where(eq(vulnerabilities.id, accepted.vulnerabilityIds[0]!));
    expect(v).toMatchObject({ cveId: 'CVE-2026-50002', source: 'import', status: 'triage' });
    const links = await w.t.database.db
      .select()
      .from(vulnerabilityProducts)
      .where(eq(vulnerabilityProducts.vulnerabilityId, v!.id));
    expect(links).toEqual([
      expect.objectContaining({ productId: ids.p1, status: 'under_investigation', affectedVersions: '1.0' }),
    ]);
    const again = await as(w.t.app, psirtA).post(`/api/supplier-advisory-matches/${m.id}/accept`);
    expect(again.statusCode).toBe(409);
    expect(json<Problem>(again).detailCode).toBe('supplier_advisories.decided');
    expect((await auditOf(w.t.database, 'supplier_advisory_match', m.id)).map((e) => e.action)).toEqual([
      'supplier_match.suggest',
      'supplier_match.accept',
    ]);
  });

  it('dismisses a system match with a reason (the FSIRT of its site), and refuses one without', async () => {
    const m = (await matches(fsirtA))[0]!;
    const none = await as(w.t.app, fsirtA).post(`/api/supplier-advisory-matches/${m.id}/dismiss`, { reason: ' ' });
    expect(none.statusCode).toBe(400);
    expect((await as(w.t.app, psirtA).post(`/api/supplier-advisory-matches/${m.id}/dismiss`, { reason: 'x' })).statusCode).toBe(
      404,
    );
    const res = await as(w.t.app, fsirtA).post(`/api/supplier-advisory-matches/${m.id}/dismiss`, {
      reason: 'Port 5007 is closed at the cell firewall; firmware update planned at the next stop.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<SupplierMatch>(res)).toMatchObject({ state: 'dismissed', reason: expect.stringContaining('Port 5007') });
  });

  it('a newer version updates the matches: a version now fixed resolves its suggestion, an older version is kept unmatched', async () => {
    const res = await upload(libraryAdvisory(2));
    expect(res.statusCode, res.body).toBe(201);
    const r = json<SupplierImportResult>(res);
    expect(r.outcome).toBe('imported');
    expect(r.matches).toEqual({ suggested: 0, updated: 2, resolved: 1 });
    expect((await matches(w.office, '&kind=component')).map((m) => `${label(m)}:${m.reason}`).sort()).toEqual([
      'component:P1:fastjson-lite@1.3.0:resolved:supplier_fixed',
      'component:P1:openssl@3.0.7:accepted:',
      'component:P2:fastjson-lite@v1.0.0:suggested:',
    ]);
    const list = json<Page<{ version: string; openMatches: number }>>(
      await as(w.t.app, w.office).get('/api/supplier-advisories?q=HOSHI'),
    );
    expect(list.items).toEqual([expect.objectContaining({ version: '2', openMatches: 1 })]);
    const detail = json<SupplierAdvisoryDetail>(await as(w.t.app, w.office).get(`/api/supplier-advisories/${r.advisory.id}`));
    expect(detail.versions.map((v) => `${v.version}:${v.latest}`)).toEqual(['1:false', '2:true']);
  });

  it('a VEX saying an exact version is not affected suppresses the match its range would make', async () => {
    const r = json<SupplierImportResult>(await upload(libraryVex()));
    expect(r.matches.suggested).toBe(1);
    expect((await matches(w.office, '&q=zlib')).map(label)).toEqual(['component:P1:zlib-tiny@2.0.7:suggested']);
  });
});

describe("suppliers' CSAF providers", () => {
  let server: Server;
  let base = '';
  let served: Record<string, unknown> = {};
  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = served[req.url ?? ''];
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(body === undefined ? '{}' : JSON.stringify(body));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    served = {
      '/.well-known/csaf/provider-metadata.json': {
        canonical_url: `${base}/.well-known/csaf/provider-metadata.json`,
        metadata_version: '2.0',
        distributions: [{ rolie: { feeds: [{ summary: 'WHITE advisories', tlp_label: 'WHITE', url: `${base}/feed.json` }] } }],
      },
      '/feed.json': {
        feed: {
          id: 'example-plc-white',
          entry: [
            {
              id: 'EPW-2026-011',
              updated: '2026-11-10T00:00:00Z',
              content: { type: 'application/json', src: `${base}/2026/epw-2026-011.json` },
            },
            { id: 'BROKEN', updated: '2026-11-11T00:00:00Z', content: { type: 'application/json', src: '/2026/broken.json' } },
            { id: 'MISSING', updated: '2026-11-12T00:00:00Z', content: { type: 'application/json', src: '/2026/missing.json' } },
          ],
        },
      },
      '/2026/epw-2026-011.json': plcAdvisory(new Date('2026-11-30T00:00:00.000Z')),
      '/2026/broken.json': { document: { csaf_version: '2.0', category: 'csaf_vex' } },
    };
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('refuses a provider address that is plain http to a public host, on this machine unless allowed, or in a private network', async () => {
    for (const metadataUrl of [
      'http://csaf.example.com/.well-known/csaf/provider-metadata.json',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.8/.well-known/csaf/provider-metadata.json',
      'https://[::1]:8443/provider-metadata.json',
    ]) {
      const res = await as(w.t.app, w.office).post('/api/supplier-advisory-providers', { name: 'Internal', metadataUrl });
      expect(res.statusCode, metadataUrl).toBe(400);
      expect(json<{ errors: { path: string; code: string }[] }>(res).errors).toEqual([
        expect.objectContaining({ path: 'body.metadataUrl', code: 'supplier_advisories.provider_url_refused' }),
      ]);
    }
    expect(json<{ items: unknown[] }>(await as(w.t.app, w.office).get('/api/supplier-advisory-providers')).items).toEqual([]);
  });

  it('adds a provider (the import roles only), reads its ROLIE feed, imports each document and records the outcome', async () => {
    const body = { name: 'Example PLC Works', metadataUrl: `${base}/.well-known/csaf/provider-metadata.json` };
    expect((await as(w.t.app, psirtA).get('/api/supplier-advisory-providers')).statusCode).toBe(200);
    expect((await as(w.t.app, w.ciso).post('/api/supplier-advisory-providers', body)).statusCode).toBe(403);
    const res = await as(w.t.app, w.office).post('/api/supplier-advisory-providers', body);
    expect(res.statusCode, res.body).toBe(201);
    expect((await as(w.t.app, w.office).post('/api/supplier-advisory-providers', body)).statusCode).toBe(409);
    const id = json<{ id: string }>(res).id;
    // EPW-2026-011 version 1 is already stored from an upload, with other dates: 409 → rejected, like the broken file
    expect(await fetchProvider(w.t.database.db, id)).toEqual({
      code: 'supplier_advisories.fetch_ok',
      imported: 0,
      skipped: 0,
      rejected: 3,
    });
    served['/2026/epw-2026-011.json'] = plcAdvisory();
    await w.t.database.db
      .update(supplierAdvisoryProviders)
      .set({ lastFetchedAt: null })
      .where(eq(supplierAdvisoryProviders.id, id));
    expect(await fetchProvider(w.t.database.db, id)).toEqual({
      code: 'supplier_advisories.fetch_ok',
      imported: 0,
      skipped: 1,
      rejected: 2,
    });
    // entries not updated since the last read are not fetched again
    expect(await fetchProvider(w.t.database.db, id)).toMatchObject({ skipped: 3, rejected: 0 });
    const fetchNow = await as(w.t.app, w.office).post(`/api/supplier-advisory-providers/${id}/fetch`);
    expect(fetchNow.statusCode).toBe(202);
    delete served['/.well-known/csaf/provider-metadata.json'];
    expect((await fetchProvider(w.t.database.db, id)).code).toBe('supplier_advisories.fetch_failed');
  });
});
