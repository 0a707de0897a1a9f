import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { auditOf, inParallel } from '../../../test/concurrency';

/** A product's CRA attributes changed → the clocks of the open cases naming it, at once (issue 17). */

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let unitId: string;

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

interface View {
  products: { code: string; noClockReason: string | null }[];
  deadlines: { productId: string | null; ruleId: string; submission: unknown }[];
}

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  const unit = { parentId: null, code: 'G', kind: 'company', nameJa: 'G', nameEn: 'G' };
  unitId = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit)).id;
}, 300_000);
afterAll(() => t?.close());

async function product(code: string, cra: Record<string, unknown>) {
  const res = await as(t.app, office).post('/api/products', { code, nameJa: code, nameEn: code, orgUnitId: unitId, ...cra });
  expect(res.statusCode).toBe(201);
  return json<{ id: string }>(res).id;
}
async function markedCase(title: string, productIds: string[]) {
  const { id } = json<{ id: string }>(await as(t.app, psirt).post('/api/vulnerabilities', { title, description: 'd' }));
  const products = productIds.map((productId) => ({ productId, status: 'affected' }));
  expect((await as(t.app, psirt).patch(`/api/vulnerabilities/${id}`, { products })).statusCode).toBe(200);
  const marked = await as(t.app, psirt).post(`/api/vulnerabilities/${id}/cra-reporting`, {
    regime: 'cra-exploited-vulnerability',
    awareAt: ago(3),
    evidence: 'Exploit seen',
  });
  expect(marked.statusCode).toBe(201);
  return id;
}
const patchProduct = (id: string, body: Record<string, unknown>) => as(t.app, office).patch(`/api/products/${id}`, body);
const deadlines = async (id: string) => json<View>(await as(t.app, psirt).get(`/api/vulnerabilities/${id}/deadlines`));
const rulesOf = (v: View, productId: string) => v.deadlines.filter((d) => d.productId === productId).map((d) => d.ruleId);
const STAGES = ['cra-vuln-early-warning', 'cra-vuln-notification', 'cra-vuln-final'];

describe('a product’s CRA attributes reach its open cases at once', () => {
  it('a product coming into scope and onto the EU market gets its clocks, audited on the case', async () => {
    const p = await product('SYNC-IN', {});
    const id = await markedCase('Comes into scope', [p]);
    expect(rulesOf(await deadlines(id), p)).toEqual([]);
    const res = await patchProduct(p, { craInScope: true, euMarketSince: '2025-01-01', mainEstablishment: 'DE' });
    expect(res.statusCode).toBe(200);
    const v = await deadlines(id);
    expect(v.products[0]!.noClockReason).toBeNull();
    expect(rulesOf(v, p)).toEqual(STAGES);
    const events = await auditOf(t.database, 'vulnerability', id);
    const event = events.find((e) => e.action === 'vulnerability.cra.product_changed')!;
    expect(event.after).toMatchObject({ product: 'SYNC-IN', craInScope: true, euMarketSince: '2025-01-01' });
    expect((event.after!.added as unknown[]).length).toBe(3);
    expect(event.before).toMatchObject({ craInScope: false, euMarketSince: null });
  });

  it('out of scope: the stages not submitted go, the submitted one stays; a closed case is left alone', async () => {
    const p = await product('SYNC-OUT', { craInScope: true, euMarketSince: '2025-01-01', mainEstablishment: 'FR' });
    const id = await markedCase('Leaves scope', [p]);
    const closed = await markedCase('Closed case', [p]);
    const submitted = await as(t.app, psirt).post(`/api/vulnerabilities/${id}/cra-reporting/submissions`, {
      ruleId: 'cra-vuln-early-warning',
      submittedAt: new Date().toISOString(),
      recipient: 'enisa_srp',
      reference: 'SRP-OUT',
      text: 'sent',
    });
    expect(submitted.statusCode).toBe(201);
    const close = await as(t.app, psirt).patch(`/api/vulnerabilities/${closed}`, {
      status: 'rejected',
    });
    expect(close.statusCode).toBe(200);
    expect((await patchProduct(p, { craInScope: false })).statusCode).toBe(200);
    const v = await deadlines(id);
    expect(rulesOf(v, p)).toEqual(['cra-vuln-early-warning']);
    expect(v.deadlines[0]!.submission).toMatchObject({ reference: 'SRP-OUT' });
    expect(v.products[0]!.noClockReason).toBe('not_in_cra_scope');
    const event = (await auditOf(t.database, 'vulnerability', id)).find((e) => e.action === 'vulnerability.cra.product_changed')!;
    expect((event.after!.dropped as { ruleId: string }[]).map((c) => c.ruleId).sort()).toEqual(STAGES.slice(1).sort());
    // the rejected case keeps what it had, and gets no entry
    expect(rulesOf(await deadlines(closed), p)).toEqual(STAGES);
    expect((await auditOf(t.database, 'vulnerability', closed)).map((e) => e.action)).not.toContain(
      'vulnerability.cra.product_changed',
    );
  });

  it('a change that is not a CRA attribute, or changes nothing, writes no case entry', async () => {
    const p = await product('SYNC-SAME', { craInScope: true, euMarketSince: '2025-01-01', mainEstablishment: 'DE' });
    const id = await markedCase('Same', [p]);
    expect((await patchProduct(p, { nameEn: 'Renamed', craInScope: true })).statusCode).toBe(200);
    expect((await auditOf(t.database, 'vulnerability', id)).map((e) => e.action)).not.toContain(
      'vulnerability.cra.product_changed',
    );
  });

  it('a product change and a case change at the same moment: neither is lost', async () => {
    const p = await product('SYNC-RACE', {});
    const q = await product('SYNC-RACE2', { craInScope: true, euMarketSince: '2025-01-01', mainEstablishment: 'DE' });
    const id = await markedCase('Race', [p]);
    const [prod, kase] = await inParallel(2, (i) =>
      i === 0
        ? patchProduct(p, { craInScope: true, euMarketSince: '2025-01-01', mainEstablishment: 'DE' })
        : as(t.app, psirt).patch(`/api/vulnerabilities/${id}`, {
            products: [
              { productId: p, status: 'affected' },
              { productId: q, status: 'affected' },
            ],
          }),
    );
    expect(prod!.statusCode).toBe(200);
    expect(kase!.statusCode).toBe(200);
    const v = await deadlines(id);
    expect(rulesOf(v, p)).toEqual(STAGES);
    expect(rulesOf(v, q)).toEqual(STAGES);
  });
});
