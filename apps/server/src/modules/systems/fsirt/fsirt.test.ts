import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestUser } from '../../../test/app';
import { auditOf, inParallel } from '../../../test/concurrency';
import { assetWorld, type AssetWorld } from '../../assets/take-outs/test-world';
import { systemBody } from '../testing';
import { supplierAdvisory } from './sample-advisory';

type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };
type Impact = { id: string; rowVersion: number; productionLine: string; lineStopped: boolean; stoppedHours: number };

let w: AssetWorld;
let fsirtA: TestUser;
let fsirtB: TestUser;
const sys: Record<string, string> = {};
const inc: Record<string, string> = {};

const ot = (name: string, unitId: string, product: string, productVersion: string, line: string) =>
  systemBody(unitId, {
    name,
    kind: 'ot',
    productionLine: line,
    maxClassCode: 'internal',
    internetFacing: false,
    product,
    productVersion,
  });
const report = (typeId: string, orgUnitId: string) => ({
  typeId,
  title: 'Press line PLC stopped answering',
  description: 'The cell controller of press line 2 rebooted twice; unknown traffic seen from the MES terminal.',
  discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
  orgUnitId,
  personalData: false,
  language: 'en',
});
const put = (id: string, body: Record<string, unknown>, who: TestUser = fsirtA, headers?: Record<string, string>) =>
  as(w.t.app, who).put(`/api/fsirt-impacts/${id}`, body, headers);
const codes = (res: { json: () => unknown }) => ((res.json() as Problem).errors ?? []).map((e) => `${e.path}:${e.code}`).sort();

beforeAll(async () => {
  w = await assetWorld();
  fsirtA = await createUser(w.t.database, [{ role: 'fsirt_member', orgUnitId: w.units.siteA }]);
  fsirtB = await createUser(w.t.database, [{ role: 'fsirt_member', orgUnitId: w.units.siteB }]);
  const create = async (body: unknown) => json<{ id: string }>(await as(w.t.app, w.office).post('/api/systems', body)).id;
  sys.plc = await create(ot('Press PLC', w.units.deptA, 'KX-R PLC CPU', '1.21', 'Press line 2'));
  sys.plcB = await create(ot('Paint PLC', w.units.deptB, 'KX-R PLC CPU', '1.21', 'Paint line 1'));
  sys.hmi = await create(ot('Press HMI', w.units.deptA, 'Mirai SCADA View', '3.0', 'Press line 2'));
  sys.crm = await create(systemBody(w.units.deptA, { name: 'CRM' }));
  const open = async (typeId: string, unitId: string) =>
    json<{ id: string }>(await as(w.t.app, w.office).post('/api/incidents', report(typeId, unitId))).id;
  inc.a = await open('ot_incident', w.units.deptA);
  inc.b = await open('ot_incident', w.units.deptB);
  inc.plain = await open('malware', w.units.deptA);
}, 60_000);
afterAll(() => w.t.close());

