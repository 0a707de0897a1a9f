import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../platform/mail/tables';
import { readPdf } from '../../platform/pdf/testing';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { makePartner } from '../partners/testing';
import { todayTokyo } from './auditors';
import { addDays } from './findings';
import { runFindingEscalation } from './job';
import { attentionFor, auditProgrammeSummary } from './service';
import { auditFindings } from './tables';
import { testConfig } from '../../test/app';
import { loadPrincipal as loadP } from '../../platform/auth/principal-loader';
import { orgUnits } from '../org/tables';
import { trainingAssignments } from '../training/tables';
import { quizCourse } from '../training/test-world';
import { auditorRows } from './auditors';

type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };
const codes = (res: { body: string }) => (json<Problem>(res as never).errors ?? []).map((e) => `${e.path}:${e.code}`);

let t: TestApp;
let office: TestUser, officeB: TestUser, ciso: TestUser, headA: TestUser, leaderA: TestUser, headB: TestUser;
let auditorUser: TestUser, otherAuditorUser: TestUser, employee: TestUser, partner: TestUser;
const u: Record<string, string> = {};
let lead: string; // register id of the auditor (home: dept X of site B)
let co: string; // register id of an auditor whose home is dept A (not independent of A)
let expired: string;
let programme: string;
let auditA: string;
const fy = Number(todayTokyo().slice(0, 4)) - (Number(todayTokyo().slice(5, 7)) < 4 ? 1 : 0);
const inYear = (d: string) => (d < `${fy}-04-01` ? `${fy}-04-01` : d > `${fy + 1}-03-31` ? `${fy + 1}-03-31` : d);

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (path: string, body: unknown) => {
    const res = await as(t.app, office).post(path, body);
    if (res.statusCode !== 201) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    return json<{ id: string }>(res).id;
  };
  const unit = (parentId: string | null, code: string, kind: string) =>
    post('/api/org-units', { parentId, code, kind, nameJa: `組織 ${code}`, nameEn: `Unit ${code}` });
  u.g = await unit(null, 'G', 'company');
  u.a = await unit(u.g, 'A', 'site');
  u.b = await unit(u.g, 'B', 'site');
  u.a1 = await unit(u.a, 'A1', 'department');
  u.a1s = await unit(u.a1, 'A1S', 'section');
  u.b1 = await unit(u.b, 'B1', 'department');
  const person = (no: string, unitId: string) =>
    post('/api/people', { employeeNo: no, nameJa: `監査 ${no}`, nameEn: `Auditor ${no}`, kind: 'employee', orgUnitId: unitId });
  const pLead = await person('E1', u.b1);
  const pCo = await person('E2', u.a1s);
  const pOld = await person('E3', u.b1);
  officeB = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: u.b }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  headA = await createUser(t.database, [{ role: 'org_head', orgUnitId: u.a1 }]);
  leaderA = await createUser(t.database, [{ role: 'promotion_leader', orgUnitId: u.a1 }]);
  headB = await createUser(t.database, [{ role: 'org_head', orgUnitId: u.b1 }]);
  auditorUser = await createUser(t.database, [{ role: 'auditor' }], { personId: pLead });
  otherAuditorUser = await createUser(t.database, [{ role: 'auditor' }], { personId: pCo });
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: u.a1 }]);
  const p = await makePartner(t.app, office, 'P1');
  partner = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id });
  const reg = (personId: string, expiresOn: string) =>
    post('/api/auditors', {
      personId,
      qualifiedOn: '2020-04-01',
      expiresOn,
      training: [{ date: '2020-03-10', title: 'ISO/IEC 27001 内部監査員研修', hours: 14 }],
    });
  lead = await reg(pLead, `${fy + 3}-03-31`);
  co = await reg(pCo, `${fy + 3}-03-31`);
  expired = await reg(pOld, `${fy}-04-02`);
  programme = await post('/api/audit-programmes', { fiscalYear: fy, scopeUnitId: u.g, title: `FY${fy} internal audits` });
});
afterAll(() => t.close());

