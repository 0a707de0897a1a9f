import { createHash } from 'node:crypto';
import { fiscalYearOf, type PlanLinkedKind } from '@mamori/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../demo/types';
import { companySettingDef, saveCompanySetting } from '../../platform/settings/company';
import { DEMO_CODE } from '../org/demo-data';
import { fiscalMonthDays, planCatalog } from './catalog';
import { cascadePlan } from './plan/cascade';
import { planActivities, plans } from './plan/tables';
import { planTaskAssignees, planTaskFiles, planTasks } from './tasks/tables';
import { planReminderSetting } from './tasks/reminder-setting';
import { todayJst } from './tasks/read';
import { runLinkedCompletion } from './tasks/linked';
import { assetReviewTargets } from '../assets/service';
import { partnerCampaignTargets } from '../partners/service';
import { courseTargets, drillTargets } from '../training/service';

const COMMENTS = [
  '手順書どおり実施しました。 / Done as the guide describes.',
  '課内会議で結果を共有済み。 / Results shared at the section meeting.',
  '指摘事項なし。 / Nothing to report.',
  '2件の不備を是正しました。 / Two gaps found and corrected.',
  '担当者交代のため少し遅れました。 / A little late: the person in charge changed.',
];

const DAY = 86_400_000;
const at = (day: string, offsetDays: number) => new Date(Date.parse(`${day}T01:00:00Z`) + offsetDays * DAY);

type Links = Partial<Record<string, { kind: PlanLinkedKind; ref: string; threshold?: number }>>;

/**
 * The demo's campaigns this year's activities link (found through each module's service.ts): the inventory, the
 * partner check sheets, the yearly course for everyone (80 % of a unit's members), the latest drill held.
 */
async function campaignLinks(ctx: DemoContext): Promise<Links> {
  const [review] = await assetReviewTargets(ctx.tx, { limit: 1 });
  const [campaign] = await partnerCampaignTargets(ctx.tx, { limit: 1 });
  const course = (await courseTargets(ctx.tx, { limit: 100 })).find((c) => c.name.en.startsWith('INCIDENT-LESSONS'));
  const [drill] = await drillTargets(ctx.tx, { limit: 1 });
  return {
    ...(review ? { asset_inventory: { kind: 'asset_review' as const, ref: review.id } } : {}),
    ...(campaign ? { partner_check: { kind: 'partner_campaign' as const, ref: campaign.id } } : {}),
    ...(course ? { education: { kind: 'training' as const, ref: course.id, threshold: 80 } } : {}),
    ...(drill ? { mail_drill: { kind: 'drill' as const, ref: drill.id } } : {}),
  };
}

/** A fiscal year's plan from the group's standard year (catalogs/plan-activity-kinds.json), published and cascaded. */
async function makePlan(ctx: DemoContext, fy: number, publishedAt: Date, links: Links = {}) {
  const group = ctx.units.get(DEMO_CODE)!;
  const office = ctx.users.find((u) => u.roles.includes('security_office'))?.user;
  const cat = planCatalog();
  const [plan] = await ctx.tx
    .insert(plans)
    .values({
      fiscalYear: fy,
      version: 1,
      titleJa: `${fy}年度 情報セキュリティ年間活動計画`,
      titleEn: `FY${fy} information security activity plan`,
      createdBy: office?.id ?? null,
      createdAt: new Date(publishedAt.getTime() - 20 * DAY),
    })
    .returning();
  await ctx.tx.insert(planActivities).values(
    cat.standardYear.map((s, i) => {
      const kind = cat.kinds.find((k) => k.id === s.kind)!;
      const link = links[s.kind];
      return {
        planId: plan!.id,
        position: i + 1,
        kind: s.kind,
        phase: kind.phase,
        titleJa: s.ja,
        titleEn: s.en,
        startDate: s.startMonth ? fiscalMonthDays(fy, s.startMonth).first : null,
        dueDate: fiscalMonthDays(fy, s.month).last,
        guide: `${s.guideJa} / ${s.guideEn}`,
        guideUrl: '',
        unitRoots: [group.id],
        unitKinds: s.unitKinds,
        roles: s.roles,
        evidence: link ? ('linked' as const) : kind.evidence,
        linkKind: link?.kind ?? (kind.evidence === 'linked' ? ('partner_campaign' as const) : null),
        linkRef: link?.ref ?? '',
        linkThreshold: link?.threshold ?? 100,
      };
    }),
  );
  await ctx.tx
    .update(plans)
    .set({ status: 'published', publishedAt, publishedBy: office?.id ?? null })
    .where(eq(plans.id, plan!.id));
  const counts = await cascadePlan(ctx.tx, plan!.id, fy);
  await ctx.tx.update(planTasks).set({ createdAt: publishedAt }).where(eq(planTasks.fiscalYear, fy));
  await ctx.audit({
    action: 'plan.create',
    targetType: 'plan',
    targetId: plan!.id,
    orgPath: null,
    after: { fiscalYear: fy, version: 1 },
  });
  await ctx.audit({
    action: 'plan.publish',
    targetType: 'plan',
    targetId: plan!.id,
    orgPath: null,
    after: { fiscalYear: fy, version: 1, tasksCreated: counts.created },
  });
  return { plan: plan!, created: counts.created };
}

