import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../platform/mail/tables';
import { as, json, testConfig } from '../../test/app';
import { runDeadlineReminders } from './job';
import { incidentDeadlines, incidentTimeline } from './tables';
import { incidentWorld, lostLaptop, type IncidentWorld } from './test-world';

let w: IncidentWorld;
let id: string;
type Clock = { id: string; ruleId: string; status: string; hard: boolean; timeLeftMs: number | null; metAt: string | null };
type Entry = { id: string; kind: string; text: string; corrects: string | null; correctedBy: string | null };
const clocks = async () => json<Clock[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${id}/deadlines`));
const patch = (body: unknown) => as(w.t.app, w.officeA).patch(`/api/incidents/${id}`, body);

beforeAll(async () => {
  w = await incidentWorld();
  id = json<{ id: string }>(await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop())).id;
});
afterAll(() => w.t.close());

describe('timeline', () => {
  it('is append-only: a correction is a new entry pointing to the old one, and the database refuses edits', async () => {
    const first = await as(w.t.app, w.reporter).post(`/api/incidents/${id}/timeline`, {
      kind: 'message',
      text: 'It was the 18:05 train',
    });
    expect(first.statusCode).toBe(201);
    const old = json<Entry>(first);
    const fix = await as(w.t.app, w.reporter).post(`/api/incidents/${id}/timeline`, {
      kind: 'message',
      text: 'Correction: the 18:35 train',
      corrects: old.id,
    });
    expect(json<Entry>(fix).corrects).toBe(old.id);
    const entries = json<Entry[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${id}/timeline`));
    expect(entries.find((e) => e.id === old.id)).toMatchObject({
      text: 'It was the 18:05 train',
      correctedBy: json<Entry>(fix).id,
    });
    expect(entries[0]!.kind).toBe('report');
    await expect(
      w.t.database.db.update(incidentTimeline).set({ text: 'rewritten' }).where(eq(incidentTimeline.id, old.id)),
    ).rejects.toThrow();
    await expect(w.t.database.db.delete(incidentTimeline).where(eq(incidentTimeline.id, old.id))).rejects.toThrow();
  });

  it('refuses outsiders, an unknown corrected entry and a future time', async () => {
    expect((await as(w.t.app, w.colleague).post(`/api/incidents/${id}/timeline`, { kind: 'note', text: 'x' })).statusCode).toBe(
      404,
    );
    const bad = await as(w.t.app, w.officeA).post(`/api/incidents/${id}/timeline`, { kind: 'note', text: 'x', corrects: id });
    expect(json<{ errors: { path: string }[] }>(bad).errors[0]!.path).toBe('body.corrects');
    const future = await as(w.t.app, w.officeA).post(`/api/incidents/${id}/timeline`, {
      kind: 'action',
      text: 'x',
      at: '2999-01-01T00:00:00Z',
    });
    expect(future.statusCode).toBe(400);
  });
});

describe('clocks follow the facts', () => {
  it('adds GDPR when an EEA country appears, and marks APPI not applicable when the count falls to 10', async () => {
    expect((await patch({ facts: { countries: ['JP', 'DE'] } })).statusCode).toBe(200);
    expect((await clocks()).map((c) => c.ruleId)).toContain('eu-gdpr-authority');
    await patch({ facts: { personCount: 10, countries: ['JP'] } });
    const byRule = Object.fromEntries((await clocks()).map((c) => [c.ruleId, c.status]));
    expect(byRule).toMatchObject({
      'jp-appi-preliminary': 'not_applicable',
      'eu-gdpr-authority': 'not_applicable',
      'contract-customer': 'pending',
    });
    await patch({ facts: { personCount: 1200 } });
    expect((await clocks()).find((c) => c.ruleId === 'jp-appi-preliminary')!.status).toBe('pending');
  });
});

describe('the job runner reminds and escalates once', () => {
  it('sends the reminder at warnAt and the escalation at dueAt, each once however often it runs', async () => {
    const db = w.t.database.db;
    const [contract] = await db.select().from(incidentDeadlines).where(eq(incidentDeadlines.ruleId, 'contract-customer'));
    const config = testConfig();
    const atWarn = new Date(contract!.warnAt.getTime() + 1000);
    expect(await runDeadlineReminders(db, config, atWarn)).toEqual({ reminded: 1, escalated: 0 });
    expect(await runDeadlineReminders(db, config, atWarn)).toEqual({ reminded: 0, escalated: 0 });
    const afterDue = new Date(contract!.dueAt.getTime() + 1000);
    const second = await runDeadlineReminders(db, config, afterDue);
    expect(second.escalated).toBe(1);
    expect(await runDeadlineReminders(db, config, afterDue)).toEqual({ reminded: 0, escalated: 0 });
    const mails = await db
      .select()
      .from(mailOutbox)
      .where(sql`${mailOutbox.subject} LIKE '%overdue%'`);
    expect(mails.map((m) => m.to)).toEqual(expect.arrayContaining([w.office.email, w.officeA.email]));
    const reminders = await db
      .select()
      .from(mailOutbox)
      .where(sql`${mailOutbox.subject} LIKE '%approaching%'`);
    expect(new Set(reminders.map((m) => m.to)).size).toBe(reminders.length);
  });
});

