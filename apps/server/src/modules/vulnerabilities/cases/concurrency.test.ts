import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { auditOf, inParallel, unlinkedFields } from '../../../test/concurrency';

let t: TestApp;
let psirt: TestUser;
let productIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  productIds = [];
  for (const code of ['CAM', 'TV'])
    productIds.push(
      json<{ id: string }>(
        await as(t.app, office).post('/api/products', { code, nameJa: code, nameEn: code, productLine: 'X', orgUnitId: g.id }),
      ).id,
    );
});
afterAll(() => t.close());

describe('concurrent vulnerability updates', () => {
  it('applies parallel triage changes one after the other, each audited against the one before', async () => {
    const c = json<{ id: string }>(await as(t.app, psirt).post('/api/vulnerabilities', { title: 'XSS', description: 'x' }));
    const n = 10;
    const answers = await inParallel(n, (i) =>
      as(t.app, psirt).patch(
        `/api/vulnerabilities/${c.id}`,
        i % 2
          ? { title: `XSS ${i}` }
          : { products: [{ productId: productIds[(i / 2) % 2]!, status: i % 4 ? 'affected' : 'under_investigation' }] },
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    const events = (await auditOf(t.database, 'vulnerability', c.id)).filter((e) => e.action === 'vulnerability.update');
    expect(events).toHaveLength(n);
    expect(unlinkedFields(events)).toEqual([]);
    const final = json<{ title: string; rowVersion: number }>(await as(t.app, psirt).get(`/api/vulnerabilities/${c.id}`));
    expect(final.title).toBe((events.at(-1)!.after as { title: string }).title);
    expect(final.rowVersion).toBe(1 + n);
  });
});
