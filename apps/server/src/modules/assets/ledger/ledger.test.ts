import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { auditOf, inParallel } from '../../../test/concurrency';
import { assetBody, assetsWorld, makeAsset, type AssetsWorld, type AssetView } from '../testing';

let w: AssetsWorld;
beforeAll(async () => {
  w = await assetsWorld();
});
afterAll(() => w.t.close());

type Page = { items: AssetView[]; nextCursor: string | null; total?: number };
type Problem = { errors: { path: string; code?: string }[]; detailCode?: string };
const paths = (res: { json(): unknown }) => (res.json() as Problem).errors.map((e) => e.path).sort();

describe('the asset ledger', () => {
  it('creates an asset and shows it with its unit and owner; a promotion leader keeps their unit’s ledger', async () => {
    const a = await makeAsset(w.t.app, w.leaderA, assetBody(w.units.deptA, w.people.a, { name: '設計図面 A' }));
    expect(a).toMatchObject({ name: '設計図面 A', classCode: 'confidential', status: 'active', copies: 0 });
    const got = await as(w.t.app, w.leaderA).get(`/api/assets/${a.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe(`"${a.rowVersion}"`);
    // outside the leader's unit: refused as an unknown unit, nothing written
    const outside = await as(w.t.app, w.leaderA).post('/api/assets', assetBody(w.units.siteB, w.people.b));
    expect(outside.statusCode).toBe(400);
    expect(paths(outside)).toEqual(['body.unitId']);
  });

  it('names every failing field: unknown class, C/I/A out of 1–3, unknown owner, custom value of the wrong type', async () => {
    const put = await as(w.t.app, w.office).put('/api/settings/asset-fields', {
      fields: [
        { key: 'system_name', labelJa: 'システム名', labelEn: 'System', type: 'text' },
        { key: 'copies_made', labelJa: '部数', labelEn: 'Copies', type: 'number' },
        { key: 'review_on', labelJa: '見直し日', labelEn: 'Review on', type: 'date' },
      ],
    });
    expect(put.statusCode).toBe(200);
    const res = await as(w.t.app, w.office).post(
      '/api/assets',
      assetBody(w.units.deptA, '00000000-0000-4000-8000-000000000000', {
        classCode: 'top_secret',
        custom: { copies_made: 'many', review_on: '2026-13-40', nope: 'x' },
      }),
    );
    expect(res.statusCode).toBe(400);
    const cia = await as(w.t.app, w.office).post(
      '/api/assets',
      assetBody(w.units.deptA, w.people.a, { confidentiality: 4, availability: 0 }),
    );
    expect(paths(cia)).toEqual(['body.availability', 'body.confidentiality']);
    expect(paths(res)).toEqual(
      ['body.classCode', 'body.ownerId', 'body.custom.copies_made', 'body.custom.review_on', 'body.custom.nope'].sort(),
    );
  });

  it('lists with filters and keyset pages; text search also matches text custom fields', async () => {
    for (const [i, name] of ['生産計画 2026', '生産計画 2027', '人事評価', '図面CAD'].entries())
      await makeAsset(
        w.t.app,
        w.office,
        assetBody(i % 2 ? w.units.siteB : w.units.deptA, i % 2 ? w.people.b : w.people.a, {
          name,
          kind: i === 3 ? 'system' : 'paper',
          personalData: name === '人事評価',
          custom: { system_name: i === 3 ? 'Teamcenter PLM' : '' },
        }),
      );
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(w.t.app, w.office).get(`/api/assets?limit=2&total=true${cursor ? `&cursor=${cursor}` : ''}`);
      const p = json<Page>(res);
      expect(p.total).toBeGreaterThanOrEqual(5);
      all.push(...p.items.map((a) => a.name));
      cursor = p.nextCursor;
    } while (cursor);
    // keyset pages give the one order of the ledger (by unit, then name), each asset once
    const one = json<Page>(await as(w.t.app, w.office).get('/api/assets?limit=500')).items.map((a) => a.name);
    expect(all).toEqual(one);
    expect(new Set(all).size).toBe(all.length);
    const names = async (q: string) => json<Page>(await as(w.t.app, w.office).get(`/api/assets?${q}`)).items.map((a) => a.name);
    expect((await names('q=生産')).sort()).toEqual(['生産計画 2026', '生産計画 2027']);
    expect(await names('q=teamcenter')).toEqual(['図面CAD']);
    expect(await names(`unitId=${w.units.siteB}`)).toEqual(['図面CAD', '生産計画 2027']);
    expect(await names('personalData=true')).toEqual(['人事評価']);
    expect(await names('kind=system')).toEqual(['図面CAD']);
    // a site office sees its site only; another site's unit is a 404
    const site = await names('limit=500');
    expect(json<Page>(await as(w.t.app, w.siteOfficeA).get('/api/assets?limit=500')).items.map((a) => a.name)).not.toContain(
      '生産計画 2027',
    );
    expect(site).toContain('生産計画 2027');
    expect((await as(w.t.app, w.siteOfficeA).get(`/api/assets?unitId=${w.units.siteB}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.office).get('/api/assets?cursor=bm9wZQ')).statusCode).toBe(400);
  });

  it('refuses the ledger to accounts without the action and to partner accounts', async () => {
    const a = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { classCode: 'internal' }));
    for (const user of [w.employee, w.partnerUser]) {
      expect((await as(w.t.app, user).get('/api/assets')).statusCode).toBe(403);
      expect((await as(w.t.app, user).get(`/api/assets/${a.id}`)).statusCode).toBe(403);
      expect((await as(w.t.app, user).post('/api/assets', assetBody(w.units.deptA, w.people.a))).statusCode).toBe(403);
      expect((await as(w.t.app, user).patch(`/api/assets/${a.id}`, { name: 'x' })).statusCode).toBe(403);
      expect((await as(w.t.app, user).get(`/api/assets/export.csv?unitId=${w.units.siteA}`)).statusCode).toBe(403);
    }
    // an auditor reads but does not change
    expect((await as(w.t.app, w.auditorA).get(`/api/assets/${a.id}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.auditorA).patch(`/api/assets/${a.id}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('audits every read of a 極秘 or 秘 record, not of a 社外秘 one', async () => {
    const secret = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { classCode: 'confidential' }));
    const internal = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { classCode: 'internal' }));
    await as(w.t.app, w.auditorA).get(`/api/assets/${secret.id}`);
    await as(w.t.app, w.auditorA).get(`/api/assets/${secret.id}`);
    await as(w.t.app, w.auditorA).get(`/api/assets/${internal.id}`);
    expect((await auditOf(w.t.database, 'asset', secret.id)).filter((e) => e.action === 'asset.read')).toHaveLength(2);
    expect((await auditOf(w.t.database, 'asset', internal.id)).filter((e) => e.action === 'asset.read')).toHaveLength(0);
  });

  it('shows a 極秘 asset only to its owner and to managers in scope', async () => {
    const top = await makeAsset(
      w.t.app,
      w.office,
      assetBody(w.units.deptA, w.people.leader, { classCode: 'strictly_confidential', name: '極秘 M&A 計画' }),
    );
    const other = await makeAsset(
      w.t.app,
      w.office,
      assetBody(w.units.deptA, w.people.a, { classCode: 'strictly_confidential', name: '極秘 新製品' }),
    );
    const seen = async (u: typeof w.office) =>
      json<Page>(await as(w.t.app, u).get('/api/assets?limit=500&classCode=strictly_confidential')).items.map((a) => a.id);
    expect(await seen(w.auditorA)).toEqual([]);
    expect((await as(w.t.app, w.auditorA).get(`/api/assets/${top.id}`)).statusCode).toBe(404);
    // the leader manages the unit (and owns one of them)
    expect((await seen(w.leaderA)).sort()).toEqual([top.id, other.id].sort());
    expect((await seen(w.siteOfficeA)).sort()).toEqual([top.id, other.id].sort());
  });

  it('updates with If-Match: a stale tag is 412 and changes nothing', async () => {
    const a = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a));
    const ok = await as(w.t.app, w.office).patch(
      `/api/assets/${a.id}`,
      { location: '本館3F 書庫' },
      { 'if-match': `"${a.rowVersion}"` },
    );
    expect(ok.statusCode).toBe(200);
    const stale = await as(w.t.app, w.office).patch(
      `/api/assets/${a.id}`,
      { location: '別館' },
      { 'if-match': `"${a.rowVersion}"` },
    );
    expect(stale.statusCode).toBe(412);
    expect(json<{ location: string }>(await as(w.t.app, w.office).get(`/api/assets/${a.id}`)).location).toBe('本館3F 書庫');
  });

  it('queues two concurrent changes of one asset: both apply and the audit trail links up', async () => {
    const a = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { custom: { copies_made: 1 } }));
    const results = await inParallel(2, (i) =>
      as(w.t.app, w.office).patch(`/api/assets/${a.id}`, i ? { location: '金庫' } : { custom: { system_name: 'SAP' } }),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const final = json<{ location: string; custom: Record<string, unknown>; rowVersion: number }>(
      await as(w.t.app, w.office).get(`/api/assets/${a.id}`),
    );
    expect(final).toMatchObject({ location: '金庫', custom: { system_name: 'SAP', copies_made: 1 }, rowVersion: 3 });
    const events = (await auditOf(w.t.database, 'asset', a.id)).filter((e) => e.action === 'asset.update');
    expect(events).toHaveLength(2);
    expect(events[1]!.before).toEqual(events[0]!.after);
  });

  it('manages copies with their original and disposes of an asset instead of deleting it', async () => {
    const original = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { name: '顧客名簿 原本' }));
    const copy = await makeAsset(
      w.t.app,
      w.office,
      assetBody(w.units.deptA, w.people.a, { name: '顧客名簿 写し', originalId: original.id }),
    );
    const copyOfCopy = await as(w.t.app, w.office).post(
      '/api/assets',
      assetBody(w.units.deptA, w.people.a, { name: 'x', originalId: copy.id }),
    );
    expect(paths(copyOfCopy)).toEqual(['body.originalId']);
    const page = json<AssetView>(await as(w.t.app, w.office).get(`/api/assets/${original.id}`));
    expect(page.copyList.map((c) => c.id)).toEqual([copy.id]);
    expect(page.copies).toBe(1);
    const disposed = await as(w.t.app, w.office).post(`/api/assets/${copy.id}/dispose`, {
      disposedOn: '2026-12-01',
      method: 'シュレッダー',
    });
    expect(disposed.statusCode).toBe(200);
    expect(json(disposed)).toMatchObject({ status: 'disposed', disposedOn: '2026-12-01', disposedMethod: 'シュレッダー' });
    expect((await as(w.t.app, w.office).patch(`/api/assets/${copy.id}`, { name: 'y' })).statusCode).toBe(409);
    const active = json<Page>(await as(w.t.app, w.office).get('/api/assets?q=顧客名簿 写し')).items;
    expect(active).toEqual([]);
    const gone = json<Page>(await as(w.t.app, w.office).get('/api/assets?q=顧客名簿 写し&status=disposed')).items;
    expect(gone.map((a) => a.id)).toEqual([copy.id]);
  });
});
