import { todayJst } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { assetWorld, type AssetWorld } from '../../assets/take-outs/test-world';
import { people } from '../../org/tables';
import { systemBody } from '../testing';
import { addDays } from './apply';
import { assessmentFindings, assessmentRuns } from './tables';
import { kevCatalog, openvasReport, sarifLog, type VasResult } from './sample-files';

type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };
type Run = { opened: number; reopened: number; fixed: number; seen: number; results: number };
type Finding = {
  id: string;
  rowVersion: number;
  ruleId: string;
  location: string;
  severity: string;
  cves: string[];
  cwes: string[];
  state: string;
  knownExploited: boolean;
  dueOn: string;
  owner: { id: string } | null;
  system: { id: string };
};

let w: AssetWorld;
let crm: string;
let vault: string;
let crmB: string;
let admin: string;
let assessment: string;

const upload = (id: string, format: string, body: string, type: string, full = true, who = w.officeA) =>
  as(w.t.app, who).post(`/api/assessments/${id}/runs?format=${format}&full=${full}`, body, { 'content-type': type });
const vas = (results: VasResult[], full = true) => upload(assessment, 'openvas', openvasReport(results), 'application/xml', full);
const findings = async (who = w.officeA, query = `assessmentId=${assessment}`) =>
  json<{ items: Finding[] }>(await as(w.t.app, who).get(`/api/assessment-findings?${query}&limit=100`)).items;
const byRule = (list: Finding[], rule: string) => list.find((f) => f.ruleId === rule)!;

const SSH: VasResult = {
  host: '10.0.0.5',
  port: '22/tcp',
  oid: '1.3.6.1.4.1.25623.1.0.1001',
  name: 'OpenSSH agent forwarding RCE',
  severity: 8.1,
  cves: ['CVE-2023-38408'],
  cwe: 'CWE-428',
};
const TLS: VasResult = {
  host: '10.0.0.5',
  port: '443/tcp',
  oid: '1.3.6.1.4.1.25623.1.0.1002',
  name: 'Weak TLS ciphers',
  severity: 5.0,
};
const LOG4J: VasResult = {
  host: 'vault.example',
  port: '8443/tcp',
  oid: '1.3.6.1.4.1.25623.1.0.1003',
  name: 'Apache Log4j RCE',
  severity: 10.0,
  cves: ['CVE-2021-44228'],
};
const NOTE: VasResult = {
  host: '10.0.0.5',
  port: 'general/tcp',
  oid: '1.3.6.1.4.1.25623.1.0.9',
  name: 'OS detection',
  severity: 0,
  threat: 'Log',
};

beforeAll(async () => {
  w = await assetWorld();
  const [p] = await w.t.database.db
    .insert(people)
    .values({ employeeNo: 'ADM9', nameJa: '管理 次郎', nameEn: 'Jiro Kanri', kind: 'employee', orgUnitId: w.units.deptA })
    .returning({ id: people.id });
  admin = p!.id;
  const sys = async (unitId: string, name: string, who = w.officeA) =>
    json<{ id: string }>(
      await as(w.t.app, who).post(
        '/api/systems',
        systemBody(unitId, { name, administratorPersonId: unitId === w.units.deptA ? admin : null }),
      ),
    ).id;
  crm = await sys(w.units.deptA, 'Sales CRM');
  vault = await sys(w.units.deptA, 'Design vault');
  crmB = await sys(w.units.deptB, 'Plant B MES', w.officeB);
  const res = await as(w.t.app, w.officeA).post('/api/assessments', {
    name: '2026 H2 network scan',
    kind: 'scanner',
    unitId: w.units.siteA,
    targets: [
      { systemId: crm, hosts: ['10.0.0.5'] },
      { systemId: vault, hosts: ['vault.example'] },
    ],
    csvMapping: { system: 'Host', rule: 'Plugin', title: 'Name', severity: 'Risk', location: 'Port', cve: 'CVE' },
  });
  expect(res.statusCode, res.body).toBe(201);
  assessment = json<{ id: string }>(res).id;
}, 60_000);
afterAll(() => w.t.close());

