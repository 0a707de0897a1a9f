import { eq } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../demo/types';
import { daysAgo } from '../../demo/types';
import { assetsInUnits } from '../assets/service';
import { partnersWithNdaInForce } from '../partners/service';
import { derived, nextReviewDay } from './register/rules';
import { processingActivities } from './register/tables';
import { nextOf, requestClocks } from './requests/clocks';
import { privacyRequests } from './requests/tables';
import { personalDataCoursePassed } from './register/training-seam';
import { lawsFor } from './catalog';

interface Plan {
  unit: string;
  service: string;
  purpose: string;
  subjectKinds: string[];
  subjectCount: number;
  subjectCountries: string[];
  categories: string[];
  specialCareBasis?: string;
  source: string;
  retention: string;
  deletion: string;
  transfers?: { country: string; recipient: string; basis: string }[];
  processor?: boolean;
  reviewedDaysAgo?: number;
}

const PLANS: Plan[] = [
  {
    unit: 'DEMO-SGP-SUP-CS',
    service: 'カスタマーサポート窓口 / Customer support desk',
    purpose: '製品の修理・問い合わせ対応のため / To handle repairs and enquiries about our products',
    subjectKinds: ['customers', 'prospects'],
    subjectCount: 48000,
    subjectCountries: ['JP', 'SG', 'TH'],
    categories: ['identity', 'contact', 'purchase'],
    source: '問い合わせフォーム・電話 / Enquiry form and phone',
    retention: '最終対応から5年 / 5 years after the last contact',
    deletion: 'CRMの自動削除ジョブ / Automatic deletion job in the CRM',
    transfers: [{ country: 'JP', recipient: '星空工業 大阪本社 / Hoshizora HQ Osaka', basis: 'appi_equivalent_measures' }],
    processor: true,
    reviewedDaysAgo: 200,
  },
  {
    unit: 'DEMO-OSK-HRD-HR',
    service: '人事・給与 / Personnel and payroll',
    purpose: '雇用管理、給与計算、社会保険手続のため / Employment management, payroll and social insurance',
    subjectKinds: ['employees', 'family'],
    subjectCount: 3200,
    subjectCountries: ['JP'],
    categories: ['identity', 'contact', 'employment', 'financial', 'my_number'],
    source: '本人の届出 / Declared by the employees',
    retention: '退職後7年 / 7 years after leaving',
    deletion: '人事システムから消去し、紙はシュレッダー / Erased from the HR system; paper shredded',
    reviewedDaysAgo: 380,
  },
  {
    unit: 'DEMO-OSK-HRD-LAB',
    service: '健康診断 / Health checks',
    purpose: '労働安全衛生法に基づく健康管理のため / Health management under the Industrial Safety and Health Act',
    subjectKinds: ['employees'],
    subjectCount: 3100,
    subjectCountries: ['JP'],
    categories: ['identity', 'health'],
    specialCareBasis: '労働安全衛生法66条（法令に基づく取得） / Industrial Safety and Health Act art. 66 (required by law)',
    source: '健診機関 / Health check provider',
    retention: '5年 / 5 years',
    deletion: '健診システムから消去 / Erased from the health check system',
    processor: true,
    reviewedDaysAgo: 90,
  },
  {
    unit: 'DEMO-SGP-SLS-ASE',
    service: '欧州販売店ポータル / European dealer portal',
    purpose: '販売店の担当者管理と受発注のため / To manage dealers\u2019 staff and orders',
    subjectKinds: ['partner_staff'],
    subjectCount: 900,
    subjectCountries: ['DE', 'FR', 'NL'],
    categories: ['identity', 'contact', 'online'],
    source: 'ポータルの利用登録 / Portal sign-up',
    retention: '契約終了後3年 / 3 years after the contract ends',
    deletion: 'アカウント削除と同時に消去 / Erased with the account',
    transfers: [
      { country: 'SG', recipient: 'Hoshizora Singapore', basis: 'gdpr_scc' },
      { country: 'JP', recipient: '星空工業 大阪本社 / Hoshizora HQ Osaka', basis: 'gdpr_adequacy' },
    ],
    reviewedDaysAgo: 30,
  },
  {
    unit: 'DEMO-OSK-GAD-GA',
    service: '来訪者受付 / Visitor reception',
    purpose: '入館管理と安全確保のため / Building access control and safety',
    subjectKinds: ['visitors'],
    subjectCount: 15000,
    subjectCountries: ['JP'],
    categories: ['identity', 'contact'],
    source: '受付票 / Reception form',
    retention: '1年 / 1 year',
    deletion: '受付票はシュレッダー / Forms shredded',
    reviewedDaysAgo: 340,
  },
];

