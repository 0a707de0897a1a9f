import type { Approver } from '@mamori/contracts';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import { assetsInUnits, type PickableAsset } from '../service';
import { resolveApprovers } from './approvers';
import { chainOf, takeOutClass } from './rules';
import { takeOutApprovers, takeOutItems, takeOuts, takeOutSteps } from './tables';

const DAY = 86_400_000;
const day = (now: Date, offset: number) => new Date(now.getTime() + 9 * 3600_000 + offset * DAY).toISOString().slice(0, 10);

/** The states the demo shows, each with its period (days from today) and how many steps were decided. */
type Plan = {
  state: 'pending' | 'approved' | 'out' | 'overdue' | 'returned' | 'rejected' | 'disposed' | 'cancelled';
  /** pending: the step waiting; others: all steps approved (rejected: the last one rejected) */
  step?: number;
  from: number;
  to: number;
};
const PLANS: Plan[] = [
  { state: 'pending', step: 0, from: 2, to: 4 },
  { state: 'pending', step: 1, from: 3, to: 5 },
  { state: 'pending', step: 2, from: 5, to: 9 },
  { state: 'approved', from: 6, to: 7 },
  { state: 'out', from: -1, to: 2 },
  { state: 'overdue', from: -9, to: -4 },
  { state: 'returned', from: -20, to: -18 },
  { state: 'rejected', from: -12, to: -10 },
  { state: 'disposed', from: -30, to: -25 },
  { state: 'cancelled', from: -3, to: -2 },
  { state: 'out', from: 0, to: 1 },
  { state: 'returned', from: -45, to: -44 },
];

const PURPOSES = [
  {
    purpose: '顧客先での製品説明 / Product briefing at a customer',
    destination: '青空銀行 梅田支店 / Aozora Bank, Umeda branch',
    medium: 'laptop',
  },
  { purpose: '展示会での説明資料 / Material for a trade fair', destination: 'インテックス大阪 / INTEX Osaka', medium: 'paper' },
  { purpose: '在宅勤務での資料作成 / Working from home', destination: '自宅 / Home', medium: 'laptop' },
  {
    purpose: '監査法人への提出 / Submission to the auditors',
    destination: 'さくら監査法人 / Sakura Audit LLC',
    medium: 'usb_media',
  },
  {
    purpose: '協力会社との打合せ / Meeting with a supplier',
    destination: '緑川精工 / Midorikawa Precision',
    medium: 'cloud_share',
  },
] as const;

/**
 * Take-outs in every state over the demo ledger: pending at each approval step, approved, out, overdue, returned,
 * rejected, disposed of, cancelled. Assets are found through the assets service; without any (the ledger's demo
 * not loaded) nothing is added.
 */
export const takeOutsDemoLoader: DemoLoader = {
  name: 'take-outs',
  async load(ctx: DemoContext) {
    const all = await assetsInUnits(ctx.tx, ['/'], { limit: 2000 });
    if (!all.length) return ['take-outs: skipped (no assets)'];
    // requesters: accounts whose own unit holds assets
    const paths = new Map([...ctx.units.values()].map((u) => [u.id, u.path]));
    const requesters = ctx.users.filter(
      (u) => u.user.status === 'active' && u.roles.every((r) => r === 'employee' || r === 'promotion_leader'),
    );
    const candidates: { asset: PickableAsset; user: (typeof requesters)[number]; chain: Approver[] }[] = [];
    for (const asset of all) {
      const user = requesters.find((u) => asset.unitPath.startsWith(paths.get(u.person.orgUnitId) ?? '\u0000'));
      if (!user) continue;
      const rule = (await takeOutClass(ctx.tx, asset.unitId, asset.classCode)).rule;
      if (rule.decision === 'forbidden') continue;
      candidates.push({ asset, user, chain: chainOf([rule]) });
      if (candidates.length > 400) break;
    }
    let made = 0;
    const used = new Set<string>();
    for (const [i, plan] of PLANS.entries()) {
      const need = plan.state === 'pending' ? plan.step! + 1 : plan.state === 'rejected' || plan.state === 'cancelled' ? 1 : 0;
      const pick = candidates.find((c) => !used.has(c.asset.id) && c.chain.length >= need);
      if (!pick) continue;
      used.add(pick.asset.id);
      await addTakeOut(ctx, plan, pick, PURPOSES[i % PURPOSES.length]!);
      made++;
    }
    return [`take-outs: ${made} requests in every state (pending at each step, out, overdue, returned, rejected, disposed)`];
  },
};

