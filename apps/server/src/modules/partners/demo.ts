import { fiscalYearLabel, fiscalYearOf } from '@mamori/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../demo/types';
import { roleAssignments, users } from '../../platform/auth/tables';
import { improvementRequests, partnerAnswers, partnerAssessments, partnerCampaigns, partnerVisits } from './assessment-tables';
import { applicableItems, currentCatalogVersion, loadCatalog } from './assessments/catalog';
import { demoCountries, demoNameKinds, demoNameStems, demoNaReasons, demoPlans } from './demo-data';
import { profileOf, tierOf } from './records/profile';
import type { AnswerValue } from './assessments/scoring';
import { scoreAndJudge } from './assessments/submit';
import { partnerContacts, partnerExchanges, partnerNdas, partnerOrgUnits, partners, partnerSubcontractors } from './tables';

const PARTNERS = 40;
const YEARS = 5;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const shift = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
const allProvisions = (missing: string[] = []) =>
  Object.fromEntries('abcdefghijkl'.split('').map((c) => [c, !missing.includes(c)]));

type PartnerRow = typeof partners.$inferSelect;

async function createPartners(ctx: DemoContext): Promise<{ row: PartnerRow; maturity: number }[]> {
  const { tx, random } = ctx;
  const sites = [...ctx.units.values()].filter((u) => u.kind === 'site');
  const names = random.sample(
    demoNameStems.flatMap((s) => demoNameKinds.map((k) => ({ s, k }))),
    PARTNERS,
  );
  const out: { row: PartnerRow; maturity: number }[] = [];
  for (const [i, { s, k }] of names.entries()) {
    const country = random.pick(demoCountries);
    const values = {
      nameJa: `${s[0]}${k.ja}${country === 'JP' ? '株式会社' : ''}`,
      nameEn: `${s[1]} ${k.en} ${country === 'JP' ? 'Co., Ltd.' : 'Ltd.'}`,
      corporateNumber: country === 'JP' ? String(random.int(1, 9)) + String(random.int(100_000_000_000, 999_999_999_999)) : null,
      country,
      sharesPapers: k.shares.includes('papers'),
      sharesDigitized: k.shares.includes('digitized'),
      sharesEmbodiments: k.shares.includes('embodiments'),
      sharesKnowHow: k.shares.includes('knowHow'),
      strictlyConfidential: random.chance(0.1),
      usesSubcontractors: i % 4 === 0,
      sharedInformation: `${k.ja}に関する図面・仕様書 / Drawings and specifications for ${k.en.toLowerCase()}`,
    };
    const [row] = await tx
      .insert(partners)
      .values({ ...values, tier: 'low' })
      .returning();
    const [withTier] = await tx
      .update(partners)
      .set({ tier: tierOf(row!) })
      .where(eq(partners.id, row!.id))
      .returning();
    await tx
      .insert(partnerOrgUnits)
      .values(random.sample(sites, random.int(1, 2)).map((u) => ({ partnerId: row!.id, orgUnitId: u.id })));
    await tx.insert(partnerContacts).values([
      {
        partnerId: row!.id,
        name: `${s[0]} 情報管理担当`,
        email: `security@${s[1].toLowerCase()}-${i}.example`,
        role: 'security',
      },
      { partnerId: row!.id, name: `${s[0]} 営業担当`, email: `sales@${s[1].toLowerCase()}-${i}.example`, role: 'business' },
    ]);
    // One partner in six is weak (below its threshold most years); the others are fair to strong.
    out.push({ row: withTier!, maturity: i % 6 === 1 ? 0.2 + random.next() * 0.2 : 0.65 + random.next() * 0.3 });
  }
  await ctx.audit.many(out.map((p) => ({ action: 'partner.create', targetType: 'partner', targetId: p.row.id, after: p.row })));
  return out;
}

function answerFor(ctx: DemoContext, maturity: number, critical: boolean): { value: AnswerValue; reason: string | null } {
  if (ctx.random.chance(0.03)) return { value: 'not_applicable', reason: ctx.random.pick(demoNaReasons) };
  const r = ctx.random.next();
  const m = critical ? Math.min(0.99, maturity + 0.3) : maturity;
  return { value: r < m ? 'implemented' : r < m + (1 - m) / 2 ? 'partly' : 'not_implemented', reason: null };
}

