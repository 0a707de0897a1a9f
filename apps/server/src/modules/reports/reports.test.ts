import { fiscalYearOf } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../platform/jobs/tables';
import { as, json } from '../../test/app';
import { controlsWorld, createSoa, decideAll, type ControlsWorld } from '../controls/test-world';
import { lostLaptop } from '../incidents/test-world';
import { generateRun } from './generate/service';
import { registerSource } from './sources/registry';
import { reportFiles, reportRuns, reportTemplates } from './tables';
import { orgUnits, people } from '../org/tables';
import { trainingAssignments } from '../training/tables';
import { quizCourse } from '../training/test-world';

type Figure = { source: string; value: number | null; rows: { key: string; values: number[] }[]; href: string | null };
type Dash = { view: string; figures: Figure[]; scope: { kind: string } };
type Run = { id: string; status: string; error: { code: string } | null; files: { format: string }[] };
type Problem = { status: number; errors?: { path: string; code?: string }[] };

let w: ControlsWorld;
const fy = fiscalYearOf(new Date());
const fig = (d: Dash, source: string) => d.figures.find((f) => f.source === source)!;

// A source that always fails: the failed-job test binds a template to it.
registerSource({
  name: 'test.broken',
  domain: 'test',
  title: { ja: '壊れた', en: 'Broken' },
  unit: 'count',
  chart: null,
  trendPeriod: null,
  href: null,
  load: () => Promise.reject(new Error('boom')),
});

beforeAll(async () => {
  w = await controlsWorld();
  // Two incidents in site A (one near miss), one in site B, reported by the offices for units of their sites.
  for (const [by, unitId, nearMiss, severity] of [
    [w.officeA, w.units.deptA, false, 'high'],
    [w.officeA, w.units.siteA, true, 'low'],
    [w.officeB, w.units.siteB, false, 'critical'],
  ] as const) {
    const res = await as(w.t.app, by).post('/api/incidents', lostLaptop({ orgUnitId: unitId, nearMiss, customers: [] }));
    expect(res.statusCode, res.body).toBe(201);
    const { sql } = await import('drizzle-orm');
    await w.t.database.db.execute(sql`UPDATE incidents SET severity = ${severity} WHERE id = ${json<{ id: string }>(res).id}`);
  }
}, 60_000);
afterAll(() => w.t.close());

