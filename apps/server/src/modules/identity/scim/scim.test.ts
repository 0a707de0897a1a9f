import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables';
import { createSession } from '../../../platform/auth/sessions';
import { roleAssignments, sessions, users } from '../../../platform/auth/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { ENTERPRISE_USER } from './schema';
import { patchOp, scimClient } from './testing';

let t: TestApp;
let admin: TestUser;
let token: string;
let scim: Awaited<ReturnType<typeof scimClient>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  const created = await as(t.app, admin).post('/api/scim/tokens', { name: 'Entra ID' });
  expect(created.statusCode).toBe(201);
  token = json<{ token: string }>(created).token;
  scim = await scimClient(t.app, token);
});
afterAll(() => t.close());

const errorOf = (res: { status: number; body: Record<string, unknown> }) => ({
  status: res.status,
  schemas: res.body.schemas,
  scimType: res.body.scimType,
});
const ERROR = ['urn:ietf:params:scim:api:messages:2.0:Error'];

/** The body Entra ID sends to create a user (its documented provisioning request, names changed). */
const entraUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_USER],
  externalId: `ext-${userName}`,
  userName,
  active: true,
  displayName: '山田 花子',
  emails: [{ primary: true, type: 'work', value: userName }],
  name: { formatted: '山田 花子', familyName: '山田', givenName: '花子' },
  [ENTERPRISE_USER]: { employeeNumber: `E-${userName.length}`, department: '品質保証部' },
  ...extra,
});

describe('SCIM discovery and authentication', () => {
  it('answers the service provider config, resource types and schemas as application/scim+json', async () => {
    const config = await scim.get('/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toContain('application/scim+json');
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 200 } });
    expect((await scim.get('/ResourceTypes')).body.totalResults).toBe(2);
    expect((await scim.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).status).toBe(200);
    expect(errorOf(await scim.get('/Nothing'))).toMatchObject({ status: 404, schemas: ERROR });
  });

  it('refuses a missing, wrong or revoked token with a SCIM 401', async () => {
    for (const bad of ['', 'mmr_scim_wrong', admin.token]) {
      const res = await scim.withToken(bad).get('/Users');
      expect(res.status).toBe(401);
      expect(res.contentType).toContain('application/scim+json');
      expect(res.body.schemas).toEqual(ERROR);
    }
    const other = json<{ id: string; token: string }>(await as(t.app, admin).post('/api/scim/tokens', { name: 'Okta' }));
    expect((await scim.withToken(other.token).get('/Users')).status).toBe(200);
    expect((await as(t.app, admin).delete(`/api/scim/tokens/${other.id}`)).statusCode).toBe(200);
    expect((await scim.withToken(other.token).get('/Users')).status).toBe(401);
    const list = await as(t.app, admin).get('/api/scim/tokens');
    expect(list.body).not.toContain(other.token);
    expect(json<{ name: string; revokedAt: string | null }[]>(list).find((x) => x.name === 'Okta')?.revokedAt).not.toBeNull();
  });

  it('lets only system administrators manage tokens and rules', async () => {
    for (const role of ['security_office', 'ciso', 'employee'] as const) {
      const user = await createUser(t.database, [{ role }]);
      expect((await as(t.app, user).get('/api/scim/tokens')).statusCode).toBe(403);
      expect((await as(t.app, user).post('/api/scim/tokens', { name: 'x' })).statusCode).toBe(403);
      expect((await as(t.app, user).get('/api/scim/role-rules')).statusCode).toBe(403);
      expect((await as(t.app, user).post('/api/scim/role-rules', { group: 'x', role: 'auditor' })).statusCode).toBe(403);
    }
    expect((await as(t.app, null).get('/api/scim/tokens')).statusCode).toBe(401);
  });
});

