import type {
  ClassificationScheme,
  CompanyProfile,
  CompanyProfileBody,
  EffectiveCompanySettings,
  SettingReach,
} from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearSettingCache } from '../../platform/settings/effective';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let admin: TestUser;
let holdingOffice: TestUser;
let autoOffice: TestUser;
let autoCiso: TestUser;
let solOffice: TestUser;
let siteOffice: TestUser;
let employee: TestUser;
const u: Record<string, string> = {};
const person: Record<string, string> = {};

const unit = (parentId: string | null, code: string, kind: string) => ({
  parentId,
  code,
  kind,
  nameJa: `組織 ${code}`,
  nameEn: `Unit ${code}`,
});

const profile = (over: Partial<CompanyProfileBody> = {}): CompanyProfileBody => ({
  cisoPersonId: null,
  cpoPersonId: null,
  securityOfficeUnitId: null,
  fiscalYearStartMonth: 4,
  defaultLanguage: 'ja',
  timeZone: 'Asia/Tokyo',
  publicNameJa: '星空オート',
  publicNameEn: 'Hoshizora Auto',
  psirtContact: 'psirt@auto.example',
  privacyWindow: 'privacy@auto.example',
  modules: ['assets', 'incidents'],
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  const add = async (code: string, kind: string, parent?: string) => {
    u[code] = json<{ id: string }>(
      await as(t.app, admin).post('/api/org-units', unit(parent ? u[parent]! : null, code, kind)),
    ).id;
  };
  await add('HOLD', 'company');
  await add('AUTO', 'company', 'HOLD');
  await add('AUTO-SITE', 'site', 'AUTO');
  await add('AUTO-SEC', 'department', 'AUTO-SITE');
  await add('SOL', 'company', 'HOLD');
  await add('SOL-SITE', 'site', 'SOL');
  for (const [key, unitCode] of [
    ['autoCiso', 'AUTO-SEC'],
    ['solPerson', 'SOL-SITE'],
  ] as const) {
    const res = await as(t.app, admin).post('/api/people', {
      employeeNo: `E-${key}`,
      nameJa: key,
      nameEn: key,
      kind: 'employee',
      orgUnitId: u[unitCode],
    });
    person[key] = json<{ id: string }>(res).id;
  }
  holdingOffice = await createUser(t.database, [{ role: 'security_office' }]);
  autoOffice = await createUser(t.database, [{ role: 'security_office', orgUnitId: u.AUTO }]);
  autoCiso = await createUser(t.database, [{ role: 'ciso', orgUnitId: u.AUTO }]);
  solOffice = await createUser(t.database, [{ role: 'security_office', orgUnitId: u.SOL }]);
  siteOffice = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: u['AUTO-SITE'] }]);
  employee = await createUser(t.database, [{ role: 'employee' }]);
});
afterAll(() => t.close());