describe('GET /api/dashboard', () => {
  it('gives the CISO the group view with every figure, counted group-wide, each with a drill-down link', async () => {
    const res = await as(w.t.app, w.ciso).get('/api/dashboard');
    expect(res.statusCode).toBe(200);
    const d = json<Dash>(res);
    expect(d.view).toBe('group');
    expect(d.scope.kind).toBe('group');
    expect(fig(d, 'incidents.open').value).toBe(2);
    expect(fig(d, 'incidents.open').href).toBe('/incidents?status=open');
    const monthly = fig(d, 'incidents.monthly');
    expect(monthly.value).toBe(3);
    expect(monthly.rows).toHaveLength(12);
    expect(fig(d, 'incidents.nearMissRate').value).toBeCloseTo(33.3, 1);
    for (const f of d.figures) expect(f.href === null || f.href.startsWith('/')).toBe(true);
  });

  it("gives a site office its site's figures only, never another site's", async () => {
    const d = json<Dash>(await as(w.t.app, w.officeA).get('/api/dashboard'));
    expect(d.view).toBe('site');
    expect(fig(d, 'incidents.open').value).toBe(1);
    const critical = fig(d, 'incidents.open').rows.find((r) => r.key === 'critical')!;
    expect(critical.values.reduce((s, v) => s + v, 0)).toBe(0); // site B's critical case is not counted
    expect(fig(d, 'incidents.monthly').value).toBe(2);
    const b = json<Dash>(await as(w.t.app, w.officeB).get('/api/dashboard'));
    expect(fig(b, 'incidents.monthly').value).toBe(1);
  });

  it("refuses a unit outside the reader's scope with 404 and narrows to a unit inside it", async () => {
    expect((await as(w.t.app, w.officeA).get(`/api/dashboard?unitId=${w.units.siteB}`)).statusCode).toBe(404);
    const d = json<Dash>(await as(w.t.app, w.ciso).get(`/api/dashboard?unitId=${w.units.siteB}`));
    expect(fig(d, 'incidents.monthly').value).toBe(1);
  });

  it('gives an org head the org view of its department', async () => {
    const d = json<Dash>(await as(w.t.app, w.headA).get('/api/dashboard'));
    expect(d.view).toBe('org');
    expect(fig(d, 'incidents.monthly').value).toBe(1);
  });

  it('refuses roles without dashboard:read and partner accounts', async () => {
    for (const u of [w.employee, w.leaderA, w.auditor, w.partner])
      expect((await as(w.t.app, u).get('/api/dashboard')).statusCode).toBe(403);
    expect((await as(w.t.app, null).get('/api/dashboard')).statusCode).toBe(401);
  });

  it('refuses a fiscal year out of range naming the field', async () => {
    const res = await as(w.t.app, w.ciso).get('/api/dashboard?fiscalYear=1999');
    expect(res.statusCode).toBe(400);
    const later = await as(w.t.app, w.ciso).get(`/api/dashboard?fiscalYear=${fy + 1}`);
    expect(json<Problem>(later).errors!.map((e) => e.path)).toEqual(['querystring.fiscalYear']);
  });

  it("exports one figure's numbers as XLSX, and refuses an unknown source", async () => {
    const res = await as(w.t.app, w.officeA).get('/api/dashboard/figure.xlsx?source=incidents.monthly&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const bad = await as(w.t.app, w.officeA).get('/api/dashboard/figure.xlsx?source=nope.nothing');
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors![0]).toMatchObject({ path: 'querystring.source', code: 'reports.unknown_source' });
  });
});

describe('governance and education figures', () => {
  it("counts training completion in the reader's scope only, and shows plan and audit figures to site offices", async () => {
    const db = w.t.database.db;
    const course = json<{ id: string }>(await as(w.t.app, w.office).post('/api/courses', quizCourse('DASH-1'))).id;
    expect((await as(w.t.app, w.office).post(`/api/courses/${course}/publish`)).statusCode).toBe(200);
    const assign = async (no: string, unitId: string, passed: boolean) => {
      const [p] = await db
        .insert(people)
        .values({ employeeNo: no, nameJa: `社員 ${no}`, nameEn: `Staff ${no}`, kind: 'employee', orgUnitId: unitId })
        .returning();
      const [u] = await db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
      await db.insert(trainingAssignments).values({
        personId: p!.id,
        courseId: course,
        unitId,
        unitPath: u!.path,
        ...(passed
          ? { dueOn: '2099-12-31', status: 'passed' as const, score: 80, passedAt: new Date(), expiresOn: '2099-12-31' }
          : { dueOn: '2020-01-31' }),
      });
    };
    await assign('D1', w.units.deptA, true);
    await assign('D2', w.units.siteB, false);
    const rows = (d: Dash) => Object.fromEntries(fig(d, 'training.completion').rows.map((r) => [r.key, r.values[0]]));
    const group = json<Dash>(await as(w.t.app, w.ciso).get('/api/dashboard'));
    expect(fig(group, 'training.completion').value).toBe(50);
    expect(rows(group)).toEqual({ passed: 1, open: 0, overdue: 1 });
    const siteA = json<Dash>(await as(w.t.app, w.officeA).get('/api/dashboard'));
    expect(fig(siteA, 'training.completion').value).toBe(100);
    expect(rows(siteA)).toEqual({ passed: 1, open: 0, overdue: 0 }); // site B's overdue person is not counted
    expect(fig(siteA, 'plans.completion').value).toBe(0);
    expect(fig(siteA, 'audits.findings').value).toBe(0);
  });
});

