import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/tables';
import { as, json, testConfig } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { ids, recipientsOf } from '../../../test/notifications';
import { orgUnits } from '../../org/tables';
import { assetWorld, dayFromToday, type AssetWorld } from '../take-outs/test-world';
import { runReviewReminders } from './job';
import { assetReviews } from './tables';

let w: AssetWorld;
beforeAll(async () => {
  w = await assetWorld();
});
afterAll(() => w.t.close());

type Counts = { total: number; confirmed: number; pending: number; overdue: number; changed: number };
type Review = { id: string; progress: Counts; bySite: (Counts & { site: { id: string } | null })[] };
type Unit = {
  unit: { id: string; code: string };
  state: string;
  ledger: { total: number; byClass: Record<string, number> };
  canConfirm: boolean;
};
type Problem = { detailCode?: string; errors?: { path: string; code?: string }[] };
const body = (over: Record<string, unknown> = {}) => ({
  titleJa: '2026年度 上期棚卸',
  titleEn: 'FY2026 H1 inventory',
  units: 'all',
  dueOn: dayFromToday(14),
  ...over,
});

describe('opening an inventory campaign', () => {
  it('is for offices: employees, org heads and partner accounts are refused', async () => {
    for (const u of [w.employee, w.headA, w.partner])
      expect((await as(w.t.app, u).post('/api/asset-reviews', body())).statusCode).toBe(403);
  });

  it('refuses units outside the opener’s scope, naming each', async () => {
    const res = await as(w.t.app, w.officeA).post(
      '/api/asset-reviews',
      body({ units: 'subtrees', unitIds: [w.units.deptA, w.units.deptB] }),
    );
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors).toEqual([
      expect.objectContaining({ path: 'body.unitIds.1', code: 'asset_review.unit_out_of_scope' }),
    ]);
    const none = await as(w.t.app, w.officeA).post('/api/asset-reviews', body({ units: 'subtrees' }));
    expect(json<Problem>(none).errors).toEqual([
      expect.objectContaining({ path: 'body.unitIds', code: 'asset_review.units_required' }),
    ]);
  });

  it("creates one confirmation per unit of a site office's site", async () => {
    const res = await as(w.t.app, w.officeA).post('/api/asset-reviews', body());
    expect(res.statusCode).toBe(201);
    const review = json<Review>(res);
    expect(review.progress).toEqual({ total: 3, confirmed: 0, pending: 3, overdue: 0, changed: 0 });
    expect(review.bySite.map((s) => s.site?.id)).toEqual([w.units.siteA]);
  });

  it('opens for a thousand units at once, each counted under its site', async () => {
    const [site] = await w.t.database.db.select().from(orgUnits).where(eq(orgUnits.id, w.units.siteB));
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const id = randomUUID();
      return {
        id,
        parentId: site!.id,
        code: `SB-X${String(i).padStart(4, '0')}`,
        kind: 'department' as const,
        nameJa: `部 ${i}`,
        nameEn: `Dept ${i}`,
        path: `${site!.path}${id}/`,
        depth: site!.depth + 1,
      };
    });
    await w.t.database.db.insert(orgUnits).values(rows);
    const res = await as(w.t.app, w.office).post('/api/asset-reviews', body());
    const review = json<Review>(res);
    const all = (await w.t.database.db.select({ id: orgUnits.id }).from(orgUnits)).length;
    expect(review.progress.total).toBe(all);
    const bySite = new Map(review.bySite.map((s) => [s.site?.id ?? null, s.total]));
    expect(bySite.get(w.units.siteB)).toBe(1002);
    expect(bySite.get(w.units.siteA)).toBe(3);
    // the company unit itself sits above every site
    expect(bySite.get(null)).toBe(1);
    const [stored] = await w.t.database.db.select().from(assetReviews).where(eq(assetReviews.id, review.id));
    expect(stored!.unitCount).toBe(all);
  });
});

