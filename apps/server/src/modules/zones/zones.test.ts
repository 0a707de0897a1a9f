import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../platform/mail/tables';
import type { Principal } from '../../platform/access/principal';
import { as, createUser, json, type TestUser } from '../../test/app';
import { inParallel } from '../../test/concurrency';
import { people } from '../org/tables';
import { assetWorld, dayFromToday, type AssetWorld } from '../assets/take-outs/test-world';
import { attentionFor } from './service';
import { bringIns, zoneFindings, zoneVisits } from './tables';
import { runZoneCheck } from './visitors/check';

type Problem = { detailCode?: string; detail?: string; errors?: { path: string; code?: string }[] };
type ZoneView = { id: string; rowVersion: number; maxClassCode: string; can: { manage: boolean; approve: boolean } };

let w: AssetWorld;
let owner: TestUser;
let ownerPerson: string;
let entrantPerson: string;

const zone = { reception: '', office: '', server: '' };

const person = async (no: string, unitId: string) =>
  (
    await w.t.database.db
      .insert(people)
      .values({ employeeNo: no, nameJa: `佐藤 ${no}`, nameEn: `Sato ${no}`, kind: 'employee', orgUnitId: unitId })
      .returning()
  )[0]!.id;

const zoneBody = (over: Record<string, unknown>) => ({
  siteId: w.units.siteA,
  kind: 'office',
  code: 'Z',
  nameJa: 'ゾーン',
  nameEn: 'Zone',
  maxClassCode: 'internal',
  ownerPersonId: ownerPerson,
  entryAll: false,
  entryRoles: [],
  entryPersonIds: [],
  entryMethods: ['id_card'],
  cameras: true,
  retentionDays: 90,
  ...over,
});
const principalOf = (u: TestUser): Principal => ({
  userId: u.id,
  email: u.email,
  name: 'x',
  kind: 'internal',
  partnerId: null,
  language: null,
  mfaEnabled: false,
  grants: [],
  via: 'token',
  sessionId: null,
  mfaEnrollmentRequired: false,
});

beforeAll(async () => {
  w = await assetWorld();
  ownerPerson = await person('OWNZ', w.units.deptA);
  entrantPerson = await person('ENT1', w.units.deptA);
  await person('STR1', w.units.deptB);
  owner = await createUser(w.t.database, [{ role: 'org_head', orgUnitId: w.units.deptA }], { personId: ownerPerson });
  const post = async (body: Record<string, unknown>) => {
    const res = await as(w.t.app, w.officeA).post('/api/zones', zoneBody(body));
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string }>(res).id;
  };
  zone.reception = await post({
    kind: 'reception',
    code: 'RCP',
    entryAll: true,
    maxClassCode: 'public',
    entryMethods: ['escort'],
  });
  zone.office = await post({ kind: 'office', code: 'OFF', entryAll: true, maxClassCode: 'confidential' });
  zone.server = await post({
    kind: 'restricted',
    code: 'SRV',
    parentId: zone.office,
    maxClassCode: 'strictly_confidential',
    entryPersonIds: [entrantPerson],
    entryMethods: ['id_card', 'face'],
  });
});
afterAll(() => w.t.close());

