import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../../platform/notifications/tables';
import { as, json, testConfig } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { addDays, todayJst } from '../people';
import { trainingAssignments } from '../tables';
import { quizCourse, trainingWorld, type TrainingWorld } from '../test-world';
import { runTrainingDaily } from './job';

let w: TrainingWorld;
const ids = new Map<string, string>();
const today = todayJst(new Date());

beforeAll(async () => {
  w = await trainingWorld();
  const course = json<{ id: string }>(await as(w.t.app, w.office).post('/api/courses', quizCourse('RM-1')));
  await as(w.t.app, w.office).post(`/api/courses/${course.id}/publish`);
  const cur = json<{ id: string }>(
    await as(w.t.app, w.office).post('/api/curricula', {
      nameJa: '全員',
      nameEn: 'Everyone',
      rule: 'everyone',
      courseIds: [course.id],
      dueDays: 30,
    }),
  );
  await as(w.t.app, w.office).post(`/api/curricula/${cur.id}/run`, {});
  for (const [name, user] of Object.entries({ employee: w.employee, employeeB: w.employeeB, temp: w.temp, headA: w.headA })) {
    const mine = json<{ id: string; course: { code: string } }[]>(await as(w.t.app, user).get('/api/me/training'));
    ids.set(name, mine.find((a) => a.course.code === 'RM-1')!.id);
  }
}, 60_000);
afterAll(() => w.t.close());

const db = () => w.t.database.db;
const dueIn = (name: string, days: number) =>
  db()
    .update(trainingAssignments)
    .set({ dueOn: addDays(today, days) })
    .where(eq(trainingAssignments.id, ids.get(name)!));
const noticesOf = (userId: string, kind: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipientId, userId), eq(notifications.kind, kind as 'training.overdue')));

describe('reminders in the app and by mail', () => {
  it('tells each person once when due soon and once when overdue, and their org head once a week later', async () => {
    await dueIn('employee', 3);
    await dueIn('employeeB', -2);
    await dueIn('temp', -10);
    await dueIn('headA', 20);
    const first = await runTrainingDaily(db(), testConfig());
    expect(first).toMatchObject({ reminded: 1, overdue: 2, escalated: 1 });

    const [soon] = await noticesOf(w.employee.id, 'training.due-soon');
    expect(soon).toMatchObject({
      link: `/training/assignments/${ids.get('employee')}`,
      params: { course: { ja: '講座 RM-1', en: 'Course RM-1' }, dueOn: addDays(today, 3) },
    });
    expect(await noticesOf(w.employeeB.id, 'training.overdue')).toHaveLength(1);
    expect(await noticesOf(w.temp.id, 'training.overdue')).toHaveLength(1);
    // the temporary staff member works in A1: its head is told, the head of B1 is not (B's person is 2 days late)
    const [escalated] = await noticesOf(w.headA.id, 'training.overdue-escalated');
    expect(escalated).toMatchObject({ link: '/training/completion', params: { count: 1, dueOn: addDays(today, -10) } });
    expect(await noticesOf(w.headB.id, 'training.overdue-escalated')).toHaveLength(0);
    // each person sees their own in the bell
    const bell = json<{ items: { kind: string }[] }>(await as(w.t.app, w.employeeB).get('/api/notifications'));
    expect(bell.items.map((n) => n.kind)).toContain('training.overdue');

    // the next run tells nobody again
    const second = await runTrainingDaily(db(), testConfig());
    expect(second).toMatchObject({ reminded: 0, overdue: 0, escalated: 0 });
    expect(await noticesOf(w.employee.id, 'training.due-soon')).toHaveLength(1);
    expect(await noticesOf(w.temp.id, 'training.overdue')).toHaveLength(1);
    expect(await noticesOf(w.headA.id, 'training.overdue-escalated')).toHaveLength(1);
  });

  it('tells once when two runs overlap', async () => {
    await dueIn('employee', -1); // reminded before; now overdue
    const runs = await inParallel(2, () => runTrainingDaily(db(), testConfig()));
    expect(runs.reduce((n, r) => n + r.overdue, 0)).toBe(1);
    expect(await noticesOf(w.employee.id, 'training.overdue')).toHaveLength(1);
  });

  it('asks everyone with an account to sign a pledge once per version', async () => {
    const text = (v: string) => ({
      audience: 'employee',
      titleJa: '秘密保持誓約書',
      titleEn: 'Confidentiality pledge',
      bodyJa: `本文 ${v}`,
      bodyEn: `Text ${v}`,
    });
    const v1 = json<{ id: string; version: number }>(await as(w.t.app, w.office).post('/api/pledges', text('1')));
    // the employees with an account (two employees, two heads); the temporary staff member's text does not exist
    expect((await runTrainingDaily(db(), testConfig())).pledges).toBe(4);
    expect((await runTrainingDaily(db(), testConfig())).pledges).toBe(0);
    const [asked] = await noticesOf(w.employee.id, 'pledge.to-sign');
    expect(asked).toMatchObject({ link: '/training/pledges', params: { version: 1 } });
    expect(await noticesOf(w.temp.id, 'pledge.to-sign')).toHaveLength(0);
    await as(w.t.app, w.employee).post('/api/pledges/sign', { pledgeId: v1.id, version: 1, signedName: 'E1', agree: true });
    await as(w.t.app, w.office).post('/api/pledges', text('2'));
    expect((await runTrainingDaily(db(), testConfig())).pledges).toBe(4);
    expect((await noticesOf(w.employee.id, 'pledge.to-sign')).map((n) => n.params.version).sort()).toEqual([1, 2]);
    expect((await runTrainingDaily(db(), testConfig())).pledges).toBe(0);
  });
});