type RequestPlan = {
  status: 'received' | 'verifying' | 'in_progress' | 'answered' | 'declined' | 'withdrawn';
  type: 'disclosure' | 'correction' | 'deletion' | 'stop_of_use' | 'third_party_records';
  daysAgo: number;
  entry: number | null;
  name: string;
  country: string;
  late?: boolean;
  /** GDPR art. 12(3): extended by two months, five days after receipt */
  extended?: boolean;
};
const REQUESTS: RequestPlan[] = [
  { status: 'received', type: 'disclosure', daysAgo: 1, entry: null, name: '高橋 美咲 / Misaki Takahashi', country: 'JP' },
  { status: 'verifying', type: 'deletion', daysAgo: 4, entry: 3, name: 'Anna Schmidt', country: 'DE' },
  { status: 'in_progress', type: 'correction', daysAgo: 8, entry: 0, name: 'Tan Wei Ming', country: 'SG' },
  { status: 'in_progress', type: 'disclosure', daysAgo: 25, entry: 3, name: 'Lukas Becker', country: 'DE', extended: true },
  { status: 'in_progress', type: 'stop_of_use', daysAgo: 20, entry: 0, name: '中村 健 / Ken Nakamura', country: 'JP' },
  { status: 'answered', type: 'disclosure', daysAgo: 30, entry: 1, name: '伊藤 由美 / Yumi Ito', country: 'JP' },
  { status: 'answered', type: 'third_party_records', daysAgo: 60, entry: 3, name: 'Pierre Martin', country: 'FR', late: true },
  { status: 'declined', type: 'disclosure', daysAgo: 15, entry: null, name: '匿名 / Anonymous', country: 'JP' },
  { status: 'withdrawn', type: 'deletion', daysAgo: 12, entry: 4, name: '小林 翔 / Sho Kobayashi', country: 'JP' },
];

