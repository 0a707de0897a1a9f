import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../../test/app';
import { createDemoTestApp } from '../../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('governance demo', () => {
  it('publishes the policy, guideline and guides with acknowledgements at believable rates', async () => {
    expect(lines.join('\n')).toMatch(/governance documents: 8 published/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const docs = json<{ items: { id: string; key: string; publishedVersion: number; openVersion: unknown }[] }>(
      await as(t.app, office).get('/api/documents?view=manage'),
    ).items;
    expect(docs).toHaveLength(8);
    expect(docs.find((d) => d.key === 'security-policy')).toMatchObject({ publishedVersion: 2 });
    expect(docs.find((d) => d.key === 'guide-take-out')).toMatchObject({ openVersion: { number: 2, status: 'review' } });
    const rates = json<{ rate: number; units: unknown[] }>(
      await as(t.app, office).get(`/api/documents/${docs.find((d) => d.key === 'common-guideline')!.id}/acknowledgements`),
    );
    expect(rates.rate).toBeGreaterThan(0.5);
    expect(rates.rate).toBeLessThan(1);
    expect(rates.units.length).toBeGreaterThan(5);
  });

  it('has one review held (FY2025) and one in preparation (FY2026), both with a pack', async () => {
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const reviews = json<{ items: { fiscalYear: number; status: string; packAssembledAt: string | null }[] }>(
      await as(t.app, office).get('/api/management-reviews'),
    ).items;
    expect(reviews).toMatchObject([
      { fiscalYear: 2026, status: 'preparation', packAssembledAt: expect.any(String) },
      { fiscalYear: 2025, status: 'done', packAssembledAt: expect.any(String) },
    ]);
  });
});
