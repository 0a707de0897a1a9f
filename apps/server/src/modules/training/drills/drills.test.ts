import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/sql';
import { as, createTestApp, createUser, json, testConfig, type TestApp, type TestUser } from '../../../test/app';
import { partners } from '../../partners/tables';
import { orgUnits, people } from '../../org/tables';
import { runTrainingDaily } from '../assignments/job';
import { addDays, todayJst } from '../people';
import { trainingAssignments } from '../tables';
import { quizCourse } from '../test-world';
import { sendDrillMails } from './queue';
import { startSmtpSink, tokenIn } from './smtp-sink';
import { hitQueueOf } from './hit-queue';
import { drillFollowUps, drillHits, drillRecipients } from './tables';
import { pendingHit, writeHit } from './track';

let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let smtpUrl: string;
let office: TestUser, officeA: TestUser, ciso: TestUser, employee: TestUser, headA: TestUser, partner: TestUser;
const units = { group: '', siteA: '', deptA: '', siteB: '' };
/** The tracking links answer first and write behind: the checks below read once the hits are written. */
const written = () => hitQueueOf(t.database.db).flush();
const HUMAN = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36' };

const template = (over: Record<string, unknown> = {}) => ({
  ja: {
    senderName: '総務部',
    subject: '【至急】{{name}}様 健康診断の再予約',
    body: '{{name}}様\n予約を確認してください: {{link}}\n総務部',
  },
  en: {
    senderName: 'General Affairs',
    subject: 'Urgent: rebook your health check, {{name}}',
    body: 'Dear {{name}},\nplease confirm: {{link}}',
  },
  attachmentName: '予約票.txt',
  ...over,
});
const design = (over: Record<string, unknown> = {}) => ({
  name: 'FY2026 drill 1',
  windowStart: new Date(Date.now() - 3600_000).toISOString(),
  windowHours: 1,
  templates: [template()],
  targets: [{ unitId: null }],
  ...over,
});

