import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../platform/pdf/testing';
import { as, json } from '../../test/app';
import { incidentWorld, lostLaptop, type IncidentWorld } from './test-world';

let w: IncidentWorld;
let laptop: string;

beforeAll(async () => {
  w = await incidentWorld();
  laptop = json<{ id: string }>(await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop())).id;
  await as(w.t.app, w.officeA).patch(`/api/incidents/${laptop}`, {
    causeCategory: 'rule_violation',
    rootCause: 'Taro Yamada took it home; contact taro@example.test',
  });
});
afterAll(() => w.t.close());

describe('GET /api/incidents/:id/summary.pdf', () => {
  it('gives the anonymised case as a PDF in Japanese, without names or addresses', async () => {
    const res = await as(w.t.app, w.office).get(`/api/incidents/${laptop}/summary.pdf?lang=ja`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="incident-case-\d{4}-\d{2}-ja\.pdf"$/);
    const pdf = await readPdf(res.rawPayload);
    expect(pdf.text).toContain('情報セキュリティ事故 事例(教育用)');
    expect(pdf.text).toContain('原因区分');
    expect(pdf.text).toContain('何が起きたか');
    for (const secret of ['Tanaka', 'Aozora', 'Yamada', 'taro@example.test', 'INC-']) expect(pdf.text).not.toContain(secret);
  });

  it('gives it in English on ?lang=en', async () => {
    const res = await as(w.t.app, w.office).get(`/api/incidents/${laptop}/summary.pdf?lang=en`);
    const pdf = await readPdf(res.rawPayload);
    expect(pdf.text).toContain('Information security incident — case for education');
    expect(pdf.text).toContain('Rule not followed');
  });

  it('answers 404 to an office of another site and 403 to the reporter', async () => {
    expect((await as(w.t.app, w.officeB).get(`/api/incidents/${laptop}/summary.pdf`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.reporter).get(`/api/incidents/${laptop}/summary.pdf`)).statusCode).toBe(403);
  });
});