describe('GET /api/attention', () => {
  it('lists the open tasks of cases assigned to me, due first, and nothing of anyone else', async () => {
    const [inc] = await w.t.database.db
      .execute<{ id: string }>(
        // the task table belongs to incidents; set-up only
        (await import('drizzle-orm')).sql`SELECT id::text FROM incidents ORDER BY reported_at LIMIT 1`,
      )
      .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
    const { sql } = await import('drizzle-orm');
    await w.t.database.db.execute(
      sql`INSERT INTO incident_tasks (incident_id, step, title_ja, title_en, owner_id, due_at)
          VALUES (${inc!.id}, 'a', '初動確認', 'First check', ${w.officeA.id}, now() + interval '2 days'),
                 (${inc!.id}, 'a', '期限切れ', 'Overdue one', ${w.officeA.id}, now() - interval '1 day')`,
    );
    const res = await as(w.t.app, w.officeA).get('/api/attention');
    expect(res.statusCode).toBe(200);
    const items = json<{ items: { kind: string; overdue: boolean; title: string; href: string }[] }>(res).items.filter(
      (i) => i.kind === 'incidentTask',
    );
    expect(items.map((i) => i.overdue)).toEqual([true, false]);
    expect(items[0]!.href).toBe(`/incidents/${inc!.id}`);
    const other = json<{ items: { kind: string }[] }>(await as(w.t.app, w.officeB).get('/api/attention'));
    expect(other.items.filter((i) => i.kind === 'incidentTask')).toEqual([]);
  });

  it('lists an SoA in review for the CISO to approve, and control-status answers for the asked units, not for others', async () => {
    const v = await createSoa(w, w.units.group);
    await decideAll(w, v.id);
    expect((await as(w.t.app, w.office).post(`/api/soa/${v.soaId}/versions/1/submit`)).statusCode).toBe(200);
    const due = new Date(Date.now() + 5 * 864e5).toISOString().slice(0, 10);
    const req = await as(w.t.app, w.office).post('/api/control-status-requests', {
      title: '上期 実施状況確認',
      controlIds: ['5.9'],
      unitIds: [w.units.deptA],
      dueDate: due,
    });
    expect(req.statusCode, req.body).toBe(201);
    type Items = { items: { kind: string; href: string; dueAt: string | null }[] };
    const ciso = json<Items>(await as(w.t.app, w.ciso).get('/api/attention')).items;
    expect(ciso.filter((i) => i.kind === 'soaApproval').map((i) => i.href)).toEqual([`/soa/${v.soaId}`]);
    const head = json<Items>(await as(w.t.app, w.headA).get('/api/attention')).items;
    expect(head.filter((i) => i.kind === 'controlStatusAnswer')).toHaveLength(1);
    expect(head.some((i) => i.kind === 'soaApproval')).toBe(false);
    const officeB = json<Items>(await as(w.t.app, w.officeB).get('/api/attention')).items;
    expect(officeB.some((i) => i.kind === 'controlStatusAnswer' || i.kind === 'soaApproval')).toBe(false);
  });

  it('answers a partner account with its own company only, and refuses no one signed in', async () => {
    const res = await as(w.t.app, w.partner).get('/api/attention');
    expect(res.statusCode).toBe(200);
    expect(json<{ items: { domain: string }[] }>(res).items.every((i) => i.domain === 'partners')).toBe(true);
    expect((await as(w.t.app, null).get('/api/attention')).statusCode).toBe(401);
  });
});

