import { PassThrough } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { assetWorld, dayFromToday, type AssetWorld } from '../../assets/take-outs/test-world';
import { importBatches } from '../../../platform/imports/tables';
import { people } from '../../org/tables';
import { systemBody } from '../testing';
import { systemDevices, systemFindings } from '../tables';

type Problem = { detailCode?: string; errors?: { path: string; code?: string }[] };
type Finding = { kind: string; device: string | null; system: { id: string } | null; owner: { id: string } | null };

let w: AssetWorld;
let edr: string;
let mdm: string;
let crm: string;
let admin: string;

const csv = (url: string, body: string, who = w.officeA) => as(w.t.app, who).post(url, body, { 'content-type': 'text/csv' });
const importUrl = (source: string, unitId = w.units.siteA) => `/api/coverage-sources/${source}/import?unitId=${unitId}`;
const day = (offset: number) => `${dayFromToday(offset)} 09:00`;
const openFindings = () => w.t.database.db.select().from(systemFindings).where(isNull(systemFindings.closedAt));

beforeAll(async () => {
  w = await assetWorld();
  const post = async (body: unknown) => {
    const res = await as(w.t.app, w.office).post('/api/coverage-sources', body);
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string }>(res).id;
  };
  edr = await post({
    name: 'EDR console',
    kind: 'edr',
    columns: { device: 'Hostname', user: 'User', lastSeen: 'Last Seen', agentVersion: 'Agent', patternDate: 'Pattern' },
  });
  mdm = await post({ name: 'MDM', kind: 'mdm', columns: { device: 'Device name', lastSeen: 'Last check-in' } });
  const [person] = await w.t.database.db
    .insert(people)
    .values({ employeeNo: 'ADM1', nameJa: '管理 太郎', nameEn: 'Taro Kanri', kind: 'employee', orgUnitId: w.units.deptA })
    .returning({ id: people.id });
  admin = person!.id;
  const res = await as(w.t.app, w.officeA).post(
    '/api/systems',
    systemBody(w.units.deptA, {
      name: 'Design vault',
      administratorPersonId: admin,
      measures: { ...systemBody('').measures, mfa: false },
    }),
  );
  crm = json<{ id: string }>(res).id;
});
afterAll(() => w.t.close());

const mdmFile = () =>
  ['Device name,Last check-in', `PC-001,${day(0)}`, `PC-002,${day(-1)}`, `PC-003,${day(-45)}`, `PC-004,${day(0)}`].join('\n');
const edrFile = (withPc2 = false) =>
  [
    'Hostname,User,Last Seen,Agent,Pattern',
    `PC-001,E1,${day(0)},7.1,${dayFromToday(-1)}`,
    `PC-004,E1,${day(0)},7.1,${dayFromToday(-20)}`,
    ...(withPc2 ? [`PC-002,,${day(0)},7.1,${dayFromToday(0)}`] : []),
  ].join('\n');

describe('coverage sources', () => {
  it('refuses a mapping that misses a required column, naming the field, and lets only the group office save one', async () => {
    const res = await as(w.t.app, w.office).post('/api/coverage-sources', {
      name: 'Bad',
      kind: 'edr',
      columns: { device: 'Host' },
    });
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors).toMatchObject([{ path: 'body.columns.lastSeen', code: 'coverage.mapping_missing_field' }]);
    const site = await as(w.t.app, w.officeA).post('/api/coverage-sources', {
      name: 'Site EDR',
      kind: 'edr',
      columns: { device: 'Host', lastSeen: 'Seen' },
    });
    expect(site.statusCode).toBe(403);
    expect((await as(w.t.app, w.headA).get('/api/coverage-sources')).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get('/api/coverage-sources')).statusCode).toBe(403);
  });
});