describe('assessments: definitions and access', () => {
  it('refuses targets outside the unit, unknown or twice, and a mapping without a required column, naming each', async () => {
    const res = await as(w.t.app, w.officeA).post('/api/assessments', {
      name: 'Bad',
      kind: 'pentest',
      unitId: w.units.siteA,
      targets: [{ systemId: crmB }, { systemId: crm }, { systemId: crm }, { systemId: w.units.deptA }],
      csvMapping: { system: 'Host', rule: null, severity: 'Risk' },
    });
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors!.map((e) => `${e.path}:${e.code}`)).toEqual([
      'body.targets.0.systemId:assessments.system_outside_unit',
      'body.targets.2.systemId:assessments.system_twice',
      'body.targets.3.systemId:assessments.system_unknown',
      'body.csvMapping.rule:assessments.mapping_missing_field',
    ]);
  });

  it('lets readers in scope see it and only the assessors import; others get 403 or 404', async () => {
    // the assessment belongs to site A's office; a department head sees the findings of their systems (below)
    expect((await as(w.t.app, w.officeA).get(`/api/assessments/${assessment}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.headA).get(`/api/assessments/${assessment}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.ciso).get('/api/assessments')).statusCode).toBe(200);
    expect((await as(w.t.app, w.employee).get('/api/assessments')).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get('/api/assessment-findings')).statusCode).toBe(403);
    expect((await as(w.t.app, w.headB).get(`/api/assessments/${assessment}`)).statusCode).toBe(404);
    expect((await upload(assessment, 'openvas', openvasReport([SSH]), 'application/xml', true, w.headA)).statusCode).toBe(403);
    expect((await upload(assessment, 'openvas', openvasReport([SSH]), 'application/xml', true, w.officeB)).statusCode).toBe(404);
    expect(
      (
        await as(w.t.app, w.headA).post('/api/assessments', {
          name: 'x',
          kind: 'scanner',
          unitId: w.units.deptA,
          targets: [{ systemId: crm }],
        })
      ).statusCode,
    ).toBe(403);
    const list = json<{ items: { id: string }[] }>(await as(w.t.app, w.officeB).get('/api/assessments')).items;
    expect(list.map((a) => a.id)).not.toContain(assessment);
  });
});

