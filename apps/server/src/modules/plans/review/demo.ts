import { eq } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import { assemblePack } from './pack';
import { managementReviewActions, managementReviews } from './tables';

/** The FY2025 review, held and closed, and the FY2026 one in preparation (inputs entered, pack assembled). */
async function loadReviews(ctx: DemoContext) {
  const ciso = ctx.users.find((u) => u.roles.includes('ciso'));
  const office = ctx.users.find((u) => u.roles.includes('security_office'));
  const attendees = [
    { name: ciso?.person.nameJa ?? 'CISO', role: 'CISO' },
    { name: office?.person.nameJa ?? '事務局', role: '情報セキュリティ事務局 / Security office' },
    { name: '各事業場事務局 / Site offices', role: '大阪・名古屋・熊本・シンガポール / Osaka, Nagoya, Kumamoto, Singapore' },
    { name: '内部監査責任者 / Head of internal audit', role: '内部監査 / Internal audit' },
  ];
  const [done] = await ctx.tx
    .insert(managementReviews)
    .values({
      fiscalYear: 2025,
      title: '2025年度 情報セキュリティ マネジメントレビュー / FY2025 management review',
      heldOn: '2026-03-18',
      status: 'done',
      attendees,
      internalIssues:
        '工場の制御系機器が資産台帳に十分載っていない。推進リーダーの交代が多く、活動の引き継ぎが弱い。 / Plant control equipment is missing from the asset ledger; many promotion leaders changed and hand-overs are weak.',
      externalIssues:
        '取引先を経由したランサムウェア被害が業界で相次いでいる。改正個人情報保護法への対応。 / Ransomware through suppliers keeps hitting our industry; the amended privacy act applies.',
      interestedParties:
        '主要自動車メーカーが取引条件としてセキュリティ自己評価の提出を求めている。 / Our main automotive customers require a security self-assessment as a condition of business.',
      decisions:
        '1. 2026年度は工場制御系の資産把握とリスク評価を最重点とする。\n2. 取引先チェックシートの基準点を引き上げ、重要項目の不備には訪問確認を行う。\n3. 推進リーダー向けの引き継ぎ手順を標準手引書に追加する。\n\n1. In FY2026, inventory and risk assessment of plant control systems come first.\n2. Raise the partner check-sheet pass mark; visit partners with critical gaps.\n3. Add a hand-over procedure for promotion leaders to the standard guides.',
      createdBy: office?.user.id ?? null,
      createdAt: new Date('2026-02-10T01:00:00Z'),
      closedBy: ciso?.user.id ?? null,
      closedAt: new Date('2026-03-18T08:00:00Z'),
    })
    .returning();
  await ctx.tx.insert(managementReviewActions).values(
    [
      {
        title: '全工場の制御系機器を資産台帳に登録 / Register every plant control device in the ledger',
        owner: '生産技術部 / Production engineering',
        dueOn: '2026-09-30',
        status: 'done' as const,
        outcome: '4工場で登録完了(1,240台) / Done at four plants (1,240 devices)',
      },
      {
        title: '制御系のリスクアセスメント実施 / Risk assessment of plant control systems',
        owner: '事業場事務局 / Site offices',
        dueOn: '2026-12-25',
        status: 'open' as const,
        outcome: '',
      },
      {
        title: '取引先チェックシート基準点の見直し / Revise the partner check-sheet pass mark',
        owner: '情報セキュリティ事務局 / Security office',
        dueOn: '2026-06-30',
        status: 'done' as const,
        outcome: '70点→75点に改定 / Raised from 70 to 75',
      },
      {
        title: '推進リーダー引き継ぎ手順の追加 / Add the promotion-leader hand-over procedure',
        owner: '情報セキュリティ事務局 / Security office',
        dueOn: '2027-01-31',
        status: 'open' as const,
        outcome: '',
      },
    ].map((a) => ({ ...a, reviewId: done!.id, fiscalYear: 2026 })),
  );
  const [next] = await ctx.tx
    .insert(managementReviews)
    .values({
      fiscalYear: 2026,
      title: '2026年度 情報セキュリティ マネジメントレビュー / FY2026 management review',
      heldOn: '2027-03-17',
      attendees,
      internalIssues:
        '制御系の資産登録は進んだが、リスク評価は2工場が未完了。 / Control devices are registered, but two plants have not finished their risk assessment.',
      externalIssues:
        'サプライチェーン全体でのセキュリティ対策評価制度の開始。 / A supply-chain security rating scheme is starting nationally.',
      interestedParties:
        '海外子会社の所在国でデータ越境移転の規制が強化された。 / Cross-border data transfer rules tightened where our overseas subsidiary operates.',
      createdBy: office?.user.id ?? null,
      createdAt: new Date(ctx.now.getTime() - 20 * 86_400_000),
    })
    .returning();
  for (const r of [done!, next!]) {
    const pack = await assemblePack(ctx.tx, r, undefined, r.status === 'done' ? new Date('2026-03-10T00:00:00Z') : ctx.now);
    await ctx.tx
      .update(managementReviews)
      .set({ pack, packAssembledAt: new Date(pack.assembledAt) })
      .where(eq(managementReviews.id, r.id));
  }
}

export const managementReviewDemoLoader: DemoLoader = {
  name: 'management-review',
  async load(ctx) {
    await loadReviews(ctx);
    return ['management reviews: FY2025 held (4 actions for FY2026, 2 open), FY2026 in preparation with its pack'];
  },
};
