import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../test/app';
import { incidentWorld, type IncidentWorld } from './test-world';

let w: IncidentWorld;
let id: string;
type Task = { id: string; titleEn: string; doneAt: string | null; notNeededReason: string | null };
type Problem = { detail: string; errors: { path: string; code?: string; params?: Record<string, unknown> }[] };
const patch = (body: unknown, lang = 'en') =>
  as(w.t.app, w.officeA).patch(`/api/incidents/${id}`, body, { 'accept-language': lang });
const tasks = async () => json<Task[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${id}/tasks`));

beforeAll(async () => {
  w = await incidentWorld();
  id = json<{ id: string }>(
    await as(w.t.app, w.colleague).post('/api/incidents', {
      typeId: 'misdelivery',
      nearMiss: true,
      title: 'Almost faxed the wrong number',
      description: 'Caught it before sending',
      discoveredAt: new Date().toISOString(),
    }),
  ).id;
  expect((await patch({ causeCategory: 'human_error' })).statusCode).toBe(200);
});
afterAll(() => w.t.close());

describe('closing a case with open tasks', () => {
  it('refuses while a task is undecided, naming each one with a code, and changes nothing', async () => {
    const open = await tasks();
    expect(open.length).toBeGreaterThan(1);
    const res = await patch({ status: 'closed', taskDecisions: [{ taskId: open[0]!.id, decision: 'done' }] });
    expect(res.statusCode).toBe(422);
    const p = json<Problem>(res);
    const undecided = p.errors.filter((e) => e.code === 'incident.task_undecided');
    expect(undecided).toHaveLength(open.length - 1);
    expect(undecided.map((e) => (e.params!.task as { en: string }).en)).toEqual(open.slice(1).map((t) => t.titleEn));
    expect(p.detail).toContain(open[1]!.titleEn);
    expect((await tasks()).every((t) => t.doneAt === null)).toBe(true);
    expect(json<{ status: string }>(await as(w.t.app, w.officeA).get(`/api/incidents/${id}`)).status).toBe('reported');
  });

  it('says it in Japanese to a Japanese reader', async () => {
    const res = await patch({ status: 'closed' }, 'ja');
    expect(json<Problem>(res).detail).toContain('未完了のタスク');
  });

  it('refuses "not needed" without a reason', async () => {
    const open = await tasks();
    const res = await patch({
      status: 'closed',
      taskDecisions: open.map((t) => ({ taskId: t.id, decision: 'not_needed' })),
    });
    expect(res.statusCode).toBe(422);
    expect(json<Problem>(res).errors.map((e) => e.path)).toContain('body.taskDecisions.0.reason');
  });

  it('closes once each is decided: done ones done, the others settled as not needed with the reason', async () => {
    const open = await tasks();
    const res = await patch({
      status: 'closed',
      taskDecisions: open.map((t, i) =>
        i === 0 ? { taskId: t.id, decision: 'done' } : { taskId: t.id, decision: 'not_needed', reason: 'Nothing was sent' },
      ),
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await tasks();
    expect(after.every((t) => t.doneAt !== null)).toBe(true);
    expect(after.map((t) => t.notNeededReason)).toEqual(open.map((_, i) => (i === 0 ? null : 'Nothing was sent')));
    const timeline = json<{ kind: string; data: { message?: { code: string } } | null }[]>(
      await as(w.t.app, w.officeA).get(`/api/incidents/${id}/timeline`),
    );
    expect(timeline.filter((e) => e.data?.message?.code === 'timeline.task_not_needed')).toHaveLength(open.length - 1);
  });
});