describe('assessments: runs de-duplicated into findings', () => {
  it('opens findings from an OpenVAS report with severity, CVE, CWE, owner and SLA due date; skips log results', async () => {
    const res = await vas([SSH, TLS, LOG4J, NOTE]);
    expect(res.statusCode, res.body).toBe(201);
    expect(json<Run>(res)).toMatchObject({ results: 3, opened: 3, reopened: 0, fixed: 0, seen: 0 });
    const list = await findings();
    expect(list).toHaveLength(3);
    const ssh = byRule(list, SSH.oid);
    expect(ssh).toMatchObject({
      severity: 'high',
      cves: ['CVE-2023-38408'],
      cwes: ['CWE-428'],
      location: '22/tcp',
      state: 'open',
    });
    expect(ssh.system.id).toBe(crm);
    expect(ssh.owner?.id).toBe(admin);
    expect(ssh.dueOn).toBe(addDays(todayJst(), 30));
    expect(byRule(list, LOG4J.oid)).toMatchObject({ severity: 'critical', dueOn: addDays(todayJst(), 15) });
    expect(byRule(list, LOG4J.oid).system.id).toBe(vault);
    expect(byRule(list, TLS.oid).dueOn).toBe(addDays(todayJst(), 90));
    // the same report again: one finding per system + rule + location, nothing new
    expect(json<Run>(await vas([SSH, TLS, LOG4J]))).toMatchObject({ opened: 0, seen: 3, fixed: 0 });
    expect(await findings()).toHaveLength(3);
  });

  it('fixes what a later full run no longer reports, and reopens it when it returns; a partial run fixes nothing', async () => {
    expect(json<Run>(await vas([SSH, LOG4J]))).toMatchObject({ opened: 0, seen: 2, fixed: 1 });
    expect(byRule(await findings(), TLS.oid).state).toBe('fixed');
    expect(json<Run>(await vas([SSH], false))).toMatchObject({ seen: 1, fixed: 0 });
    expect(byRule(await findings(), LOG4J.oid).state).toBe('open');
    const back = json<Run>(await vas([SSH, TLS, LOG4J]));
    expect(back).toMatchObject({ reopened: 1, seen: 2, fixed: 0 });
    const tls = byRule(await findings(), TLS.oid);
    expect(tls.state).toBe('open');
    const detail = json<{ events: { kind: string }[] }>(await as(w.t.app, w.officeA).get(`/api/assessment-findings/${tls.id}`));
    expect(detail.events.map((e) => e.kind)).toEqual(['opened', 'fixed', 'reopened']);
    const runs = json<unknown[]>(await as(w.t.app, w.ciso).get(`/api/assessments/${assessment}/runs`));
    expect(runs).toHaveLength(5);
  });

  it('imports SARIF and a mapped CSV into the same findings key', async () => {
    const sarif = sarifLog([
      { ruleId: 'zap-10038', uri: 'https://10.0.0.5/login', line: 1, level: 'warning', text: 'CSP header not set (CWE-693)' },
      { ruleId: 'zap-40012', uri: 'https://vault.example/search', level: 'error', text: 'Reflected XSS' },
    ]);
    const res = await upload(assessment, 'sarif', sarif, 'application/sarif+json', false);
    expect(res.statusCode, res.body).toBe(201);
    expect(json<Run>(res)).toMatchObject({ opened: 2 });
    const list = await findings();
    expect(byRule(list, 'zap-10038')).toMatchObject({ severity: 'medium', cwes: ['CWE-693'] });
    expect(byRule(list, 'zap-40012').system.id).toBe(vault);
    const csv =
      'Host,Plugin,Name,Risk,Port,CVE,Extra\nSales CRM,nessus-1,Old jQuery,Medium,443/tcp,,x\n10.0.0.5,nessus-2,Old OpenSSL,9.1,443/tcp,CVE-2022-3602,y\n';
    const c = await upload(assessment, 'csv', csv, 'text/csv', false);
    expect(c.statusCode, c.body).toBe(201);
    expect(json<Run>(c)).toMatchObject({ opened: 2 });
    expect(byRule(await findings(), 'nessus-2')).toMatchObject({ severity: 'critical', cves: ['CVE-2022-3602'] });
  });

  it('flags known-exploited findings from the uploaded KEV catalogue and flags again on a new upload', async () => {
    const put = (cves: string[], who = w.office) =>
      as(w.t.app, who).put('/api/kev-catalog?fileName=known_exploited_vulnerabilities.json', kevCatalog(cves), {
        'content-type': 'application/json',
      });
    expect((await put(['CVE-2021-44228'], w.officeA)).statusCode).toBe(403);
    const res = await put(['CVE-2021-44228', 'CVE-2099-0001']);
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ entries: number; flagged: number }>(res)).toMatchObject({ entries: 2, flagged: 1 });
    expect(byRule(await findings(), LOG4J.oid).knownExploited).toBe(true);
    expect((await put(['CVE-2023-38408'])).statusCode).toBe(200);
    const list = await findings();
    expect(byRule(list, LOG4J.oid).knownExploited).toBe(false);
    expect(byRule(list, SSH.oid).knownExploited).toBe(true);
    expect(json<{ entries: number }>(await as(w.t.app, w.headA).get('/api/kev-catalog')).entries).toBe(1);
    const bad = await as(w.t.app, w.office).put('/api/kev-catalog', JSON.stringify({ vulnerabilities: [{ cveID: 'nope' }] }), {
      'content-type': 'application/json',
    });
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors).toMatchObject([{ path: 'vulnerabilities[0].cveID', code: 'kev.cve' }]);
    expect(byRule(await findings(), SSH.oid).knownExploited).toBe(true);
  });

  it('keeps findings to the reader’s scope and reports remediation per unit and system', async () => {
    expect((await findings(w.headA)).length).toBeGreaterThan(0);
    expect(await findings(w.headB, `assessmentId=${assessment}`)).toEqual([]);
    const id = byRule(await findings(), SSH.oid).id;
    expect((await as(w.t.app, w.headB).get(`/api/assessment-findings/${id}`)).statusCode).toBe(404);
    const rows = json<
      { unit: { id: string }; system: { id: string } | null; fixed: number; open: number; remediationRate: number | null }[]
    >(await as(w.t.app, w.ciso).get('/api/assessment-remediation?by=system'));
    expect(rows.map((r) => r.system?.id).sort()).toEqual([crm, vault].sort());
    const byUnit = json<{ unit: { id: string }; open: number }[]>(
      await as(w.t.app, w.officeA).get('/api/assessment-remediation'),
    );
    expect(byUnit).toHaveLength(1);
    expect(byUnit[0]!.unit.id).toBe(w.units.deptA);
    expect(json<unknown[]>(await as(w.t.app, w.headB).get('/api/assessment-remediation'))).toEqual([]);
  });
});