/** Five yearly campaigns: the past four answered and scored, the current one half answered. */
async function createYears(ctx: DemoContext, list: { row: PartnerRow; maturity: number }[]) {
  const { tx, audit, now, random } = ctx;
  const version = currentCatalogVersion();
  const catalog = loadCatalog(version);
  let submitted = 0;
  for (let y = YEARS - 1; y >= 0; y--) {
    // Past campaigns were due on 30 September of their fiscal year; the current one a month from now.
    const due = y === 0 ? shift(now, 30) : new Date(Date.UTC(fiscalYearOf(now) - y, 8, 30));
    const fy = fiscalYearOf(dayOf(due));
    const [campaign] = await tx
      .insert(partnerCampaigns)
      .values({
        name: `${fiscalYearLabel(fy, 'ja')} 取引先点検 / ${fiscalYearLabel(fy, 'en')} partner check`,
        catalogVersion: version,
        dueOn: dayOf(due),
        reminderDays: [14, 3],
      })
      .returning();
    await audit({ action: 'partner_campaign.create', targetType: 'partner_campaign', targetId: campaign!.id, after: campaign });
    for (const [i, p] of list.entries()) {
      const items = applicableItems(catalog, profileOf(p.row));
      const [a] = await tx
        .insert(partnerAssessments)
        .values({
          partnerId: p.row.id,
          campaignId: campaign!.id,
          catalogVersion: version,
          requirementIds: items.map((x) => x.id),
          tier: p.row.tier,
          dueOn: dayOf(due),
          createdAt: shift(due, -60),
        })
        .returning();
      const current = y === 0;
      if (current && i % 2 === 1) continue; // not started yet
      const maturity = Math.min(0.98, p.maturity + (YEARS - 1 - y) * 0.03);
      const answered = current && i % 4 === 2 ? items.slice(0, Math.floor(items.length / 2)) : items; // a draft half done
      await tx
        .insert(partnerAnswers)
        .values(answered.map((it) => ({ assessmentId: a!.id, requirementId: it.id, ...answerFor(ctx, maturity, it.critical) })));
      if (answered.length < items.length) continue;
      const at = shift(due, -random.int(1, 40));
      await scoreAndJudge(tx, audit, a!, current ? shift(now, -random.int(1, 10)) : at);
      submitted++;
    }
  }
  // Older improvement requests were answered and accepted; last year's are partly still open (some overdue).
  const irs = await tx.select().from(improvementRequests);
  const lastYear = now.getUTCFullYear() - 1;
  for (const ir of irs) {
    const old = Number(ir.dueOn.slice(0, 4)) <= lastYear && !(ir.createdAt.getUTCFullYear() === lastYear && random.chance(0.5));
    if (old || random.chance(0.3))
      await tx
        .update(improvementRequests)
        .set({
          status: old ? 'accepted' : 'answered',
          plan: random.pick(demoPlans),
          answeredAt: shift(now, -random.int(20, 300)),
          ...(old ? { decidedAt: shift(now, -random.int(1, 19)) } : {}),
        })
        .where(eq(improvementRequests.id, ir.id));
  }
  return { submitted, improvementRequests: irs.length };
}