describe('confirming a unit and the roll-up', () => {
  let review: string;
  beforeAll(async () => {
    review = json<Review>(
      await as(w.t.app, w.office).post(
        '/api/asset-reviews',
        body({ units: 'subtrees', unitIds: [w.units.siteA, w.units.deptB] }),
      ),
    ).id;
  });

  it('shows each reader only the units of their scope', async () => {
    const units = async (u: typeof w.office) =>
      json<{ items: Unit[] }>(await as(w.t.app, u).get(`/api/asset-reviews/${review}/units`)).items;
    expect((await units(w.headA)).map((u) => u.unit.code)).toEqual(['SA-D1', 'SA-D1-S1']);
    expect((await units(w.office)).map((u) => u.unit.code)).toEqual(['SA', 'SA-D1', 'SA-D1-S1', 'SB-D1']);
    expect((await as(w.t.app, w.employee).get(`/api/asset-reviews/${review}`)).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get(`/api/asset-reviews`)).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get(`/api/asset-reviews/${review}/units`)).statusCode).toBe(403);
    const mine = (await units(w.headA)).find((u) => u.unit.id === w.units.deptA)!;
    expect(mine).toMatchObject({ state: 'pending', canConfirm: true, ledger: { total: 4 } });
  });

  it("lets the unit's org head confirm, keeping the ledger's counts; others are refused", async () => {
    const url = `/api/asset-reviews/${review}/units/${w.units.deptA}/confirm`;
    expect((await as(w.t.app, w.officeA).post(url, { outcome: 'no_change' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.headB).post(url, { outcome: 'no_change' })).statusCode).toBe(404);
    expect((await as(w.t.app, w.partner).post(url, { outcome: 'no_change' })).statusCode).toBe(403);
    const bare = await as(w.t.app, w.headA).post(url, { outcome: 'changed' });
    expect(json<Problem>(bare).errors).toEqual([
      expect.objectContaining({ path: 'body.comment', code: 'asset_review.changed_comment' }),
    ]);
    const res = await as(w.t.app, w.headA).post(url, { outcome: 'changed', comment: 'Two old binders disposed of' });
    expect(res.statusCode).toBe(200);
    expect(json<Unit>(res)).toMatchObject({
      state: 'confirmed',
      canConfirm: false,
      ledger: { total: 4, byClass: { public: 1, internal: 1, confidential: 1, strictly_confidential: 1 } },
    });
    const rolled = json<Review>(await as(w.t.app, w.office).get(`/api/asset-reviews/${review}`));
    expect(rolled.progress).toEqual({ total: 4, confirmed: 1, pending: 3, overdue: 0, changed: 1 });
    expect(rolled.bySite.find((s) => s.site?.id === w.units.siteA)).toMatchObject({ total: 3, confirmed: 1, pending: 2 });
    expect(rolled.bySite.find((s) => s.site?.id === w.units.siteB)).toMatchObject({ total: 1, confirmed: 0, pending: 1 });
    const pending = json<{ items: Unit[] }>(
      await as(w.t.app, w.office).get(`/api/asset-reviews/${review}/units?state=pending&siteId=${w.units.siteA}`),
    );
    expect(pending.items.map((u) => u.unit.code)).toEqual(['SA', 'SA-D1-S1']);
  });

  it('lets one of two heads confirming the same unit at once win; the other gets a 409', async () => {
    const url = `/api/asset-reviews/${review}/units/${w.units.secA}/confirm`;
    const answers = await inParallel(2, (i) => as(w.t.app, i ? w.headSec : w.headA).post(url, { outcome: 'no_change' }));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(json<Problem>(answers.find((a) => a.statusCode === 409)!).detailCode).toBe('asset_review.already_confirmed');
  });
});

describe('inventory reminders', () => {
  it('remind the org heads before the due date and escalate to the site office after it, once each', async () => {
    const db = w.t.database.db;
    const res = await as(w.t.app, w.office).post(
      '/api/asset-reviews',
      body({ units: 'subtrees', unitIds: [w.units.deptB], dueOn: '2026-03-10', titleEn: 'Reminder test' }),
    );
    const id = json<Review>(res).id;
    const link = `/asset-reviews/${id}`;
    // ten days before: not yet (the default is seven)
    await runReviewReminders(db, testConfig(), new Date('2026-02-28T03:00:00Z'));
    expect(await recipientsOf(db, 'asset-review.reminder', link)).toEqual([]);
    await runReviewReminders(db, testConfig(), new Date('2026-03-05T03:00:00Z'));
    await runReviewReminders(db, testConfig(), new Date('2026-03-06T03:00:00Z'));
    expect(await recipientsOf(db, 'asset-review.reminder', link)).toEqual(ids(w.headB));
    await runReviewReminders(db, testConfig(), new Date('2026-03-11T03:00:00Z'));
    await runReviewReminders(db, testConfig(), new Date('2026-03-12T03:00:00Z'));
    expect(await recipientsOf(db, 'asset-review.overdue', link)).toEqual(ids(w.officeB));
    const mails = (await db.select().from(mailOutbox).where(eq(mailOutbox.to, w.officeB.email))).filter((m) =>
      m.body.includes(link),
    );
    expect(mails.map((m) => m.subject)).toEqual(['[Mamori] 棚卸の期限超過 / Inventory overdue']);
    expect(mails[0]!.body).toContain('Unit SB-D1');
  });
});
