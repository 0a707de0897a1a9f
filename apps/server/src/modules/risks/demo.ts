import { randomUUID } from 'node:crypto';
import { withinThreshold } from '@mamori/contracts';
import type { DemoContext, DemoLoader, UnitRow } from '../../demo/types';
import { assetsOfUnit } from '../assets/service';
import { currentSnapshot } from './method/setting';
import { levelCode, riskAuditView } from './register/query';
import { businessFlows, risks, type FlowStepRow } from './tables';
import { threatCatalog } from './threats';

const COUNT = 150;
const DAY = 86_400_000;

/** What could be hit, in both languages (fictional). */
const SUBJECTS: { ja: string; en: string }[] = [
  { ja: '顧客図面', en: 'customer drawings' },
  { ja: '生産計画データ', en: 'production plans' },
  { ja: '従業員名簿', en: 'the employee list' },
  { ja: '見積書', en: 'quotations' },
  { ja: '品質記録', en: 'quality records' },
  { ja: '設計データ', en: 'design data' },
  { ja: '取引先連絡先', en: 'partner contacts' },
  { ja: '制御プログラム', en: 'PLC programs' },
  { ja: '給与データ', en: 'payroll data' },
  { ja: '受注システム', en: 'the order system' },
];
const PLANS = [
  { ja: '手順を見直し、年1回の教育で周知する', en: 'Revise the procedure and cover it in the yearly training' },
  { ja: 'アクセス権を棚卸しし、不要な権限を削除する', en: 'Review access rights and remove the ones not needed' },
  { ja: '暗号化と多要素認証を導入する', en: 'Introduce encryption and multi-factor authentication' },
  { ja: 'バックアップを別拠点に保管し、復元を試験する', en: 'Keep backups at another site and test restores' },
  { ja: '委託先と秘密保持契約を更新し、点検する', en: 'Renew the NDA with the partner and assess them' },
];
const CONTROLS = [
  '5.9',
  '5.10',
  '5.12',
  '5.14',
  '5.15',
  '5.19',
  '5.23',
  '5.30',
  '6.3',
  '7.1',
  '7.7',
  '7.10',
  '8.1',
  '8.5',
  '8.7',
  '8.12',
  '8.13',
  '8.20',
];

type Lang = 'ja' | 'en';
const langOf = (unit: UnitRow): Lang => (unit.code.startsWith('DEMO-SGP') ? 'en' : 'ja');

/** A likelihood/impact value, weighted to the middle of a 1–5 scale with a tail to 5. */
const spread = (ctx: DemoContext) => ctx.random.pick([1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5]);

/**
 * About 150 assessed risks over the demo's sections (a heat map with a spread and a few very high ones),
 * treatments in every state, some accepted by their owner, and one business-flow analysis with risks per step.
 * Demo assets are linked when the assets demo created some for the unit.
 */
