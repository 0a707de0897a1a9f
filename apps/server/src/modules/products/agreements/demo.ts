import type { AgreementRole } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import type { Principal } from '../../../platform/access/principal';
import type { Ctx } from '../../../platform/tx';
import { products } from '../tables';
import { ECU_PRODUCT } from '../tara/demo-data';
import { taraAnalyses } from '../tara/tables';
import { createAgreement, putResponsibilities, updateAgreement } from './agreements';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const years = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear() + n, 2, 31));

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

type Row = { activity: string; own: AgreementRole[]; counterpart: AgreementRole[]; note?: string };

/** The vehicle maker's programme: the group builds and tests, the vehicle maker approves and validates in the vehicle. */
const CUSTOMER_MATRIX: Row[] = [
  { activity: 'cs_management', own: ['responsible'], counterpart: ['inform'] },
  {
    activity: 'item_definition',
    own: ['support'],
    counterpart: ['responsible'],
    note: 'Vehicle-level item; the CGW5 is a component of it.',
  },
  {
    activity: 'tara',
    own: ['responsible'],
    counterpart: ['approve'],
    note: 'Component TARA under the group method v1; vehicle TARA by the vehicle maker.',
  },
  { activity: 'goals_concept', own: ['support'], counterpart: ['responsible'] },
  { activity: 'requirements_design', own: ['responsible'], counterpart: ['inform'] },
  {
    activity: 'verification',
    own: ['responsible'],
    counterpart: ['approve'],
    note: 'Fuzzing of CAN-FD, Ethernet and UDS by the independent lab.',
  },
  { activity: 'validation', own: ['support'], counterpart: ['responsible'] },
  {
    activity: 'production',
    own: ['responsible'],
    counterpart: ['support'],
    note: 'Keys injected at end of line by the vehicle maker’s key server.',
  },
  { activity: 'monitoring', own: ['responsible'], counterpart: ['inform'] },
  { activity: 'vulnerability_handling', own: ['responsible'], counterpart: ['approve', 'inform'] },
  { activity: 'incident_response', own: ['support'], counterpart: ['responsible'] },
  {
    activity: 'updates',
    own: ['support'],
    counterpart: ['responsible'],
    note: 'Over-the-air campaigns under the vehicle maker’s R156 SUMS.',
  },
  { activity: 'end_of_support', own: ['responsible'], counterpart: ['inform'] },
  { activity: 'cs_case_assessment', own: ['responsible'], counterpart: ['approve'] },
];

/** Cascaded down: the secure-element supplier of the same platform. */
const SUPPLIER_MATRIX: Row[] = [
  { activity: 'tara', own: ['responsible'], counterpart: ['support'] },
  {
    activity: 'verification',
    own: ['approve'],
    counterpart: ['responsible'],
    note: 'Common Criteria EAL5+ certificate and its updates.',
  },
  { activity: 'vulnerability_handling', own: ['inform', 'approve'], counterpart: ['responsible'] },
  { activity: 'incident_response', own: ['responsible'], counterpart: ['support'] },
  { activity: 'end_of_support', own: ['inform'], counterpart: ['responsible'] },
];

/**
 * Interface agreements of the gateway platform CGW5: one with a vehicle maker's programme (in force, with its
 * matrix and contacts) and one cascaded to the secure-element supplier (still a draft). Written through the room's
 * services, so the audit trail is the real one.
 */
export const agreementsDemoLoader: DemoLoader = {
  name: 'interface-agreements',
  async load(ctx) {
    const psirt = ctx.users.find((u) => u.roles.includes('psirt_member'))?.user;
    const [product] = await ctx.tx.select({ id: products.id }).from(products).where(eq(products.code, ECU_PRODUCT.code));
    if (!product || !psirt) return ['interface agreements: skipped (no demo ECU platform or PSIRT member)'];
    const [tara] = await ctx.tx.select({ id: taraAnalyses.id }).from(taraAnalyses).where(eq(taraAnalyses.productId, product.id));
    const as: Ctx = {
      db: ctx.tx,
      actor: { userId: psirt.id, label: psirt.email, requestId: null, ip: null },
      principal: principal(psirt),
    };
    const oem = await createAgreement(as, {
      productId: product.id,
      taraAnalysisId: tara?.id ?? null,
      programme: 'Kirin Motors "K-EV 2028" central gateway / 麒麟自動車 K-EV 2028',
      counterpartKind: 'customer',
      counterpartName: 'Kirin Motors Co., Ltd. (fictional) / 麒麟自動車',
      effectiveFrom: dayOf(years(ctx.now, -1)),
      supportUntil: dayOf(years(ctx.now, 15)),
      incidentNotificationHours: 24,
      informationSharing:
        'TARA excerpts, test summaries, SBOM (CycloneDX) and VEX are shared through the vehicle maker’s supplier portal, marked confidential. Raw test data and source code stay with the supplier and may be inspected on site.',
      auditRights:
        'One cybersecurity audit a year on two weeks’ notice, plus an audit after a serious incident; findings answered within 30 days.',
      contacts: [
        { party: 'own', role: 'Cybersecurity manager / サイバーセキュリティ責任者', name: psirt.name, email: psirt.email },
        { party: 'own', role: 'PSIRT', name: 'Product security office', email: 'psirt@hoshizora.example' },
        {
          party: 'counterpart',
          role: 'Cybersecurity manager / サイバーセキュリティ責任者',
          name: 'Aoi Kitamura',
          email: 'cs-supplier@kirin-motors.example',
        },
        {
          party: 'counterpart',
          role: 'VSOC (24 h)',
          name: 'Kirin Motors VSOC',
          email: 'vsoc@kirin-motors.example',
          phone: '+81-3-0000-0000',
        },
      ],
    });
    const withMatrix = await putResponsibilities(as, oem.id, CUSTOMER_MATRIX);
    await updateAgreement(as, oem.id, { status: 'in_force' }, [withMatrix.rowVersion]);
    const supplier = await createAgreement(as, {
      productId: product.id,
      taraAnalysisId: tara?.id ?? null,
      programme: 'Secure element SE-7 for CGW5 / CGW5 向けセキュアエレメント SE-7',
      counterpartKind: 'supplier',
      counterpartName: 'Hakobune Semiconductor (fictional) / 方舟セミコンダクター',
      incidentNotificationHours: 72,
      contacts: [{ party: 'counterpart', role: 'Product security', name: 'Ren Ishida', email: 'psirt@hakobune-semi.example' }],
    });
    await putResponsibilities(as, supplier.id, SUPPLIER_MATRIX);
    return [
      `interface agreements: ${ECU_PRODUCT.code} with a vehicle maker's programme (in force) and a secure-element supplier (draft)`,
    ];
  },
};
