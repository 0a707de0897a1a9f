import { todayJst } from '@mamori/contracts';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../platform/mail/tables';
import { as, json } from '../../test/app';
import { auditOf, inParallel, unlinkedFields } from '../../test/concurrency';
import { recipientsOf, ids } from '../../test/notifications';
import { testConfig } from '../../test/app';
import { remindCertifications } from './reminders';
import { certificatesInForce } from './service';
import { certifications } from './tables';
import { groupWorld, type GroupWorld } from './test-world';

type Problem = { status: number; errors?: { path: string; code?: string }[] };
type Cert = {
  id: string;
  rowVersion: number;
  state: string;
  scopeUnits: { id: string }[];
  audits: { kind: string; date: string }[];
  nextAudit: { date: string } | null;
  file: { sha256: string; size: number } | null;
  can: { manage: boolean };
};

let w: GroupWorld;
let certA: Cert;
const day = (offset: number) => todayJst(new Date(Date.now() + offset * 86_400_000));

const body = (over: Record<string, unknown> = {}) => ({
  companyId: w.units.a,
  standard: 'iso27001',
  edition: '2022',
  registrationNumber: 'IS 700001',
  certificationBody: 'Example Certification Japan',
  accreditation: 'ISMS-AC',
  firstRegisteredOn: day(-1500),
  validFrom: day(-400),
  validTo: day(700),
  scopeJa: '本社および大阪事業場における設計・開発',
  scopeEn: 'Design and development at the head office and the Osaka site',
  scopeUnitIds: [w.units.siteA],
  audits: [{ kind: 'surveillance', date: day(30) }],
  ...over,
});
const total = async () => Number((await w.t.database.db.select({ n: count() }).from(certifications))[0]!.n);

beforeAll(async () => {
  w = await groupWorld();
  const res = await as(w.t.app, w.officeA).post('/api/certifications', body());
  expect(res.statusCode, res.body).toBe(201);
  expect(res.headers.etag).toBe('"1"');
  certA = json<Cert>(res);
});
afterAll(() => w.t.close());

