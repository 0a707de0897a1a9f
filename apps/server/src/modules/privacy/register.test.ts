import type { Activity } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json, type TestUser } from '../../test/app';
import { lostLaptop } from '../incidents/test-world';
import { trainingAssignments } from '../training/tables';
import { runPrivacyReminders } from './job';
import { processingActivities } from './register/tables';
import { privacyWorld, type PrivacyWorld } from './test-world';

let w: PrivacyWorld['w'];
let officer: TestUser;
let leaderB: TestUser;
let handler: string;
let processor: string;
let world: PrivacyWorld;
const create = (user: TestUser, over: Record<string, unknown> = {}) => world.create(user, over);
const entry = (over: Record<string, unknown> = {}) => world.entry(over);
const assignPd = (personId: string, passed: { expiresOn: string } | null) => world.assignPd(personId, passed);
const newPerson = (no: string, nameEn: string) => world.newPerson(no, nameEn);

beforeAll(async () => {
  world = await privacyWorld();
  ({ w, officer, leaderB, handler, processor } = world);
}, 300_000);
afterAll(() => w?.t.close());

describe('the personal-data register', () => {
  it('records an entry with a transfer abroad and derives the laws from the data subjects’ countries', async () => {
    const res = await create(officer, {
      service: 'EU dealer portal',
      subjectCountries: ['JP', 'DE'],
      transfers: [{ country: 'DE', recipient: 'Mamori Europe GmbH', basis: 'gdpr_scc' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = json<Activity>(res);
    expect(a.laws).toEqual(['appi', 'gdpr']);
    expect(a.transferCountries).toEqual(['DE']);
    expect(a.storage.map((s) => s.id)).toEqual([w.asset.confidential]);
    expect(a.handlers).toEqual([{ id: handler, name: expect.any(String), trained: true }]);
    expect(a.processors[0]).toMatchObject({ id: processor, ndaInForce: false, latestScore: null });
    expect(res.headers.etag).toBe(`"${a.rowVersion}"`);
  });

  it('refuses special care-required data without a basis and a transfer without country or basis, naming each field', async () => {
    const before = (await w.t.database.db.select().from(processingActivities)).length;
    const res = await create(officer, {
      categories: ['health'],
      specialCareBasis: '',
      transfers: [
        { country: '', recipient: 'Somewhere', basis: 'gdpr_scc' },
        { country: 'US', recipient: 'Cloud Inc.', basis: '' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const paths = json<{ errors: { path: string; code: string }[] }>(res).errors.map((e) => `${e.path}:${e.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.specialCareBasis:privacy.special_care_basis_required',
        'body.transfers.0.country:privacy.transfer_country_required',
        'body.transfers.1.basis:privacy.transfer_basis_required',
      ]),
    );
    expect((await w.t.database.db.select().from(processingActivities)).length).toBe(before);
    const ok = await create(officer, {
      service: 'Health checks',
      categories: ['health', 'my_number'],
      specialCareBasis: 'Industrial Safety and Health Act art. 66',
    });
    expect(ok.statusCode).toBe(201);
    expect(json<Activity>(ok)).toMatchObject({ specialCare: true, myNumber: true });
  });

  it('records a handler only with a valid pass of the personal-data course: never assigned, open and lapsed are refused by field and person', async () => {
    const db = w.t.database.db;
    const never = await newPerson('H2', 'Ichiro Suzuki');
    const open = await newPerson('H3', 'Jiro Tanaka');
    const lapsed = await newPerson('H4', 'Saburo Ito');
    const openAssignment = await assignPd(open, null);
    await assignPd(lapsed, { expiresOn: '2020-03-31' });
    const before = (await db.select().from(processingActivities)).length;
    const refused = await create(officer, { service: 'Recruiting', handlerPersonIds: [handler, never, open, lapsed] });
    expect(refused.statusCode).toBe(400);
    const errors = json<{ errors: { path: string; code: string; params?: { name: { en: string } } }[] }>(refused).errors;
    expect(errors.map((e) => `${e.path}:${e.code}:${e.params?.name.en}`)).toEqual([
      'body.handlerPersonIds.1:privacy.handler_untrained:Ichiro Suzuki',
      'body.handlerPersonIds.2:privacy.handler_untrained:Jiro Tanaka',
      'body.handlerPersonIds.3:privacy.handler_untrained:Saburo Ito',
    ]);
    expect((await db.select().from(processingActivities)).length).toBe(before);
    // once the open assignment is passed, that person may be recorded (and shows as trained)
    await db
      .update(trainingAssignments)
      .set({ status: 'passed', score: 100, passedAt: new Date(), expiresOn: '2099-12-31' })
      .where(eq(trainingAssignments.id, openAssignment));
    const ok = await create(officer, { service: 'Recruiting', handlerPersonIds: [handler, open] });
    expect(ok.statusCode, ok.body).toBe(201);
    const a = json<Activity>(ok);
    expect(a.handlers).toEqual([
      { id: handler, name: expect.any(String), trained: true },
      { id: open, name: expect.any(String), trained: true },
    ]);
    // adding an untrained person by an edit is refused too, nothing changed
    const url = `/api/processing-activities/${a.id}`;
    const add = await as(w.t.app, officer).patch(
      url,
      { handlerPersonIds: [handler, open, never] },
      { 'if-match': `"${a.rowVersion}"` },
    );
    expect(add.statusCode).toBe(400);
    expect(json<{ errors: { path: string; code: string }[] }>(add).errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'body.handlerPersonIds.2:privacy.handler_untrained',
    ]);
    expect(json<Activity>(await as(w.t.app, officer).get(url)).rowVersion).toBe(a.rowVersion);
    // a handler already recorded whose pass lapses since does not block other edits; the entry shows them untrained
    await db.update(trainingAssignments).set({ expiresOn: '2020-03-31' }).where(eq(trainingAssignments.id, openAssignment));
    const edit = await as(w.t.app, officer).patch(url, { retention: '3 years' }, { 'if-match': `"${a.rowVersion}"` });
    expect(edit.statusCode, edit.body).toBe(200);
    const edited = json<Activity>(edit);
    expect(edited.handlers.map((h) => h.trained)).toEqual([true, false]);
    // a change names only what it changes: the lists it does not name stay as they were
    expect(edited).toMatchObject({ retention: '3 years', categories: a.categories, storage: a.storage });
    expect(edited.processors.map((p) => p.id)).toEqual([processor]);
  });

  it('lets privacy officers see the register in their scope, unit heads their unit, and refuses partners and employees', async () => {
    await create(officer, { service: 'Searchable visitors list' });
    const all = json<{ items: { service: string }[] }>(
      await as(w.t.app, officer).get('/api/processing-activities?q=searchable'),
    ).items;
    expect(all.map((i) => i.service)).toEqual(['Searchable visitors list']);
    expect((await as(w.t.app, w.headA).get('/api/processing-activities?q=searchable')).json().items).toHaveLength(1);
    expect((await as(w.t.app, w.headB).get('/api/processing-activities?q=searchable')).json().items).toHaveLength(0);
    expect((await as(w.t.app, w.partner).get('/api/processing-activities')).statusCode).toBe(403);
    expect((await as(w.t.app, w.employee).get('/api/processing-activities')).statusCode).toBe(403);
    const id = json<{ items: { id: string }[] }>(await as(w.t.app, officer).get('/api/processing-activities?q=searchable'))
      .items[0]!.id;
    expect((await as(w.t.app, w.headB).get(`/api/processing-activities/${id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.partner).get(`/api/processing-activities/${id}`)).statusCode).toBe(403);
    // a unit's promotion leader manages only their unit's entries
    expect((await create(leaderB)).statusCode).toBe(400);
    expect((await as(w.t.app, w.headA).post('/api/processing-activities', entry())).statusCode).toBe(403);
  });

  it('refuses a stale If-Match, and two updates from the same version: one wins, the other gets 412', async () => {
    const a = json<Activity>(await create(officer, { service: 'Concurrent' }));
    const patch = (retention: string) =>
      as(w.t.app, officer).patch(`/api/processing-activities/${a.id}`, { retention }, { 'if-match': `"${a.rowVersion}"` });
    const results = await Promise.all([patch('3 years'), patch('7 years')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const now = json<Activity>(await as(w.t.app, officer).get(`/api/processing-activities/${a.id}`));
    expect(now.rowVersion).toBe(a.rowVersion + 1);
  });

  it('has the yearly review signed off by the unit head only, and reminds heads of reviews falling due', async () => {
    const a = json<Activity>(await create(officer, { service: 'Review me' }));
    expect((await as(w.t.app, officer).post(`/api/processing-activities/${a.id}/reviews`, { note: 'ok' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.headB).post(`/api/processing-activities/${a.id}/reviews`, { note: 'ok' })).statusCode).toBe(404);
    const res = await as(w.t.app, w.headA).post(`/api/processing-activities/${a.id}/reviews`, {
      note: 'Checked with the shop team',
    });
    expect(res.statusCode).toBe(200);
    const reviewed = json<Activity>(res);
    expect(reviewed.reviews[0]!.note).toBe('Checked with the shop team');
    expect(reviewed.reviewDueOn > a.reviewDueOn || reviewed.reviewDueOn === a.reviewDueOn).toBe(true);
    await w.t.database.db
      .update(processingActivities)
      .set({ reviewDueOn: '2020-01-01' })
      .where(eq(processingActivities.id, a.id));
    const first = await runPrivacyReminders(w.t.database.db, 'http://x');
    expect(first.reviews).toBeGreaterThan(0);
    const again = await runPrivacyReminders(w.t.database.db, 'http://x');
    expect(again.reviews).toBe(0);
  });

  it('exports the register in scope as XLSX', async () => {
    const res = await as(w.t.app, officer).get('/api/processing-activities/export.xlsx?lang=ja');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await as(w.t.app, w.partner).get('/api/processing-activities/export.xlsx')).statusCode).toBe(403);
  });
});

describe('incidents prefilled from register entries', () => {
  it("sets the incident's personal-data facts from the entries, and its clocks follow", async () => {
    const a = json<Activity>(
      await create(officer, {
        service: 'Loyalty card',
        subjectCount: 800,
        categories: ['identity', 'financial'],
        subjectCountries: ['JP', 'FR'],
      }),
    );
    const b = json<Activity>(await create(officer, { service: 'Staff records', subjectCount: 400, categories: ['employment'] }));
    const inc = json<{ id: string }>(
      await as(w.t.app, w.office).post(
        '/api/incidents',
        lostLaptop({
          orgUnitId: w.units.deptA,
          personalData: false,
          personCount: null,
          countries: [],
          dataKinds: [],
          customers: [],
        }),
      ),
    );
    // the office manages the case and reads the register
    const res = await as(w.t.app, w.office).put(`/api/incidents/${inc.id}/processing-activities`, { activityIds: [a.id, b.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().facts).toEqual({
      personalData: true,
      personCount: 1200,
      dataKinds: ['financial', 'ordinary'],
      countries: ['FR', 'JP'],
    });
    const incident = json<{ facts: { personCount: number; countries: string[] } }>(
      await as(w.t.app, w.office).get(`/api/incidents/${inc.id}`),
    );
    expect(incident.facts).toMatchObject({ personalData: true, personCount: 1200, countries: ['FR', 'JP'] });
    const clocks = json<{ ruleId: string }[]>(await as(w.t.app, w.office).get(`/api/incidents/${inc.id}/deadlines`)).map(
      (c) => c.ruleId,
    );
    expect(clocks).toEqual(expect.arrayContaining(['jp-appi-preliminary']));
    expect(clocks.some((c) => c.startsWith('eu-gdpr') || c.includes('gdpr'))).toBe(true);
    // someone who may not manage the case, or names an entry they cannot read, changes nothing
    expect(
      (await as(w.t.app, officer).put(`/api/incidents/${inc.id}/processing-activities`, { activityIds: [a.id] })).statusCode,
    ).toBe(403);
    expect((await as(w.t.app, w.partner).get(`/api/incidents/${inc.id}/processing-activities`)).statusCode).toBe(403);
    // a case the reader may not see is not told about
    expect((await as(w.t.app, officer).get(`/api/incidents/${inc.id}/processing-activities`)).statusCode).toBe(404);
  });
});