describe('report templates', () => {
  it('lists the built-in templates to generators and refuses others', async () => {
    const res = await as(w.t.app, w.ciso).get('/api/report-templates');
    expect(res.statusCode).toBe(200);
    const ids = json<{ id: string }[]>(res).map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining(['yearly-security-report', 'monthly-ciso-summary', 'incident-trends', 'partner-programme']),
    );
    for (const u of [w.employee, w.headA, w.partner])
      expect((await as(w.t.app, u).get('/api/report-templates')).statusCode).toBe(403);
  });

  it('lets the security office copy and edit, and refuses an unknown source and markup naming each field', async () => {
    expect((await as(w.t.app, w.ciso).post('/api/report-templates/incident-trends/copy', {})).statusCode).toBe(403);
    const copy = await as(w.t.app, w.office).post('/api/report-templates/incident-trends/copy', {});
    expect(copy.statusCode).toBe(201);
    const tpl = json<{
      id: string;
      name: { ja: string; en: string };
      definition: { sections: { blocks: { source: string }[]; narrative: { ja: string; en: string } }[] };
      rowVersion: number;
    }>(copy);
    const def = structuredClone(tpl.definition);
    def.sections[0]!.blocks.push({ kind: 'table', source: 'secrets.everything' } as never);
    def.sections[1]!.narrative.en = 'Hello <script>alert(1)</script>';
    const bad = await as(w.t.app, w.office).put(`/api/report-templates/${tpl.id}`, { name: tpl.name, definition: def });
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors!.map((e) => [e.path, e.code])).toEqual([
      ['body.definition.sections.0.blocks.3.source', 'reports.unknown_source'],
      ['body.definition.sections.1.narrative.en', 'reports.narrative_markup'],
    ]);
    const ok = await as(w.t.app, w.office).put(
      `/api/report-templates/${tpl.id}`,
      { name: { ja: '傾向（編集）', en: 'Trends (edited)' }, definition: tpl.definition },
      { 'if-match': `"${tpl.rowVersion}"` },
    );
    expect(ok.statusCode).toBe(200);
    const stale = await as(w.t.app, w.office).put(
      `/api/report-templates/${tpl.id}`,
      { name: tpl.name, definition: tpl.definition },
      { 'if-match': `"${tpl.rowVersion}"` },
    );
    expect(stale.statusCode).toBe(412);
    expect(
      (await as(w.t.app, w.office).put('/api/report-templates/incident-trends', { name: tpl.name, definition: tpl.definition }))
        .statusCode,
    ).toBe(409);
  });
});

