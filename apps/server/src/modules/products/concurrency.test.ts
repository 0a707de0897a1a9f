import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { auditOf, inParallel, unlinkedFields } from '../../test/concurrency';
import { components } from './tables';

let t: TestApp;
let office: TestUser;
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const div = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'D', 'site')));
  productId = json<{ id: string }>(
    await as(t.app, office).post('/api/products', {
      code: 'P-1',
      nameJa: '製品',
      nameEn: 'Product',
      productLine: 'X',
      orgUnitId: div.id,
    }),
  ).id;
});
afterAll(() => t.close());

const release = async (version: string) =>
  json<{ id: string }>(await as(t.app, office).post(`/api/products/${productId}/releases`, { version })).id;

const sbom = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  components: Array.from({ length: 40 }, (_, i) => ({
    type: 'library',
    name: `lib${i}`,
    version: `1.0.${i}`,
    purl: `pkg:npm/lib${i}@1.0.${i}`,
  })),
});

describe('concurrent product updates', () => {
  it('applies parallel changes of a product and of a release one after the other, audited against the one before', async () => {
    const rid = await release('1.0.0');
    const n = 12;
    const answers = await inParallel(n, (i) =>
      i % 2
        ? as(t.app, office).patch(`/api/products/${productId}`, { nameEn: `Product ${i}` })
        : as(t.app, office).patch(`/api/products/${productId}/releases/${rid}`, { releasedOn: `2026-01-${10 + i}` }),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    const product = (await auditOf(t.database, 'product', productId)).filter((e) => e.action === 'product.update');
    const rel = (await auditOf(t.database, 'product_release', rid)).filter((e) => e.action === 'product_release.update');
    expect([product.length, rel.length]).toEqual([n / 2, n / 2]);
    expect(unlinkedFields(product)).toEqual([]);
    expect(unlinkedFields(rel)).toEqual([]);
  });

  it('never ships a release past a blocking finding recorded while the gate was checking', async () => {
    for (let round = 0; round < 4; round++) {
      const rid = await release(`2.${round}.0`);
      const [ship, run] = await inParallel(2, (i) =>
        i === 0
          ? as(t.app, office).patch(`/api/products/${productId}/releases/${rid}`, { status: 'shipped' })
          : as(t.app, office).post(`/api/products/${productId}/releases/${rid}/test-runs`, {
              kind: 'fuzzing',
              performedOn: '2026-01-01',
              findings: [{ title: 'crash', severity: 'critical' }],
            }),
      );
      expect(run!.statusCode).toBe(201);
      const events = await auditOf(t.database, 'product_release', rid);
      const shipped = events.find((e) => e.action === 'product_release.ship');
      const recorded = events.find((e) => e.action === 'security_test.record')!;
      // Shipping is allowed only if it came first; after the finding it must be refused.
      if (ship!.statusCode === 200) expect(shipped!.seq < recorded.seq).toBe(true);
      else expect(ship!.statusCode).toBe(409);
    }
  });

  it('keeps one inventory when the same SBOM is imported several times at once', async () => {
    const rid = await release('3.0.0');
    const url = `/api/products/${productId}/releases/${rid}/sbom`;
    const answers = await inParallel(4, () =>
      as(t.app, office).post(url, sbom, { 'content-type': 'application/vnd.cyclonedx+json' }),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    expect(await t.database.db.select().from(components).where(eq(components.releaseId, rid))).toHaveLength(40);
  });
});