export async function loadRisksDemo(ctx: DemoContext): Promise<string[]> {
  const sections = [...ctx.units.values()].filter((u) => u.code.split('-').length === 4);
  if (!sections.length) return ['risks: skipped (no org units)'];
  const threats = threatCatalog().threats;
  const rows: (typeof risks.$inferInsert)[] = [];
  let accepted = 0;
  for (let n = 0; n < COUNT; n++) {
    const unit = sections[n % sections.length]!;
    const lang = langOf(unit);
    const snap = await currentSnapshot(ctx.tx, unit.id);
    const owner = ownerOf(ctx, unit);
    if (!owner) continue;
    const threat = ctx.random.pick(threats);
    const subject = ctx.random.pick(SUBJECTS);
    const unitAssets = await assetsOfUnit(ctx.tx, unit.id, 10);
    const il = n < 8 ? 5 : spread(ctx);
    const ii = n < 8 ? ctx.random.pick([4, 5]) : spread(ctx);
    const treatment =
      il * ii <= 4 ? 'accept' : ctx.random.pick(['reduce', 'reduce', 'reduce', 'reduce', 'transfer', 'avoid'] as const);
    // a few stay very high: their treatment has not started
    const stuck = n < 5;
    const rl = stuck || treatment === 'accept' ? il : treatment === 'avoid' ? 1 : Math.max(1, il - ctx.random.int(1, 2));
    const ri =
      stuck || treatment === 'accept'
        ? ii
        : treatment === 'transfer'
          ? Math.max(1, ii - 2)
          : Math.max(1, ii - ctx.random.int(0, 1));
    const status = stuck ? 'planned' : ctx.random.pick(['planned', 'in_progress', 'in_progress', 'done'] as const);
    const residualLevel = levelCode(snap.method, rl, ri);
    const due = new Date(ctx.now.getTime() + ctx.random.int(-120, 300) * DAY).toISOString().slice(0, 10);
    const accept = owner.account && withinThreshold(snap.method, residualLevel) && ctx.random.chance(0.5);
    if (accept) accepted++;
    const vuln = ctx.random.pick(threat.vulnerabilities);
    rows.push({
      id: randomUUID(),
      unitId: unit.id,
      unitPath: unit.path,
      title: lang === 'ja' ? `${subject.ja}に対する${threat.nameJa}` : `${threat.nameEn} affecting ${subject.en}`,
      description: lang === 'ja' ? threat.descriptionJa : threat.descriptionEn,
      assetIds: unitAssets.length ? ctx.random.sample(unitAssets, Math.min(2, unitAssets.length)).map((a) => a.id) : [],
      threatId: threat.id,
      vulnerability: vuln[lang],
      methodId: snap.id,
      inherentLikelihood: il,
      inherentImpact: ii,
      inherentLevel: levelCode(snap.method, il, ii),
      controlIds: ctx.random.sample(CONTROLS, ctx.random.int(0, 3)),
      residualLikelihood: rl,
      residualImpact: ri,
      residualLevel,
      treatment,
      plan: treatment === 'accept' ? '' : ctx.random.pick(PLANS)[lang],
      ownerId: owner.personId,
      dueDate: treatment === 'accept' ? null : due,
      status: treatment === 'accept' ? 'done' : status,
      acceptedBy: accept ? owner.personId : null,
      acceptedByName: accept ? owner.name : null,
      acceptedAt: accept ? new Date(ctx.now.getTime() - ctx.random.int(1, 90) * DAY) : null,
    });
  }
  const inserted = await ctx.tx.insert(risks).values(rows).returning();
  await ctx.audit.many(
    inserted.map((r) => ({
      action: 'risk.create',
      targetType: 'risk',
      targetId: r.id,
      orgPath: r.unitPath,
      after: riskAuditView(r),
    })),
  );
  const flowLine = await loadFlowDemo(ctx);
  return [`risks: ${inserted.length} assessed over ${sections.length} sections (${accepted} accepted); ${flowLine}`];
}

function ownerOf(ctx: DemoContext, unit: UnitRow): { personId: string; name: string; account: boolean } | undefined {
  const head = ctx.users.find(
    (u) => u.roles.includes('org_head') && (u.person.orgUnitId === unit.id || u.person.orgUnitId === unit.parentId),
  );
  if (head) return { personId: head.person.id, name: `${head.person.nameJa} / ${head.person.nameEn}`, account: true };
  const person = ctx.people.find((p) => p.orgUnitId === unit.id);
  return person ? { personId: person.id, name: `${person.nameJa} / ${person.nameEn}`, account: false } : undefined;
}

