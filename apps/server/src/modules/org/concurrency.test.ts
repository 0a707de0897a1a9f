import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { auditOf, inParallel, unlinkedFields } from '../../test/concurrency';
import { orgUnits } from './tables';

let t: TestApp;
let office: TestUser;
let group: string;

const unit = (parentId: string | null, code: string, kind = 'site') => ({ parentId, code, kind, nameJa: code, nameEn: code });
const create = async (parentId: string | null, code: string, kind?: string) =>
  json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(parentId, code, kind))).id;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  group = await create(null, 'G', 'company');
});
afterAll(() => t.close());

describe('concurrent org updates', () => {
  it('applies parallel changes of a unit and of a person one after the other, each audited against the one before', async () => {
    const id = await create(group, 'U1');
    const person = json<{ id: string }>(
      await as(t.app, office).post('/api/people', {
        employeeNo: 'C1',
        nameJa: '社員',
        nameEn: 'Person',
        kind: 'employee',
        orgUnitId: id,
      }),
    ).id;
    const n = 12;
    const answers = await inParallel(n, (i) =>
      i % 2
        ? as(t.app, office).patch(`/api/org-units/${id}`, { nameEn: `Unit ${i}` })
        : as(t.app, office).patch(`/api/people/${person}`, { nameEn: `Person ${i}` }),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    for (const [type, url] of [
      ['org_unit', `/api/org-units/${id}`],
      ['person', `/api/people/${person}`],
    ] as const) {
      const events = (await auditOf(t.database, type, type === 'org_unit' ? id : person)).filter((e) =>
        e.action.endsWith('.update'),
      );
      expect(events).toHaveLength(n / 2);
      expect(unlinkedFields(events)).toEqual([]);
      const final = json<{ rowVersion: number; nameEn: string }>(await as(t.app, office).get(url));
      expect(final.rowVersion).toBe(1 + n / 2);
      expect(final.nameEn).toBe((events.at(-1)!.after as { nameEn: string }).nameEn);
    }
  });

  it('refuses one of two crossing moves, so the tree never loops', async () => {
    const a = await create(group, 'MA');
    const b = await create(group, 'MB');
    const answers = await inParallel(2, (i) => as(t.app, office).patch(`/api/org-units/${i ? a : b}`, { parentId: i ? b : a }));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.database.db.select().from(orgUnits);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of rows) {
      const parent = r.parentId ? byId.get(r.parentId)! : null;
      expect(r.path).toBe(`${parent?.path ?? '/'}${r.id}/`);
      expect(r.depth).toBe(parent ? parent.depth + 1 : 0);
    }
  });

  it('creates a unit under a parent that is moving with the moved path', async () => {
    const from = await create(group, 'FROM');
    const to = await create(group, 'TO');
    const parent = await create(from, 'P', 'department');
    const [moved, child] = await inParallel(2, (i) =>
      i === 0
        ? as(t.app, office).patch(`/api/org-units/${parent}`, { parentId: to })
        : as(t.app, office).post('/api/org-units', unit(parent, 'CHILD', 'section')),
    );
    expect([moved!.statusCode, child!.statusCode]).toEqual([200, 201]);
    const [p] = await t.database.db.select().from(orgUnits).where(eq(orgUnits.id, parent));
    const [c] = await t.database.db
      .select()
      .from(orgUnits)
      .where(eq(orgUnits.id, json<{ id: string }>(child!).id));
    expect(c!.path).toBe(`${p!.path}${c!.id}/`);
  });
});
