import { eq } from 'drizzle-orm';
import { type Config, loadConfig } from '../config';
import type { Db } from '../db/client';
import { DEMO_CODE, DEMO_PASSWORD } from '../modules/org/demo-data';
import { orgUnits } from '../modules/org/tables';
import { systemActor } from '../platform/audit/record';
import { hashPassword } from '../platform/auth/password';
import { conflict, msg } from '../platform/errors/app-error';
import { inTransaction } from '../platform/tx';
import { assetReviewsDemoLoader } from '../modules/assets/reviews/demo';
import { takeOutsDemoLoader } from '../modules/assets/take-outs/demo';
import { controlsDemoLoader } from '../modules/controls/demo';
import { plansDemoLoader } from '../modules/plans/demo';
import { auditsDemoLoader } from '../modules/audits/demo';
import { drillsDemoLoader } from '../modules/training/drills/demo';
import { documentsDemoLoader } from '../modules/plans/documents/demo';
import { managementReviewDemoLoader } from '../modules/plans/review/demo';
import { assetsDemoLoader } from '../modules/assets/demo';
import { incidentsDemoLoader } from '../modules/incidents/demo';
import { partnersDemoLoader } from '../modules/partners/demo';
import { psirtDemoLoader } from '../modules/vulnerabilities/demo';
import { taraDemoLoader } from '../modules/products/tara/demo';
import { productTestingDemoLoader } from '../modules/products/testing/demo';
import { agreementsDemoLoader } from '../modules/products/agreements/demo';
import { iec62443DemoLoader } from '../modules/products/iec62443/demo';
import { privacyDemoLoader } from '../modules/privacy/demo';
import { reportsDemoLoader } from '../modules/reports/demo';
import { risksDemoLoader } from '../modules/risks/demo';
import { trainingDemoLoader } from '../modules/training/demo';
import { zonesDemoLoader } from '../modules/zones/demo';
import { systemsDemoLoader } from '../modules/systems/demo';
import { supplierAdvisoriesDemoLoader } from '../modules/vulnerabilities/suppliers/demo';
import { certificationsDemoLoader } from '../modules/certifications/demo';
import { groupIncidentsDemoLoader } from '../modules/incidents/group/demo';
import { scimDemoLoader } from '../modules/identity/scim/demo';
import { samlDemoLoader } from '../modules/identity/saml/demo';
import { accountsDemoLoader } from './accounts';
import { orgDemoLoader } from './org';
import { Random } from './random';
import type { DemoContext, DemoLoader } from './types';

/** Every domain's demo loader, in the order they run: later ones may use what earlier ones created. */
export const demoLoaders: DemoLoader[] = [
  orgDemoLoader,
  accountsDemoLoader,
  scimDemoLoader,
  samlDemoLoader,
  incidentsDemoLoader,
  partnersDemoLoader,
  assetsDemoLoader,
  psirtDemoLoader,
  // after the PSIRT demo's products: an automotive gateway platform with its ISO/SAE 21434 TARA
  taraDemoLoader,
  // after the PSIRT demo: the test plan is on one of its products' releases
  productTestingDemoLoader,
  // after the TARA demo: the gateway platform's interface agreements refer to its TARA
  agreementsDemoLoader,
  // after the PSIRT demo: the programmable controller X1's IEC 62443-4-1/4-2 assessment
  iec62443DemoLoader,
  // after the assets demo (when it is registered): the risks link the demo assets of their unit
  risksDemoLoader,
  // after the assets demo (the ledger branch's loader): both find the demo assets through the assets service
  takeOutsDemoLoader,
  assetReviewsDemoLoader,
  controlsDemoLoader,
  // after the controls demo: audit checklists are built from the approved SoA
  auditsDemoLoader,
  // after the accounts (the role curricula reach the demo role holders)
  trainingDemoLoader,
  drillsDemoLoader,
  // after the accounts (the plan's tasks go to the demo promotion leaders) and the inventory, partner, training and
  // drill demos (this year's activities link their campaigns, which complete the units' tasks)
  plansDemoLoader,
  privacyDemoLoader,
  zonesDemoLoader,
  // after the zones (factory equipment stands in a restricted zone) and the accounts (administrators, requesters)
  systemsDemoLoader,
  // after the PSIRT products and the factory systems: suppliers' advisories are matched against both
  supplierAdvisoriesDemoLoader,
  documentsDemoLoader,
  managementReviewDemoLoader,
  // after the org tree: certificates of the group's companies, and serious cases shared with the holding
  certificationsDemoLoader,
  groupIncidentsDemoLoader,
  // last: the demo's yearly report is computed from everything above (queued; the job runner writes it)
  reportsDemoLoader,
];

export const hasDemo = async (db: Db) =>
  (await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, DEMO_CODE)).limit(1)).length > 0;

/**
 * Loads the demo group: every loader in one transaction (all or nothing), every record with its audit
 * event. Refuses when the demo is already there (an org unit with code DEMO).
 */
export async function loadDemo(
  db: Db,
  loaders: DemoLoader[] = demoLoaders,
  config: Config = loadConfig({}),
): Promise<{ lines: string[] }> {
  if (await hasDemo(db)) throw conflict(msg('demo.loaded', { code: DEMO_CODE }));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inTransaction({ db, actor: systemActor('demo'), principal: null }, async (tx, audit) => {
    if (await hasDemo(tx)) throw conflict(msg('demo.loaded', { code: DEMO_CODE }));
    const ctx: DemoContext = {
      tx,
      audit,
      config,
      now: new Date(),
      random: new Random(2026),
      passwordHash,
      units: new Map(),
      people: [],
      users: [],
    };
    const lines: string[] = [];
    for (const loader of loaders) lines.push(...(await loader.load(ctx)));
    return { lines };
  });
}