describe('the auditor register', () => {
  it('lists auditors to readers of audits and refuses employees and partner accounts', async () => {
    const res = await as(t.app, ciso).get('/api/auditors');
    expect(res.statusCode).toBe(200);
    expect(json<{ id: string; training: unknown[]; qualificationSource: string }[]>(res)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: lead, qualificationSource: 'manual' })]),
    );
    for (const user of [employee, partner]) expect((await as(t.app, user).get('/api/auditors')).statusCode).toBe(403);
  });

  it('is kept by the offices only, and refuses a person twice or an expiry before the qualification', async () => {
    expect((await as(t.app, auditorUser).patch(`/api/auditors/${lead}`, { notes: 'x' })).statusCode).toBe(403);
    expect((await as(t.app, headA).post('/api/auditors', {})).statusCode).toBe(403);
    const before = await as(t.app, office).get(`/api/auditors/${lead}`);
    const twice = await as(t.app, office).post('/api/auditors', {
      personId: json<{ person: { id: string } }>(before).person.id,
      qualifiedOn: '2021-01-01',
      expiresOn: '2025-01-01',
    });
    expect(twice.statusCode).toBe(409);
    const reversed = await as(t.app, office).patch(`/api/auditors/${lead}`, { expiresOn: '2019-01-01' });
    expect(codes(reversed)).toEqual(['body.expiresOn:audits.expiry_before_qualification']);
  });

  it('qualifies through training only with a valid pass of the auditor course, read from the training domain', async () => {
    const personRes = await as(t.app, office).post('/api/people', {
      employeeNo: 'E9',
      nameJa: '監査 E9',
      nameEn: 'Auditor E9',
      kind: 'employee',
      orgUnitId: u.b1,
    });
    const personId = json<{ id: string }>(personRes).id;
    const body = { personId, qualifiedOn: '2026-04-01', expiresOn: '2029-03-31', qualificationSource: 'training' };
    const before = (await auditorRows(t.database.db)).length;
    const refused = await as(t.app, office).post('/api/auditors', body);
    expect(refused.statusCode).toBe(400);
    expect(codes(refused)).toEqual(['body.qualificationSource:audits.course_not_passed']);
    expect((await auditorRows(t.database.db)).length).toBe(before);
    // the person passes the internal-auditor course (published by the office in the training catalogue)
    const course = json<{ id: string }>(await as(t.app, office).post('/api/courses', quizCourse('AUDITOR-INTERNAL'))).id;
    expect((await as(t.app, office).post(`/api/courses/${course}/publish`)).statusCode).toBe(200);
    const [unit] = await t.database.db.select().from(orgUnits).where(eq(orgUnits.id, u.b1!));
    await t.database.db.insert(trainingAssignments).values({
      personId,
      courseId: course,
      unitId: u.b1!,
      unitPath: unit!.path,
      dueOn: '2026-03-31',
      status: 'passed',
      score: 90,
      passedAt: new Date(),
      expiresOn: addDays(todayTokyo(), 365),
    });
    const ok = await as(t.app, office).post('/api/auditors', body);
    expect(ok.statusCode).toBe(201);
    expect(json<{ qualificationSource: string; valid: boolean }>(ok)).toMatchObject({ qualificationSource: 'training' });
    expect((await auditorRows(t.database.db)).length).toBe(before + 1);
  });
});