describe('working the case to closure', () => {
  it('refuses to close before containment, a cause, and every hard clock met or waived', async () => {
    const res = await patch({ status: 'closed' });
    expect(res.statusCode).toBe(422);
    const paths = json<{ errors: { path: string; message: string }[] }>(res).errors;
    expect(paths.map((p) => p.path)).toEqual(expect.arrayContaining(['body.containedAt', 'body.causeCategory', 'deadlines']));
    expect(json<{ status: string }>(await as(w.t.app, w.officeA).get(`/api/incidents/${id}`)).status).toBe('reported');
  });

  it('moves through the steps, meets and waives clocks, then closes; going back needs a reason', async () => {
    expect((await patch({ status: 'initial_response' })).statusCode).toBe(200);
    const contained = new Date(Date.now() - 60_000).toISOString();
    expect((await patch({ status: 'investigation', containedAt: contained })).statusCode).toBe(200);
    expect((await patch({ status: 'initial_response' })).statusCode).toBe(422);
    expect(
      (await patch({ status: 'notification', causeCategory: 'human_error', rootCause: 'Laptop carried home against the rule' }))
        .statusCode,
    ).toBe(200);
    for (const c of (await clocks()).filter((c) => ['pending', 'due_soon', 'overdue'].includes(c.status))) {
      const url = `/api/incidents/${id}/deadlines/${c.id}`;
      const res =
        c.ruleId === 'jp-appi-data-subject'
          ? await as(w.t.app, w.officeA).post(`${url}/waive`, { reason: 'Data was encrypted; no notice needed' })
          : await as(w.t.app, w.officeA).post(`${url}/met`, { how: 'Reported by the form on the PPC site' });
      expect(res.statusCode).toBe(200);
    }
    const settled = await clocks();
    expect(settled.filter((c) => c.status === 'met').length).toBeGreaterThanOrEqual(2);
    expect(settled.every((c) => c.timeLeftMs === null)).toBe(true);
    const again = await as(w.t.app, w.officeA).post(`/api/incidents/${id}/deadlines/${settled[0]!.id}/met`, { how: 'again' });
    expect(again.statusCode).toBe(409);
    expect(
      (await as(w.t.app, w.reporter).post(`/api/incidents/${id}/deadlines/${settled[0]!.id}/met`, { how: 'x' })).statusCode,
    ).toBe(403);
    const open = json<{ id: string }[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${id}/tasks`));
    const closed = await patch({ status: 'closed', taskDecisions: open.map((t) => ({ taskId: t.id, decision: 'done' })) });
    expect(closed.statusCode).toBe(200);
    expect(json<{ closedAt: string | null }>(closed).closedAt).not.toBeNull();
    expect((await patch({ status: 'prevention' })).statusCode).toBe(422);
    expect(json<{ status: string }>(await patch({ status: 'prevention', reason: 'Measures not yet verified' })).status).toBe(
      'prevention',
    );
    const kinds = json<Entry[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${id}/timeline`)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'status')).toHaveLength(5);
  });

  it('lets an owner tick their task; others may not reassign it', async () => {
    const tasks = json<{ id: string }[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${id}/tasks`));
    const assign = await as(w.t.app, w.officeA).patch(`/api/incidents/${id}/tasks/${tasks[0]!.id}`, { ownerId: w.helper.id });
    expect(json<{ owner: { id: string } }>(assign).owner.id).toBe(w.helper.id);
    const done = await as(w.t.app, w.helper).patch(`/api/incidents/${id}/tasks/${tasks[0]!.id}`, { done: true });
    expect(json<{ doneAt: string | null }>(done).doneAt).not.toBeNull();
    expect((await as(w.t.app, w.helper).patch(`/api/incidents/${id}/tasks/${tasks[1]!.id}`, { done: true })).statusCode).toBe(
      403,
    );
    expect(
      (await as(w.t.app, w.reporter).patch(`/api/incidents/${id}/tasks/${tasks[0]!.id}`, { ownerId: w.reporter.id })).statusCode,
    ).toBe(403);
    const added = await as(w.t.app, w.officeA).post(`/api/incidents/${id}/tasks`, {
      step: 'prevention',
      title: 'Encrypt every laptop',
    });
    expect(added.statusCode).toBe(201);
  });
});