describe('FSIRT production impact', () => {
  it('lets an FSIRT member of the site record the impact; refuses other roles and sites', async () => {
    const body = { systemId: sys.plc, lineStopped: true, stoppedHours: 3.5, note: 'Line restarted after the PLC was reflashed' };
    expect((await put(inc.a!, body, w.employee)).statusCode).toBe(403); // no incidents:manage anywhere
    expect((await put(inc.a!, body, w.partner)).statusCode).toBe(403);
    expect((await put(inc.a!, body, fsirtB)).statusCode).toBe(404); // another site's case is not told
    expect((await as(w.t.app, fsirtB).get(`/api/fsirt-impacts/${inc.a}`)).statusCode).toBe(404);
    const res = await put(inc.a!, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(json<Impact>(res)).toMatchObject({ productionLine: 'Press line 2', lineStopped: true, stoppedHours: 3.5 });
    const read = await as(w.t.app, w.ciso).get(`/api/fsirt-impacts/${inc.a}`);
    expect(read.statusCode).toBe(200);
    expect(json<Impact>(read).stoppedHours).toBe(3.5);
    const events = await auditOf(w.t.database, 'incident', inc.a!);
    expect(events.map((e) => e.action)).toContain('fsirt_impact.record');
  });

  it('refuses a case of another type, a system that is not a factory one or not in scope, hours without a stop', async () => {
    const plain = await put(inc.plain!, { systemId: sys.plc, lineStopped: false });
    expect(plain.statusCode).toBe(422);
    expect(json<Problem>(plain).detailCode).toBe('fsirt.not_fsirt');
    const bad = await put(inc.b!, { systemId: sys.crm, lineStopped: false, stoppedHours: 2 }, w.office);
    expect(bad.statusCode).toBe(400);
    expect(codes(bad)).toEqual(['body.stoppedHours:fsirt.hours_without_stop', 'body.systemId:fsirt.not_ot']);
    const foreign = await put(inc.b!, { systemId: sys.plc, lineStopped: true, stoppedHours: 1 }, fsirtB);
    expect(codes(foreign)).toEqual(['body.systemId:fsirt.system_unknown']);
    const schema = await put(inc.b!, { systemId: 'x', lineStopped: 'yes', stoppedHours: -1, extra: 1 }, fsirtB);
    expect(schema.statusCode).toBe(400);
    expect(json<Problem>(schema).errors!.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.systemId', 'body.lineStopped', 'body.stoppedHours']),
    );
    expect((await as(w.t.app, w.office).get(`/api/fsirt-impacts/${inc.b}`)).statusCode).toBe(404); // nothing written
  });

  it('takes one of two corrections sent with the same If-Match; the other gets 412', async () => {
    const current = await as(w.t.app, fsirtA).get(`/api/fsirt-impacts/${inc.a}`);
    const etag = current.headers.etag as string;
    const results = await inParallel(2, (i) =>
      put(inc.a!, { systemId: sys.plc, lineStopped: true, stoppedHours: 4 + i }, fsirtA, { 'if-match': etag }),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const after = json<Impact>(await as(w.t.app, fsirtA).get(`/api/fsirt-impacts/${inc.a}`));
    expect(after.rowVersion).toBe(2);
    // a tag sent before anything was recorded is stale too
    expect((await put(inc.b!, { systemId: sys.plcB, lineStopped: false }, fsirtB, { 'if-match': '"1"' })).statusCode).toBe(412);
  });
});

describe('supplier advisories matched against factory systems', () => {
  it('names the factory systems of the caller’s scope whose product and version the advisory lists', async () => {
    const res = await as(w.t.app, fsirtA).post('/api/ot-advisory-matches', supplierAdvisory());
    expect(res.statusCode, res.body).toBe(200);
    const body = json<{ matches: { system: { name: string }; status: string; cves: string[] }[] }>(res);
    // the press PLC (1.21, affected) and the HMI (every version named): site B's PLC is outside the member's scope
    expect(body.matches.map((m) => [m.system.name, m.status, m.cves.join()])).toEqual([
      ['Press HMI', 'under_investigation', 'CVE-2026-41001'],
      ['Press PLC', 'affected', 'CVE-2026-40000'],
    ]);
    const office = json<{ matches: unknown[] }>(await as(w.t.app, w.office).post('/api/ot-advisory-matches', supplierAdvisory()));
    expect(office.matches).toHaveLength(3);
    expect((await as(w.t.app, w.employee).post('/api/ot-advisory-matches', supplierAdvisory())).statusCode).toBe(403);
  });

  it('refuses a file that is not a CSAF 2.0 advisory, naming each missing part', async () => {
    const res = await as(w.t.app, fsirtA).post('/api/ot-advisory-matches', { document: { csaf_version: '1.2' } });
    expect(res.statusCode).toBe(400);
    expect(codes(res)).toEqual([
      'body.document.csaf_version:fsirt.csaf_shape',
      'body.document.title:fsirt.csaf_shape',
      'body.document.tracking.id:fsirt.csaf_shape',
      'body.product_tree:fsirt.csaf_shape',
      'body.vulnerabilities:fsirt.csaf_shape',
    ]);
    const broken = await as(w.t.app, fsirtA).post('/api/ot-advisory-matches', '{"document": [1,', {
      'content-type': 'application/json',
    });
    expect(broken.statusCode).toBe(400);
  });
});
