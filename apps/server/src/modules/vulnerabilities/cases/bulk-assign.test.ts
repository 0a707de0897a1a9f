import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { auditOf, inParallel, unlinkedFields } from '../../../test/concurrency';
import { partners } from '../../partners/tables';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirtA: TestUser;
let ciso: TestUser;
let employee: TestUser;
let partner: TestUser;
let caseA: string;
let caseA2: string;
let caseB: string;
let rejected: string;

interface Case {
  id: string;
  assigneeId: string | null;
  status: string;
}
interface Problem {
  status: number;
  errors: { path: string; code?: string }[];
}

const bulk = (user: TestUser, ids: string[], assigneeId: string | null) =>
  as(t.app, user).post('/api/vulnerabilities/bulk-assign', { ids, assigneeId });
const caseOf = async (id: string) => json<Case>(await as(t.app, psirt).get(`/api/vulnerabilities/${id}`));

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const divA = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DA', 'site')));
  const divB = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DB', 'site')));
  psirtA = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divA.id }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: divA.id }]);
  const product = (code: string, orgUnitId: string) => ({ code, nameJa: code, nameEn: code, orgUnitId });
  const prodA = json<{ id: string }>(await as(t.app, office).post('/api/products', product('CAM', divA.id)));
  const prodB = json<{ id: string }>(await as(t.app, office).post('/api/products', product('TV', divB.id)));
  const open = async (title: string, productId: string, status = 'investigating') => {
    const c = json<{ id: string }>(await as(t.app, psirt).post('/api/vulnerabilities', { title, description: 'x' }));
    await as(t.app, psirt).patch(`/api/vulnerabilities/${c.id}`, { products: [{ productId, status: 'affected' }], status });
    return c.id;
  };
  caseA = await open('XSS', prodA.id);
  caseA2 = await open('Weak TLS', prodA.id);
  caseB = await open('TV backdoor', prodB.id);
  rejected = await open('Not a bug', prodA.id, 'rejected');
  const [company] = await t.database.db
    .insert(partners)
    .values({ nameJa: '取引先', nameEn: 'Partner', country: 'JP', tier: 'low' })
    .returning({ id: partners.id });
  partner = await createUser(t.database, [{ role: 'partner_user' }], { kind: 'partner', partnerId: company!.id });
});
afterAll(() => t.close());

describe('POST /api/vulnerabilities/bulk-assign', () => {
  it('assigns every selected case, one audit event each', async () => {
    const res = await bulk(office, [caseA, caseA2, caseB], psirtA.id);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ assigned: 3 });
    for (const id of [caseA, caseA2, caseB]) {
      expect((await caseOf(id)).assigneeId).toBe(psirtA.id);
      const events = (await auditOf(t.database, 'vulnerability', id)).filter((e) => e.action === 'vulnerability.assign');
      expect(events).toHaveLength(1);
      expect(events[0]!.after).toMatchObject({ assigneeId: psirtA.id });
    }
  });

  it('refuses the roles without vulnerabilities:manage and partner accounts (403)', async () => {
    for (const user of [ciso, employee, partner]) expect((await bulk(user, [caseA], psirt.id)).statusCode).toBe(403);
    expect((await caseOf(caseA)).assigneeId).toBe(psirtA.id);
  });

  it('refuses a case outside the caller’s scope per row (404) and changes nothing', async () => {
    const res = await bulk(psirtA, [caseA, caseB], psirt.id);
    expect(res.statusCode).toBe(404);
    const p = json<Problem>(res);
    expect(p.errors).toEqual([expect.objectContaining({ path: 'body.ids.1', code: 'psirt.case_unknown' })]);
    expect((await caseOf(caseA)).assigneeId).toBe(psirtA.id);
  });

  it('is all or none: a finished case refuses the whole request (409), each failing row named', async () => {
    const res = await bulk(psirt, [caseA2, rejected, caseB], psirt.id);
    expect(res.statusCode).toBe(409);
    expect(json<Problem>(res).errors).toEqual([expect.objectContaining({ path: 'body.ids.1', code: 'psirt.case_finished' })]);
    for (const id of [caseA2, caseB]) expect((await caseOf(id)).assigneeId).toBe(psirtA.id);
  });

  it('refuses an assignee who does not handle cases, and bad input, naming the fields', async () => {
    const res = await bulk(psirt, [caseA], employee.id);
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors).toEqual([
      expect.objectContaining({ path: 'body.assigneeId', code: 'psirt.assignee_not_psirt' }),
    ]);
    const bad = await as(t.app, psirt).post('/api/vulnerabilities/bulk-assign', { ids: [], assigneeId: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(
      json<Problem>(bad)
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['body.assigneeId', 'body.ids']);
    expect((await caseOf(caseA)).assigneeId).toBe(psirtA.id);
  });

  it('the single PATCH follows the same rules', async () => {
    expect((await as(t.app, psirt).patch(`/api/vulnerabilities/${rejected}`, { assigneeId: psirt.id })).statusCode).toBe(409);
    expect((await as(t.app, psirt).patch(`/api/vulnerabilities/${caseA}`, { assigneeId: employee.id })).statusCode).toBe(400);
    const ok = await as(t.app, psirt).patch(`/api/vulnerabilities/${caseA}`, { assigneeId: null });
    expect(json<Case>(ok).assigneeId).toBeNull();
  });

  it('loses no concurrent single edit: bulk assignments and title changes queue on the rows', async () => {
    const n = 6;
    const answers = await inParallel(n, (i) =>
      i % 2
        ? bulk(psirt, [caseA, caseA2], i % 4 === 1 ? psirt.id : psirtA.id)
        : as(t.app, psirt).patch(`/api/vulnerabilities/${caseA}`, { title: `XSS ${i}` }),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    const events = await auditOf(t.database, 'vulnerability', caseA);
    expect(unlinkedFields(events, ['products'])).toEqual([]);
    const last = events.at(-1)!.after as { title: string; assigneeId: string | null };
    const final = await caseOf(caseA);
    expect({ title: (final as unknown as { title: string }).title, assigneeId: final.assigneeId }).toEqual({
      title: last.title,
      assigneeId: last.assigneeId,
    });
  });

  it('offers the accounts that handle cases as assignees, to managers only', async () => {
    const res = await as(t.app, psirtA).get('/api/vulnerabilities/assignee-candidates');
    const ids = json<{ items: { id: string }[] }>(res).items.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([office.id, psirt.id, psirtA.id]));
    expect(ids).not.toContain(employee.id);
    expect(ids).not.toContain(ciso.id);
    for (const user of [ciso, employee, partner])
      expect((await as(t.app, user).get('/api/vulnerabilities/assignee-candidates')).statusCode).toBe(403);
  });
});
