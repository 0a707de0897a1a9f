import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { assetBody, assetsWorld, makeAsset, type AssetsWorld } from '../testing';

let w: AssetsWorld;
beforeAll(async () => {
  w = await assetsWorld();
});
afterAll(() => w.t.close());

type Row = Record<string, unknown> & { id: string };

describe('a ledger page read as plain rows (ledger/page.ts)', () => {
  it('answers every field exactly as the asset’s own record does: dates, times, copies, personal data, disposal', async () => {
    const { t, office, units, people } = w;
    const original = await makeAsset(t.app, office, {
      ...assetBody(units.deptA, people.a, { name: 'Original 原本' }),
      personalData: true,
      personalCategories: ['contact'],
    });
    await makeAsset(t.app, office, { ...assetBody(units.deptA, people.a, { name: 'Copy 写し' }), originalId: original.id });
    const old = await makeAsset(t.app, office, assetBody(units.siteA, people.leader, { name: 'Disposed 廃棄' }));
    const disposed = await as(t.app, office).post(`/api/assets/${old.id}/dispose`, {
      disposedOn: '2026-11-30',
      method: 'シュレッダー',
    });
    expect(disposed.statusCode).toBe(200);

    const page = json<{ items: Row[] }>(await as(t.app, office).get(`/api/assets?unitId=${units.siteA}&status=all`));
    expect(page.items.map((r) => r.name)).toEqual(['Disposed 廃棄', 'Copy 写し', 'Original 原本']);
    for (const row of page.items) {
      const record = json<Row>(await as(t.app, office).get(`/api/assets/${row.id}`));
      for (const [key, value] of Object.entries(row)) expect([key, record[key]]).toEqual([key, value]);
    }
    const byName = Object.fromEntries(page.items.map((r) => [r.name, r]));
    expect(byName['Original 原本']).toMatchObject({ copies: 1, personalData: true, personalCategories: ['contact'] });
    expect(byName['Disposed 廃棄']).toMatchObject({ status: 'disposed', disposedOn: '2026-11-30' });
    expect(byName['Copy 写し']!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