describe('zones per site', () => {
  it('shows everyone internal the zones of their own site, as a tree, and no other site', async () => {
    const sites = json<{ id: string; zones: { id: string; parentId: string | null }[] }[]>(
      await as(w.t.app, w.employee).get('/api/zones'),
    );
    expect(sites.map((s) => s.id)).toEqual([w.units.siteA]);
    expect(sites[0]!.zones.map((z) => z.id)).toEqual([zone.reception, zone.office, zone.server]);
    expect(sites[0]!.zones[2]!.parentId).toBe(zone.office);
    expect(json<unknown[]>(await as(w.t.app, w.employeeB).get('/api/zones'))).toEqual([]);
    expect((await as(w.t.app, w.employeeB).get(`/api/zones/${zone.office}`)).statusCode).toBe(404);
    const z = json<ZoneView>(await as(w.t.app, w.employee).get(`/api/zones/${zone.office}`));
    expect(z.can.manage).toBe(false);
  });

  it('refuses partner accounts everything', async () => {
    for (const url of [
      '/api/zones',
      `/api/zones/${zone.office}`,
      `/api/zones/${zone.office}/visits`,
      '/api/bring-ins',
      '/api/zone-findings',
    ])
      expect((await as(w.t.app, w.partner).get(url)).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).post('/api/zones', zoneBody({ code: 'P' }))).statusCode).toBe(403);
  });

  it('lets only the offices of the site manage its zones', async () => {
    expect((await as(w.t.app, w.employee).post('/api/zones', zoneBody({ code: 'E' }))).statusCode).toBe(403);
    expect((await as(w.t.app, w.officeB).post('/api/zones', zoneBody({ code: 'B' }))).statusCode).toBe(404);
    expect((await as(w.t.app, w.officeB).patch(`/api/zones/${zone.office}`, { nameEn: 'x' })).statusCode).toBe(404);
    const res = await as(w.t.app, w.office).patch(`/api/zones/${zone.office}`, { nameEn: 'Office floor 3' });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a zone less strict than the zone around it, a code twice and an unknown class, naming each field', async () => {
    const res = await as(w.t.app, w.officeA).post(
      '/api/zones',
      zoneBody({ kind: 'reception', code: 'OFF', parentId: zone.server, maxClassCode: 'top_secret' }),
    );
    expect(res.statusCode).toBe(400);
    expect(
      json<Problem>(res)
        .errors!.map((e) => `${e.path}:${e.code}`)
        .sort(),
    ).toEqual(['body.code:zones.code_taken', 'body.kind:zones.less_strict_than_parent', 'body.maxClassCode:zones.class_unknown']);
  });

  it('answers 412 to a change made on a stale version', async () => {
    const z = json<ZoneView>(await as(w.t.app, w.officeA).get(`/api/zones/${zone.reception}`));
    expect(
      (
        await as(w.t.app, w.officeA).patch(
          `/api/zones/${zone.reception}`,
          { nameEn: 'Lobby' },
          { 'if-match': `"${z.rowVersion}"` },
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await as(w.t.app, w.officeA).patch(
          `/api/zones/${zone.reception}`,
          { nameEn: 'Hall' },
          { 'if-match': `"${z.rowVersion}"` },
        )
      ).statusCode,
    ).toBe(412);
  });
});

describe('assets kept in zones', () => {
  it('refuses an asset whose class is above the zone limit, naming it, and keeps one within it', async () => {
    const refused = await as(w.t.app, w.officeA).post(`/api/zones/${zone.reception}/assets`, { assetId: w.asset.internal });
    expect(refused.statusCode).toBe(422);
    const p = json<Problem>(refused);
    expect(p.detailCode).toBe('zones.asset_above_limit');
    expect(p.detail).toContain('Sales meeting minutes');
    expect(json<unknown[]>(await as(w.t.app, w.officeA).get(`/api/zones/${zone.reception}/assets`))).toEqual([]);
    const kept = await as(w.t.app, w.officeA).post(`/api/zones/${zone.office}/assets`, { assetId: w.asset.confidential });
    expect(kept.statusCode).toBe(200);
    expect(json<{ assetId: string }[]>(kept).map((a) => a.assetId)).toEqual([w.asset.confidential]);
    expect(
      (await as(w.t.app, w.employee).post(`/api/zones/${zone.office}/assets`, { assetId: w.asset.internal })).statusCode,
    ).toBe(403);
  });

  it('refuses lowering a zone limit below an asset kept there, naming the asset, and changes nothing', async () => {
    const res = await as(w.t.app, w.officeA).patch(`/api/zones/${zone.office}`, { maxClassCode: 'internal' });
    expect(res.statusCode).toBe(422);
    const p = json<Problem>(res);
    expect(p.detailCode).toBe('zones.limit_below_assets');
    expect(p.errors).toEqual([expect.objectContaining({ path: 'body.maxClassCode', code: 'zones.asset_kept_above' })]);
    expect(JSON.stringify(p)).toContain('Customer list (Kansai)');
    expect(json<ZoneView>(await as(w.t.app, w.officeA).get(`/api/zones/${zone.office}`)).maxClassCode).toBe('confidential');
  });

  it('makes the ledger refuse raising the class of a kept asset above its zone limit', async () => {
    const res = await as(w.t.app, w.headA).patch(`/api/assets/${w.asset.confidential}`, { classCode: 'strictly_confidential' });
    expect(res.statusCode).toBe(422);
    expect(json<Problem>(res).errors).toEqual([
      expect.objectContaining({ path: 'body.classCode', code: 'zones.asset_above_limit' }),
    ]);
    // an asset kept nowhere changes class as before
    expect((await as(w.t.app, w.headA).patch(`/api/assets/${w.asset.public}`, { classCode: 'internal' })).statusCode).toBe(200);
  });
});