describe('the Entra ID sequence: find, create, update, deactivate', () => {
  it('creates a user the way Entra ID does, finds it by userName, updates and deactivates it', async () => {
    const userName = 'hanako.yamada@example.test';
    const none = await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim.post('/Users', entraUser(userName));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`/scim/v2/Users/${id}`);
    expect(created.headers.get('etag')).toBe('W/"1"');
    expect(created.body).toMatchObject({ userName, active: true, [ENTERPRISE_USER]: { department: '品質保証部' } });
    const [account] = await t.database.db.select().from(users).where(eq(users.id, id));
    expect(account).toMatchObject({ email: userName, name: '山田 花子', status: 'active', passwordHash: null });

    const found = await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "HANAKO.YAMADA@example.test"`)}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources![0]!.id).toBe(id);
    expect((await scim.post('/Users', entraUser(userName))).body).toMatchObject({ status: '409', scimType: 'uniqueness' });

    const updated = await scim.patch(
      `/Users/${id}`,
      patchOp(
        { op: 'Replace', path: 'displayName', value: '山田 花子 (品証)' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'h.yamada@example.test' },
        { op: 'Add', path: `${ENTERPRISE_USER}:department`, value: '品質保証部 第二課' },
      ),
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ displayName: '山田 花子 (品証)', meta: { version: 'W/"2"' } });
    expect((await t.database.db.select().from(users).where(eq(users.id, id)))[0]).toMatchObject({
      email: 'h.yamada@example.test',
      name: '山田 花子 (品証)',
    });

    // deactivation: the accounts module's leaver step (account disabled, sessions ended), audited
    await createSession(t.database.db, id, '127.0.0.1', 'test');
    const off = await scim.patch(`/Users/${id}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }));
    expect(off.body.active).toBe(false);
    expect((await t.database.db.select().from(users).where(eq(users.id, id)))[0]?.status).toBe('disabled');
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
    const inactive = await scim.get(`/Users?filter=${encodeURIComponent('active eq false')}`);
    expect(inactive.body.Resources!.map((r) => r.id)).toContain(id);

    const on = await scim.patch(`/Users/${id}`, patchOp({ op: 'replace', value: { id, active: true } })); // Okta's shape
    expect(on.body.active).toBe(true);

    const events = await t.database.db
      .select({ action: auditEvents.action, actor: auditEvents.actorLabel })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, id));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.create', 'scim.user-create', 'scim.user-update', 'account.disable', 'account.enable']),
    );
    expect(events.every((e) => e.actor === 'scim:Entra ID')).toBe(true);
  });

  it('filters with eq, co, sw, pr, and, or, value paths, dates and the enterprise extension; pages bounded', async () => {
    for (const n of ['sato', 'suzuki', 'takahashi']) await scim.post('/Users', entraUser(`${n}@filter.example.test`));
    const ids = async (filter: string, q = '') => {
      const res = await scim.get(`/Users?filter=${encodeURIComponent(filter)}${q}`);
      expect(res.status, filter).toBe(200);
      return (res.body.Resources ?? []).map((r) => r.userName).sort();
    };
    expect(await ids('userName sw "s" and userName co "filter.example"')).toEqual([
      'sato@filter.example.test',
      'suzuki@filter.example.test',
    ]);
    expect(await ids('userName eq "sato@filter.example.test" or emails.value eq "TAKAHASHI@filter.example.test"')).toEqual([
      'sato@filter.example.test',
      'takahashi@filter.example.test',
    ]);
    expect(await ids('emails[type eq "work" and value ew "@filter.example.test"] and not (userName sw "t")')).toHaveLength(2);
    expect(await ids('externalId eq "ext-suzuki@filter.example.test"')).toEqual(['suzuki@filter.example.test']);
    expect(await ids(`${ENTERPRISE_USER}:employeeNumber pr and userName co "filter"`)).toHaveLength(3);
    expect(
      await ids(`meta.lastModified gt "${new Date(Date.now() - 60_000).toISOString()}" and userName co "filter"`),
    ).toHaveLength(3);
    expect(await ids(`meta.lastModified ge "2999-01-01T00:00:00Z"`)).toEqual([]);
    expect(await ids('displayName eq "山田 花子" and userName co "filter"')).toHaveLength(3);

    const page = await scim.get(`/Users?filter=${encodeURIComponent('userName co "filter"')}&startIndex=2&count=1`);
    expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect((await scim.get('/Users?count=100000')).body.itemsPerPage).toBeLessThanOrEqual(200);
  });

  it('refuses an invalid filter (invalidFilter) and a PATCH on an unknown attribute (invalidPath), changing nothing', async () => {
    for (const filter of [
      'userName eq',
      'userName like "x"',
      'shoeSize eq "42"',
      'active eq "yes"',
      'meta.lastModified gt "soon"',
    ])
      expect(errorOf(await scim.get(`/Users?filter=${encodeURIComponent(filter)}`)), filter).toMatchObject({
        status: 400,
        schemas: ERROR,
        scimType: 'invalidFilter',
      });
    const user = await scim.post('/Users', entraUser('unknown.attr@example.test'));
    const id = user.body.id as string;
    const res = await scim.patch(
      `/Users/${id}`,
      patchOp(
        { op: 'replace', path: 'displayName', value: 'changed' },
        { op: 'replace', path: 'favouriteColour', value: 'blue' },
      ),
    );
    expect(errorOf(res)).toMatchObject({ status: 400, scimType: 'invalidPath' });
    const noTarget = await scim.patch(
      `/Users/${id}`,
      patchOp({ op: 'replace', path: 'emails[type eq "home"]', value: { value: 'x@y.z' } }),
    );
    expect(errorOf(noTarget)).toMatchObject({ status: 400, scimType: 'noTarget' });
    const after = await scim.get(`/Users/${id}`);
    expect(after.body).toMatchObject({ displayName: '山田 花子', meta: { version: 'W/"1"' } });
    expect((await scim.post('/Users', '{"userName": ')).body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    expect((await scim.post('/Users', { userName: 'no-email' })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    const refused = await t.database.db
      .select({ after: auditEvents.after, actor: auditEvents.actorLabel })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'scim.request-refused'));
    const types = refused.map((e) => (e.after as { scimType: string | null }).scimType);
    expect(types).toEqual(expect.arrayContaining(['invalidFilter', 'invalidPath', 'noTarget', 'invalidSyntax']));
    expect(refused.every((e) => e.actor === 'scim:Entra ID')).toBe(true);
  });

  it('never links a partner or administrator account, and links an existing internal account once', async () => {
    const { makePartner } = await import('../../partners/testing');
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const partner = await makePartner(t.app, office, 'scim');
    const partnerUser = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: partner.id });
    expect(errorOf(await scim.post('/Users', entraUser(partnerUser.email)))).toMatchObject({
      status: 409,
      scimType: 'uniqueness',
    });
    // a system administrator stays local: never taken over by the identity provider
    expect(errorOf(await scim.post('/Users', entraUser(admin.email)))).toMatchObject({ status: 409, scimType: 'uniqueness' });
    const existing = await createUser(t.database, [{ role: 'employee' }]);
    const linked = await scim.post('/Users', entraUser(existing.email));
    expect(linked.body.id).toBe(existing.id);
  });

  it('answers 412 to the second of two PATCHes sent with the same If-Match', async () => {
    const user = await scim.post('/Users', entraUser('concurrent@example.test'));
    const id = user.body.id as string;
    const tag = user.headers.get('etag')!;
    const [a, b] = await Promise.all([
      scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'title', value: 'A' }), { 'if-match': tag }),
      scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'title', value: 'B' }), { 'if-match': tag }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect((a.status === 412 ? a : b).body.schemas).toEqual(ERROR);
    expect((await scim.get(`/Users/${id}`)).body.meta).toMatchObject({ version: 'W/"2"' });
  });
});