describe('planning a programme', () => {
  it('proposes never-audited departments and sections of the scope', async () => {
    const res = await as(t.app, office).get(`/api/audit-programmes/${programme}/proposals`);
    expect(res.statusCode).toBe(200);
    const items = json<{ unit: { id: string }; reasons: string[] }[]>(res);
    expect(items.map((i) => i.unit.id).sort()).toEqual([u.a1, u.a1s, u.b1].sort());
    expect(items.every((i) => i.reasons.includes('never_audited'))).toBe(true);
    expect((await as(t.app, auditorUser).get(`/api/audit-programmes/${programme}/proposals`)).statusCode).toBe(403);
  });

  it('refuses an auditor of the audited unit, an expired auditor and dates outside the year, naming each field', async () => {
    const from = inYear(addDays(todayTokyo(), 1));
    const res = await as(t.app, office).post(`/api/audit-programmes/${programme}/audits`, {
      audits: [
        { unitId: u.a1, leadAuditorId: co, plannedFrom: from, plannedTo: from },
        { unitId: u.b1, leadAuditorId: lead, plannedFrom: from, plannedTo: from },
        { unitId: u.a1s, leadAuditorId: expired, plannedFrom: `${fy + 1}-03-01`, plannedTo: `${fy + 1}-03-02` },
        { unitId: u.a1, leadAuditorId: lead, plannedFrom: `${fy - 1}-01-01`, plannedTo: from },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(codes(res)).toEqual([
      'body.audits.0.leadAuditorId:audits.auditor_own_unit',
      'body.audits.1.leadAuditorId:audits.auditor_own_unit',
      'body.audits.2.leadAuditorId:audits.auditor_expired',
      'body.audits.3.unitId:audits.unit_planned',
      'body.audits.3.plannedFrom:audits.dates_outside_year',
    ]);
    const list = json<{ total: number }>(await as(t.app, office).get(`/api/audits?programmeId=${programme}`));
    expect(list.total).toBe(0);
  });

  it('plans audits for the office; a site office cannot plan outside its site; others are refused', async () => {
    const from = inYear(todayTokyo());
    const ok = await as(t.app, office).post(`/api/audit-programmes/${programme}/audits`, {
      audits: [{ unitId: u.a1, leadAuditorId: lead, plannedFrom: from, plannedTo: from, mode: 'remote', scope: 'ISMS 全般' }],
    });
    expect(ok.statusCode).toBe(201);
    auditA = json<{ created: string[] }>(ok).created[0]!;
    const outside = await as(t.app, officeB).post(`/api/audit-programmes/${programme}/audits`, {
      audits: [{ unitId: u.a1s, leadAuditorId: lead, plannedFrom: from, plannedTo: from }],
    });
    expect(codes(outside)).toEqual(['body.audits.0.unitId:audits.scope_unknown']);
    for (const user of [auditorUser, headA, ciso, partner])
      expect((await as(t.app, user).post(`/api/audit-programmes/${programme}/audits`, { audits: [] })).statusCode).toBe(403);
  });
});

describe('running an audit', () => {
  it('is seen by the programme readers and its unit, not by another site, employees or partners', async () => {
    expect((await as(t.app, ciso).get(`/api/audits/${auditA}`)).statusCode).toBe(200);
    expect((await as(t.app, headA).get(`/api/audits/${auditA}`)).statusCode).toBe(200);
    expect((await as(t.app, officeB).get(`/api/audits/${auditA}`)).statusCode).toBe(404);
    expect((await as(t.app, headB).get(`/api/audits/${auditA}`)).statusCode).toBe(404);
    for (const user of [employee, partner]) expect((await as(t.app, user).get(`/api/audits/${auditA}`)).statusCode).toBe(403);
  });

  it('is started only by its assigned auditor, with the checklist of the group rules', async () => {
    const byOther = await as(t.app, otherAuditorUser).post(`/api/audits/${auditA}/transition`, { to: 'in_progress' });
    expect(byOther.statusCode).toBe(403);
    expect((await as(t.app, office).post(`/api/audits/${auditA}/transition`, { to: 'in_progress' })).statusCode).toBe(403);
    const res = await as(t.app, auditorUser).post(`/api/audits/${auditA}/transition`, { to: 'in_progress' });
    expect(res.statusCode).toBe(200);
    const a = json<{ state: string; checklist: { ref: string; source: string }[]; can: { conduct: boolean } }>(res);
    expect(a.state).toBe('in_progress');
    expect(a.can.conduct).toBe(true);
    expect(a.checklist.filter((i) => i.source === 'rule')).toHaveLength(15);
    const item = await as(t.app, auditorUser).put(`/api/audits/${auditA}/checklist/R:R04`, {
      result: 'nonconforming',
      notes: '未実施',
    });
    expect(item.statusCode).toBe(200);
    expect((await as(t.app, otherAuditorUser).put(`/api/audits/${auditA}/checklist/R:R04`, { result: 'na' })).statusCode).toBe(
      403,
    );
    expect((await as(t.app, partner).put(`/api/audits/${auditA}/checklist/R:R04`, { result: 'na' })).statusCode).toBe(403);
  });

  it('keeps evidence files through the guards: type, base64, size', async () => {
    const ok = await as(t.app, auditorUser).post(`/api/audits/${auditA}/evidence`, {
      name: 'memo.txt',
      mediaType: 'text/plain',
      contentBase64: Buffer.from('面談メモ').toString('base64'),
    });
    expect(ok.statusCode).toBe(201);
    const bad = await as(t.app, auditorUser).post(`/api/audits/${auditA}/evidence`, {
      name: 'x.html',
      mediaType: 'text/html',
      contentBase64: 'aGk=',
    });
    expect(codes(bad)).toEqual(['body.mediaType:audits.evidence_type']);
    const file = await as(t.app, headA).get(`/api/audits/${auditA}/evidence/${json<{ id: string }>(ok).id}`);
    expect(file.body).toBe('面談メモ');
  });
});

describe('findings and corrective actions', () => {
  let finding: string;

  it('refuses a finding without a reference, or with one that is neither a clause nor a control', async () => {
    const none = await as(t.app, auditorUser).post('/api/audit-findings', { auditId: auditA, type: 'minor', statement: 'x' });
    expect(codes(none)).toEqual(['body.reference:audits.reference_required']);
    const wrong = await as(t.app, auditorUser).post('/api/audit-findings', {
      auditId: auditA,
      type: 'minor',
      reference: '12.9',
      statement: 'x',
    });
    expect(codes(wrong)).toEqual(['body.reference:audits.reference_unknown']);
    expect(
      (await as(t.app, headA).post('/api/audit-findings', { auditId: auditA, type: 'minor', reference: '6.1.2', statement: 'x' }))
        .statusCode,
    ).toBe(403);
  });

  it('records a nonconformity that waits for the unit, and an observation that does not', async () => {
    const res = await as(t.app, auditorUser).post('/api/audit-findings', {
      auditId: auditA,
      type: 'minor',
      reference: '6.1.2',
      statement: '今年度のリスクアセスメントが未実施。',
    });
    expect(res.statusCode).toBe(201);
    const f = json<{ id: string; state: string; referenceKind: string; dueDate: string }>(res);
    expect(f).toMatchObject({ state: 'open', referenceKind: 'clause', dueDate: addDays(todayTokyo(), 30) });
    finding = f.id;
    const obs = await as(t.app, auditorUser).post('/api/audit-findings', {
      auditId: auditA,
      type: 'good_practice',
      reference: 'A.5.10',
      statement: 'Clear desk checks every week.',
    });
    expect(json<{ state: string; referenceKind: string; reference: string }>(obs)).toMatchObject({
      state: 'noted',
      referenceKind: 'control',
      reference: '5.10',
    });
  });

  it('is answered by the unit only (its head or promotion leader)', async () => {
    const body = {
      rootCause: '担当者の異動で引き継ぎがなかった',
      whySteps: ['なぜ未実施か: 担当不在', 'なぜ担当不在か: 引継ぎ手順がない'],
      actionPlan: '引継ぎチェックリストを作成し、今月中に実施する',
      owner: '推進リーダー',
      dueDate: addDays(todayTokyo(), 20),
    };
    expect((await as(t.app, headB).post(`/api/audit-findings/${finding}/answer`, body)).statusCode).toBe(404);
    expect((await as(t.app, auditorUser).post(`/api/audit-findings/${finding}/answer`, body)).statusCode).toBe(403);
    expect((await as(t.app, partner).post(`/api/audit-findings/${finding}/answer`, body)).statusCode).toBe(403);
    expect((await as(t.app, partner).get(`/api/audit-findings/${finding}`)).statusCode).toBe(403);
    expect((await as(t.app, employee).get(`/api/audit-findings`)).statusCode).toBe(403);
    const seen = await as(t.app, leaderA).get(`/api/audit-findings/${finding}`);
    expect(json<{ can: { answer: boolean } }>(seen).can.answer).toBe(true);
    const res = await as(t.app, leaderA).post(`/api/audit-findings/${finding}/answer`, body, {
      'if-match': seen.headers.etag as string,
    });
    expect(res.statusCode).toBe(200);
    expect(json<{ state: string; correctiveAction: { whySteps: string[] } }>(res)).toMatchObject({
      state: 'answered',
      correctiveAction: { whySteps: body.whySteps },
    });
    const again = await as(t.app, headA).post(`/api/audit-findings/${finding}/answer`, body);
    expect(json<Problem>(again).detailCode).toBe('audits.finding_not_open');
  });

  it('refuses closing without an effectiveness check; the assigned auditor closes, or reopens with a reason', async () => {
    const unchecked = await as(t.app, auditorUser).post(`/api/audit-findings/${finding}/verify`, { decision: 'close' });
    expect(unchecked.statusCode).toBe(400);
    expect(codes(unchecked)).toEqual(['body.effectivenessCheck:audits.effectiveness_required']);
    expect(
      (
        await as(t.app, otherAuditorUser).post(`/api/audit-findings/${finding}/verify`, {
          decision: 'close',
          effectivenessCheck: 'ok',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await as(t.app, office).post(`/api/audit-findings/${finding}/verify`, { decision: 'close', effectivenessCheck: 'ok' }))
        .statusCode,
    ).toBe(403);
    const reopen = await as(t.app, auditorUser).post(`/api/audit-findings/${finding}/verify`, {
      decision: 'reopen',
      reason: '証跡不足',
    });
    expect(json<{ state: string; reopenReason: string }>(reopen)).toMatchObject({ state: 'open', reopenReason: '証跡不足' });
    await as(t.app, headA).post(`/api/audit-findings/${finding}/answer`, {
      rootCause: 'r',
      actionPlan: 'p',
      owner: 'o',
      dueDate: addDays(todayTokyo(), 5),
    });
    const closed = await as(t.app, auditorUser).post(`/api/audit-findings/${finding}/verify`, {
      decision: 'close',
      effectivenessCheck: '翌月のアセスメント記録を確認した',
    });
    expect(json<{ state: string }>(closed).state).toBe('closed');
  });

  it('lets one of two concurrent verifications win; the other is refused, nothing is lost', async () => {
    const created = await as(t.app, auditorUser).post('/api/audit-findings', {
      auditId: auditA,
      type: 'major',
      reference: '8.15',
      statement: 'ログの定期確認がされていない',
    });
    const id = json<{ id: string }>(created).id;
    await as(t.app, headA).post(`/api/audit-findings/${id}/answer`, {
      rootCause: 'r',
      actionPlan: 'p',
      owner: 'o',
      dueDate: addDays(todayTokyo(), 5),
    });
    const [a, b] = await Promise.all([
      as(t.app, auditorUser).post(`/api/audit-findings/${id}/verify`, { decision: 'close', effectivenessCheck: 'checked A' }),
      as(t.app, auditorUser).post(`/api/audit-findings/${id}/verify`, { decision: 'reopen', reason: 'not enough' }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    // either close then reopen (both apply, in order) or reopen then close (refused: nothing to verify)
    expect(statuses[0]).toBe(200);
    const [row] = await t.database.db.select().from(auditFindings).where(eq(auditFindings.id, id));
    if (statuses[1] === 409) expect(['open', 'closed']).toContain(row!.state);
    else expect(row!.state).toBe('open');
    expect(row!.rowVersion).toBe(statuses[1] === 200 ? 4 : 3);
    const stale = await as(t.app, headA).post(
      `/api/audit-findings/${id}/answer`,
      { rootCause: 'r', actionPlan: 'p', owner: 'o', dueDate: addDays(todayTokyo(), 5) },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
  });

  it('shows the board overdue first, escalates overdue ones once by mail, and rolls up for the review', async () => {
    const created = await as(t.app, auditorUser).post('/api/audit-findings', {
      auditId: auditA,
      type: 'minor',
      reference: '7.2',
      statement: '教育未受講者のフォローがない',
    });
    const id = json<{ id: string }>(created).id;
    await t.database.db
      .update(auditFindings)
      .set({ dueDate: addDays(todayTokyo(), -3) })
      .where(eq(auditFindings.id, id));
    const board = json<{ columns: { state: string; items: { id: string; overdue: boolean }[] }[] }>(
      await as(t.app, office).get('/api/audit-findings/board'),
    );
    expect(board.columns.find((c) => c.state === 'open')!.items[0]).toMatchObject({ id, overdue: true });
    const before = (await t.database.db.select().from(mailOutbox)).length;
    expect(await runFindingEscalation(t.database.db, testConfig())).toEqual({ escalated: 1 });
    expect(await runFindingEscalation(t.database.db, testConfig())).toEqual({ escalated: 0 });
    const mails = (await t.database.db.select().from(mailOutbox)).slice(before);
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0]!.body).toContain('期限');
    expect(mails[0]!.body).toContain('was due');
    const sum = await auditProgrammeSummary(t.database.db, { fiscalYear: fy, unitPath: (await unitPath(u.g!))! });
    expect(sum.findings).toMatchObject({ minor: 2, major: 1, good_practice: 1 });
    expect(sum.overdueNonconformities).toBe(1);
    expect(sum.audits.inProgress).toBe(1);
    const forHead = await attentionFor(t.database.db, await loadPrincipal(t, headA), 10);
    expect(forHead.map((i) => i.kind)).toContain('findingToAnswer');
    const forAuditor = await attentionFor(t.database.db, await loadPrincipal(t, auditorUser), 10);
    expect(forAuditor.map((i) => i.kind)).toContain('auditToDo');
    expect(await attentionFor(t.database.db, await loadPrincipal(t, employee), 10)).toEqual([]);
  });
});

describe('reporting', () => {
  it('reports with a conclusion only, closes by the office, and prints the report in ja and en', async () => {
    const early = await as(t.app, auditorUser).post(`/api/audits/${auditA}/transition`, { to: 'reported' });
    expect(codes(early)).toEqual(['body.conclusion:audits.conclusion_required']);
    await as(t.app, auditorUser).patch(`/api/audits/${auditA}`, { conclusion: '概ね適合。リスクアセスメントの運用に課題。' });
    expect((await as(t.app, auditorUser).post(`/api/audits/${auditA}/transition`, { to: 'reported' })).statusCode).toBe(200);
    expect((await as(t.app, auditorUser).post(`/api/audits/${auditA}/transition`, { to: 'closed' })).statusCode).toBe(403);
    expect((await as(t.app, office).post(`/api/audits/${auditA}/transition`, { to: 'closed' })).statusCode).toBe(200);
    const ja = await readPdf((await as(t.app, ciso).get(`/api/audits/${auditA}/report.pdf?lang=ja`)).rawPayload);
    expect(ja.text).toContain('内部監査報告書');
    expect(ja.text).toContain('概ね適合');
    const en = await readPdf((await as(t.app, ciso).get(`/api/audits/${auditA}/report.pdf?lang=en`)).rawPayload);
    expect(en.text).toContain('Internal audit report');
    const summary = await readPdf(
      (await as(t.app, ciso).get(`/api/audit-programmes/${programme}/summary.pdf?lang=en`)).rawPayload,
    );
    expect(summary.text).toContain('Major nonconformity');
    const xlsx = await as(t.app, ciso).get(`/api/audit-programmes/${programme}/findings.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await as(t.app, partner).get(`/api/audits/${auditA}/report.pdf`)).statusCode).toBe(403);
  });

  it('schedules a follow-up audit from open findings, its checklist starting with them', async () => {
    const from = inYear(addDays(todayTokyo(), 7));
    const res = await as(t.app, office).post(`/api/audits/${auditA}/follow-up`, {
      plannedFrom: from,
      plannedTo: from,
      leadAuditorId: lead,
    });
    expect(res.statusCode).toBe(201);
    const id = json<{ id: string; followUpOf: string }>(res);
    expect(id.followUpOf).toBe(auditA);
    const started = json<{ checklist: { source: string }[] }>(
      await as(t.app, auditorUser).post(`/api/audits/${id.id}/transition`, { to: 'in_progress' }),
    );
    expect(started.checklist[0]!.source).toBe('finding');
    expect(
      (
        await as(t.app, auditorUser).post(`/api/audits/${auditA}/follow-up`, {
          plannedFrom: from,
          plannedTo: from,
          leadAuditorId: lead,
        })
      ).statusCode,
    ).toBe(403);
  });
});

async function unitPath(id: string) {
  const [row] = await t.database.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, id));
  return row?.path ?? null;
}

async function loadPrincipal(app: TestApp, user: TestUser) {
  return (await loadP(app.database.db, user.id, 'token', null))!;
}
