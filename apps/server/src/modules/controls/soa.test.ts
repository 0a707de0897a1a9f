import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/tables';
import { as, json } from '../../test/app';
import { soaEntries } from './tables';
import { controlsWorld, createSoa, decideAll, type ControlsWorld, type VersionView } from './test-world';

let w: ControlsWorld;
let group: VersionView; // the group's SoA, version 1
let siteA: VersionView; // site A's SoA, version 1
type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };

const entry = (soaId: string, v: number, c: string) => `/api/soa/${soaId}/versions/${v}/entries/${c}`;
const version = async (soaId: string, v: number) =>
  json<VersionView>(await as(w.t.app, w.office).get(`/api/soa/${soaId}/versions/${v}`));

beforeAll(async () => {
  w = await controlsWorld();
  group = await createSoa(w, w.units.group);
  siteA = await createSoa(w, w.units.siteA, w.officeA);
});
afterAll(() => w.t.close());

describe('the controls catalogue', () => {
  it('serves the 93 controls to readers and refuses employees and partner accounts', async () => {
    const res = await as(w.t.app, w.auditor).get('/api/controls');
    expect(res.statusCode).toBe(200);
    expect(json<unknown[]>(res)).toHaveLength(93);
    expect((await as(w.t.app, w.employee).get('/api/controls')).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get('/api/controls')).statusCode).toBe(403);
  });
});

describe('creating an SoA', () => {
  it('starts with a draft listing the 93 controls, none decided', () => {
    expect(group).toMatchObject({ number: 1, status: 'draft' });
    expect(group.entries).toHaveLength(93);
    expect(group.entries.every((e) => e.applicable === null && e.status === 'not_started')).toBe(true);
  });

  it('refuses a second SoA for the same scope, and a site office a scope outside its site', async () => {
    const again = await as(w.t.app, w.office).post('/api/soa', { scopeUnitId: w.units.group });
    expect(again.statusCode).toBe(409);
    const outside = await as(w.t.app, w.officeA).post('/api/soa', { scopeUnitId: w.units.siteB });
    expect(outside.statusCode).toBe(400);
    expect(json<Problem>(outside).errors).toEqual([
      expect.objectContaining({ path: 'body.scopeUnitId', code: 'soa.scope_unknown' }),
    ]);
    expect((await as(w.t.app, w.headA).post('/api/soa', { scopeUnitId: w.units.deptA })).statusCode).toBe(403);
    expect((await as(w.t.app, w.ciso).post('/api/soa', { scopeUnitId: w.units.siteB })).statusCode).toBe(403);
  });
});

describe('who sees which SoA', () => {
  const scopes = async (user: ControlsWorld['office']) =>
    json<{ scope: { id: string } }[]>(await as(w.t.app, user).get('/api/soa'))
      .map((s) => s.scope.id)
      .sort();

  it('shows the group SoA to everyone it applies to, a site SoA only inside and above the site', async () => {
    expect(await scopes(w.office)).toEqual([w.units.group, w.units.siteA].sort());
    expect(await scopes(w.headA)).toEqual([w.units.group, w.units.siteA].sort());
    expect(await scopes(w.officeB)).toEqual([w.units.group]);
    expect((await as(w.t.app, w.officeB).get(`/api/soa/${siteA.soaId}/versions/1`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.officeB).get(`/api/soa/${siteA.soaId}/versions`)).statusCode).toBe(404);
  });

  it('refuses partner accounts and employees everything', async () => {
    for (const user of [w.partner, w.employee]) {
      expect((await as(w.t.app, user).get('/api/soa')).statusCode).toBe(403);
      expect((await as(w.t.app, user).get(`/api/soa/${group.soaId}/versions/1`)).statusCode).toBe(403);
      expect((await as(w.t.app, user).get(`/api/soa/${group.soaId}/versions/1/soa.pdf`)).statusCode).toBe(403);
      expect((await as(w.t.app, user).patch(entry(group.soaId, 1, '5.1'), { applicable: true })).statusCode).toBe(403);
    }
  });

  it('lets a site office read the group SoA but not change it, and not touch another site', async () => {
    const wider = await as(w.t.app, w.officeA).patch(entry(group.soaId, 1, '5.1'), { applicable: true });
    expect(wider.statusCode).toBe(403);
    expect(json<Problem>(wider).detailCode).toBe('soa.scope_not_yours');
    expect((await as(w.t.app, w.officeB).patch(entry(siteA.soaId, 1, '5.1'), { applicable: true })).statusCode).toBe(404);
    expect((await as(w.t.app, w.officeA).patch(entry(siteA.soaId, 1, '5.1'), { applicable: true })).statusCode).toBe(200);
  });
});