describe('certificates of a company', () => {
  it('records a certificate with its scope units and audits, managed by the company office', () => {
    expect(certA.state).toBe('valid');
    expect(certA.scopeUnits.map((u) => u.id)).toEqual([w.units.siteA]);
    expect(certA.nextAudit?.date).toBe(day(30));
    expect(certA.can.manage).toBe(true);
  });

  it('lets people of the company read it, and nobody of a sister company', async () => {
    const seen = json<Cert[]>(await as(w.t.app, w.employeeA).get('/api/certifications'));
    expect(seen.map((c) => c.id)).toEqual([certA.id]);
    expect(seen[0]!.can.manage).toBe(false);
    expect(json<Cert[]>(await as(w.t.app, w.employeeB).get('/api/certifications'))).toEqual([]);
    expect((await as(w.t.app, w.employeeB).get(`/api/certifications/${certA.id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.officeB).get(`/api/certifications/${certA.id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.ciso).get(`/api/certifications/${certA.id}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.office).get(`/api/certifications/${certA.id}`)).statusCode).toBe(200);
  });

  it('refuses partner accounts everything', async () => {
    for (const url of [
      '/api/certifications',
      `/api/certifications/${certA.id}`,
      `/api/certifications/${certA.id}/file`,
      `/api/org-units/${w.units.deptA}/certifications`,
      '/api/certifications/standards',
    ])
      expect((await as(w.t.app, w.partner).get(url)).statusCode, url).toBe(403);
    expect((await as(w.t.app, w.partner).post('/api/certifications', body())).statusCode).toBe(403);
  });

  it('lets only the office of the company (or the group office) manage it', async () => {
    const before = await total();
    expect((await as(w.t.app, w.employeeA).post('/api/certifications', body())).statusCode).toBe(403);
    expect((await as(w.t.app, w.officeB).post('/api/certifications', body())).statusCode).toBe(404);
    expect((await as(w.t.app, w.officeB).patch(`/api/certifications/${certA.id}`, { edition: '2013' })).statusCode).toBe(404);
    expect((await as(w.t.app, w.employeeA).patch(`/api/certifications/${certA.id}`, { edition: '2013' })).statusCode).toBe(403);
    expect(await total()).toBe(before);
    const companies = json<{ id: string }[]>(await as(w.t.app, w.officeA).get('/api/certifications/companies'));
    expect(companies.map((c) => c.id)).toEqual([w.units.a]);
  });

  it('refuses a validity that ends before it starts, naming the field, and writes nothing', async () => {
    const before = await total();
    const res = await as(w.t.app, w.officeA).post('/api/certifications', body({ validFrom: day(10), validTo: day(5) }));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(json<Problem>(res).errors).toEqual([
      expect.objectContaining({ path: 'body.validTo', code: 'certifications.validity_order' }),
    ]);
    const patch = await as(w.t.app, w.officeA).patch(`/api/certifications/${certA.id}`, { validTo: day(-500) });
    expect(patch.statusCode).toBe(400);
    expect(json<Problem>(patch).errors?.[0]?.path).toBe('body.validTo');
    expect(await total()).toBe(before);
  });

  it('refuses a scope unit outside the company, and a unit that is not a company as holder', async () => {
    const res = await as(w.t.app, w.officeA).post(
      '/api/certifications',
      body({ scopeUnitIds: [w.units.deptA, w.units.siteB], labels: ['info-high'] }),
    );
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors?.map((e) => [e.path, e.code])).toEqual([
      ['body.labels.0', 'certifications.label_unknown'],
      ['body.scopeUnitIds.1', 'certifications.scope_unit_outside'],
    ]);
    const site = await as(w.t.app, w.officeA).post('/api/certifications', body({ companyId: w.units.siteA }));
    expect(json<Problem>(site).errors?.[0]).toMatchObject({ path: 'body.companyId', code: 'certifications.not_a_company' });
  });

  it('records a TISAX label with its level and labels from the catalogue', async () => {
    const res = await as(w.t.app, w.office).post(
      '/api/certifications',
      body({
        companyId: w.units.b,
        standard: 'tisax',
        edition: 'ISA 6',
        assessmentLevel: 'AL3',
        labels: ['info-very-high', 'proto-parts'],
        registrationNumber: 'SCOPE-ID S12345',
        scopeUnitIds: [w.units.b],
        audits: [],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(json<{ labels: string[] }>(res).labels).toEqual(['info-very-high', 'proto-parts']);
  });

  it('changes a certificate under If-Match: a stale tag is 412 and two editors with one tag get one change', async () => {
    const fresh = json<Cert>(await as(w.t.app, w.officeA).get(`/api/certifications/${certA.id}`));
    const stale = await as(w.t.app, w.officeA).patch(
      `/api/certifications/${certA.id}`,
      { edition: '2013' },
      { 'if-match': `"${fresh.rowVersion - 1 || 99}"` },
    );
    expect(stale.statusCode).toBe(412);
    const results = await inParallel(2, (i) =>
      as(w.t.app, w.officeA).patch(
        `/api/certifications/${certA.id}`,
        { accreditation: `ISMS-AC ${i}` },
        { 'if-match': `"${fresh.rowVersion}"` },
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const after = json<Cert>(await as(w.t.app, w.officeA).get(`/api/certifications/${certA.id}`));
    expect(after.rowVersion).toBe(fresh.rowVersion + 1);
    const events = await auditOf(w.t.database, 'certification', certA.id);
    expect(events.map((e) => e.action)).toEqual(['certification.create', 'certification.update']);
    expect(unlinkedFields(events)).toEqual([]);
  });

  it('shows a certificate on every unit its scope covers, and on no other', async () => {
    const onDept = json<Cert[]>(await as(w.t.app, w.employeeA).get(`/api/org-units/${w.units.deptA}/certifications`));
    expect(onDept.map((c) => c.id)).toEqual([certA.id]);
    const onCompany = json<Cert[]>(await as(w.t.app, w.employeeA).get(`/api/org-units/${w.units.a}/certifications`));
    expect(onCompany).toEqual([]);
    const other = json<Cert[]>(await as(w.t.app, w.office).get(`/api/org-units/${w.units.deptB}/certifications`));
    expect(other.map((c) => c.id)).not.toContain(certA.id);
  });

  it('keeps the certificate file through the file guard, and hands it back unchanged', async () => {
    const bad = await as(w.t.app, w.officeA).put(`/api/certifications/${certA.id}/file`, {
      name: 'cert.exe',
      mediaType: 'application/x-msdownload',
      contentBase64: Buffer.from('MZ').toString('base64'),
    });
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors?.[0]).toMatchObject({ path: 'body.mediaType', code: 'certifications.file_type' });
    const pdf = Buffer.from('%PDF-1.4\n% certificate\n');
    const ok = await as(w.t.app, w.officeA).put(`/api/certifications/${certA.id}/file`, {
      name: '認証書.pdf',
      mediaType: 'application/pdf',
      contentBase64: pdf.toString('base64'),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<Cert>(ok).file?.size).toBe(pdf.length);
    const down = await as(w.t.app, w.employeeA).get(`/api/certifications/${certA.id}/file`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect((await as(w.t.app, w.employeeB).get(`/api/certifications/${certA.id}/file`)).statusCode).toBe(404);
  });

  it('reminds the company office once before the surveillance audit and before expiry', async () => {
    await as(w.t.app, w.officeA).post('/api/certifications', body({ registrationNumber: 'IS 700002', validTo: day(60) }));
    const config = testConfig();
    const sent = await remindCertifications(w.t.database.db, config);
    expect(sent).toBeGreaterThan(0);
    const audit = await recipientsOf(w.t.database.db, 'certification.audit-due', `/certifications/${certA.id}`);
    expect(audit).toEqual(ids(w.office, w.officeA));
    expect(await recipientsOf(w.t.database.db, 'certification.expiry-due')).toEqual(ids(w.office, w.officeA));
    const mails = await w.t.database.db.select().from(mailOutbox);
    expect(mails.some((m) => m.subject.includes('Certification audit coming'))).toBe(true);
    expect(await remindCertifications(w.t.database.db, config)).toBe(0);
  });

  it("gives the yearly report's ISO/IEC 27001 section the certificates in force of the companies in scope", async () => {
    const [a] = await w.t.database.db
      .select({ path: certifications.id })
      .from(certifications)
      .where(eq(certifications.id, certA.id));
    expect(a).toBeDefined();
    const all = await certificatesInForce(w.t.database.db, { kind: 'all' }, todayJst(), 'iso27001');
    expect(all.map((c) => c.registrationNumber).sort()).toEqual(['IS 700001', 'IS 700002']);
    expect(all[0]!.units.map((u) => u.en)).toEqual(['Unit H-A-S']);
    const unitB = await certificatesInForce(
      w.t.database.db,
      { kind: 'paths', paths: [`/${w.units.holding}/${w.units.b}/`] },
      todayJst(),
      'iso27001',
    );
    expect(unitB).toEqual([]);
  });
});