describe('company profiles', () => {
  it('lists the companies in the reader’s scope, holding first, with key figures', async () => {
    const all = json<{
      items: { code: string; parentCompanyId: string | null; figures: { units: number; affiliates: number } }[];
    }>(await as(t.app, holdingOffice).get('/api/companies'));
    expect(all.items.map((c) => c.code)).toEqual(['HOLD', 'AUTO', 'SOL']);
    expect(all.items[0]!.figures).toMatchObject({ units: 6, affiliates: 2 });
    expect(all.items[1]!.parentCompanyId).toBe(u.HOLD);
    const own = json<{ items: { code: string }[] }>(await as(t.app, autoOffice).get('/api/companies'));
    expect(own.items.map((c) => c.code)).toEqual(['AUTO']);
  });

  it('answers the defaults before a save, then saves with If-Match and refuses a stale one', async () => {
    const first = await as(t.app, autoOffice).get(`/api/companies/${u.AUTO}`);
    expect(json<CompanyProfile>(first)).toMatchObject({ rowVersion: 0, fiscalYearStartMonth: 4, timeZone: 'Asia/Tokyo' });
    const saved = await as(t.app, autoOffice).put(`/api/companies/${u.AUTO}`, profile({ cisoPersonId: person.autoCiso! }), {
      'if-match': '"0"',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    expect(json<CompanyProfile>(saved).ciso?.nameEn).toBe('autoCiso');
    const stale = await as(t.app, holdingOffice).put(`/api/companies/${u.AUTO}`, profile(), { 'if-match': '"0"' });
    expect(stale.statusCode).toBe(412);
    expect(json<CompanyProfile>(await as(t.app, autoCiso).get(`/api/companies/${u.AUTO}`)).ciso?.id).toBe(person.autoCiso);
  });

  it('names a CISO or office unit outside the company and every malformed field, writing nothing', async () => {
    const outside = await as(t.app, autoOffice).put(
      `/api/companies/${u.AUTO}`,
      profile({ cisoPersonId: person.solPerson!, securityOfficeUnitId: u['SOL-SITE']! }),
    );
    expect(outside.statusCode).toBe(400);
    const paths = json<{ errors: { path: string; code: string }[] }>(outside).errors;
    expect(paths.map((e) => [e.path, e.code])).toEqual([
      ['body.cisoPersonId', 'group.person_unknown'],
      ['body.securityOfficeUnitId', 'group.unit_outside_company'],
    ]);
    const bad = await as(t.app, autoOffice).put(`/api/companies/${u.AUTO}`, {
      ...profile(),
      fiscalYearStartMonth: 13,
      timeZone: 'Mars/Olympus',
      modules: ['teleport'],
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(bad).errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.fiscalYearStartMonth', 'body.timeZone', 'body.modules.0']),
    );
    expect(json<CompanyProfile>(await as(t.app, autoOffice).get(`/api/companies/${u.AUTO}`)).rowVersion).toBe(1);
  });

  it('keeps a company office out of its sister company and refuses roles without the action', async () => {
    expect((await as(t.app, solOffice).get(`/api/companies/${u.AUTO}`)).statusCode).toBe(404);
    expect((await as(t.app, solOffice).put(`/api/companies/${u.AUTO}`, profile())).statusCode).toBe(404);
    expect((await as(t.app, autoCiso).put(`/api/companies/${u.AUTO}`, profile())).statusCode).toBe(403);
    expect((await as(t.app, siteOffice).get('/api/companies')).statusCode).toBe(403);
    expect((await as(t.app, employee).get(`/api/companies/${u.AUTO}`)).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/companies')).statusCode).toBe(401);
    // a unit that is not a company is not a company profile
    expect((await as(t.app, holdingOffice).get(`/api/companies/${u['AUTO-SITE']}`)).statusCode).toBe(404);
  });
});

describe('company settings', () => {
  const scheme = async () =>
    json<EffectiveCompanySettings>(await as(t.app, autoOffice).get(`/api/companies/${u.AUTO}/settings`)).items.find(
      (i) => i.key === 'assets.classification',
    )!;

  it('shows each setting’s effective value and where it comes from', async () => {
    const s = await scheme();
    expect(s).toMatchObject({ source: 'default', ownVersion: 0, stricterOnly: true });
    const keys = json<EffectiveCompanySettings>(await as(t.app, autoOffice).get(`/api/companies/${u.AUTO}/settings`)).items.map(
      (i) => i.key,
    );
    expect(keys).toEqual(expect.arrayContaining(['assets.classification', 'risks.method']));
  });

  it('takes a stricter class rule from the company and applies it to its units only', async () => {
    const own = structuredClone((await scheme()).value as ClassificationScheme);
    const internal = own.classes.findIndex((c) => c.code === 'internal');
    own.classes[internal]!.rules.take_out = { decision: 'forbidden', approvers: [], conditions: [], noteJa: '', noteEn: '' };
    const res = await as(t.app, autoOffice).put(
      `/api/companies/${u.AUTO}/settings/assets.classification`,
      { value: own },
      {
        'if-match': '"0"',
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    clearSettingCache();
    const applied = json<{ value: ClassificationScheme; scope: string }>(
      await as(t.app, holdingOffice).get(`/api/settings/classification?unitId=${u['AUTO-SEC']}`),
    );
    expect(applied.scope).toBe(u.AUTO);
    expect(applied.value.classes.find((c) => c.code === 'internal')!.rules.take_out.decision).toBe('forbidden');
    const sister = json<{ scope: string }>(
      await as(t.app, holdingOffice).get(`/api/settings/classification?unitId=${u['SOL-SITE']}`),
    );
    expect(sister.scope).not.toBe(u.AUTO);
  });

  it('refuses a company value that loosens the group’s rule, naming each loosened field, and changes nothing', async () => {
    const own = structuredClone((await scheme()).inherited as ClassificationScheme);
    const i = own.classes.findIndex((c) => c.code === 'strictly_confidential');
    own.classes[i]!.rules.send_outside = { decision: 'allowed', approvers: [], conditions: [], noteJa: '', noteEn: '' };
    own.classes[i]!.rules.share_partner.conditions = ['nda'];
    own.classes[i]!.rules.take_out.approvers = ['org_head'];
    own.auditReadsFromRank = 5;
    own.classes = own.classes.filter((c) => c.code !== 'public');
    const res = await as(t.app, solOffice).put(`/api/companies/${u.SOL}/settings/assets.classification`, { value: own });
    expect(res.statusCode).toBe(400);
    const body = json<{ detailCode: string; errors: { path: string; code: string }[] }>(res);
    expect(body.detailCode).toBe('group.stricter_only_detail');
    expect(body.errors.map((e) => [e.path, e.code])).toEqual([
      ['body.value.classes.0.rules.send_outside.decision', 'group.decision_looser'],
      ['body.value.classes.0.rules.share_partner.conditions', 'group.condition_dropped'],
      // one per dropped approver (the site office and the CISO)
      ['body.value.classes.0.rules.take_out.approvers', 'group.approver_dropped'],
      ['body.value.classes.0.rules.take_out.approvers', 'group.approver_dropped'],
      ['body.value.classes', 'group.class_missing'],
      ['body.value.auditReadsFromRank', 'group.rank_looser'],
    ]);
    const after = json<EffectiveCompanySettings>(await as(t.app, solOffice).get(`/api/companies/${u.SOL}/settings`)).items.find(
      (x) => x.key === 'assets.classification',
    )!;
    expect(after.ownVersion).toBe(0);
  });

  it('names malformed values and unknown settings, and keeps sister companies apart', async () => {
    const bad = await as(t.app, autoOffice).put(`/api/companies/${u.AUTO}/settings/assets.classification`, {
      value: { classes: [], auditReadsFromRank: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(bad).errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.value.classes', 'body.value.auditReadsFromRank']),
    );
    const unknown = await as(t.app, autoOffice).put(`/api/companies/${u.AUTO}/settings/platform.nothing`, { value: 1 });
    expect(json<{ errors: { path: string }[] }>(unknown).errors.map((e) => e.path)).toEqual(['params.key']);
    expect((await as(t.app, solOffice).get(`/api/companies/${u.AUTO}/settings`)).statusCode).toBe(404);
    expect((await as(t.app, solOffice).put(`/api/companies/${u.AUTO}/settings/risks.method`, { value: {} })).statusCode).toBe(
      404,
    );
  });

  it('shows which companies a change of the group’s value reaches', async () => {
    const reach = json<SettingReach>(await as(t.app, holdingOffice).get('/api/company-settings/assets.classification/reach'));
    const byCode = Object.fromEntries(reach.companies.map((c) => [c.nameEn, c]));
    expect(byCode['Unit HOLD']).toMatchObject({ reached: true, overriddenBy: null });
    expect(byCode['Unit SOL']).toMatchObject({ reached: true });
    expect(byCode['Unit AUTO']).toMatchObject({ reached: false, overriddenBy: { id: u.AUTO }, looserThanGroup: false });
    // the company office sees its own company only
    const own = json<SettingReach>(await as(t.app, autoOffice).get('/api/company-settings/assets.classification/reach'));
    expect(own.companies.map((c) => c.unitId)).toEqual([u.AUTO]);
  });
});

describe('company-scoped roles', () => {
  it('grants a company CISO or office on a company unit only', async () => {
    const target = await createUser(t.database, [{ role: 'employee' }]);
    const onSite = await as(t.app, admin).post('/api/role-assignments', {
      userId: target.id,
      role: 'ciso',
      orgUnitId: u['AUTO-SITE'],
    });
    expect(onSite.statusCode).toBe(400);
    expect(json<{ errors: { path: string; code: string }[] }>(onSite).errors).toMatchObject([
      { path: 'body.orgUnitId', code: 'group.role_needs_company' },
    ]);
    const onCompany = await as(t.app, admin).post('/api/role-assignments', {
      userId: target.id,
      role: 'ciso',
      orgUnitId: u.AUTO,
    });
    expect(onCompany.statusCode).toBe(201);
  });

  it('refuses a grant by a company office to a unit of a sister company, naming the field, granting nothing', async () => {
    // the person works in the office's own company; the unit named belongs to the sister company
    const target = await createUser(t.database, [], { personId: person.autoCiso! });
    const res = await as(t.app, autoOffice).post('/api/role-assignments', {
      userId: target.id,
      role: 'promotion_leader',
      orgUnitId: u['SOL-SITE'],
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string; code: string }[] }>(res).errors).toMatchObject([
      { path: 'body.orgUnitId', code: 'group.role_scope_outside' },
    ]);
    const roles = json<{ items: unknown[] }>(await as(t.app, admin).get(`/api/role-assignments?userId=${target.id}`));
    expect(roles.items).toEqual([]);
    const inside = await as(t.app, autoOffice).post('/api/role-assignments', {
      userId: target.id,
      role: 'promotion_leader',
      orgUnitId: u['AUTO-SITE'],
    });
    expect(inside.statusCode).toBe(201);
  });

  it('gives a company office no group-level action: it cannot change the group’s scheme', async () => {
    const res = await as(t.app, autoOffice).put('/api/settings/classification', { classes: [], auditReadsFromRank: 1 });
    expect(res.statusCode).toBe(403);
    const group = await as(t.app, autoOffice).patch('/api/settings', { inactiveDays: 30 });
    expect(group.statusCode).toBe(403);
  });
});

describe('sister companies', () => {
  it('a company security office reads nothing of a sister company across the main lists', async () => {
    const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);
    const peopleSeen = ids(json(await as(t.app, autoOffice).get('/api/people?limit=500')));
    expect(peopleSeen).toContain(person.autoCiso);
    expect(peopleSeen).not.toContain(person.solPerson);
    const unitsSeen = ids(json(await as(t.app, autoOffice).get(`/api/org-units?parentId=${u.HOLD}`)));
    expect(unitsSeen).toEqual([u.AUTO]);
    expect((await as(t.app, autoOffice).get(`/api/org-units/${u.SOL}`)).statusCode).toBe(404);
    expect((await as(t.app, autoOffice).get(`/api/people/${person.solPerson}`)).statusCode).toBe(404);
    const solRoles = json<{ items: { orgUnitId: string | null }[] }>(
      await as(t.app, autoOffice).get('/api/role-assignments?limit=500'),
    );
    expect(solRoles.items.some((r) => r.orgUnitId === u.SOL || r.orgUnitId === u['SOL-SITE'])).toBe(false);
    const companies = json<{ items: { unitId: string }[] }>(await as(t.app, autoOffice).get('/api/companies'));
    expect(companies.items.map((c) => c.unitId)).toEqual([u.AUTO]);
    expect((await as(t.app, autoOffice).get(`/api/companies/${u.HOLD}/settings`)).statusCode).toBe(404);
  });
});