describe('bring-in requests', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    zoneId: zone.server,
    bringerKind: 'contractor',
    bringerName: 'Suzuki Ichiro',
    bringerCompany: 'Kansai Network Services',
    device: 'laptop',
    purpose: 'Replace the core switch',
    periodFrom: dayFromToday(0),
    periodTo: dayFromToday(1),
    ...over,
  });

  it('refuses a period that has already ended or ends before it starts', async () => {
    const past = await as(w.t.app, w.employee).post(
      '/api/bring-ins',
      body({ periodFrom: dayFromToday(-3), periodTo: dayFromToday(-1) }),
    );
    expect(past.statusCode).toBe(400);
    expect(json<Problem>(past).errors).toEqual([
      expect.objectContaining({ path: 'body.periodTo', code: 'bring_in.period_past' }),
    ]);
    const order = await as(w.t.app, w.employee).post(
      '/api/bring-ins',
      body({ periodFrom: dayFromToday(2), periodTo: dayFromToday(1) }),
    );
    expect(json<Problem>(order).errors).toEqual([expect.objectContaining({ code: 'bring_in.period_order' })]);
  });

  it('is requested by anyone internal, mailed to the zone owner, and decided by the owner alone', async () => {
    const created = await as(w.t.app, w.employee).post('/api/bring-ins', body());
    expect(created.statusCode).toBe(201);
    const b = json<{ id: string; state: string }>(created);
    expect(b.state).toBe('pending');
    const mails = await w.t.database.db.select().from(mailOutbox);
    expect(mails.some((m) => m.body.includes(`/bring-ins/${b.id}`))).toBe(true);

    const items = await attentionFor(w.t.database.db, principalOf(owner), 10);
    expect(items).toEqual([expect.objectContaining({ kind: 'bringInToApprove', id: b.id, href: `/bring-ins/${b.id}` })]);
    // the zone named in the reader's language, not both
    expect(items[0]!.title).toBe('Suzuki Ichiro → ゾーン');
    const inEnglish = await attentionFor(w.t.database.db, { ...principalOf(owner), language: 'en' }, 10);
    expect(inEnglish[0]!.title).toBe('Suzuki Ichiro → Zone');

    expect((await as(w.t.app, w.employee).post(`/api/bring-ins/${b.id}/decide`, { decision: 'approve' })).statusCode).toBe(403);
    const other = await as(w.t.app, w.headA2).post(`/api/bring-ins/${b.id}/decide`, { decision: 'approve' });
    expect(other.statusCode).toBe(404); // not the owner, not the requester, no zones:manage: not told it exists
    expect((await as(w.t.app, w.partner).post(`/api/bring-ins/${b.id}/decide`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await as(w.t.app, owner).post(`/api/bring-ins/${b.id}/decide`, { decision: 'reject' })).statusCode).toBe(400);

    const results = await inParallel(2, () => as(w.t.app, owner).post(`/api/bring-ins/${b.id}/decide`, { decision: 'approve' }));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const seen = json<{ state: string; decidedByName: string }>(await as(w.t.app, w.employee).get(`/api/bring-ins/${b.id}`));
    expect(seen.state).toBe('approved');
    expect(await attentionFor(w.t.database.db, principalOf(owner), 10)).toEqual([]);
  });

  it('refuses a site office that is not the owner with 403 naming the owner', async () => {
    const b = json<{ id: string }>(await as(w.t.app, w.employee).post('/api/bring-ins', body({ device: 'storage_media' })));
    const res = await as(w.t.app, w.officeA).post(`/api/bring-ins/${b.id}/decide`, { decision: 'approve' });
    expect(res.statusCode).toBe(403);
    expect(json<Problem>(res).detailCode).toBe('bring_in.not_owner');
  });

  it('shows a bring-in past its period as expired and refuses to approve it', async () => {
    const [row] = await w.t.database.db
      .insert(bringIns)
      .values({
        zoneId: zone.server,
        sitePath: '/',
        requesterId: w.employee.id,
        bringerKind: 'visitor',
        bringerName: 'Late Visitor',
        device: 'camera',
        purpose: 'Photos',
        periodFrom: dayFromToday(-5),
        periodTo: dayFromToday(-2),
      })
      .returning();
    const res = await as(w.t.app, owner).post(`/api/bring-ins/${row!.id}/decide`, { decision: 'approve' });
    expect(res.statusCode).toBe(409);
    expect(json<Problem>(res).detailCode).toBe('bring_in.expired');
    const list = json<{ items: { id: string; state: string }[] }>(
      await as(w.t.app, w.employee).get('/api/bring-ins?state=expired'),
    );
    expect(list.items.map((i) => i.id)).toEqual([row!.id]);
  });
});