async function runSendJob() {
  const config = testConfig({ MAMORI_SMTP_URL: smtpUrl });
  await sendDrillMails.handler({}, { db: t.database.db, config, log: t.app.log });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  smtpUrl = sink.url;
  t = await createTestApp({ MAMORI_SMTP_URL: smtpUrl });
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (body: unknown) => json<{ id: string }>(await as(t.app, office).post('/api/org-units', body)).id;
  const unit = (parentId: string | null, code: string, kind: string) => ({
    parentId,
    code,
    kind,
    nameJa: `組織 ${code}`,
    nameEn: `Unit ${code}`,
  });
  units.group = await post(unit(null, 'G', 'company'));
  units.siteA = await post(unit(units.group, 'SA', 'site'));
  units.deptA = await post(unit(units.siteA, 'SA-D1', 'department'));
  units.siteB = await post(unit(units.group, 'SB', 'site'));
  const person = async (no: string, orgUnitId: string) =>
    (
      await t.database.db
        .insert(people)
        .values({
          employeeNo: no,
          nameJa: `山田 ${no}`,
          nameEn: `Taro Yamada ${no}`,
          email: `${no.toLowerCase()}@example.test`,
          kind: 'employee',
          orgUnitId,
        })
        .returning()
    )[0]!.id;
  for (let i = 1; i <= 6; i++) await person(`A${i}`, units.deptA);
  await person('B1', units.siteB);
  await person('B2', units.siteB);
  employee = await createUser(t.database, [{ role: 'employee' }], { personId: await person('E1', units.deptA) });
  headA = await createUser(t.database, [{ role: 'org_head', orgUnitId: units.deptA }], {
    personId: await person('H1', units.deptA),
  });
  officeA = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: units.siteA }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  const [company] = await t.database.db
    .insert(partners)
    .values({ nameJa: '取引先', nameEn: 'Partner', country: 'JP', tier: 'low' })
    .returning();
  partner = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: company!.id });
}, 180_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('designing a drill', () => {
  it('is refused to anyone but the security office, and to a partner account', async () => {
    for (const u of [employee, headA, officeA, ciso, partner])
      expect((await as(t.app, u).post('/api/drills', design())).statusCode).toBe(403);
    expect((await as(t.app, partner).get('/api/drills')).statusCode).toBe(403);
    expect((await as(t.app, employee).get('/api/drills')).statusCode).toBe(403);
  });

  it('refuses a template without the tracked link, naming each body that lacks it, and stores nothing', async () => {
    const res = await as(t.app, office).post(
      '/api/drills',
      design({ templates: [template({ en: { senderName: 'x', subject: 'y', body: 'no link here' } })] }),
    );
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string; code: string }[] }>(res).errors).toEqual([
      expect.objectContaining({ path: 'body.templates.0.en.body', code: 'drill.link_required' }),
    ]);
    expect(json<{ items: unknown[] }>(await as(t.app, office).get('/api/drills')).items).toHaveLength(0);
  });

  it('refuses to queue a drill whose targets select nobody', async () => {
    const d = json<{ id: string }>(
      await as(t.app, office).post('/api/drills', design({ targets: [{ unitId: units.siteB, roleGroup: 'executive' }] })),
    );
    const res = await as(t.app, office).post(`/api/drills/${d.id}/queue`);
    expect(res.statusCode).toBe(422);
    expect(json<{ errors: { path: string }[] }>(res).errors[0]!.path).toBe('body.targets');
    expect(json<{ status: string }>(await as(t.app, office).get(`/api/drills/${d.id}`)).status).toBe('draft');
  });

  it('previews the reach per role group and the rendered first mail', async () => {
    const res = await as(t.app, office).post('/api/drills/preview', design({ targets: [{ unitId: units.siteA }] }));
    expect(res.statusCode).toBe(200);
    const p = json<{ recipients: number; byRoleGroup: Record<string, number>; sample: { ja: { body: string } } }>(res);
    expect(p.recipients).toBe(8);
    expect(p.byRoleGroup).toEqual({ executive: 0, org_head: 1, staff: 7 });
    expect(p.sample.ja.body).toContain('/api/drill-links/c/PREVIEW?l=ja');
  });
});

