import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { inParallel } from '../../test/concurrency';
import { makePartner } from '../partners/testing';

/** The EU Cyber Resilience Act attributes of a product (issue 17): edited with If-Match, validated, audited. */

let t: TestApp;
let office: TestUser;
let psirtA: TestUser;
let psirtB: TestUser;
let ciso: TestUser;
let employee: TestUser;
let partner: TestUser;
let divA: { id: string };

interface CraView {
  rowVersion: number;
  craInScope: boolean;
  euMarketSince: string | null;
  craCategory: string;
  supportPeriodEnd: string | null;
  mainEstablishment: string | null;
  euMarkets: string[];
}
type Problem = { errors: { path: string; code?: string; message: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  divA = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DA', 'site')));
  const divB = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DB', 'site')));
  psirtA = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divA.id }]);
  psirtB = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divB.id }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: divA.id }]);
  partner = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: (await makePartner(t.app, office, 'P1')).id });
}, 300_000);
afterAll(() => t?.close());

let n = 0;
const newProduct = async (extra: Record<string, unknown> = {}) => {
  const res = await as(t.app, psirtA).post('/api/products', {
    code: `CRA-${++n}`,
    nameJa: `製品${n}`,
    nameEn: `Product ${n}`,
    orgUnitId: divA.id,
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return json<CraView & { id: string }>(res);
};
const url = (id: string) => `/api/products/${id}`;
const paths = (res: Parameters<typeof json>[0]) =>
  json<Problem>(res)
    .errors.map((e) => e.path)
    .sort();

describe('CRA attributes of a product', () => {
  it('default to out of scope, not on the EU market, category default', async () => {
    const p = await newProduct();
    expect(p).toMatchObject({
      craInScope: false,
      euMarketSince: null,
      craCategory: 'default',
      supportPeriodEnd: null,
      mainEstablishment: null,
      euMarkets: [],
    });
  });

  it('are set with If-Match, shown on the product, audited before and after; member states upper-cased, sorted, once', async () => {
    const p = await newProduct();
    const tag = (await as(t.app, psirtA).get(url(p.id))).headers.etag as string;
    const res = await as(t.app, psirtA).patch(
      url(p.id),
      {
        craInScope: true,
        euMarketSince: '2025-03-01',
        craCategory: 'important_class_1',
        supportPeriodEnd: '2030-02-28',
        mainEstablishment: 'de',
        euMarkets: ['FR', 'de', 'DE', 'nl'],
      },
      { 'if-match': tag },
    );
    expect(res.statusCode).toBe(200);
    const detail = json<CraView>(await as(t.app, ciso).get(url(p.id)));
    expect(detail).toMatchObject({
      craInScope: true,
      euMarketSince: '2025-03-01',
      craCategory: 'important_class_1',
      supportPeriodEnd: '2030-02-28',
      mainEstablishment: 'DE',
      euMarkets: ['DE', 'FR', 'NL'],
    });
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'product.update'), eq(auditEvents.targetId, p.id)));
    expect(event!.before).toMatchObject({ craInScope: false, mainEstablishment: null });
    expect(event!.after).toMatchObject({ craInScope: true, mainEstablishment: 'DE', craCategory: 'important_class_1' });
    // A change from a stale read is refused and changes nothing.
    const stale = await as(t.app, psirtA).patch(url(p.id), { craCategory: 'critical' }, { 'if-match': tag });
    expect(stale.statusCode).toBe(412);
    expect(json<CraView>(await as(t.app, psirtA).get(url(p.id))).craCategory).toBe('important_class_1');
  });

  it('refuses inconsistent values naming every failing field, and changes nothing', async () => {
    const p = await newProduct();
    const bad = await as(t.app, psirtA).patch(url(p.id), {
      craInScope: true,
      euMarketSince: '2025-06-01',
      supportPeriodEnd: '2025-06-01',
      mainEstablishment: null,
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['body.mainEstablishment', 'body.supportPeriodEnd']);
    expect(
      json<Problem>(bad)
        .errors.map((e) => e.code)
        .sort(),
    ).toEqual(['products.main_establishment_required', 'products.support_before_market']);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const later = await as(t.app, psirtA).patch(url(p.id), { euMarketSince: future });
    expect(paths(later)).toEqual(['body.euMarketSince']);
    const markets = await as(t.app, psirtA).patch(url(p.id), { euMarkets: ['DE'] });
    expect(json<Problem>(markets).errors.map((e) => e.code)).toEqual(['products.market_since_required']);
    // Not member states: the UK, Switzerland, and Greece's EU abbreviation (ISO 3166 says GR).
    const codes = await as(t.app, psirtA).patch(url(p.id), { mainEstablishment: 'GB', euMarkets: ['CH', 'EL'] });
    expect(codes.statusCode).toBe(400);
    expect(paths(codes)).toEqual(['body.euMarkets.0', 'body.euMarkets.1', 'body.mainEstablishment']);
    expect(json<Problem>(codes).errors.every((e) => e.code === 'products.not_eu_member_state')).toBe(true);
    const category = await as(t.app, psirtA).patch(url(p.id), { craCategory: 'important' });
    expect(paths(category)).toEqual(['body.craCategory']);
    expect(json<CraView>(await as(t.app, psirtA).get(url(p.id)))).toMatchObject({
      craInScope: false,
      euMarketSince: null,
      supportPeriodEnd: null,
      euMarkets: [],
    });
    // The check reads the stored values too: an end before the stored market date is refused.
    await as(t.app, psirtA).patch(url(p.id), { euMarketSince: '2025-01-10' });
    const early = await as(t.app, psirtA).patch(url(p.id), { supportPeriodEnd: '2024-12-31' });
    expect(paths(early)).toEqual(['body.supportPeriodEnd']);
    // Creating with them is checked the same way.
    const created = await as(t.app, psirtA).post('/api/products', {
      code: 'CRA-BAD',
      nameJa: 'x',
      nameEn: 'x',
      orgUnitId: divA.id,
      craInScope: true,
      euMarketSince: '2025-01-01',
    });
    expect(paths(created)).toEqual(['body.mainEstablishment']);
  });

  it('may be changed by the PSIRT and the office of the product’s division only', async () => {
    const p = await newProduct();
    const body = { craInScope: true, euMarketSince: '2025-01-01', mainEstablishment: 'FR' };
    expect((await as(t.app, ciso).patch(url(p.id), body)).statusCode).toBe(403);
    expect((await as(t.app, employee).patch(url(p.id), body)).statusCode).toBe(403);
    expect((await as(t.app, partner).patch(url(p.id), body)).statusCode).toBe(403);
    expect((await as(t.app, partner).get(url(p.id))).statusCode).toBe(403);
    expect((await as(t.app, psirtB).patch(url(p.id), body)).statusCode).toBe(404);
    expect((await as(t.app, psirtB).get(url(p.id))).statusCode).toBe(404);
    expect((await as(t.app, office).patch(url(p.id), body)).statusCode).toBe(200);
    expect(json<CraView>(await as(t.app, psirtA).get(url(p.id))).mainEstablishment).toBe('FR');
  });

  it('never stores a pair that fails the check when two changes race', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await newProduct({ euMarketSince: '2025-01-01', supportPeriodEnd: '2027-01-01' });
      // Each change alone is valid; together the support period would end before the market date.
      const answers = await inParallel(2, (i) =>
        as(t.app, psirtA).patch(url(p.id), i === 0 ? { euMarketSince: '2026-06-01' } : { supportPeriodEnd: '2026-01-01' }),
      );
      const codes = answers.map((a) => a.statusCode).sort();
      expect(codes).toEqual([200, 400]);
      const after = json<CraView>(await as(t.app, psirtA).get(url(p.id)));
      expect(after.supportPeriodEnd! > after.euMarketSince!).toBe(true);
    }
  });
});