describe('groups and group → role rules', () => {
  it('creates a group, adds and removes members as Okta and Entra ID do, granting and revoking only SCIM roles', async () => {
    const rule = await as(t.app, admin).post('/api/scim/role-rules', { group: 'Mamori Auditors', role: 'auditor' });
    expect(rule.statusCode).toBe(201);
    const [a, b] = await Promise.all([
      scim.post('/Users', entraUser('auditor.a@example.test')),
      scim.post('/Users', entraUser('auditor.b@example.test')),
    ]);
    const idA = a.body.id as string;
    const idB = b.body.id as string;
    // B already holds auditor, granted by hand: SCIM must never take it away
    await t.database.db.insert(roleAssignments).values({ userId: idB, role: 'auditor', orgUnitId: null });
    const auditorsOf = async () =>
      (
        await t.database.db
          .select({ userId: roleAssignments.userId })
          .from(roleAssignments)
          .where(and(eq(roleAssignments.role, 'auditor'), inArray(roleAssignments.userId, [idA, idB])))
      )
        .map((r) => r.userId)
        .sort();

    const group = await scim.post('/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Mamori Auditors',
      members: [],
    });
    expect(group.status).toBe(201);
    const gid = group.body.id as string;
    const added = await scim.patch(
      `/Groups/${gid}`,
      patchOp({ op: 'Add', path: 'members', value: [{ value: idA }, { value: idB }] }),
    );
    expect(added.status).toBe(200);
    expect(await auditorsOf()).toEqual([idA, idB].sort());
    expect((await scim.get(`/Users/${idA}`)).body.groups).toEqual([{ value: gid, display: 'Mamori Auditors' }]);
    expect(
      (await scim.get(`/Groups?filter=${encodeURIComponent(`members.value eq "${idA}"`)}&excludedAttributes=members`)).body,
    ).toMatchObject({
      totalResults: 1,
      Resources: [{ id: gid, displayName: 'Mamori Auditors' }],
    });

    // Okta removes by a value filter, Entra ID by a value list: both leave; A loses the role, B keeps the manual one
    expect((await scim.patch(`/Groups/${gid}`, patchOp({ op: 'remove', path: `members[value eq "${idA}"]` }))).status).toBe(200);
    expect((await scim.patch(`/Groups/${gid}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: idB }] }))).status).toBe(
      200,
    );
    expect(await auditorsOf()).toEqual([idB]);
    const unknown = await scim.patch(
      `/Groups/${gid}`,
      patchOp({ op: 'add', path: 'members', value: [{ value: '00000000-0000-4000-8000-000000000000' }] }),
    );
    expect(errorOf(unknown)).toMatchObject({ status: 400, scimType: 'invalidValue' });

    // a rule removed takes its grants with it
    await scim.patch(`/Groups/${gid}`, patchOp({ op: 'add', path: 'members', value: [{ value: idA }] }));
    expect(await auditorsOf()).toEqual([idA, idB].sort());
    expect((await as(t.app, admin).delete(`/api/scim/role-rules/${json<{ id: string }>(rule).id}`)).statusCode).toBe(200);
    expect(await auditorsOf()).toEqual([idB]);
    const events = await t.database.db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'role.assign'));
    expect(events.some((e) => (e.after as { via?: string }).via === 'scim')).toBe(true);
  });

  it('refuses rules that cannot hold: a partner role, a unit on a group-wide role, an unknown unit', async () => {
    const post = (body: object) => as(t.app, admin).post('/api/scim/role-rules', body);
    expect(json(await post({ group: 'x', role: 'partner_user' }))).toMatchObject({
      status: 400,
      errors: [{ path: 'body.role' }],
    });
    const unit = '00000000-0000-4000-8000-000000000000';
    expect(json(await post({ group: 'x', role: 'system_admin', orgUnitId: unit }))).toMatchObject({
      errors: [{ path: 'body.orgUnitId' }],
    });
    expect(json(await post({ group: 'x', role: 'auditor', orgUnitId: unit }))).toMatchObject({
      errors: [{ path: 'body.orgUnitId', code: 'scim.rule_unknown_unit' }],
    });
  });
});