describe('editing a draft', () => {
  it('changes one entry, bumps the version ETag and audits before and after', async () => {
    const res = await as(w.t.app, w.office).patch(entry(group.soaId, 1, '7.7'), {
      applicable: true,
      status: 'partial',
      justification: '設計室で図面を扱うため',
      policies: ['情報セキュリティ規程 第12条'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${json<{ rowVersion: number }>(res).rowVersion}"`);
    expect(json(res)).toMatchObject({
      controlId: '7.7',
      applicable: true,
      status: 'partial',
      policies: ['情報セキュリティ規程 第12条'],
    });
    const [event] = await w.t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'soa.entry.update'), eq(auditEvents.targetId, group.soaId)));
    expect(event).toMatchObject({ before: expect.objectContaining({ controlId: '7.7', applicable: null }) });
  });

  it('answers 404 for a control that is not in Annex A and 400 for a malformed one', async () => {
    expect((await as(w.t.app, w.office).patch(entry(group.soaId, 1, '5.99'), { applicable: true })).statusCode).toBe(404);
    expect((await as(w.t.app, w.office).patch(entry(group.soaId, 1, 'A.5'), { applicable: true })).statusCode).toBe(400);
  });

  it('refuses with 412 an edit made from a stale read, and changes nothing', async () => {
    const tag = (await as(w.t.app, w.office).get(`/api/soa/${group.soaId}/versions/1`)).headers.etag as string;
    const first = await as(w.t.app, w.office).patch(
      entry(group.soaId, 1, '8.1'),
      { justification: 'first' },
      { 'if-match': tag },
    );
    const stale = await as(w.t.app, w.office).patch(
      entry(group.soaId, 1, '8.1'),
      { justification: 'second' },
      { 'if-match': tag },
    );
    expect([first.statusCode, stale.statusCode]).toEqual([200, 412]);
    expect((await version(group.soaId, 1)).entries.find((e) => e.controlId === '8.1')!.justification).toBe('first');
  });

  it('lets exactly one of two simultaneous edits with the same If-Match through', async () => {
    const tag = (await as(w.t.app, w.office).get(`/api/soa/${group.soaId}/versions/1`)).headers.etag as string;
    const results = await Promise.all(
      ['one', 'two'].map((j) =>
        as(w.t.app, w.office).patch(entry(group.soaId, 1, '8.2'), { justification: j }, { 'if-match': tag }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const winner = json<{ justification: string }>(results.find((r) => r.statusCode === 200)!).justification;
    expect((await version(group.soaId, 1)).entries.find((e) => e.controlId === '8.2')!.justification).toBe(winner);
  });
});

describe('submitting, approving, returning', () => {
  it('refuses to submit while controls are undecided, naming every one', async () => {
    const res = await as(w.t.app, w.office).post(`/api/soa/${group.soaId}/versions/1/submit`);
    expect(res.statusCode).toBe(400);
    const errors = json<Problem>(res).errors!;
    expect(errors).toHaveLength(92); // 7.7 is decided
    expect(errors[0]).toMatchObject({ path: 'entries.5.1.applicable', code: 'soa.undecided' });
    expect(errors.map((e) => e.path)).not.toContain('entries.7.7.applicable');
    expect((await version(group.soaId, 1)).status).toBe('draft');
  });

  it('refuses an exclusion without a reason', async () => {
    await decideAll(w, group.id);
    await as(w.t.app, w.office).patch(entry(group.soaId, 1, '7.5'), { applicable: false, justification: '  ' });
    const res = await as(w.t.app, w.office).post(`/api/soa/${group.soaId}/versions/1/submit`);
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors).toEqual([
      expect.objectContaining({ path: 'entries.7.5.justification', code: 'soa.justification_required' }),
    ]);
    await as(w.t.app, w.office).patch(entry(group.soaId, 1, '7.5'), { justification: '自社で建物を保有していないため' });
  });

  it('submits, then refuses edits in review with 409, approval by anyone but the CISO with 403', async () => {
    expect((await as(w.t.app, w.office).post(`/api/soa/${group.soaId}/versions/1/submit`)).statusCode).toBe(200);
    const edit = await as(w.t.app, w.office).patch(entry(group.soaId, 1, '5.1'), { status: 'partial' });
    expect(edit.statusCode).toBe(409);
    expect(json<Problem>(edit).detailCode).toBe('soa.not_draft');
    for (const user of [w.office, w.officeA, w.headA, w.auditor, w.partner])
      expect((await as(w.t.app, user).post(`/api/soa/${group.soaId}/versions/1/approve`)).statusCode).toBe(403);
    const ok = await as(w.t.app, w.ciso).post(`/api/soa/${group.soaId}/versions/1/approve`);
    expect(ok.statusCode).toBe(200);
    expect(json<VersionView>(ok)).toMatchObject({ status: 'approved', approvedBy: { name: expect.any(String) } });
  });

  it('keeps an approved version frozen: 409 through the API, refused by the database too', async () => {
    const edit = await as(w.t.app, w.office).patch(entry(group.soaId, 1, '5.1'), { status: 'partial' });
    expect(edit.statusCode).toBe(409);
    expect(json<Problem>(edit).detailCode).toBe('soa.not_draft');
    expect((await as(w.t.app, w.ciso).post(`/api/soa/${group.soaId}/versions/1/approve`)).statusCode).toBe(409);
    await expect(
      w.t.database.db.update(soaEntries).set({ justification: 'rewritten' }).where(eq(soaEntries.versionId, group.id)),
    ).rejects.toThrow();
  });

  it('starts one new draft copied from the approved version, and shows what changed', async () => {
    const v2 = await as(w.t.app, w.office).post(`/api/soa/${group.soaId}/versions`);
    expect(v2.statusCode).toBe(201);
    expect(json<VersionView>(v2)).toMatchObject({ number: 2, status: 'draft' });
    expect(json<VersionView>(v2).entries.find((e) => e.controlId === '7.5')).toMatchObject({ applicable: false });
    const again = await as(w.t.app, w.office).post(`/api/soa/${group.soaId}/versions`);
    expect(again.statusCode).toBe(409);
    expect(json<Problem>(again).detailCode).toBe('soa.open_exists');
    await as(w.t.app, w.office).patch(entry(group.soaId, 2, '7.5'), { applicable: true, status: 'partial' });
    const diff = json<{ changes: { controlId: string; fields: { field: string; from: unknown; to: unknown }[] }[] }>(
      await as(w.t.app, w.auditor).get(`/api/soa/${group.soaId}/diff?from=1&to=2`),
    );
    expect(diff.changes).toEqual([
      {
        controlId: '7.5',
        fields: [
          { field: 'applicable', from: false, to: true },
          { field: 'status', from: 'implemented', to: 'partial' },
        ],
      },
    ]);
    expect((await as(w.t.app, w.officeB).get(`/api/soa/${siteA.soaId}/diff?from=1&to=1`)).statusCode).toBe(404);
  });

  it('lets the CISO return a version in review with a reason, back to draft', async () => {
    expect((await as(w.t.app, w.office).post(`/api/soa/${group.soaId}/versions/2/submit`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.office).post(`/api/soa/${group.soaId}/versions/2/return`, { reason: 'x' })).statusCode).toBe(403);
    const res = await as(w.t.app, w.ciso).post(`/api/soa/${group.soaId}/versions/2/return`, {
      reason: '7.5の理由を補足してください',
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ status: 'draft', returnReason: '7.5の理由を補足してください' });
    const list = json<{ approved: { number: number }; open: { number: number; status: string } }[]>(
      await as(w.t.app, w.officeB).get('/api/soa'),
    );
    expect(list[0]).toMatchObject({ approved: { number: 1 }, open: { number: 2, status: 'draft' } });
  });
});

describe('evidence files', () => {
  const pdf = Buffer.from('%PDF-1.4\n% evidence\n').toString('base64');
  const url = () => `${entry(group.soaId, 2, '8.13')}/evidence`;

  it('stores a file of an accepted type with its hash, lists it and gives it back', async () => {
    const res = await as(w.t.app, w.office).post(url(), {
      name: 'backup-test.pdf',
      mediaType: 'application/pdf',
      contentBase64: pdf,
    });
    expect(res.statusCode).toBe(201);
    const file = json<{ id: string; sha256: string; size: number }>(res);
    expect(file.size).toBe(20);
    expect(json<unknown[]>(await as(w.t.app, w.auditor).get(url()))).toHaveLength(1);
    const down = await as(w.t.app, w.headA).get(`${url()}/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.toString()).toContain('% evidence');
  });

  it('refuses other content types, bad base64, partner accounts and outsiders', async () => {
    const exe = await as(w.t.app, w.office).post(url(), {
      name: 'x.exe',
      mediaType: 'application/x-msdownload',
      contentBase64: pdf,
    });
    expect(exe.statusCode).toBe(400);
    expect(json<Problem>(exe).errors![0]).toMatchObject({ path: 'body.mediaType', code: 'soa.evidence_type' });
    const bad = await as(w.t.app, w.office).post(url(), { name: 'x.pdf', mediaType: 'application/pdf', contentBase64: '***' });
    expect(json<Problem>(bad).errors![0]).toMatchObject({ path: 'body.contentBase64' });
    expect((await as(w.t.app, w.partner).get(url())).statusCode).toBe(403);
    expect(
      (await as(w.t.app, w.officeA).post(url(), { name: 'a.pdf', mediaType: 'application/pdf', contentBase64: pdf })).statusCode,
    ).toBe(403);
    expect(json<unknown[]>(await as(w.t.app, w.office).get(url()))).toHaveLength(1);
  });
});