async function addTakeOut(
  ctx: DemoContext,
  plan: Plan,
  pick: { asset: PickableAsset; user: { user: { id: string } }; chain: Approver[] },
  text: (typeof PURPOSES)[number],
) {
  const { asset, chain } = pick;
  const requesterId = pick.user.user.id;
  const created = new Date(ctx.now.getTime() + Math.min(plan.from - 3, -1) * DAY);
  const decidedSteps = plan.state === 'pending' ? plan.step! : plan.state === 'cancelled' ? 0 : chain.length;
  const status =
    plan.state === 'pending' ? 'pending' : ['approved', 'out', 'overdue'].includes(plan.state) ? 'approved' : plan.state;
  const closed = ['returned', 'disposed', 'cancelled'].includes(plan.state);
  const [row] = await ctx.tx
    .insert(takeOuts)
    .values({
      requesterId,
      unitId: asset.unitId,
      unitPath: asset.unitPath,
      purpose: text.purpose,
      destination: text.destination,
      periodFrom: day(ctx.now, plan.from),
      periodTo: day(ctx.now, plan.to),
      medium: text.medium,
      encrypted: text.medium !== 'paper',
      encryptionMethod: text.medium !== 'paper' ? 'BitLocker / AES-256' : '',
      status: status as (typeof takeOuts.$inferInsert)['status'],
      currentStep: plan.state === 'pending' ? plan.step! : null,
      closedBy: closed ? requesterId : null,
      closedAt: closed ? new Date(created.getTime() + 5 * DAY) : null,
      closeComment: plan.state === 'disposed' ? '印刷物を溶解処理 / Printouts shredded by the disposal service' : '',
      remindedAt: plan.state === 'overdue' ? new Date(ctx.now.getTime() - 3 * DAY) : null,
      createdAt: created,
      updatedAt: created,
    })
    .returning({ id: takeOuts.id });
  const id = row!.id;
  await ctx.tx.insert(takeOutItems).values({ takeOutId: id, assetId: asset.id, position: 0, copy: text.medium !== 'paper' });
  for (const [position, approver] of chain.entries()) {
    const people = await resolveApprovers(ctx.tx, approver, asset.unitPath, requesterId);
    const decided = position < decidedSteps || (plan.state === 'rejected' && position === 0);
    const rejected = plan.state === 'rejected' && position === 0;
    if (plan.state === 'rejected' && position > 0) break;
    await ctx.tx.insert(takeOutSteps).values({
      takeOutId: id,
      position,
      approver,
      decision: decided ? (rejected ? 'rejected' : 'approved') : null,
      decidedBy: decided ? (people[0]?.id ?? null) : null,
      decidedAt: decided ? new Date(created.getTime() + (position + 1) * 3600_000) : null,
      comment: rejected ? '社外での閲覧は VDI を使ってください / Please use the VDI outside the office' : '',
    });
    if (people.length && (decided || position === plan.step))
      await ctx.tx.insert(takeOutApprovers).values(people.map((p) => ({ takeOutId: id, position, userId: p.id })));
  }
  await ctx.audit({
    action: 'take_out.request',
    targetType: 'take_out',
    targetId: id,
    orgPath: asset.unitPath,
    after: { demo: true, status },
  });
}