/**
 * Progress as a real year looks: what was due some weeks ago is mostly done (a few units late), what is due soon
 * is partly done, what is far off is rarely started. `closed` years are done but for a handful.
 */
async function progress(ctx: DemoContext, fy: number, closed: boolean) {
  const today = todayJst(ctx.now);
  const rows = await ctx.tx
    .select({ id: planTasks.id, due: planTasks.dueDate, evidence: planActivities.evidence, titleEn: planActivities.titleEn })
    .from(planTasks)
    .innerJoin(planActivities, eq(planActivities.id, planTasks.activityId))
    .where(and(eq(planTasks.fiscalYear, fy), eq(planTasks.status, 'open')))
    .orderBy(planTasks.dueDate, planTasks.unitPath, planTasks.id);
  const assignees = await ctx.tx
    .select()
    .from(planTaskAssignees)
    .where(inArray(planTaskAssignees.taskId, rows.length ? rows.map((r) => r.id) : ['00000000-0000-4000-8000-000000000000']));
  const who = new Map(assignees.map((a) => [a.taskId, a.userId]));
  let done = 0;
  for (const r of rows) {
    const daysToDue = (Date.parse(r.due) - Date.parse(today)) / DAY;
    const p = closed ? 0.97 : daysToDue < -30 ? 0.88 : daysToDue < 0 ? 0.7 : daysToDue < 60 ? 0.3 : 0.04;
    if (!ctx.random.chance(p)) continue;
    // done a little before the due date, sometimes after it; never in the future
    let doneAt = at(r.due, ctx.random.int(-25, daysToDue < 0 ? 12 : -1));
    if (doneAt > ctx.now) doneAt = new Date(ctx.now.getTime() - ctx.random.int(1, 9) * DAY);
    await ctx.tx
      .update(planTasks)
      .set({
        status: 'done',
        doneAt,
        doneBy: who.get(r.id) ?? null,
        doneSource: 'manual',
        comment: r.evidence === 'none' ? '' : ctx.random.pick(COMMENTS),
      })
      .where(eq(planTasks.id, r.id));
    if (r.evidence === 'file') {
      const text = `${r.titleEn} — FY${fy}\n実施記録 / Record of the activity\n`;
      const content = Buffer.from(text, 'utf8');

      await ctx.tx.insert(planTaskFiles).values({
        taskId: r.id,
        name: `evidence-fy${fy}.txt`,
        mediaType: 'text/plain',
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
        uploadedBy: who.get(r.id) ?? null,
        uploadedAt: doneAt,
      });
    }
    done++;
  }
  // the reminders already went out for what is late or due soon (the job would otherwise send them all at once)
  await ctx.tx
    .update(planTasks)
    .set({ remindedAt: ctx.now })
    .where(and(eq(planTasks.fiscalYear, fy), eq(planTasks.status, 'open'), sql`${planTasks.dueDate} <= ${today}`));
  return { total: rows.length, done };
}

/** Last year's plan closed (nearly every task done) and this year's published, cascaded to every demo unit, in progress. */
export const plansDemoLoader: DemoLoader = {
  name: 'plans',
  async load(ctx) {
    const fy = fiscalYearOf(ctx.now);
    const last = await makePlan(ctx, fy - 1, at(`${fy - 1}-04-01`, 0));
    const lastP = await progress(ctx, fy - 1, true);
    const current = await makePlan(ctx, fy, at(`${fy}-04-01`, 0), await campaignLinks(ctx));
    // the linked campaigns complete their units first (the job's own pass); the units record the rest by hand
    const linked = await runLinkedCompletion(ctx.tx);
    const curP = await progress(ctx, fy, false);
    // the automotive company's own reminder rule (issue #22, stricter only): a TISAX schedule, reminded earlier
    const auto = ctx.units.get(`${DEMO_CODE}-AUTO`);
    const holding = ctx.units.get(DEMO_CODE);
    if (auto && holding)
      await saveCompanySetting(
        ctx.tx,
        ctx.audit,
        companySettingDef(planReminderSetting.key),
        [auto.id, holding.id],
        { remindDaysBefore: 21, escalateAfterDays: 3 },
        { by: null, expected: undefined },
      );
    return [
      `plans: FY${fy - 1} closed (${lastP.done} of ${last.created} tasks done), FY${fy} published to every unit (${curP.done + linked.completed} of ${current.created} done so far, ${linked.completed} from linked campaigns)`,
      ...(auto ? ['plans: Hoshizora Automotive reminds 21 days before a due date and escalates after 3 (its own rule)'] : []),
    ];
  },
};
