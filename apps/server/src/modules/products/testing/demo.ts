import { and, eq } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import type { Principal } from '../../../platform/access/principal';
import type { Ctx } from '../../../platform/tx';
import { products, releases } from '../tables';
import { decideAcceptance, requestAcceptance, retestFinding } from './findings';
import { importJunitRun, importSarifRun } from './import-run';
import { addTestCase, createTestPlan } from './plans';
import { findingsOf } from './read';
import { testFindings } from './tables';

/** The demo's test plan: the IoT gateway's next release (3.2.0, not shipped), tested by the product-security lab. */
const PRODUCT = 'HSZ-GW-200';
const VERSION = '3.2.0';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const shift = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

interface DemoResult {
  rule: string;
  level: 'error' | 'warning' | 'note';
  text: string;
  uri: string;
  line: number;
}

/** What the fuzzing lab's tool reports, as SARIF 2.1.0 (the format it exports). */
const FIRST_RUN: DemoResult[] = [
  {
    rule: 'ETH-CRASH-01',
    level: 'error',
    text: 'Watchdog reset after a fragmented IPv4 packet with overlapping offsets',
    uri: 'net/ip_reass.c',
    line: 214,
  },
  {
    rule: 'MQTT-HANG-02',
    level: 'warning',
    text: 'MQTT broker connection hangs on a CONNECT with a 65,535-byte client id',
    uri: 'app/mqtt_client.c',
    line: 88,
  },
  {
    rule: 'WIFI-DOS-03',
    level: 'error',
    text: 'Wi-Fi management frames flood stops the configuration web server',
    uri: 'drivers/wlan/mgmt.c',
    line: 402,
  },
  { rule: 'BLE-INFO-04', level: 'note', text: 'BLE advertisement carries the firmware build string', uri: 'ble/adv.c', line: 31 },
];

function sarif(results: DemoResult[]): string {
  return JSON.stringify({
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'Lab protocol fuzzer', version: '4.2', informationUri: 'https://fuzz.example/lab' } },
        results: results.map((r) => ({
          ruleId: r.rule,
          level: r.level,
          message: { text: r.text },
          locations: [{ physicalLocation: { artifactLocation: { uri: r.uri }, region: { startLine: r.line } } }],
        })),
      },
    ],
  });
}

const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="hardware">
  <testsuite name="debug ports" tests="2">
    <testcase classname="hw" name="JTAG disabled in production fuses" time="42.0"/>
    <testcase classname="hw" name="UART console requires authentication" time="12.5"/>
  </testsuite>
</testsuites>`;

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

/**
 * A test plan on the IoT gateway's coming release with two SARIF runs: one finding fixed and closed by a retest,
 * one fixed pending retest, one accepted until a date by a second PSIRT member, one low finding open; and a
 * JUnit run of the hardware test cases. Written through the room's own services, so the audit trail is the real one.
 */
export const productTestingDemoLoader: DemoLoader = {
  name: 'product-testing',
  async load(ctx) {
    const psirt = ctx.users.filter((u) => u.roles.includes('psirt_member')).map((u) => u.user);
    const [release] = await ctx.tx
      .select({ id: releases.id })
      .from(releases)
      .innerJoin(products, eq(products.id, releases.productId))
      .where(and(eq(products.code, PRODUCT), eq(releases.version, VERSION)));
    if (!release || psirt.length < 2) return ['product testing: skipped (no demo gateway release or PSIRT members)'];
    const as = (u: (typeof psirt)[number]): Ctx => ({
      db: ctx.tx,
      actor: { userId: u.id, label: u.email, requestId: null, ip: null },
      principal: principal(u),
    });
    const tester = as(psirt[0]!);
    const approver = as(psirt[1]!);
    const plan = await createTestPlan(tester, {
      releaseId: release.id,
      title: 'GW-200 3.2.0 出荷前セキュリティテスト / pre-shipment security test',
      scope:
        'Ethernet, Wi-Fi and Bluetooth LE interfaces, MQTT uplink, the configuration web server and the debug ports of the main board.',
      depthKind: 'sl',
      depthLevel: 2,
      methods: ['fuzzing', 'penetration', 'hw_debug_ports'],
      interfaces: ['Ethernet', 'Wi-Fi', 'Bluetooth'],
      testerIndependence: 'independent_department',
      testerName: 'Product security lab, Kumamoto',
      authorisation: 'Approved by the GW-200 product owner for the lab test bench (no production units).',
    });
    for (const title of ['JTAG disabled in production fuses', 'UART console requires authentication'])
      await addTestCase(tester, plan.id, { title, method: 'hw_debug_ports', goalRef: 'CR 2.12 / SL 2' });
    const at = (days: number) => dayOf(shift(ctx.now, -days));
    await importSarifRun(tester, plan.id, sarif(FIRST_RUN), {
      method: 'fuzzing',
      performedOn: at(40),
      interface: 'Ethernet',
      retest: false,
    });
    // the second run no longer reports the crash and the hang: both fixed, pending retest
    await importSarifRun(tester, plan.id, sarif(FIRST_RUN.slice(2)), {
      method: 'fuzzing',
      performedOn: at(12),
      interface: 'Ethernet',
      retest: false,
    });
    await importJunitRun(tester, plan.id, JUNIT, { method: 'hw_debug_ports', performedOn: at(10), retest: false });
    const found = await findingsOf(ctx.tx, eq(testFindings.planId, plan.id));
    const byRule = (rule: string) => found.find((f) => f.ruleId === rule)!;
    await retestFinding(tester, byRule('ETH-CRASH-01').id, {
      method: 'fuzzing',
      performedOn: at(5),
      outcome: 'fixed',
      note: 'Reassembly fix verified on build 3.2.0-rc4',
    });
    const wifi = byRule('WIFI-DOS-03').id;
    await requestAcceptance(tester, wifi, {
      reason:
        'Reachable only within Wi-Fi range of the panel; management frame protection (802.11w) ships in 3.3.0. Operators are told in the installation guide.',
      acceptedUntil: dayOf(shift(ctx.now, 120)),
    });
    await decideAcceptance(approver, wifi, { decision: 'approve' });
    return [
      `product testing: 1 test plan on ${PRODUCT} ${VERSION}, 3 runs + 1 retest, ${found.length} findings (1 closed, 1 pending retest, 1 accepted, 1 open)`,
    ];
  },
};
