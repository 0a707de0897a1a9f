import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../test/app';
import { incidentWorld, type IncidentWorld } from './test-world';

let w: IncidentWorld;
type Deadline = {
  id: string;
  ruleId: string;
  status: string;
  startAt: string;
  dueAt: string;
  law: string;
  title: { en: string };
};
const deadlines = async (id: string) => json<Deadline[]>(await as(w.t.app, w.office).get(`/api/incidents/${id}/deadlines`));
const nis2 = (list: Deadline[]) => list.filter((d) => d.ruleId.startsWith('nis2-'));

beforeAll(async () => {
  w = await incidentWorld();
}, 300_000);
afterAll(() => w?.t.close());

async function newIncident() {
  const res = await as(w.t.app, w.reporter).post('/api/incidents', {
    typeId: 'malware',
    title: 'Ransomware on the Rotterdam plant’s MES',
    description: 'Production stopped on line 2',
    discoveredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    language: 'en',
  });
  expect(res.statusCode).toBe(201);
  return json<{ id: string }>(res).id;
}

describe('NIS2 clocks on a significant incident', () => {
  it('starts the 24 h and 72 h clocks when the office marks it significant, and the final report once the notification is met', async () => {
    const id = await newIncident();
    expect(nis2(await deadlines(id))).toEqual([]);
    const marked = await as(w.t.app, w.office).patch(`/api/incidents/${id}`, { facts: { nis2Significant: true } });
    expect(marked.statusCode).toBe(200);
    const started = nis2(await deadlines(id));
    expect(started.map((d) => d.ruleId).sort()).toEqual(['nis2-early-warning', 'nis2-notification']);
    const early = started.find((d) => d.ruleId === 'nis2-early-warning')!;
    expect(Date.parse(early.dueAt) - Date.parse(early.startAt)).toBe(24 * 3_600_000);
    expect(early.law).toBe('NIS2 art. 23(4)(a)');

    const notification = started.find((d) => d.ruleId === 'nis2-notification')!;
    const metAt = new Date(Date.now() - 60_000).toISOString();
    const met = await as(w.t.app, w.office).post(`/api/incidents/${id}/deadlines/${notification.id}/met`, {
      metAt,
      how: 'Notified the Dutch CSIRT, reference NCSC-2026-118',
    });
    expect(met.statusCode).toBe(200);
    const final = nis2(await deadlines(id)).find((d) => d.ruleId === 'nis2-final')!;
    expect(final.startAt).toBe(metAt);
    const due = new Date(final.dueAt);
    const start = new Date(metAt);
    // One calendar month in Brussels: the same day of the next month (or its last day), not 30 days.
    expect(due.getTime() - start.getTime()).toBeGreaterThanOrEqual(27 * 86_400_000);
    expect(due.getTime() - start.getTime()).toBeLessThanOrEqual(31 * 86_400_000 + 3_600_000);
  });

  it('marks the running NIS2 clocks not applicable when the judgement is withdrawn, keeping those met', async () => {
    const id = await newIncident();
    await as(w.t.app, w.office).patch(`/api/incidents/${id}`, { facts: { nis2Significant: true } });
    const early = nis2(await deadlines(id)).find((d) => d.ruleId === 'nis2-early-warning')!;
    await as(w.t.app, w.office).post(`/api/incidents/${id}/deadlines/${early.id}/met`, { how: 'Early warning sent' });
    await as(w.t.app, w.office).patch(`/api/incidents/${id}`, { facts: { nis2Significant: false } });
    const after = Object.fromEntries(nis2(await deadlines(id)).map((d) => [d.ruleId, d.status]));
    expect(after).toEqual({ 'nis2-early-warning': 'met', 'nis2-notification': 'not_applicable' });
  });
});
