import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../platform/auth/tables';
import { as, createUser, json, testConfig, type TestUser } from '../../test/app';
import { ids, recipientsOf } from '../../test/notifications';
import { partners } from '../partners/tables';
import { runDeadlineReminders } from './job';
import { incidentDeadlines } from './tables';
import { incidentWorld, lostLaptop, type IncidentWorld } from './test-world';

let w: IncidentWorld;
let ciso: TestUser;
let caseId: string;
const link = () => `/incidents/${caseId}`;

beforeAll(async () => {
  w = await incidentWorld();
  ciso = await createUser(w.t.database, [{ role: 'ciso' }]);
  // In scope, but told nothing: a disabled office account, and a partner account given an internal role by mistake.
  const disabled = await createUser(w.t.database, [{ role: 'site_security_office', orgUnitId: w.units.siteA }]);
  await w.t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, disabled.id));
  const [company] = await w.t.database.db
    .insert(partners)
    .values({ nameJa: '取引先', nameEn: 'Partner', country: 'JP', tier: 'low' })
    .returning({ id: partners.id });
  await createUser(w.t.database, [{ role: 'security_office' }], { partnerId: company!.id });
  const res = await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop());
  caseId = json<{ id: string }>(res).id;
});
afterAll(() => w.t.close());

describe('incident notifications', () => {
  it("tell the reporter's organisation head and the offices in scope of a report at once, and nobody else", async () => {
    expect(await recipientsOf(w.t.database.db, 'incident.reported', link())).toEqual(ids(w.headA, w.officeA, w.office));
    const [item] = json<{ items: { kind: string; params: Record<string, unknown>; readAt: null }[] }>(
      await as(w.t.app, w.headA).get('/api/notifications'),
    ).items;
    expect(item).toMatchObject({
      kind: 'incident.reported',
      params: {
        type: { ja: expect.any(String), en: 'Loss or theft (documents, PCs, media, prototypes)' },
        unit: { ja: '組織 SA-D1', en: 'Unit SA-D1' },
      },
      readAt: null,
    });
    expect(JSON.stringify(item)).not.toContain('Osaka');
  });

  it('tell of a near miss as a near miss', async () => {
    const res = await as(w.t.app, w.colleague).post('/api/incidents', lostLaptop({ nearMiss: true, personalData: false }));
    const nearMiss = `/incidents/${json<{ id: string }>(res).id}`;
    expect(await recipientsOf(w.t.database.db, 'incident.near-miss-reported', nearMiss)).toEqual(
      ids(w.headA, w.officeA, w.office),
    );
  });

  it('tell a person added to the case, not the one who added them', async () => {
    await as(w.t.app, w.officeA).post(`/api/incidents/${caseId}/members`, { userId: w.helper.id });
    expect(await recipientsOf(w.t.database.db, 'incident.member-added', link())).toEqual(ids(w.helper));
  });

  it('remind the case handlers of a clock, and escalate an overdue one to the readers (CISO) too', async () => {
    const db = w.t.database.db;
    const [clock] = await db.select().from(incidentDeadlines).where(eq(incidentDeadlines.incidentId, caseId)).limit(1);
    await runDeadlineReminders(db, testConfig(), new Date(clock!.warnAt.getTime() + 1000));
    const reminded = await recipientsOf(db, 'incident.deadline-reminder', link());
    expect([...new Set(reminded)]).toEqual(ids(w.officeA, w.office));
    await runDeadlineReminders(db, testConfig(), new Date(clock!.dueAt.getTime() + 1000));
    const escalated = new Set(await recipientsOf(db, 'incident.deadline-overdue', link()));
    expect([...escalated].sort()).toEqual(ids(w.officeA, w.office, ciso));
    for (const outsider of [w.reporter, w.headA, w.officeB, w.auditor]) expect(escalated.has(outsider.id)).toBe(false);
  });
});
