import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { assetBody, assetsWorld, makeAsset, type AssetsWorld } from '../testing';

let w: AssetsWorld;
beforeAll(async () => {
  w = await assetsWorld();
});
afterAll(() => w.t.close());

interface Scheme {
  value: { classes: { code: string; nameJa: string; nameEn: string; rank: number }[]; auditReadsFromRank: number };
  version: number;
  scope: string;
}

describe('the classification scheme', () => {
  it('starts at the built-in 極秘 / 秘 / 社外秘 / 公開 with rules per action, readable by assets:read holders', async () => {
    const res = await as(w.t.app, w.auditorA).get('/api/settings/classification');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"0"');
    const s = json<Scheme>(res);
    expect(s).toMatchObject({ scope: 'default', version: 0 });
    expect(s.value.classes.map((c) => c.nameJa)).toEqual(['極秘', '秘', '社外秘', '公開']);
    expect(s.value.auditReadsFromRank).toBe(3);
    for (const user of [w.employee, w.partnerUser])
      expect((await as(w.t.app, user).get('/api/settings/classification')).statusCode).toBe(403);
  });

  it('is saved by the security office with If-Match; a stale version is 412 and keeps the newer one', async () => {
    const s = json<Scheme>(await as(w.t.app, w.office).get('/api/settings/classification'));
    const renamed = structuredClone(s.value);
    renamed.classes[2]!.nameEn = 'Internal only';
    const first = await as(w.t.app, w.office).put('/api/settings/classification', renamed, { 'if-match': '"0"' });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    const again = structuredClone(s.value);
    again.classes[2]!.nameEn = 'Company internal';
    const stale = await as(w.t.app, w.office).put('/api/settings/classification', again, { 'if-match': '"0"' });
    expect(stale.statusCode).toBe(412);
    expect(json<Scheme>(await as(w.t.app, w.office).get('/api/settings/classification')).value.classes[2]!.nameEn).toBe(
      'Internal only',
    );
    const history = json<{ items: { version: number }[] }>(
      await as(w.t.app, w.auditorA).get('/api/settings/classification/history'),
    );
    expect(history.items.map((h) => h.version)).toEqual([1]);
  });

  it('is not for others to change: a site office, an org head or a partner account is 403', async () => {
    const s = json<Scheme>(await as(w.t.app, w.office).get('/api/settings/classification'));
    for (const user of [w.siteOfficeA, w.leaderA, w.partnerUser])
      expect((await as(w.t.app, user).put('/api/settings/classification', s.value)).statusCode).toBe(403);
  });

  it('refuses removing a class still used by assets, naming it, and accepts it once unused', async () => {
    await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { classCode: 'public' }));
    const s = json<Scheme>(await as(w.t.app, w.office).get('/api/settings/classification'));
    const fewer = { ...s.value, classes: s.value.classes.filter((c) => c.code !== 'public') };
    const res = await as(w.t.app, w.office).put('/api/settings/classification', fewer);
    expect(res.statusCode).toBe(409);
    expect(json<{ errors: { code: string; params: Record<string, unknown> }[] }>(res).errors).toEqual([
      expect.objectContaining({ code: 'assets.class_in_use', params: { class: { ja: '公開', en: 'Public' }, count: 1 } }),
    ]);
  });

  it('names bad classes: duplicate codes, an approval without approvers, a bad colour', async () => {
    const s = json<Scheme>(await as(w.t.app, w.office).get('/api/settings/classification'));
    const bad = structuredClone(s.value) as unknown as { classes: Record<string, unknown>[] };
    bad.classes[1]!.code = bad.classes[0]!.code;
    bad.classes[0]!.colour = 'red';
    (bad.classes[2]!.rules as Record<string, unknown>).take_out = { decision: 'approval', approvers: [] };
    const res = await as(w.t.app, w.office).put('/api/settings/classification', bad);
    expect(res.statusCode).toBe(400);
    const paths = json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.classes.0.colour', 'body.classes.2.rules.take_out.approvers']));
  });
});

describe('custom asset fields', () => {
  it('are defined by the security office and refuse a list without options or a duplicate key', async () => {
    const bad = await as(w.t.app, w.office).put('/api/settings/asset-fields', {
      fields: [
        { key: 'site', labelJa: '拠点', labelEn: 'Site', type: 'list' },
        { key: 'site', labelJa: '拠点2', labelEn: 'Site 2', type: 'text' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const codes = json<{ errors: { code: string }[] }>(bad).errors.map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['assets.field_options_required', 'assets.field_key_duplicate']));
    const ok = await as(w.t.app, w.office).put('/api/settings/asset-fields', {
      fields: [{ key: 'site', labelJa: '拠点', labelEn: 'Site', type: 'list', options: ['本社', '工場'], required: true }],
    });
    expect(ok.statusCode).toBe(200);
    expect((await as(w.t.app, w.leaderA).put('/api/settings/asset-fields', { fields: [] })).statusCode).toBe(403);
    expect((await as(w.t.app, w.partnerUser).get('/api/settings/asset-fields')).statusCode).toBe(403);
    // required now: an asset without it is refused, naming the field
    const res = await as(w.t.app, w.office).post('/api/assets', assetBody(w.units.deptA, w.people.a));
    expect(json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path)).toEqual(['body.custom.site']);
    await as(w.t.app, w.office).put('/api/settings/asset-fields', { fields: [] });
  });
});