async function createRecords(ctx: DemoContext, list: { row: PartnerRow }[]) {
  const { tx, audit, now, random } = ctx;
  const users_ = list.filter((p) => p.row.usesSubcontractors);
  for (const [i, p] of users_.entries()) {
    const [first] = await tx
      .insert(partnerSubcontractors)
      .values({
        partnerId: p.row.id,
        name: `協力会社 ${i + 1}-A`,
        country: 'JP',
        work: '部品加工 / parts machining',
        status: 'active',
        priorNoticeReceivedOn: dayOf(shift(now, -400)),
      })
      .returning();
    await tx.insert(partnerSubcontractors).values([
      {
        partnerId: p.row.id,
        parentId: first!.id,
        depth: 1,
        name: `協力会社 ${i + 1}-A-1`,
        country: 'VN',
        work: '検査 / inspection',
        status: i % 2 ? 'pending_notice' : 'active',
        priorNoticeReceivedOn: i % 2 ? null : dayOf(shift(now, -100)),
      },
      {
        partnerId: p.row.id,
        name: `協力会社 ${i + 1}-B`,
        country: 'JP',
        work: '廃棄物処理 / waste disposal',
        status: 'pending_notice',
      },
    ]);
  }
  for (const [i, p] of list.entries()) {
    const expired = i === 3;
    const signed = shift(now, -random.int(400, 1500));
    await tx.insert(partnerNdas).values({
      partnerId: p.row.id,
      title: '秘密保持契約書 / Non-disclosure agreement',
      signedOn: dayOf(signed),
      validFrom: dayOf(signed),
      validUntil: expired ? dayOf(shift(now, -40)) : i % 5 === 0 ? null : dayOf(shift(now, random.int(20, 1200))),
      provisions: allProvisions(i % 7 === 0 ? ['l'] : []),
    });
  }
  const first = list[0]!.row;
  await tx.insert(partnerExchanges).values([
    {
      partnerId: first.id,
      direction: 'to_partner',
      form: 'embodiment',
      description: '試作金型 1 式 / One prototype mold',
      method: '社用車 / company car',
      occurredOn: dayOf(shift(now, -90)),
      approvedBy: '製造部長 / Head of manufacturing',
      returnDueOn: dayOf(shift(now, 30)),
    },
    {
      partnerId: first.id,
      direction: 'to_partner',
      form: 'digitized',
      description: '図面データ / Drawing files',
      method: '暗号化ファイル転送 / encrypted transfer',
      occurredOn: dayOf(shift(now, -200)),
      approvedBy: '設計課長 / Design manager',
      settlement: 'disposed',
      settledOn: dayOf(shift(now, -20)),
      settlementNote: '消去証明書受領 / erasure certificate received',
    },
  ]);
  const weak = list[1]!.row;
  await tx.insert(partnerVisits).values({
    partnerId: weak.id,
    visitedOn: dayOf(shift(now, -60)),
    visitors: '情報セキュリティ事務局 / Security office',
    summary: '入退室管理と私有機器の持込みを確認 / Checked entry control and private devices',
    findings: [
      { requirementId: '2-3-4', severity: 'minor', note: '入退室ログの定期確認なし / entry logs not reviewed' },
      { requirementId: '2-3-5', severity: 'major', note: '私物スマートフォンの持込み / private phones in the area' },
    ],
  });
  await audit({
    action: 'partner_demo.records',
    targetType: 'partner',
    targetId: null,
    after: { subcontractorPartners: users_.length },
  });
  return users_.length;
}

/** Portal accounts for three partners, with the demo password: portal1@… to portal3@…. */
async function createPortalUsers(ctx: DemoContext, list: { row: PartnerRow }[]) {
  const emails: string[] = [];
  for (const [i, p] of list.slice(0, 3).entries()) {
    const email = `portal${i + 1}@partner-demo.example`;
    const [u] = await ctx.tx
      .insert(users)
      .values({
        email,
        name: `${p.row.nameJa} 担当者`,
        kind: 'partner',
        partnerId: p.row.id,
        passwordHash: ctx.passwordHash,
        language: i === 2 ? 'en' : 'ja',
        lastActiveAt: ctx.now,
      })
      .returning();
    await ctx.tx.insert(roleAssignments).values({ userId: u!.id, role: 'partner_user', orgUnitId: null });
    await ctx.audit({ action: 'user.create', targetType: 'user', targetId: u!.id, after: { email, partnerId: p.row.id } });
    emails.push(email);
  }
  return emails;
}

/** The partner programme of the demo group: ~40 partners, five years of check sheets, sub-contractors, NDAs. */
export const partnersDemoLoader: DemoLoader = {
  name: 'partners',
  async load(ctx) {
    const list = await createPartners(ctx);
    const years = await createYears(ctx, list);
    const subs = await createRecords(ctx, list);
    const portal = await createPortalUsers(ctx, list);
    const below = await ctx.tx
      .select({ id: partnerAssessments.id })
      .from(partnerAssessments)
      .where(
        and(
          eq(partnerAssessments.passed, false),
          inArray(
            partnerAssessments.partnerId,
            list.map((p) => p.row.id),
          ),
        ),
      );
    return [
      `partners: ${list.length} (${subs} with sub-contractors, one with an expired NDA)`,
      `partner check sheets: ${years.submitted} scored over ${YEARS} years, ${below.length} below threshold, ${years.improvementRequests} improvement requests`,
      `partner portal accounts: ${portal.join(', ')}`,
    ];
  },
};
