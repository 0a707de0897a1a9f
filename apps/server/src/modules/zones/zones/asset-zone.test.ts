import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { assetWorld, type AssetWorld } from '../../assets/take-outs/test-world';
import { people } from '../../org/tables';

/** `GET /api/assets/{id}/zone`: the asset page's "kept in" line. */
let w: AssetWorld;
let zoneId: string;
const zoneOf = (user: AssetWorld['employee'], assetId: string) => as(w.t.app, user).get(`/api/assets/${assetId}/zone`);

beforeAll(async () => {
  w = await assetWorld();
  const [owner] = await w.t.database.db
    .insert(people)
    .values({ employeeNo: 'ZOWN', nameJa: '佐藤 一郎', nameEn: 'Ichiro Sato', kind: 'employee', orgUnitId: w.units.deptA })
    .returning({ id: people.id });
  const res = await as(w.t.app, w.officeA).post('/api/zones', {
    siteId: w.units.siteA,
    kind: 'office',
    code: 'OFF',
    nameJa: '第一事務室',
    nameEn: 'Office 1',
    maxClassCode: 'strictly_confidential',
    ownerPersonId: owner!.id,
    entryAll: true,
    entryRoles: [],
    entryPersonIds: [],
    entryMethods: ['id_card'],
    cameras: false,
    retentionDays: 90,
  });
  expect(res.statusCode, res.body).toBe(201);
  zoneId = json<{ id: string }>(res).id;
  for (const assetId of [w.asset.internal, w.asset.strict]) {
    const placed = await as(w.t.app, w.officeA).post(`/api/zones/${zoneId}/assets`, { assetId });
    expect(placed.statusCode, placed.body).toBe(200);
  }
}, 120_000);
afterAll(() => w.t.close());

describe('the zone of an asset', () => {
  it('names the zone an asset is kept in to those who see the asset, and none for an asset kept nowhere', async () => {
    const zone = { id: zoneId, nameJa: '第一事務室', nameEn: 'Office 1' };
    for (const user of [w.headA, w.officeA, w.office]) {
      const res = await zoneOf(user, w.asset.internal);
      expect(res.statusCode, res.body).toBe(200);
      expect(json(res)).toEqual({ zone });
    }
    expect(json(await zoneOf(w.office, w.asset.public))).toEqual({ zone: null });
  });

  it('answers 404 for an asset the reader may not see, and refuses partner accounts', async () => {
    // the ledger is not an employee's to read (they hold zones:read), nor another site's office's
    expect((await zoneOf(w.employee, w.asset.internal)).statusCode).toBe(404);
    expect((await zoneOf(w.officeB, w.asset.internal)).statusCode).toBe(404);
    expect((await zoneOf(w.employee, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await zoneOf(w.partner, w.asset.internal)).statusCode).toBe(403);
  });
});