/** Register entries for the demo units (customer, employee, health, cross-border) and requests in every state. */
export const privacyDemoLoader: DemoLoader = {
  name: 'privacy',
  async load(ctx: DemoContext) {
    const ids: string[] = [];
    const processors = await partnersWithNdaInForce(ctx.tx, 5);
    for (const [i, p] of PLANS.entries()) {
      const unit = ctx.units.get(p.unit);
      if (!unit) continue;
      const storage = await assetsInUnits(ctx.tx, [unit.path], { limit: 2 });
      // handlers: people of the unit who passed the personal-data course (the training demo runs first)
      const staff = ctx.people.filter((x) => x.orgUnitId === unit.id && x.status === 'active').map((x) => x.id);
      const trained = await personalDataCoursePassed(ctx.tx, staff);
      const handlers = staff.filter((id) => trained.get(id) === true).slice(0, 3);
      const reviewedAt = p.reviewedDaysAgo === undefined ? null : daysAgo(ctx.now, p.reviewedDaysAgo);
      const input = { subjectCountries: p.subjectCountries, categories: p.categories };
      const [row] = await ctx.tx
        .insert(processingActivities)
        .values({
          unitId: unit.id,
          unitPath: unit.path,
          service: p.service,
          purpose: p.purpose,
          subjectKinds: p.subjectKinds,
          subjectCount: p.subjectCount,
          subjectCountries: p.subjectCountries,
          categories: p.categories,
          specialCareBasis: p.specialCareBasis ?? '',
          source: p.source,
          storageAssetIds: storage.map((a) => a.id),
          retention: p.retention,
          deletion: p.deletion,
          handlerPersonIds: handlers,
          processorPartnerIds:
            p.processor && processors[i % Math.max(1, processors.length)] ? [processors[i % processors.length]!.id] : [],
          transfers: p.transfers ?? [],
          ...derived(input),
          search: `${p.service}\n${p.purpose}`.toLowerCase(),
          lastReviewedAt: reviewedAt,
          reviewDueOn: nextReviewDay(reviewedAt ?? ctx.now),
        })
        .returning();
      ids.push(row!.id);
      await ctx.audit({
        action: 'privacy.activity.create',
        targetType: 'processing_activity',
        targetId: row!.id,
        orgPath: unit.path,
        after: { service: p.service },
      });
    }
    const officer =
      ctx.users.find((u) => u.roles.includes('privacy_officer')) ?? ctx.users.find((u) => u.roles.includes('security_office'));
    let n = 0;
    for (const r of REQUESTS) {
      const entryId = r.entry === null ? null : (ids[r.entry] ?? null);
      const [entry] = entryId ? await ctx.tx.select().from(processingActivities).where(eq(processingActivities.id, entryId)) : [];
      const receivedAt = daysAgo(ctx.now, r.daysAgo);
      const laws = [...new Set([...lawsFor([r.country]), ...(entry?.laws ?? [])])].sort();
      const clocks = requestClocks({ laws, type: r.type }, receivedAt, !!r.extended);
      const open = ['received', 'verifying', 'in_progress'].includes(r.status);
      const checked = r.status !== 'received' && r.status !== 'verifying' && r.status !== 'declined';
      const answeredAt =
        r.status === 'answered'
          ? new Date(Math.min(ctx.now.getTime(), Date.parse(clocks[0]!.dueAt) + (r.late ? 2 * 86_400_000 : -3 * 86_400_000)))
          : null;
      await ctx.tx.insert(privacyRequests).values({
        reference: `PR-DEMO${String(++n).padStart(5, '0')}`,
        type: r.type,
        channel: r.entry === null ? 'public_form' : 'window',
        status: r.status,
        unitId: entry?.unitId ?? null,
        unitPath: entry?.unitPath ?? null,
        service: entry?.service ?? '',
        requesterName: r.name,
        requesterContact: `requester${n}@example.com`,
        requesterCountry: r.country,
        details:
          r.type === 'disclosure'
            ? '保有している私の個人情報を開示してください。 / Please disclose the personal data you hold about me.'
            : 'See the attached letter. / 添付の書面をご覧ください。',
        language: r.country === 'JP' ? 'ja' : 'en',
        activityIds: entryId ? [entryId] : [],
        laws,
        receivedAt,
        clocks,
        ...(open ? nextOf(clocks) : { nextWarnAt: null, nextDueAt: null }),
        identityMethod: checked ? 'id_document' : null,
        identityCheckedAt: checked ? daysAgo(ctx.now, Math.max(0, r.daysAgo - 1)) : null,
        identityCheckedBy: checked ? (officer?.user.id ?? null) : null,
        outcome: answeredAt ? 'granted' : null,
        answer: answeredAt ? '保有個人データを別紙のとおり開示します。 / We disclose the personal data we hold as enclosed.' : '',
        answeredAt,
        answeredBy: answeredAt ? (officer?.user.id ?? null) : null,
        lateReason: r.late ? '対象データの所在確認に時間を要したため / Locating the data took longer than expected' : '',
        ...(r.extended
          ? {
              extendedAt: daysAgo(ctx.now, r.daysAgo - 5),
              extendedBy: officer?.user.id ?? null,
              extensionReason:
                '3つのシステムにまたがる大量の記録の確認が必要なため / The records are many and spread over three systems',
            }
          : {}),
      });
    }
    return [`privacy: ${ids.length} register entries, ${n} data-subject requests`];
  },
};