describe('assessments: bad files change nothing', () => {
  const state = async () => ({
    runs: (await w.t.database.db.select().from(assessmentRuns).where(eq(assessmentRuns.assessmentId, assessment))).length,
    findings: (await w.t.database.db.select().from(assessmentFindings)).map((f) => `${f.id}:${f.rowVersion}`).sort(),
  });

  it('refuses an XML bomb, deep XML, invalid SARIF, a CSV missing a mapped column and an unknown host', async () => {
    const before = await state();
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><report><results>&lol2;</results></report>`;
    const r1 = await upload(assessment, 'openvas', bomb, 'application/xml');
    expect(r1.statusCode).toBe(400);
    expect(json<Problem>(r1).errors![0]!.code).toBe('openvas.doctype');
    const deep = '<report>' + '<a>'.repeat(5000) + '</a>'.repeat(5000) + '</report>';
    expect((await upload(assessment, 'openvas', deep, 'text/xml')).statusCode).toBe(400);
    const notReport = await upload(assessment, 'openvas', '<testsuites/>', 'text/xml');
    expect(json<Problem>(notReport).errors![0]!.code).toBe('openvas.root');
    const sarif = await upload(
      assessment,
      'sarif',
      JSON.stringify({ version: '2.0.0', runs: [{ tool: {} }] }),
      'application/json',
    );
    expect(sarif.statusCode).toBe(400);
    expect(json<Problem>(sarif).errors!.map((e) => e.path)).toEqual(['version', 'runs[0].tool.driver.name']);
    const csv = await upload(assessment, 'csv', 'Host,Plugin,Risk\nSales CRM,p1,High\n', 'text/csv');
    expect(csv.statusCode).toBe(400);
    expect(json<Problem>(csv).errors!.map((e) => `${e.path}:${e.code}`)).toEqual([
      'line 1:assessments.column_missing',
      'line 1:assessments.column_missing',
      'line 1:assessments.column_missing',
    ]);
    const badRows = await upload(
      assessment,
      'csv',
      'Host,Plugin,Name,Risk,Port,CVE\nSales CRM,,x,High,1,\nSales CRM,p,x,urgent,1,\n',
      'text/csv',
    );
    expect(json<Problem>(badRows).errors!.map((e) => `${e.path}:${e.code}`)).toEqual([
      'line 2:assessments.cell_empty',
      'line 3:assessments.severity_unknown',
    ]);
    const stranger = await vas([SSH, { ...TLS, host: '192.0.2.99' }]);
    expect(stranger.statusCode).toBe(400);
    expect(json<Problem>(stranger).errors).toMatchObject([
      { path: 'report.results.result[1]', code: 'assessments.host_unknown' },
    ]);
    expect(await state()).toEqual(before);
  });
});