describe('POST /api/reports', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    templateId: 'yearly-security-report',
    fiscalYear: fy,
    language: 'ja',
    ...over,
  });
  const runJob = async (id: string) => {
    await generateRun(w.t.database.db, id);
    return w.t.database.db.select().from(reportRuns).where(eq(reportRuns.id, id));
  };

  it('refuses a bad template, parameter or unit before any job is queued', async () => {
    const before = (await w.t.database.db.select().from(jobs)).length;
    const cases: [Record<string, unknown>, number, string | undefined][] = [
      [{ templateId: 'no-such-template' }, 400, 'body.templateId'],
      [{ fiscalYear: 1990 }, 400, 'body.fiscalYear'],
      [{ unitId: '00000000-0000-4000-8000-000000000000' }, 400, 'body.unitId'],
    ];
    for (const [over, status, path] of cases) {
      const res = await as(w.t.app, w.ciso).post('/api/reports', body(over));
      expect(res.statusCode, res.body).toBe(status);
      if (path) expect(json<Problem>(res).errors!.map((e) => e.path)).toEqual([path]);
    }
    // a stored template naming a source that does not exist (written behind the API's back)
    const [t] = await w.t.database.db
      .insert(reportTemplates)
      .values({
        nameJa: 'x',
        nameEn: 'x',
        copiedFrom: 'x',
        definition: {
          title: { ja: 'x', en: 'x' },
          sections: [
            { title: { ja: 'x', en: 'x' }, narrative: { ja: '', en: '' }, blocks: [{ kind: 'table', source: 'nope.nope' }] },
          ],
        },
      })
      .returning();
    const res = await as(w.t.app, w.ciso).post('/api/reports', body({ templateId: t!.id }));
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors![0]).toMatchObject({
      path: 'template.sections.0.blocks.0.source',
      code: 'reports.unknown_source',
    });
    expect((await as(w.t.app, w.officeA).post('/api/reports', body({ unitId: w.units.siteB }))).statusCode).toBe(404);
    expect((await w.t.database.db.select().from(jobs)).length).toBe(before);
    expect((await w.t.database.db.select().from(reportRuns)).length).toBe(0);
  });

  it('refuses roles without reports:generate and partner accounts', async () => {
    for (const u of [w.employee, w.headA, w.auditor, w.partner])
      expect((await as(w.t.app, u).post('/api/reports', body())).statusCode).toBe(403);
  });

  it('generates the yearly report for a site as a job: a PDF with text and a contents page, a DOCX with its document.xml, an XLSX', async () => {
    const res = await as(w.t.app, w.officeA).post('/api/reports', body({ unitId: w.units.siteA }));
    expect(res.statusCode, res.body).toBe(202);
    const run = json<Run>(res);
    expect(run.status).toBe('queued');
    const [done] = await runJob(run.id);
    expect(done!.status, JSON.stringify(done!.error)).toBe('done');
    expect(done!.dataAsOf).not.toBeNull();

    const pdf = await as(w.t.app, w.officeA).get(`/api/reports/${run.id}/files/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf.rawPayload), useSystemFonts: false }).promise;
    expect(doc.numPages).toBeGreaterThan(10);
    const text = async (n: number) =>
      ((await (await doc.getPage(n)).getTextContent()).items as { str: string }[]).map((i) => i.str).join('');
    expect(await text(1)).toContain('情報セキュリティ報告書');
    expect(await text(1)).toContain('組織 SA'); // the scope on the cover
    const all = (await Promise.all(Array.from({ length: doc.numPages }, (_, i) => text(i + 1)))).join('\n');
    expect(all).toContain('目次');
    expect(all).toContain('サイバーセキュリティ');
    expect(all).toContain('導入されてから'); // the sections of modules not installed yet say so
    expect(all).toMatch(/\d+ \/ \d+/); // page numbers

    const docx = await as(w.t.app, w.officeA).get(`/api/reports/${run.id}/files/docx`);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('サイバーセキュリティ');
    const xlsx = await as(w.t.app, w.officeA).get(`/api/reports/${run.id}/files/xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // another site's office does not see the run; the CISO does
    expect((await as(w.t.app, w.officeB).get(`/api/reports/${run.id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.ciso).get(`/api/reports/${run.id}`)).statusCode).toBe(200);
    const audit = await as(w.t.app, w.office).get(`/api/audit-events?targetId=${run.id}`);
    if (audit.statusCode === 200) expect(audit.body).toContain('report.generate');
  }, 120_000);

  it('counts only the site in a site-scoped report (the XLSX numbers)', async () => {
    const res = await as(w.t.app, w.officeB).post(
      '/api/reports',
      body({ templateId: 'incident-trends', formats: ['xlsx'], language: 'en' }),
    );
    const run = json<Run>(res);
    await runJob(run.id);
    const x = await as(w.t.app, w.officeB).get(`/api/reports/${run.id}/files/xlsx`);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('incidents.monthly')!;
    let total = 0;
    ws.eachRow((row, n) => {
      if (n > 7) total += Number(row.getCell(2).value ?? 0) + Number(row.getCell(3).value ?? 0);
    });
    expect(total).toBe(1);
  }, 60_000);

  it('records why a failed job failed and leaves no file', async () => {
    const copy = json<{ id: string; name: object; definition: { sections: { blocks: object[] }[] }; rowVersion: number }>(
      await as(w.t.app, w.office).post('/api/report-templates/partner-programme/copy', {}),
    );
    copy.definition.sections[0]!.blocks.push({ kind: 'table', source: 'test.broken' });
    expect(
      (await as(w.t.app, w.office).put(`/api/report-templates/${copy.id}`, { name: copy.name, definition: copy.definition }))
        .statusCode,
    ).toBe(200);
    const run = json<Run>(await as(w.t.app, w.office).post('/api/reports', body({ templateId: copy.id })));
    const [failed] = await runJob(run.id);
    expect(failed!.status).toBe('failed');
    expect(failed!.error).toEqual({ code: 'reports.failed_source', params: { source: 'test.broken' } });
    expect(await w.t.database.db.select().from(reportFiles).where(eq(reportFiles.runId, run.id))).toEqual([]);
    const view = json<Run>(await as(w.t.app, w.office).get(`/api/reports/${run.id}`));
    expect(view.error!.code).toBe('reports.failed_source');
    expect((await as(w.t.app, w.office).get(`/api/reports/${run.id}/files/pdf`)).statusCode).toBe(409);
  }, 60_000);
});
