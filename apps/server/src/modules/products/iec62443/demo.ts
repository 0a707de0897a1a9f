import type { z } from 'zod';
import type { PutIec62443RequirementsBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import type { Principal } from '../../../platform/access/principal';
import type { Ctx } from '../../../platform/tx';
import { products } from '../tables';
import { createAssessment } from './assessments';
import { putPractices, putRequirements } from './items';

/** The industrial controller of the PSIRT demo (vulnerabilities/demo-data.ts). */
export const PLC_PRODUCT = 'HSZ-PLC-X1';
const LAB = 'https://lab.hoshizora.example/reports';

function principal(user: DemoContext['users'][number]['user']): Principal {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    kind: 'internal',
    partnerId: null,
    language: 'ja',
    mfaEnabled: true,
    grants: [{ id: 'demo', role: 'psirt_member', orgUnitId: null, path: null, orgUnitName: null, orgUnitNameJa: null }],
    via: 'session',
    sessionId: null,
    mfaEnrollmentRequired: false,
  };
}

type Item = z.input<typeof PutIec62443RequirementsBody>['items'][number];
const met = (requirementId: string, evidence: string, report?: string): Item => ({
  requirementId,
  status: 'met',
  evidence,
  ...(report ? { links: [{ kind: 'url' as const, url: `${LAB}/${report}`, label: `Lab report ${report}` }] } : {}),
});

/**
 * A partly filled 4-2 assessment at SL 2 (embedded device): identification, use control and availability mostly met,
 * integrity with the secure-boot work still partly done, confidentiality met, segmentation and monitoring open.
 */
const REQUIREMENTS = (ownerId: string): Item[] => [
  met(
    'CR 1.1',
    'Every engineering-tool and web login needs an account; no anonymous access since firmware 2.3.',
    'PLC-X1-2024-07',
  ),
  met('CR 1.1 RE(1)', 'Shared "admin" account removed; each engineer has a named account.', 'PLC-X1-2024-07'),
  {
    requirementId: 'CR 1.2',
    status: 'partly',
    evidence: 'HMI connections use client certificates; the legacy Modbus/TCP port does not authenticate devices.',
    ownerId,
  },
  met('CR 1.3', 'Accounts are managed from the engineering tool (create, disable, delete).'),
  met('CR 1.4', 'Users, groups and roles have their own identifiers.'),
  met('CR 1.5', 'The default password must be changed at first login; passwords stored as salted hashes.'),
  met('CR 1.7', 'Minimum length 12 and character classes configurable.'),
  {
    requirementId: 'CR 1.8',
    status: 'not_met',
    evidence: 'Only self-signed certificates today; operator PKI import planned for firmware 2.6.',
    ownerId,
  },
  met('CR 1.9', 'Certificate chain, validity and revocation list checked for HMI connections.'),
  met('CR 1.10', 'Password input masked in the web interface and the engineering tool.'),
  met('CR 1.11', 'Five failed logins lock the account for 10 minutes (configurable).', 'PLC-X1-2024-07'),
  met('CR 1.12', 'A configurable banner is shown before login.'),
  {
    requirementId: 'CR 1.14',
    status: 'not_applicable',
    reason: 'The controller uses no symmetric-key authentication; all peers use certificates.',
  },
  met('CR 2.1', 'Role-based permissions: viewer, operator, engineer, administrator.'),
  met('CR 2.1 RE(1)', 'Engineering-tool and HMI sessions are held to the roles of their accounts.'),
  met('CR 2.1 RE(2)', 'The permission-to-role mapping is configurable.'),
  { requirementId: 'CR 2.2', status: 'not_applicable', reason: 'The controller has no wireless interface.' },
  met('CR 2.3', 'USB port disabled by default; enabling it is logged.'),
  met('EDR 2.4', 'Only signed function-block libraries are loaded.'),
  met('EDR 2.4 RE(1)', 'Library signatures verified against the vendor key before loading.'),
  met('CR 2.5', 'Web and tool sessions lock after 15 minutes idle.'),
  met('CR 2.6', 'Remote sessions can be ended from the web interface.'),
  met('CR 2.8', 'Logins, role changes, program downloads and mode changes are logged.', 'PLC-X1-2024-09'),
  met('CR 2.9', '10,000 events kept in a ring buffer, forwarded by syslog.'),
  met('CR 2.10', 'A failing log store raises an alarm; control continues.'),
  met('CR 2.11', 'Events carry UTC timestamps.'),
  { requirementId: 'CR 2.11 RE(1)', status: 'partly', evidence: 'NTP supported; NTS (authenticated time) not yet.', ownerId },
  {
    requirementId: 'EDR 2.13',
    status: 'partly',
    evidence: 'JTAG fused off in production units; the UART console is still open on the service connector.',
    ownerId,
  },
  met('CR 3.1', 'CRC and sequence checks on the fieldbus; TLS 1.3 towards the HMI.'),
  {
    requirementId: 'CR 3.1 RE(1)',
    status: 'partly',
    evidence: 'TLS on HMI and engineering links; Modbus/TCP still unauthenticated.',
    ownerId,
  },
  met('EDR 3.2', 'Allow-listed executables only; no general-purpose OS shell.'),
  met('CR 3.3', 'Self-test of the crypto library and the secure element at start.'),
  met('CR 3.4', 'Firmware and project files are hashed and checked at load.', 'PLC-X1-2024-09'),
  met('CR 3.5', 'Protocol parsers fuzzed (Modbus/TCP, web server); see the PSIRT case on the web server.', 'PLC-X1-2024-11'),
  met('CR 3.6', 'Outputs go to the configured safe state on a fault.'),
  met('CR 3.7', 'Error pages and protocol errors give no internal detail.'),
  met('CR 3.8', 'Session tokens random, bound to the TLS session, renewed at login.'),
  { requirementId: 'CR 3.9', status: 'not_met', evidence: 'Administrators can clear the event log without a trace.', ownerId },
  met('EDR 3.10', 'Firmware update through the engineering tool.'),
  met('EDR 3.10 RE(1)', 'Update packages signed; signature checked before flashing.', 'PLC-X1-2024-09'),
  {
    requirementId: 'EDR 3.11',
    status: 'not_met',
    evidence: 'No tamper switch on the housing; planned for hardware revision C.',
    ownerId,
  },
  met('EDR 3.12', "The supplier's root certificate is stored in the secure element at production."),
  {
    requirementId: 'EDR 3.13',
    status: 'partly',
    evidence: 'Operator root certificate can be added, but not protected by the secure element yet.',
    ownerId,
  },
  met('EDR 3.14', 'The boot loader checks the firmware hash.'),
  {
    requirementId: 'EDR 3.14 RE(1)',
    status: 'partly',
    evidence: 'Secure boot implemented for firmware 2.5 (in test); 2.4 checks hashes only.',
    ownerId,
  },
  met('CR 4.1', 'Project files and credentials encrypted at rest; TLS in transit.'),
  met('CR 4.2', 'A factory reset erases keys, accounts and project files.'),
  met('CR 4.3', 'AES-256-GCM, ECDSA P-256, SHA-256 from a maintained library; keys in the secure element.'),
  met('CR 5.1', 'Separate Ethernet ports for control and engineering networks.'),
  met('CR 7.1', 'Rate limiting on the web server and Modbus/TCP; control task has priority.', 'PLC-X1-2024-11'),
  {
    requirementId: 'CR 7.1 RE(1)',
    status: 'partly',
    evidence: 'Broadcast storms from the controller limited; unicast bursts not yet.',
    ownerId,
  },
  met('CR 7.2', 'Memory and CPU quotas per communication task.'),
  met('CR 7.3', 'Project and configuration backup from the engineering tool.'),
  met('CR 7.3 RE(1)', 'Backups carry a signature checked at restore.'),
  met('CR 7.4', 'Restore to the last known good firmware and project.'),
  met('CR 7.6', 'Hardening guide with recommended settings; current settings shown in the tool.'),
  met('CR 7.7', 'FTP and Telnet removed; web server can be disabled.'),
  met('CR 7.8', 'SBOM (CycloneDX) per release, see the PSIRT product page.'),
];