const FLOW_STEPS: {
  kind: FlowStepRow['kind'];
  ja: string;
  risks: { threat: string; title: string; l: number; i: number; rl: number; ri: number }[];
}[] = [
  {
    kind: 'receive',
    ja: '顧客から図面をメール・ポータルで受領する',
    risks: [{ threat: 'phishing', title: '図面を装った標的型メールの開封', l: 3, i: 4, rl: 2, ri: 3 }],
  },
  {
    kind: 'store',
    ja: '設計ファイルサーバの案件フォルダに保管する',
    risks: [{ threat: 'ransomware', title: 'ファイルサーバの暗号化による図面の消失', l: 3, i: 5, rl: 2, ri: 4 }],
  },
  {
    kind: 'use',
    ja: 'CADで設計に利用し、印刷して打合せに使う',
    risks: [{ threat: 'paper_leak', title: '印刷図面の会議室への置き忘れ', l: 4, i: 3, rl: 2, ri: 2 }],
  },
  {
    kind: 'send',
    ja: '協力会社へ加工用の図面を送付する',
    risks: [
      { threat: 'misdirected_mail', title: '別の協力会社への図面誤送信', l: 4, i: 4, rl: 2, ri: 4 },
      { threat: 'partner_leak', title: '協力会社からの図面流出', l: 3, i: 5, rl: 3, ri: 4 },
    ],
  },
  {
    kind: 'dispose',
    ja: '案件終了後、紙はシュレッダー、データは削除する',
    risks: [{ threat: 'operation_error', title: '保存期間内の図面の誤削除', l: 2, i: 3, rl: 1, ri: 3 }],
  },
];

/** 顧客からの図面受領→保管→設計利用→協力会社への送付→廃棄, in the hardware design section, with risks per step. */
async function loadFlowDemo(ctx: DemoContext): Promise<string> {
  const unit = ctx.units.get('DEMO-KMT-RND-HW') ?? [...ctx.units.values()].find((u) => u.code.split('-').length === 4);
  const owner = unit && ownerOf(ctx, unit);
  if (!unit || !owner) return 'flow analysis skipped';
  const unitAssets = await assetsOfUnit(ctx.tx, unit.id, 5);
  const steps: FlowStepRow[] = FLOW_STEPS.map((s) => ({
    id: randomUUID(),
    kind: s.kind,
    description: s.ja,
    assetIds: unitAssets.slice(0, 2).map((a) => a.id),
  }));
  const [flow] = await ctx.tx
    .insert(businessFlows)
    .values({
      unitId: unit.id,
      unitPath: unit.path,
      name: '顧客図面の取扱い',
      description: '顧客から受領した図面の受領から廃棄までの業務フロー分析',
      steps,
    })
    .returning();
  await ctx.audit({
    action: 'business_flow.create',
    targetType: 'business_flow',
    targetId: flow!.id,
    orgPath: unit.path,
    after: flow,
  });
  const snap = await currentSnapshot(ctx.tx, unit.id);
  const stepRisks = FLOW_STEPS.flatMap((s, i) =>
    s.risks.map((r) => {
      const threat = threatCatalog().threats.find((t) => t.id === r.threat)!;
      return {
        unitId: unit.id,
        unitPath: unit.path,
        title: r.title,
        assetIds: steps[i]!.assetIds,
        threatId: r.threat,
        vulnerability: threat.vulnerabilities[0]!.ja,
        methodId: snap.id,
        inherentLikelihood: r.l,
        inherentImpact: r.i,
        inherentLevel: levelCode(snap.method, r.l, r.i),
        controlIds: ['5.14', '8.12'],
        residualLikelihood: r.rl,
        residualImpact: r.ri,
        residualLevel: levelCode(snap.method, r.rl, r.ri),
        treatment: 'reduce' as const,
        plan: '協力会社への送付は図面共有ポータルに限定し、送付前に宛先を二人で確認する',
        ownerId: owner.personId,
        dueDate: new Date(ctx.now.getTime() + 90 * DAY).toISOString().slice(0, 10),
        status: 'in_progress' as const,
        flowId: flow!.id,
        flowStepId: steps[i]!.id,
      };
    }),
  );
  const inserted = await ctx.tx.insert(risks).values(stepRisks).returning();
  await ctx.audit.many(
    inserted.map((r) => ({
      action: 'risk.create',
      targetType: 'risk',
      targetId: r.id,
      orgPath: r.unitPath,
      after: riskAuditView(r),
    })),
  );
  return `1 business-flow analysis with ${inserted.length} risks on its steps`;
}

export const risksDemoLoader: DemoLoader = { name: 'risks', load: loadRisksDemo };
