import { todayJst } from '@mamori/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { DemoContext, UnitRow } from '../../../demo/types';
import { systems } from '../tables';
import { addDays } from './apply';
import { applyRun } from './import';
import { applyKev } from './kev';
import { assessmentExceptions, assessmentFindingEvents, assessmentFindings, assessments, assessmentTargets } from './tables';
import { openvasReport, type VasResult } from './sample-files';

const DAY = 86_400_000;
const PORTAL = 'Supplier portal';
const WEB = 'Hoshizora public web site';

const LOG4J: VasResult = {
  host: '203.0.113.20',
  port: '8443/tcp',
  oid: '1.3.6.1.4.1.25623.1.0.117838',
  name: 'Apache Log4j 2.x Remote Code Execution (Log4Shell)',
  severity: 10,
  cves: ['CVE-2021-44228'],
  cwe: 'CWE-917',
};
const TLS: VasResult = {
  host: '203.0.113.10',
  port: '443/tcp',
  oid: '1.3.6.1.4.1.25623.1.0.108031',
  name: 'SSL/TLS: Report Weak Cipher Suites',
  severity: 5.9,
  cwe: 'CWE-327',
};
const SSH: VasResult = {
  host: '203.0.113.20',
  port: '22/tcp',
  oid: '1.3.6.1.4.1.25623.1.0.151010',
  name: 'OpenSSH ssh-agent Remote Code Execution',
  severity: 8.1,
  cves: ['CVE-2023-38408'],
  cwe: 'CWE-428',
};
const JQUERY: VasResult = {
  host: '203.0.113.10',
  port: '443/tcp',
  oid: '1.3.6.1.4.1.25623.1.0.141636',
  name: 'jQuery < 3.5.0 Cross-Site Scripting',
  severity: 6.1,
  cves: ['CVE-2020-11022'],
  cwe: 'CWE-79',
};
const BANNER: VasResult = {
  host: '203.0.113.10',
  port: '80/tcp',
  oid: '1.3.6.1.4.1.25623.1.0.10107',
  name: 'HTTP Server type and version',
  severity: 0,
  threat: 'Log',
};

/**
 * The demo's vulnerability assessment (issue #23): a quarterly external scan of the supplier portal and the public
 * web site over three runs through the real import: the weak TLS ciphers are fixed in the second run and come back
 * in the third (reopened), the OpenSSH flaw is fixed, Log4Shell (in the KEV catalogue) stays open and overdue, and
 * the old jQuery has an approved exception. Answers a summary line.
 */
export async function loadDemoAssessment(ctx: DemoContext, isd: UnitRow): Promise<string> {
  const targets = await ctx.tx
    .select({ id: systems.id, name: systems.name })
    .from(systems)
    .where(and(eq(systems.unitId, isd.id), inArray(systems.name, [PORTAL, WEB])));
  const portal = targets.find((t) => t.name === PORTAL);
  const web = targets.find((t) => t.name === WEB);
  if (!portal || !web) return 'assessments: none (the demo systems are missing)';
  const office = ctx.users.find((u) => u.roles.includes('security_office'));
  const by = office?.user.id ?? null;
  const at = (offset: number) => new Date(ctx.now.getTime() + offset * DAY);
  const [assessment] = await ctx.tx
    .insert(assessments)
    .values({
      name: '外部公開システム 四半期脆弱性診断（OpenVAS）',
      kind: 'scanner',
      unitId: isd.id,
      unitPath: isd.path,
      createdBy: by,
      createdAt: at(-60),
    })
    .returning();
  await ctx.tx.insert(assessmentTargets).values([
    { assessmentId: assessment!.id, systemId: portal.id, hosts: ['203.0.113.20', 'portal.hoshizora.example'] },
    { assessmentId: assessment!.id, systemId: web.id, hosts: ['203.0.113.10', 'www.hoshizora.example'] },
  ]);
  await applyKev(
    ctx.tx,
    ctx.audit,
    'known_exploited_vulnerabilities.json',
    { version: '2026.11.28', cves: ['CVE-2021-44228', 'CVE-2023-4966'] },
    by,
  );
  const run = (results: VasResult[], offset: number, n: number) =>
    applyRun(
      ctx.tx,
      ctx.audit,
      assessment!,
      { format: 'openvas', full: true, fileName: `openvas-report-${n}.xml`, text: openvasReport(results) },
      by,
      at(offset),
    );
  await run([LOG4J, TLS, SSH, JQUERY, BANNER], -45, 1);
  await run([LOG4J, SSH, JQUERY, BANNER], -20, 2);
  await run([LOG4J, TLS, JQUERY, BANNER], -1, 3);

  const [jquery] = await ctx.tx
    .select({ id: assessmentFindings.id })
    .from(assessmentFindings)
    .where(and(eq(assessmentFindings.assessmentId, assessment!.id), eq(assessmentFindings.ruleKey, JQUERY.oid)));
  const approver = ctx.users.find((u) => u.roles.includes('ciso'));
  const requester = ctx.users.find((u) => u.person.orgUnitId === isd.id && u.roles.includes('org_head')) ?? ctx.users[0];
  await ctx.tx.insert(assessmentExceptions).values({
    findingId: jquery!.id,
    status: 'approved',
    reason: 'コーポレートサイトの刷新（来年 3 月）で jQuery を置き換えるまで、WAF の XSS 防御ルールで代替する。',
    expiresOn: addDays(todayJst(ctx.now), 120),
    requestedBy: requester?.user.id ?? null,
    requestedAt: at(-10),
    decidedBy: approver?.user.id ?? null,
    decidedAt: at(-8),
    note: 'WAF ルールの有効性を月次で確認すること。',
  });
  await ctx.tx.insert(assessmentFindingEvents).values([
    { findingId: jquery!.id, kind: 'exception_requested', by: requester?.user.id ?? null, at: at(-10) },
    { findingId: jquery!.id, kind: 'exception_approved', by: approver?.user.id ?? null, at: at(-8) },
  ]);
  return 'assessments: 1 assessment over 3 scanner runs (1 finding fixed, 1 reopened, 1 with an exception, 1 known-exploited and overdue)';
}
