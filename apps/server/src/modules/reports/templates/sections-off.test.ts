import { fiscalYearOf } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { generateRun } from '../generate/service';

type Section = { title: { ja: string; en: string }; hidden?: boolean; blocks: { source: string }[] };
type Tpl = {
  id: string;
  name: { ja: string; en: string };
  definition: { title: unknown; sections: Section[] };
  rowVersion: number;
};
type Problem = { errors?: { path: string; code?: string }[] };

let t: TestApp;
let office: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
}, 240_000);
afterAll(() => t.close());

describe('sections switched off in a template copy', () => {
  it('are kept in the template, left out of the report, and not all of them may be off', async () => {
    const tpl = json<Tpl>(await as(t.app, office).post('/api/report-templates/incident-trends/copy', {}));
    const def = structuredClone(tpl.definition);
    // reordered: "Handling" first; "Types and causes" switched off
    const [first, second, third] = def.sections;
    def.sections = [{ ...third!, title: { ja: '対応状況', en: 'How cases are handled' } }, first!, { ...second!, hidden: true }];
    const saved = await as(t.app, office).put(
      `/api/report-templates/${tpl.id}`,
      { name: tpl.name, definition: def },
      { 'if-match': `"${tpl.rowVersion}"` },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const after = json<Tpl>(saved);
    expect(after.definition.sections.map((s) => [s.title.en, s.hidden ?? false])).toEqual([
      ['How cases are handled', false],
      ['Reports over the year', false],
      ['Types and causes', true],
    ]);

    const run = await as(t.app, office).post('/api/reports', {
      templateId: tpl.id,
      fiscalYear: fiscalYearOf(new Date()),
      language: 'en',
      formats: ['xlsx'],
    });
    expect(run.statusCode, run.body).toBe(202);
    const id = json<{ id: string }>(run).id;
    await generateRun(t.database.db, id);
    const file = await as(t.app, office).get(`/api/reports/${id}/files/xlsx`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheets = wb.worksheets.map((w) => w.name);
    expect(sheets).toEqual(expect.arrayContaining(['incidents.open', 'incidents.monthly']));
    expect(sheets).not.toContain('incidents.byType');
    expect(sheets).not.toContain('incidents.byCause');

    const allOff = { ...def, sections: def.sections.map((s) => ({ ...s, hidden: true })) };
    const bad = await as(t.app, office).put(`/api/report-templates/${tpl.id}`, { name: tpl.name, definition: allOff });
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors!.map((e) => [e.path, e.code])).toEqual([
      ['body.definition.sections', 'reports.all_sections_off'],
    ]);
  }, 120_000);
});
