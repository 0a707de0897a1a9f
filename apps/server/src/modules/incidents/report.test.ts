import { createHash } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/tables';
import { mailOutbox } from '../../platform/mail/tables';
import { as, json } from '../../test/app';
import { incidentWorld, lostLaptop, type IncidentWorld } from './test-world';

let w: IncidentWorld;
let caseId: string;
type Item = { id: string; number: string; status: string };

beforeAll(async () => {
  w = await incidentWorld();
  const res = await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop());
  expect(res.statusCode).toBe(201);
  caseId = json<{ id: string }>(res).id;
});
afterAll(() => w.t.close());

describe('reporting', () => {
  it('opens a numbered case in the reporter unit with template tasks, clocks, the head as member, and mails', async () => {
    const res = await as(w.t.app, w.reporter).get(`/api/incidents/${caseId}`);
    expect(res.statusCode).toBe(200);
    const body = json<{ number: string; orgUnitId: string; severity: string; status: string; can: object; nextDueAt: string }>(
      res,
    );
    expect(body).toMatchObject({
      orgUnitId: w.units.deptA,
      severity: 'medium',
      status: 'reported',
      can: { manage: false, contribute: true },
    });
    expect(body.number).toMatch(/^INC-\d{4}-00001$/);
    const tasks = json<{ step: string }[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${caseId}/tasks`));
    expect(tasks.length).toBe(11); // 8 common + 3 for loss or theft
    const clocks = json<{ ruleId: string }[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${caseId}/deadlines`));
    expect(clocks.map((c) => c.ruleId).sort()).toEqual([
      'contract-customer',
      'jp-appi-data-subject',
      'jp-appi-final',
      'jp-appi-preliminary',
    ]);
    const members = json<{ userId: string }[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${caseId}/members`));
    expect(members.map((m) => m.userId)).toEqual([w.headA.id]);
    const mails = await w.t.database.db.select().from(mailOutbox).where(like(mailOutbox.subject, '%Incident reported%'));
    expect(mails.map((m) => m.to).sort()).toEqual([w.office.email, w.officeA.email, w.headA.email].sort());
    expect(mails[0]!.body).toContain('インシデント');
    expect(mails[0]!.body).not.toContain('Osaka loop line');
  });

  it('numbers the next report of the year, and takes a near miss with an attachment hashed as evidence', async () => {
    const content = Buffer.from('photo of the unlocked cabinet');
    const res = await as(w.t.app, w.colleague).post('/api/incidents', {
      typeId: 'other',
      nearMiss: true,
      title: 'Cabinet left unlocked',
      description: 'Found the cabinet open at 19:00',
      discoveredAt: new Date().toISOString(),
      language: 'ja',
      attachments: [{ name: 'cabinet.jpg', mediaType: 'image/jpeg', contentBase64: content.toString('base64') }],
    });
    expect(res.statusCode).toBe(201);
    const item = json<{ id: string; number: string }>(res);
    expect(item.number).toMatch(/-00002$/);
    const evidence = json<{ sha256: string; size: number; custody: { action: string }[] }[]>(
      await as(w.t.app, w.colleague).get(`/api/incidents/${item.id}/evidence`),
    );
    expect(evidence[0]).toMatchObject({ size: content.length, custody: [{ action: 'collected' }] });
    expect(evidence[0]!.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    const [first] = json<{ id: string }[]>(await as(w.t.app, w.colleague).get(`/api/incidents/${item.id}/evidence`));
    const dl = await as(w.t.app, w.officeA).get(`/api/incidents/${item.id}/evidence/${first!.id}/content`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(content)).toBe(true);
    expect(dl.headers['x-content-sha256']).toBe(evidence[0]!.sha256);
    const after = json<{ custody: { action: string }[] }[]>(
      await as(w.t.app, w.colleague).get(`/api/incidents/${item.id}/evidence`),
    );
    expect(after[0]!.custody.map((c) => c.action)).toEqual(['collected', 'downloaded']);
  });

  it('refuses an unknown type, a future discovery, unknown fields and a unit outside the organisation', async () => {
    const bad = await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop({ typeId: 'alien_invasion' }));
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(bad).errors[0]!.path).toBe('body.typeId');
    const future = await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop({ discoveredAt: '2999-01-01T00:00:00Z' }));
    expect(future.statusCode).toBe(400);
    expect((await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop({ extra: 1 }))).statusCode).toBe(400);
    const other = await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop({ orgUnitId: w.units.siteB }));
    expect(json<{ errors: { path: string }[] }>(other).errors[0]!.path).toBe('body.orgUnitId');
    expect((await as(w.t.app, null).post('/api/incidents', lostLaptop())).statusCode).toBe(401);
  });
});

describe('who sees a case', () => {
  it('a reporter lists only their own reports; a colleague in the same unit does not see them', async () => {
    const mine = json<{ items: Item[] }>(await as(w.t.app, w.reporter).get('/api/incidents'));
    expect(mine.items.map((i) => i.id)).toEqual([caseId]);
    const colleague = json<{ items: Item[] }>(await as(w.t.app, w.colleague).get('/api/incidents'));
    expect(colleague.items.map((i) => i.id)).not.toContain(caseId);
    expect((await as(w.t.app, w.colleague).get(`/api/incidents/${caseId}`)).statusCode).toBe(404);
  });

  it("another site's office gets 404 and an empty list; the own site's office and the group office see it", async () => {
    expect((await as(w.t.app, w.officeB).get(`/api/incidents/${caseId}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.officeB).get(`/api/incidents/${caseId}/timeline`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.officeB).patch(`/api/incidents/${caseId}`, { severity: 'high' })).statusCode).toBe(404);
    expect(json<{ items: Item[] }>(await as(w.t.app, w.officeB).get('/api/incidents')).items).toEqual([]);
    expect(json<{ items: Item[] }>(await as(w.t.app, w.officeA).get('/api/incidents')).items).toHaveLength(2);
    expect((await as(w.t.app, w.office).get(`/api/incidents/${caseId}`)).statusCode).toBe(200);
  });

  it('the organisation head (a member) reads it but may not change it; an employee may not PATCH', async () => {
    expect((await as(w.t.app, w.headA).get(`/api/incidents/${caseId}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.headA).patch(`/api/incidents/${caseId}`, { severity: 'low' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.reporter).patch(`/api/incidents/${caseId}`, { severity: 'low' })).statusCode).toBe(403);
  });

  it('a person added to the case reads it; removed, they get 404 again', async () => {
    expect((await as(w.t.app, w.helper).get(`/api/incidents/${caseId}`)).statusCode).toBe(404);
    const add = await as(w.t.app, w.officeA).post(`/api/incidents/${caseId}/members`, {
      userId: w.helper.id,
      note: 'IT support',
    });
    expect(add.statusCode).toBe(201);
    expect((await as(w.t.app, w.officeA).post(`/api/incidents/${caseId}/members`, { userId: w.helper.id })).statusCode).toBe(409);
    expect((await as(w.t.app, w.helper).get(`/api/incidents/${caseId}`)).statusCode).toBe(200);
    expect(json<{ items: Item[] }>(await as(w.t.app, w.helper).get('/api/incidents')).items.map((i) => i.id)).toEqual([caseId]);
    expect((await as(w.t.app, w.helper).post(`/api/incidents/${caseId}/members`, { userId: w.colleague.id })).statusCode).toBe(
      403,
    );
    expect((await as(w.t.app, w.officeA).delete(`/api/incidents/${caseId}/members/${w.helper.id}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.helper).get(`/api/incidents/${caseId}`)).statusCode).toBe(404);
  });

  it('logs every read of a case in the audit log', async () => {
    await as(w.t.app, w.office).get(`/api/incidents/${caseId}`);
    const reads = await w.t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'incident.read'), eq(auditEvents.targetId, caseId), eq(auditEvents.actorId, w.office.id)),
      );
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads[0]!.orgPath).toContain(w.units.deptA);
  });

  it('filters and pages the list with a keyset cursor', async () => {
    const near = json<{ items: Item[] }>(await as(w.t.app, w.office).get('/api/incidents?nearMiss=true'));
    expect(near.items).toHaveLength(1);
    const page1 = json<{ items: Item[]; nextCursor: string }>(await as(w.t.app, w.office).get('/api/incidents?limit=1'));
    const page2 = json<{ items: Item[]; nextCursor: string | null }>(
      await as(w.t.app, w.office).get(`/api/incidents?limit=1&cursor=${page1.nextCursor}`),
    );
    expect(page2.items[0]!.id).not.toBe(page1.items[0]!.id);
    expect(page2.nextCursor).toBeNull();
    const byQ = json<{ items: Item[] }>(await as(w.t.app, w.office).get('/api/incidents?q=laptop&status=open&typeId=loss_theft'));
    expect(byQ.items.map((i) => i.id)).toEqual([caseId]);
    const sub = json<{ items: Item[] }>(await as(w.t.app, w.office).get(`/api/incidents?orgUnitId=${w.units.siteB}`));
    expect(sub.items).toEqual([]);
  });
});
