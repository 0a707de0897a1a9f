import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsDemoLoader } from '../../../demo/accounts';
import { loadDemo } from '../../../demo/load';
import { orgDemoLoader } from '../../../demo/org';
import type { DemoLoader } from '../../../demo/types';
import { as, createTestApp, createUser, json, type TestApp } from '../../../test/app';
import { assetReviewsDemoLoader } from '../reviews/demo';
import { assets } from '../tables';
import { takeOutsDemoLoader } from './demo';

/** Stands in for the ledger's demo (another branch): four assets, one per default class, in every unit with people. */
const ledgerStandIn: DemoLoader = {
  name: 'assets (stand-in)',
  async load(ctx) {
    const classes = ['public', 'internal', 'confidential', 'strictly_confidential'];
    const owners = new Map(ctx.people.map((p) => [p.orgUnitId, p.id]));
    const rows = [...ctx.units.values()].flatMap((u) =>
      owners.has(u.id)
        ? classes.map((classCode, i) => ({
            unitId: u.id,
            unitPath: u.path,
            name: `${u.nameEn} file ${i + 1}`,
            kind: 'electronic' as const,
            ownerId: owners.get(u.id)!,
            classCode,
            confidentiality: 2,
            integrity: 2,
            availability: 2,
          }))
        : [],
    );
    await ctx.tx.insert(assets).values(rows);
    return [];
  },
};

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  t = await createTestApp();
  ({ lines } = await loadDemo(t.database.db, [
    orgDemoLoader,
    accountsDemoLoader,
    ledgerStandIn,
    takeOutsDemoLoader,
    assetReviewsDemoLoader,
  ]));
}, 180_000);
afterAll(() => t.close());

describe('take-out and inventory demo', () => {
  it('adds take-outs in every state and an inventory campaign about half confirmed', async () => {
    expect(lines.join('\n')).toMatch(/take-outs: 12 requests/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const all = json<{ items: { state: string; waitingFor: string | null }[] }>(
      await as(t.app, office).get('/api/take-outs?view=all&limit=100'),
    );
    const states = new Set(all.items.map((i) => i.state));
    for (const s of ['pending', 'approved', 'out', 'overdue', 'returned', 'rejected', 'disposed', 'cancelled'])
      expect(states).toContain(s);
    expect(new Set(all.items.map((i) => i.waitingFor).filter(Boolean))).toEqual(new Set(['org_head', 'site_office', 'ciso']));
    const reviews = json<{ items: { progress: { total: number; confirmed: number } }[] }>(
      await as(t.app, office).get('/api/asset-reviews'),
    );
    const p = reviews.items[0]!.progress;
    expect(p.confirmed).toBe(Math.ceil(p.total / 2));
  });

  it('loads nothing of its own without demo assets', async () => {
    const bare = await createTestApp();
    try {
      const { lines: only } = await loadDemo(bare.database.db, [
        orgDemoLoader,
        accountsDemoLoader,
        takeOutsDemoLoader,
        assetReviewsDemoLoader,
      ]);
      expect(only.filter((l) => /take-outs|asset-reviews/.test(l))).toEqual([
        'take-outs: skipped (no assets)',
        'asset-reviews: skipped (no assets)',
      ]);
    } finally {
      await bare.close();
    }
  }, 180_000);
});
