import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let office: TestUser;
let siteOffice: TestUser;
let employee: TestUser;
let group: { id: string };
let siteA: { id: string };
let siteB: { id: string };
let deptA: { id: string };

const unit = (parentId: string | null, code: string, kind = 'department') => ({
  parentId,
  code,
  kind,
  nameJa: `部署 ${code}`,
  nameEn: `Unit ${code}`,
});

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  group = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  siteA = json(await as(t.app, office).post('/api/org-units', unit(group.id, 'SA', 'site')));
  siteB = json(await as(t.app, office).post('/api/org-units', unit(group.id, 'SB', 'site')));
  deptA = json(await as(t.app, office).post('/api/org-units', unit(siteA.id, 'SA-D1')));
  siteOffice = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA.id }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: deptA.id }]);
});
afterAll(() => t.close());

describe('org units', () => {
  it('builds a tree with ancestors and child counts', async () => {
    const res = await as(t.app, office).get(`/api/org-units/${deptA.id}`);
    expect(res.statusCode).toBe(200);
    const body = json<{ ancestors: { id: string }[]; depth: number }>(res);
    expect(body.ancestors.map((a) => a.id)).toEqual([group.id, siteA.id]);
    expect(body.depth).toBe(2);
    const children = json<{ items: { code: string; childCount: number }[] }>(
      await as(t.app, office).get(`/api/org-units?parentId=${group.id}`),
    );
    expect(children.items.map((c) => [c.code, c.childCount])).toEqual([
      ['SA', 1],
      ['SB', 0],
    ]);
  });

  it('lets a site office manage its own site and answers 404 for another site', async () => {
    const own = await as(t.app, siteOffice).post('/api/org-units', unit(siteA.id, 'SA-D2'));
    expect(own.statusCode).toBe(201);
    const other = await as(t.app, siteOffice).patch(`/api/org-units/${siteB.id}`, { nameEn: 'Renamed' });
    expect(other.statusCode).toBe(404);
    const top = await as(t.app, siteOffice).post('/api/org-units', unit(null, 'X', 'company'));
    expect(top.statusCode).toBe(403);
  });

  it('refuses an employee who tries to create a unit, and an anonymous caller', async () => {
    expect((await as(t.app, employee).post('/api/org-units', unit(deptA.id, 'E1'))).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/org-units')).statusCode).toBe(401);
  });

  it('names every invalid field and refuses unknown ones, writing nothing', async () => {
    const res = await as(t.app, office).post('/api/org-units', {
      parentId: 'nope',
      code: '',
      kind: 'planet',
      nameJa: '',
      extra: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.parentId', 'body.code', 'body.kind', 'body.nameJa', 'body.nameEn', 'body.extra']),
    );
  });

  it('moves a subtree with its paths, and refuses a move under itself', async () => {
    const moved = await as(t.app, office).patch(`/api/org-units/${siteA.id}`, { parentId: siteB.id });
    expect(moved.statusCode).toBe(200);
    const detail = json<{ ancestors: { id: string }[] }>(await as(t.app, office).get(`/api/org-units/${deptA.id}`));
    expect(detail.ancestors.map((a) => a.id)).toEqual([group.id, siteB.id, siteA.id]);
    const loop = await as(t.app, office).patch(`/api/org-units/${siteB.id}`, { parentId: deptA.id });
    expect(loop.statusCode).toBe(409);
    await as(t.app, office).patch(`/api/org-units/${siteA.id}`, { parentId: group.id });
  });

  it('imports units from CSV in any order, or nothing when a line is wrong', async () => {
    const bad = 'code,parent_code,kind,name_ja,name_en\nI-2,I-1,section,課,Sec\nI-1,G,planet,部,Dept\nI-3,NOPE,section,課,X\n';
    const refused = await as(t.app, office).post('/api/org-units/import', bad, { 'content-type': 'text/csv' });
    expect(refused.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(refused).errors.map((e) => e.path)).toEqual([
      'line 3.kind',
      'line 4.parent_code',
    ]);
    expect(json<{ items: unknown[] }>(await as(t.app, office).get('/api/org-units?q=I-1')).items).toHaveLength(0);

    const good = 'code,parent_code,kind,name_ja,name_en\nI-2,I-1,section,課,Sec\nI-1,G,department,部,Dept\n';
    const ok = await as(t.app, office).post('/api/org-units/import', good, { 'content-type': 'text/csv' });
    expect(json(ok)).toEqual({ created: 2, updated: 0 });
  });
});

describe('people', () => {
  it('creates, lists by subtree with search and paging, and hides other sites', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await as(t.app, office).post('/api/people', {
        employeeNo: `E${i}`,
        nameJa: `田中 ${i}`,
        nameEn: `Taro Tanaka ${i}`,
        kind: 'employee',
        orgUnitId: i < 3 ? deptA.id : siteB.id,
      });
      expect(res.statusCode).toBe(201);
    }
    const first = json<{ items: { employeeNo: string }[]; nextCursor: string }>(
      await as(t.app, office).get(`/api/people?orgUnitId=${siteA.id}&q=tanaka&limit=2`),
    );
    expect(first.items.map((p) => p.employeeNo)).toEqual(['E0', 'E1']);
    const second = json<{ items: { employeeNo: string }[]; nextCursor: string | null }>(
      await as(t.app, office).get(`/api/people?orgUnitId=${siteA.id}&q=tanaka&limit=2&cursor=${first.nextCursor}`),
    );
    expect(second.items.map((p) => p.employeeNo)).toEqual(['E2']);
    expect(second.nextCursor).toBeNull();
    const kanji = json<{ items: { employeeNo: string }[] }>(
      await as(t.app, office).get(`/api/people?q=${encodeURIComponent('田中')}`),
    );
    expect(kanji.items.map((p) => p.employeeNo)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
    const scoped = json<{ items: { employeeNo: string }[] }>(await as(t.app, siteOffice).get('/api/people?q=tanaka'));
    expect(scoped.items.map((p) => p.employeeNo)).toEqual(['E0', 'E1', 'E2']);
    const b = json<{ items: { id: string }[] }>(await as(t.app, office).get(`/api/people?orgUnitId=${siteB.id}`)).items[0]!;
    expect((await as(t.app, siteOffice).get(`/api/people/${b.id}`)).statusCode).toBe(404);
    expect((await as(t.app, employee).get('/api/people')).statusCode).toBe(403);
  });

  it('imports people by employee number and reports every bad line', async () => {
    const header = 'employee_no,name_ja,name_en,email,kind,org_code,status\n';
    const bad = header + 'P1,山田 花子,Hanako Yamada,not-mail,employee,SA-D1,\nP2,,X,,alien,NOPE,gone\n';
    const refused = await as(t.app, office).post('/api/people/import', bad, { 'content-type': 'text/csv' });
    expect(refused.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(refused).errors.map((e) => e.path)).toEqual([
      'line 2.email',
      'line 3.name_ja',
      'line 3.kind',
      'line 3.status',
      'line 3.org_code',
    ]);
    const good =
      header + 'P1,山田 花子,Hanako Yamada,hanako@example.test,employee,SA-D1,\nE0,田中 0,Taro Tanaka 0,,employee,SB,left\n';
    const ok = await as(t.app, office).post('/api/people/import', good, { 'content-type': 'text/csv' });
    expect(json(ok)).toEqual({ created: 1, updated: 1 });
  });
});