describe('coverage import', () => {
  it('refuses a file without a mapped column, or with a wrong line, and changes nothing', async () => {
    const missing = await csv(importUrl(edr), 'Hostname,Last Seen\nPC-001,2026-01-01');
    expect(missing.statusCode).toBe(400);
    expect(json<Problem>(missing).errors!.map((e) => e.code)).toEqual(Array(3).fill('coverage.column_missing'));
    const bad = await csv(importUrl(mdm), 'Device name,Last check-in\nPC-009,2026-01-01\nPC-010,yesterday');
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors).toMatchObject([{ path: 'line 3', code: 'coverage.bad_date' }]);
    expect(await w.t.database.db.select().from(systemDevices)).toEqual([]);
    expect(await w.t.database.db.select().from(importBatches)).toEqual([]); // the staged lines are dropped too
  });

  it('stages an upload before its transaction: other requests are answered while a slow upload is still arriving', async () => {
    const upload = new PassThrough();
    upload.write('Device name,Last check-in\n');
    const pending = w.t.app.inject({
      method: 'POST',
      url: importUrl(mdm),
      headers: { authorization: `Bearer ${w.officeA.token}`, 'content-type': 'text/csv' },
      payload: upload,
    });
    upload.write(`PC-100,${day(0)}\n`);
    // the import has started reading the upload (before session 14, inside its transaction)
    while (upload.readableLength > 0 || upload.writableLength > 0) await new Promise((r) => setTimeout(r, 10));
    // on PGlite's one connection, an import that opened its transaction first held every other request until its
    // upload ended; this read would never be answered and the upload never ended
    const other = await as(w.t.app, w.officeA).get('/api/system-findings');
    expect(other.statusCode).toBe(200);
    upload.end(`PC-101,${day(0)}\n`);
    const res = await pending;
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ rows: number }>(res).rows).toBe(2);
    expect(await w.t.database.db.select().from(importBatches)).toEqual([]);
    await w.t.database.db.delete(systemDevices);
    await w.t.database.db.delete(systemFindings);
  });

  it('answers an import without a CSV body (none, JSON, text) with 415 at once, and the next import still runs', async () => {
    for (const [type, payload] of [
      [undefined, undefined],
      ['application/json', '{}'],
      ['text/plain', 'x'],
    ] as const) {
      const res = await w.t.app.inject({
        method: 'POST',
        url: importUrl(mdm),
        headers: { authorization: `Bearer ${w.officeA.token}`, ...(type ? { 'content-type': type } : {}) },
        ...(payload === undefined ? {} : { payload }),
      });
      expect(res.statusCode, `${type}`).toBe(415); // before session 13: no body left the import waiting forever
    }
    expect((await csv(importUrl(mdm), 'Device name,Last check-in\nPC-009,yesterday')).statusCode).toBe(400);
  });

  it('keeps imports to the importer’s scope', async () => {
    expect((await csv(importUrl(mdm, w.units.deptA), mdmFile(), w.officeB)).statusCode).toBe(404);
    expect((await csv(importUrl(mdm, w.units.deptA), mdmFile(), w.headA)).statusCode).toBe(403);
    expect((await csv(importUrl(mdm, w.units.deptA), mdmFile(), w.partner)).statusCode).toBe(403);
  });

  it('finds the gaps of the MDM and EDR exports and opens one finding per gap, assigned to the system owner', async () => {
    const m = await csv(importUrl(mdm), mdmFile());
    expect(m.statusCode, m.body).toBe(200);
    const e = await csv(importUrl(edr), edrFile());
    expect(json(e)).toMatchObject({ rows: 2, devices: 4 });
    const findings = json<{ items: Finding[] }>(await as(w.t.app, w.officeA).get('/api/system-findings')).items;
    const gaps = findings.map((f) => `${f.kind}:${f.device ?? f.system?.id}`).sort();
    expect(gaps).toEqual([`no_edr:PC-002`, `no_edr:PC-003`, `no_mfa:${crm}`, `not_seen:PC-003`, `stale_pattern:PC-004`].sort());
    expect(findings.find((f) => f.kind === 'no_mfa')!.owner!.id).toBe(admin);
    // the head of department A sees the gaps of its own unit only (PC-002 and PC-003 have no user: the site's)
    const head = json<{ items: Finding[] }>(await as(w.t.app, w.headA).get('/api/system-findings')).items;
    expect(head.map((f) => f.kind).sort()).toEqual(['no_mfa', 'stale_pattern']);
    const [pc1] = await w.t.database.db.select().from(systemDevices).where(eq(systemDevices.name, 'PC-001'));
    expect(pc1!.unitId).toBe(w.units.deptA); // the user E1's unit, inside the imported site
    const bySite = json<{ unit: { id: string }; devices: number; withoutEdr: number }[]>(
      await as(w.t.app, w.officeA).get('/api/coverage?by=site'),
    );
    expect(bySite).toMatchObject([{ unit: { id: w.units.siteA }, devices: 4, withoutEdr: 2 }]);
    expect(json<unknown[]>(await as(w.t.app, w.headB).get('/api/coverage'))).toEqual([]);
    expect(json<{ items: unknown[] }>(await as(w.t.app, w.headB).get('/api/system-findings')).items).toEqual([]);
  });

  it('does not open a second finding for a gap on re-import, and closes the finding once the gap is gone', async () => {
    const before = (await openFindings()).length;
    await csv(importUrl(edr), edrFile());
    expect((await openFindings()).length).toBe(before);
    const fixed = json<{ findingsClosed: number }>(await csv(importUrl(edr), edrFile(true)));
    expect(fixed.findingsClosed).toBe(1);
    const open = await w.t.database.db
      .select()
      .from(systemFindings)
      .where(and(isNull(systemFindings.closedAt), eq(systemFindings.kind, 'no_edr')));
    expect(open).toHaveLength(1);
  });

  it('keeps one open finding per gap when two imports run at once', async () => {
    await w.t.database.db.delete(systemFindings);
    const results = await inParallel(2, () => csv(importUrl(mdm), mdmFile()));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const open = await openFindings();
    const keys = open.map((f) => `${f.kind}:${f.deviceId ?? f.systemId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(open.filter((f) => f.kind === 'no_mfa')).toHaveLength(1);
  });
});