describe('the visitor log', () => {
  it('refuses a CSV with bad lines, naming each line, and imports nothing', async () => {
    const csv = [
      'employee_no,visitor_name,visitor_company,host_employee_no,entered_at,left_at',
      'NOPE,,,,2026-11-02 09:00,2026-11-02 10:00',
      ',,,,2026-11-02 09:00,',
      ',Tanaka,ACME,ENT1,yesterday,',
      'ENT1,,,,2026-11-02 09:00,2026-11-02 08:00',
    ].join('\n');
    const res = await as(w.t.app, w.officeA).post(`/api/zones/${zone.server}/visits/import`, csv, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(400);
    expect(
      json<Problem>(res)
        .errors!.map((e) => `${e.path}:${e.code}`)
        .sort(),
    ).toEqual([
      'line 2:visits.import_person_unknown',
      'line 3:visits.who_missing',
      'line 4:visits.import_time',
      'line 5:visits.left_before_entered',
    ]);
    expect(await w.t.database.db.select().from(zoneVisits)).toEqual([]);
  });

  it('is imported and read by the offices only', async () => {
    const now = new Date(Date.now() - 3600_000).toISOString();
    const csv = [
      'employee_no,visitor_name,visitor_company,host_employee_no,entered_at,left_at',
      `ENT1,,,,${now},`,
      `STR1,,,,${now},`,
      `,Kobayashi,Kansai Network Services,ENT1,${now},`,
      `,Walk-in,,,${now},`,
      `OWNZ,,,,${now},`,
    ].join('\n');
    expect(
      (await as(w.t.app, w.employee).post(`/api/zones/${zone.server}/visits/import`, csv, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await as(w.t.app, w.officeB).post(`/api/zones/${zone.server}/visits/import`, csv, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(404);
    const res = await as(w.t.app, w.officeA).post(`/api/zones/${zone.server}/visits/import`, csv, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ created: number }>(res).created).toBe(5);
    expect(json<{ items: unknown[] }>(await as(w.t.app, w.officeA).get(`/api/zones/${zone.server}/visits`)).items).toHaveLength(
      5,
    );
    expect((await as(w.t.app, w.employee).get(`/api/zones/${zone.server}/visits`)).statusCode).toBe(403);
    expect((await as(w.t.app, w.officeB).get(`/api/zones/${zone.server}/visits`)).statusCode).toBe(404);
  });

  it('finds in the daily check who was where they may not enter, once, and tells the owner', async () => {
    const first = await runZoneCheck(w.t.database.db, { publicUrl: 'http://mamori.test' });
    expect(first.found).toBe(2); // STR1 (not named) and the walk-in without a host; ENT1, the owner and the hosted visitor are fine
    const findings = await w.t.database.db.select().from(zoneFindings);
    expect(findings.map((f) => f.reason).sort()).toEqual(['not_allowed', 'unescorted']);
    const mails = await w.t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, owner.email));
    expect(mails.some((m) => m.subject.includes('Zone entry findings'))).toBe(true);
    expect((await runZoneCheck(w.t.database.db, { publicUrl: 'http://mamori.test' })).found).toBe(0);

    const items = await attentionFor(w.t.database.db, principalOf(owner), 10);
    expect(items.filter((i) => i.kind === 'zoneFinding')).toHaveLength(2);
    const listed = json<{ id: string; who: string }[]>(await as(w.t.app, owner).get('/api/zone-findings'));
    expect(listed).toHaveLength(2);
    expect((await as(w.t.app, w.employee).post(`/api/zone-findings/${listed[0]!.id}/close`)).statusCode).toBe(404);
    expect((await as(w.t.app, owner).post(`/api/zone-findings/${listed[0]!.id}/close`)).statusCode).toBe(200);
    expect((await as(w.t.app, owner).post(`/api/zone-findings/${listed[0]!.id}/close`)).statusCode).toBe(409);
    expect(json<unknown[]>(await as(w.t.app, owner).get('/api/zone-findings'))).toHaveLength(1);
  });

  it('deletes entry records past the zone’s retention, keeping one with an open finding', async () => {
    const db = w.t.database.db;
    const longAgo = new Date(Date.now() - 10 * 365 * 86_400_000);
    const old = await db
      .insert(zoneVisits)
      .values([
        { zoneId: zone.server, visitorName: 'Old visitor', enteredAt: longAgo, source: 'manual' as const },
        { zoneId: zone.server, visitorName: 'Old walk-in', enteredAt: longAgo, source: 'manual' as const },
      ])
      .returning();
    await db
      .insert(zoneFindings)
      .values({ visitId: old[1]!.id, zoneId: zone.server, reason: 'unescorted', foundOn: '2016-01-04' });
    const before = (await db.select().from(zoneVisits)).length;
    const run = await runZoneCheck(db, { publicUrl: 'http://mamori.test' });
    expect(run.purged).toBe(1);
    const left = await db.select().from(zoneVisits);
    expect(left).toHaveLength(before - 1);
    expect(left.some((v) => v.id === old[0]!.id)).toBe(false);
    expect(left.some((v) => v.id === old[1]!.id)).toBe(true);
    expect((await runZoneCheck(db, { publicUrl: 'http://mamori.test' })).purged).toBe(0);
  });
});
