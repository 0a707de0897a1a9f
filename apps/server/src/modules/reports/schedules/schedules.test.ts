import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/tables';
import { as, json } from '../../../test/app';
import { controlsWorld, type ControlsWorld } from '../../controls/test-world';
import { generateRun } from '../generate/service';
import { reportRuns, reportSchedules } from '../tables';
import { mailScheduledRun } from './mail';
import { nextSlot, runDueSchedules, slotFiscalYear } from './service';

type Schedule = { id: string; nextRunAt: string; recipients: string[]; title: string; unit: { id: string } | null };
type Problem = { errors?: { path: string }[] };

let w: ControlsWorld;
beforeAll(async () => {
  w = await controlsWorld();
}, 60_000);
afterAll(() => w.t.close());

const body = (over: Record<string, unknown> = {}) => ({
  templateId: 'incident-trends',
  language: 'en',
  formats: ['xlsx'],
  frequency: 'monthly',
  recipients: ['ciso@example.com'],
  ...over,
});

describe('schedule slots', () => {
  it('runs on the 1st at 07:00 in Tokyo (monthly) or on 1 April (yearly), reporting on the day before', () => {
    expect(nextSlot('monthly', new Date('2026-05-14T03:00:00Z')).toISOString()).toBe('2026-05-31T22:00:00.000Z');
    // 31 May 22:00 UTC is 1 June 07:00 in Tokyo: the slot itself is not "after" it
    expect(nextSlot('monthly', new Date('2026-05-31T22:00:00Z')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(nextSlot('monthly', new Date('2026-12-20T00:00:00Z')).toISOString()).toBe('2026-12-31T22:00:00.000Z');
    expect(nextSlot('yearly', new Date('2026-05-14T03:00:00Z')).toISOString()).toBe('2027-03-31T22:00:00.000Z');
    expect(nextSlot('yearly', new Date('2027-02-01T00:00:00Z')).toISOString()).toBe('2027-03-31T22:00:00.000Z');
    expect(slotFiscalYear(new Date('2027-03-31T22:00:00Z'))).toBe(2026); // 1 April 2027: the year just ended
    expect(slotFiscalYear(new Date('2026-05-31T22:00:00Z'))).toBe(2026);
  });
});

describe('/api/report-schedules', () => {
  it("lets a site office schedule its site's report, and refuses another site, bad input and other roles", async () => {
    const res = await as(w.t.app, w.officeA).post('/api/report-schedules', body({ unitId: w.units.siteA }));
    expect(res.statusCode, res.body).toBe(201);
    const s = json<Schedule>(res);
    expect(s.unit!.id).toBe(w.units.siteA);
    expect(new Date(s.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    expect(s.title).toBe('Incident trend report');

    expect((await as(w.t.app, w.officeA).post('/api/report-schedules', body({ unitId: w.units.siteB }))).statusCode).toBe(404);
    const bad = await as(w.t.app, w.officeA).post(
      '/api/report-schedules',
      body({ templateId: 'no-such', frequency: 'weekly', recipients: ['not an address'] }),
    );
    expect(bad.statusCode).toBe(400);
    const paths = json<Problem>(bad).errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.frequency', 'body.recipients.0']));
    const unknown = await as(w.t.app, w.officeA).post('/api/report-schedules', body({ templateId: 'no-such' }));
    expect(json<Problem>(unknown).errors!.map((e) => e.path)).toEqual(['body.templateId']);
    for (const u of [w.employee, w.headA, w.auditor, w.partner])
      expect((await as(w.t.app, u).post('/api/report-schedules', body())).statusCode).toBe(403);

    // another site's office neither sees nor stops it; the CISO sees it
    const listB = json<Schedule[]>(await as(w.t.app, w.officeB).get('/api/report-schedules'));
    expect(listB.map((x) => x.id)).not.toContain(s.id);
    expect((await as(w.t.app, w.officeB).delete(`/api/report-schedules/${s.id}`)).statusCode).toBe(404);
    const listCiso = json<Schedule[]>(await as(w.t.app, w.ciso).get('/api/report-schedules'));
    expect(listCiso.map((x) => x.id)).toContain(s.id);
    expect((await as(w.t.app, w.officeA).delete(`/api/report-schedules/${s.id}`)).statusCode).toBe(204);
    expect(json<Schedule[]>(await as(w.t.app, w.officeA).get('/api/report-schedules'))).toEqual([]);
  });

  it('queues a due slot once for two concurrent runners, moves to the next slot, and mails the link when done', async () => {
    const s = json<Schedule>(
      await as(w.t.app, w.officeB).post(
        '/api/report-schedules',
        body({ unitId: w.units.siteB, recipients: ['a@example.com', 'B@example.com'] }),
      ),
    );
    const db = w.t.database.db;
    await db
      .update(reportSchedules)
      .set({ nextRunAt: new Date(Date.now() - 60_000) })
      .where(eq(reportSchedules.id, s.id));
    const counts = await Promise.all([runDueSchedules(db), runDueSchedules(db)]);
    expect(counts[0]! + counts[1]!).toBe(1);
    const runs = await db.select().from(reportRuns).where(eq(reportRuns.scheduleId, s.id));
    expect(runs).toHaveLength(1);
    expect(runs[0]!.scopePaths).toHaveLength(1);
    const [after] = await db.select().from(reportSchedules).where(eq(reportSchedules.id, s.id));
    expect(after!.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    expect(after!.lastRunId).toBe(runs[0]!.id);
    expect(await runDueSchedules(db)).toBe(0);

    await generateRun(db, runs[0]!.id, undefined, (tx, run) => mailScheduledRun(tx, run, 'https://mamori.example'));
    const [done] = await db.select().from(reportRuns).where(eq(reportRuns.id, runs[0]!.id));
    expect(done!.status).toBe('done');
    const mails = await db.select().from(mailOutbox);
    const ours = mails.filter((m) => m.body.includes(`/reports?run=${done!.id}`));
    expect(ours.map((m) => m.to).sort()).toEqual(['a@example.com', 'b@example.com']);
    expect(ours[0]!.body).toContain('https://mamori.example/reports?run=');
    // the run is readable by the schedule's author, not by another site's office
    expect((await as(w.t.app, w.officeB).get(`/api/reports/${done!.id}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.officeA).get(`/api/reports/${done!.id}`)).statusCode).toBe(404);
  }, 60_000);
});