const PRACTICES = [
  {
    practice: 'SM' as const,
    level: 3,
    evidence: 'FA division development rule v4 with security activities; followed and reviewed for the last three releases.',
  },
  {
    practice: 'SR' as const,
    level: 2,
    evidence: 'Threat model and security requirements written for firmware 2.5; not yet for older lines.',
  },
  { practice: 'SD' as const, level: 2, evidence: 'Design review checklist includes security since 2025.' },
  { practice: 'SI' as const, level: 3, evidence: 'MISRA C and CERT C rules checked by static analysis in CI; reviews recorded.' },
  {
    practice: 'SVV' as const,
    level: 3,
    evidence: 'Fuzzing and penetration tests by the group lab (independent of the development team) before each release.',
    links: [{ kind: 'url' as const, url: `${LAB}/PLC-X1-2024-11`, label: 'Lab report PLC-X1-2024-11' }],
  },
  {
    practice: 'DM' as const,
    level: 3,
    evidence: 'PSIRT process with public report form, CVSS rating and advisories (CSAF).',
    links: [{ kind: 'url' as const, url: '/advisories', label: 'Public advisories' }],
  },
  { practice: 'SUM' as const, level: 2, evidence: 'Signed updates; the patch delivery time policy is still a draft.' },
  { practice: 'SG' as const, level: 1, evidence: 'Hardening guide exists for X1 only; disposal and account guidelines missing.' },
];

/**
 * The programmable controller X1's IEC 62443 assessment: embedded device at SL-T 2, a partly filled 4-2 assessment
 * and a 4-1 maturity level per practice. Written through the room's services, so the audit trail is the real one.
 */
export const iec62443DemoLoader: DemoLoader = {
  name: 'iec62443',
  async load(ctx) {
    const psirt = ctx.users.find((u) => u.roles.includes('psirt_member'))?.user;
    const [product] = await ctx.tx.select({ id: products.id }).from(products).where(eq(products.code, PLC_PRODUCT));
    if (!product || !psirt) return ['IEC 62443: skipped (no demo controller or PSIRT member)'];
    const as: Ctx = {
      db: ctx.tx,
      actor: { userId: psirt.id, label: psirt.email, requestId: null, ip: null },
      principal: principal(psirt),
    };
    await createAssessment(as, product.id, {
      componentType: 'embedded_device',
      slTarget: { fr1: 2, fr2: 2, fr3: 2, fr4: 2, fr5: 2, fr6: 2, fr7: 2 },
      note: 'Requested by the plant operators of the water-treatment programme: IEC 62443-4-2 SL 2 for all FRs by firmware 2.5.',
    });
    const items = REQUIREMENTS(psirt.id);
    await putRequirements(as, product.id, items);
    const a = await putPractices(as, product.id, PRACTICES);
    const sl = Object.values(a.slCapability).join('/');
    return [`IEC 62443: ${PLC_PRODUCT} embedded device, SL-T 2, ${items.length} requirements assessed, SL-C ${sl}`];
  },
};