describe('a sent drill', () => {
  let drillId = '';
  beforeAll(async () => {
    const d = json<{ id: string }>(await as(t.app, office).post('/api/drills', design()));
    drillId = d.id;
    const q = await as(t.app, office).post(`/api/drills/${d.id}/queue`);
    expect(q.statusCode).toBe(200);
    expect(json<{ recipients: number }>(q).recipients).toBe(10);
    await runSendJob();
  }, 120_000);

  it('is delivered through SMTP, one mail per recipient with its own token, and the drill is done', async () => {
    const mine = sink.mails.filter((m) => m.raw.includes('drill-links'));
    expect(mine).toHaveLength(10);
    const tokens = new Set(mine.map((m) => tokenIn(m.raw)));
    expect(tokens.size).toBe(10);
    expect(mine[0]!.raw).toContain('Content-Disposition: attachment');
    const d = json<{ status: string; sent: number }>(await as(t.app, office).get(`/api/drills/${drillId}`));
    expect(d).toMatchObject({ status: 'done', sent: 10 });
    // only the hash is stored, never the token
    const stored = await t.database.db.select({ h: drillRecipients.tokenHash }).from(drillRecipients);
    expect(stored.every((s) => s.h && !tokens.has(s.h))).toBe(true);
  });

  it('records a person’s click (after the scanner window) and owes them a follow-up course; a forged token records nothing', async () => {
    const mail = sink.mails.find((m) => m.to[0] === 'a1@example.test')!;
    const token = tokenIn(mail.raw)!;
    // the mail was delivered "a minute ago": a click now is not a gateway's instant visit
    await t.database.db.execute(
      sql`UPDATE drill_recipients SET sent_at = now() - interval '1 minute' WHERE drill_id = ${drillId}::uuid`,
    );
    const before = await t.database.db.select().from(drillHits);
    const forged = await t.app.inject({ method: 'GET', url: `/api/drill-links/c/${token.slice(0, -2)}xx?l=ja`, headers: HUMAN });
    const unknown = await t.app.inject({ method: 'GET', url: `/api/drill-links/c/not-a-token?l=ja`, headers: HUMAN });
    await written();
    expect((await t.database.db.select().from(drillHits)).length).toBe(before.length);
    const real = await t.app.inject({ method: 'GET', url: `/api/drill-links/c/${token}?l=ja`, headers: HUMAN });
    await written();
    expect(real.statusCode).toBe(200);
    expect(forged.statusCode).toBe(200);
    expect(forged.body).toBe(real.body);
    expect(unknown.body).toBe(real.body);
    expect(real.body).toContain('標的型攻撃メール訓練');
    const [r] = await t.database.db.select().from(drillRecipients).where(eq(drillRecipients.email, 'a1@example.test'));
    expect(r!.clickedAt).not.toBeNull();
    expect(r!.openedAt).not.toBeNull();
    expect(await t.database.db.select().from(drillFollowUps)).toEqual([
      expect.objectContaining({ drillId, personId: r!.personId, assignedAt: null }),
    ]);
  });

  it('gives the clicker the follow-up course in the hourly training pass, once; a pass from before the click lapses', async () => {
    const db = t.database.db;
    const course = json<{ id: string }>(await as(t.app, office).post('/api/courses', quizCourse('TARGETED-MAIL'))).id;
    expect((await as(t.app, office).post(`/api/courses/${course}/publish`)).statusCode).toBe(200);
    const [r] = await db.select().from(drillRecipients).where(eq(drillRecipients.email, 'a1@example.test'));
    const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, units.deptA));
    const [old] = await db
      .insert(trainingAssignments)
      .values({
        personId: r!.personId,
        courseId: course,
        unitId: units.deptA,
        unitPath: unit!.path,
        dueOn: '2026-01-31',
        status: 'passed',
        score: 100,
        passedAt: new Date(Date.now() - 30 * 86_400_000),
        expiresOn: addDays(todayJst(), 300),
      })
      .returning();
    const first = await runTrainingDaily(db, testConfig());
    expect(first.followUps).toBe(1);
    const rows = await db
      .select({ id: trainingAssignments.id, status: trainingAssignments.status, dueOn: trainingAssignments.dueOn })
      .from(trainingAssignments)
      .where(eq(trainingAssignments.courseId, course));
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: old!.id, status: 'expired', dueOn: '2026-01-31' },
        expect.objectContaining({ status: 'assigned', dueOn: addDays(todayJst(), 30) }),
      ]),
    );
    expect(rows).toHaveLength(2);
    const [followUp] = await db.select().from(drillFollowUps);
    expect(followUp!.assignedAt).not.toBeNull();
    // the next pass finds nothing owed: the course is not assigned twice
    expect((await runTrainingDaily(db, testConfig())).followUps).toBe(0);
    expect(await db.select().from(trainingAssignments).where(eq(trainingAssignments.courseId, course))).toHaveLength(2);
  });

  it('keeps scanner hits out of the rates: HEAD, scanner agents, prefetch, and clicks right after delivery', async () => {
    const tok = (to: string) => tokenIn(sink.mails.find((m) => m.to[0] === to)!.raw)!;
    await t.app.inject({ method: 'HEAD', url: `/api/drill-links/c/${tok('a2@example.test')}`, headers: HUMAN });
    await t.app.inject({
      method: 'GET',
      url: `/api/drill-links/c/${tok('a3@example.test')}`,
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; Proofpoint URL Defense)' },
    });
    await t.app.inject({
      method: 'GET',
      url: `/api/drill-links/c/${tok('a4@example.test')}`,
      headers: { ...HUMAN, 'sec-purpose': 'prefetch' },
    });
    // delivered a moment ago (the database's clock counts microseconds, the request's time milliseconds: a click in
    // the same millisecond as `now()` would read as before delivery)
    await t.database.db.execute(
      sql`UPDATE drill_recipients SET sent_at = now() - interval '50 milliseconds' WHERE email = 'a5@example.test'`,
    );
    await t.app.inject({ method: 'GET', url: `/api/drill-links/c/${tok('a5@example.test')}`, headers: HUMAN });
    await written();
    const clicked = await t.database.db
      .select()
      .from(drillRecipients)
      .where(sql`${drillRecipients.clickedAt} IS NOT NULL`);
    expect(clicked.map((c) => c.email)).toEqual(['a1@example.test']);
    const res = json<{ total: { clicked: number }; filtered: Record<string, number> }>(
      await as(t.app, office).get(`/api/drills/${drillId}/results?by=role`),
    );
    expect(res.total.clicked).toBe(1);
    expect(res.filtered).toEqual({ head: 1, scanner_agent: 1, prefetch: 1, too_fast: 1 });
  });

  it('records a report and an open, and shows the thank-you page in the recipient’s language', async () => {
    const raw = sink.mails.find((m) => m.to[0] === 'a6@example.test')!.raw;
    const page = await t.app.inject({ method: 'GET', url: `/api/drill-links/r/${tokenIn(raw, 'r')}?l=en`, headers: HUMAN });
    expect(page.body).toContain('Thank you for reporting');
    const img = await t.app.inject({ method: 'GET', url: `/api/drill-links/o/${tokenIn(raw, 'o')}`, headers: HUMAN });
    expect(img.headers['content-type']).toBe('image/gif');
    await written();
    const [r] = await t.database.db.select().from(drillRecipients).where(eq(drillRecipients.email, 'a6@example.test'));
    expect(r!.reportedAt).not.toBeNull();
    expect(r!.openedAt).not.toBeNull();
  });

  it('shows aggregates to drills:read in its scope with small groups merged, and persons only to the security office', async () => {
    const byUnit = json<{ rows: { key: string; recipients: number }[]; total: { recipients: number } }>(
      await as(t.app, office).get(`/api/drills/${drillId}/results?by=unit`),
    );
    expect(byUnit.total.recipients).toBe(10);
    // site B (2 people) is merged with the smallest group so that "others" holds at least five
    expect(byUnit.rows.every((r) => r.recipients >= 5)).toBe(true);
    expect(byUnit.rows.find((r) => r.key === units.siteB)).toBeUndefined();
    const site = json<{ total: { recipients: number } }>(await as(t.app, officeA).get(`/api/drills/${drillId}/results?by=role`));
    expect(site.total.recipients).toBe(8);
    expect((await as(t.app, officeA).get(`/api/drills/${drillId}/results?by=unit&unitId=${units.siteB}`)).statusCode).toBe(404);
    expect((await as(t.app, ciso).get(`/api/drills/${drillId}/results`)).statusCode).toBe(200);
    // an administrator reads the aggregates but, like the CISO, no one's own result
    const admin = await createUser(t.database, [{ role: 'system_admin' }]);
    expect((await as(t.app, admin).get(`/api/drills/${drillId}/results`)).statusCode).toBe(200);
    for (const u of [officeA, ciso, admin, employee, partner])
      expect((await as(t.app, u).get(`/api/drills/${drillId}/recipients`)).statusCode).toBe(403);
    for (const u of [employee, headA, partner])
      expect((await as(t.app, u).get(`/api/drills/${drillId}/results`)).statusCode).toBe(403);
    const persons = json<{ items: { email: string; clickedAt: string | null }[] }>(
      await as(t.app, office).get(`/api/drills/${drillId}/recipients?status=clicked`),
    );
    expect(persons.items.map((p) => p.email)).toEqual(['a1@example.test']);
    const xlsx = await as(t.app, ciso).get(`/api/drills/${drillId}/results.xlsx?lang=ja`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const trend = json<{ drillId: string; clicked: number }[]>(await as(t.app, ciso).get('/api/drills/trend'));
    expect(trend).toEqual([expect.objectContaining({ drillId, clicked: 1, reported: 1 })]);
  });

  it('refuses to queue it twice, and a stale If-Match is 412', async () => {
    expect((await as(t.app, office).post(`/api/drills/${drillId}/queue`)).statusCode).toBe(409);
    const d = json<{ id: string; rowVersion: number }>(await as(t.app, office).post('/api/drills', design()));
    const stale = await as(t.app, office).post(`/api/drills/${d.id}/queue`, {}, { 'if-match': `"${d.rowVersion + 5}"` });
    expect(stale.statusCode).toBe(412);
  });

  it('judges a hit by when its request came, however late it is written', async () => {
    const mail = sink.mails.find((m) => m.to[0] === 'b2@example.test')!;
    const token = tokenIn(mail.raw)!;
    const [r] = await t.database.db.select().from(drillRecipients).where(eq(drillRecipients.email, 'b2@example.test'));
    const sent = r!.sentAt!.getTime();
    const req = { method: 'GET', userAgent: HUMAN['user-agent'], headers: HUMAN, ip: '198.51.100.20' };
    // a click 3 s after delivery, written a minute later: still a gateway's instant visit
    await writeHit(t.database.db, pendingHit('click', token, req, new Date(sent + 3_000)));
    // an open 2 minutes after delivery: a person, stamped with the request's time
    await writeHit(t.database.db, pendingHit('open', token, req, new Date(sent + 120_000)));
    const hits = await t.database.db.select().from(drillHits).where(eq(drillHits.recipientId, r!.id));
    expect(hits.map((h) => [h.kind, h.automated, h.at.getTime() - sent])).toEqual([
      ['click', 'too_fast', 3_000],
      ['open', null, 120_000],
    ]);
    const [after] = await t.database.db.select().from(drillRecipients).where(eq(drillRecipients.id, r!.id));
    expect(after!.clickedAt).toBeNull();
    expect(after!.openedAt!.getTime()).toBe(sent + 120_000);
  });

  it('cuts a token-guessing run at the limit per address, with a problem, and queues nothing for it', async () => {
    const limit = testConfig().drillLinkRateLimit;
    const guess = (i: number) =>
      t.app.inject({
        method: 'GET',
        url: `/api/drill-links/c/guess${String(i).padStart(20, '0')}`,
        headers: HUMAN,
        remoteAddress: '192.0.2.99',
      });
    for (let i = 0; i < limit; i++) expect((await guess(i)).statusCode).toBe(200);
    const queued = hitQueueOf(t.database.db).size;
    const refused = await guess(limit);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(hitQueueOf(t.database.db).size).toBe(queued);
    // another address is not held back
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/drill-links/o/guess-other-address-0001',
      remoteAddress: '192.0.2.100',
    });
    expect(other.statusCode).toBe(200);
    await written();
  });

  it('counts a burst from one network as a scanner', async () => {
    const d = json<{ id: string }>(await as(t.app, office).post('/api/drills', design({ name: 'burst' })));
    await as(t.app, office).post(`/api/drills/${d.id}/queue`);
    const start = sink.mails.length;
    await runSendJob();
    await t.database.db.execute(
      sql`UPDATE drill_recipients SET sent_at = now() - interval '1 hour' WHERE drill_id = ${d.id}::uuid`,
    );
    const tokens = sink.mails.slice(start).map((m) => tokenIn(m.raw)!);
    for (const tk of tokens)
      await t.app.inject({ method: 'GET', url: `/api/drill-links/c/${tk}`, headers: HUMAN, remoteAddress: '203.0.113.7' });
    await written();
    const rows = await queryRows<{ automated: string | null; n: string | number }>(
      t.database.db,
      sql`SELECT automated, count(*) AS n FROM drill_hits WHERE drill_id = ${d.id}::uuid GROUP BY automated ORDER BY automated`,
    );
    // the first eight hits look like people; the ninth and tenth follow eight others from the same /24 within 30 s
    expect(tokens).toHaveLength(10);
    expect(rows.map((r) => [r.automated, Number(r.n)])).toEqual([
      ['burst', 2],
      [null, 8],
    ]);
  });
});
