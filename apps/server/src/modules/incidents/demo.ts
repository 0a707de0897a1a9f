import { and, eq, isNull } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../demo/types';
import { typesCatalog } from './catalog';
import { syncClocks } from './clocks';
import { incidentAuditView } from './present';
import { addTemplateTasks, nextNumber, siteOf } from './open-case';
import { tokyoMonth } from './stats-window';
import { incidentDeadlines, incidentMembers, incidents, incidentTasks } from './tables';
import { saveSetting } from '../../platform/settings/effective';
import { secDisclosureSetting } from './sec-disclosure';
import { addEntry } from './timeline';

const COUNT = 80;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What happened, per type, in both languages (fictional). */
const STORIES: Record<string, { ja: string; en: string }[]> = {
  loss_theft: [
    { ja: '電車内でノートPCを置き忘れ', en: 'Laptop left on a train' },
    { ja: '出張先でUSBメモリを紛失', en: 'USB stick lost on a business trip' },
    { ja: '試作品サンプルの入った鞄が盗難', en: 'Bag with prototype samples stolen' },
  ],
  leakage: [{ ja: '共有フォルダが社外から閲覧可能になっていた', en: 'Shared folder readable from outside the company' }],
  misdelivery: [
    { ja: '見積書を別のお客様にメール送信', en: 'Quotation e-mailed to another customer' },
    { ja: 'FAX番号の入力誤りで図面を誤送信', en: 'Drawing faxed to a wrong number' },
  ],
  unauthorized_access: [{ ja: 'VPNアカウントへの不審なログイン', en: 'Suspicious sign-ins to a VPN account' }],
  unauthorized_acquisition: [{ ja: '退職予定者による設計データの大量コピー', en: 'Bulk copy of design data by a leaver' }],
  availability_loss: [{ ja: '生産管理サーバのディスク障害で停止', en: 'Production planning server down after a disk failure' }],
  integrity_loss: [{ ja: '検査記録の一部が誤って上書き', en: 'Inspection records partly overwritten by mistake' }],
  malware: [{ ja: '標的型メールの添付ファイルを開封', en: 'Attachment of a targeted phishing mail opened' }],
  other: [{ ja: '施錠されていない書庫を発見', en: 'Unlocked document cabinet found' }],
};
const TYPE_WEIGHTS: [string, number][] = [
  ['misdelivery', 25],
  ['loss_theft', 20],
  ['other', 12],
  ['malware', 10],
  ['unauthorized_access', 8],
  ['leakage', 8],
  ['availability_loss', 7],
  ['integrity_loss', 5],
  ['unauthorized_acquisition', 5],
];
const CAUSE_BY_TYPE: Record<string, string[]> = {
  loss_theft: ['human_error', 'rule_violation', 'theft_crime'],
  misdelivery: ['human_error', 'process_gap'],
  malware: ['external_attack', 'human_error'],
  unauthorized_access: ['external_attack', 'system_failure'],
  unauthorized_acquisition: ['insider_misuse'],
};
const STEPS = ['initial_response', 'investigation', 'notification', 'prevention'] as const;

function pickType(ctx: DemoContext) {
  let r = ctx.random.int(
    1,
    TYPE_WEIGHTS.reduce((n, [, w]) => n + w, 0),
  );
  for (const [id, w] of TYPE_WEIGHTS) if ((r -= w) <= 0) return id;
  return 'other';
}

/**
 * About 80 incidents and near misses over the past year, across the demo's sites: reported by demo
 * accounts, older ones closed with their clocks met, recent ones open at each step.
 */
export async function loadIncidentDemo(ctx: DemoContext): Promise<string[]> {
  const reporters = ctx.users.filter((u) => u.user.status === 'active');
  if (!reporters.length) return ['incidents: skipped (no accounts)'];
  // The holding's shares trade in New York as ADRs: a foreign private issuer, so a material incident gets the SEC
  // Form 6-K target (docs/regulatory.md); a company of the group may set its own filer type.
  await saveSetting(ctx.tx, ctx.audit, secDisclosureSetting, { filerType: 'foreign_private_issuer' }, { by: null });
  const unitById = new Map([...ctx.units.values()].map((u) => [u.id, u]));
  const reportedTimes = Array.from({ length: COUNT }, () => ctx.now.getTime() - ctx.random.int(1, 365 * 24) * HOUR).sort(
    (a, b) => a - b,
  );
  let closed = 0;
  for (const reportedMs of reportedTimes) {
    const { user, person } = ctx.random.pick(reporters);
    const unit = unitById.get(person.orgUnitId)!;
    const typeId = pickType(ctx);
    const type = typesCatalog().types.find((t) => t.id === typeId)!;
    const story = ctx.random.pick(STORIES[typeId]!);
    const nearMiss = typeId === 'other' || ctx.random.chance(0.3);
    const personal =
      !nearMiss && ['loss_theft', 'misdelivery', 'leakage', 'unauthorized_access'].includes(typeId) && ctx.random.chance(0.6);
    const reportedAt = new Date(reportedMs);
    const discoveredAt = new Date(reportedMs - ctx.random.int(0, 6) * HOUR);
    const ageDays = (ctx.now.getTime() - reportedMs) / DAY;
    const status = ageDays > 45 || (nearMiss && ageDays > 7) ? 'closed' : ctx.random.pick(STEPS);
    const contained = status !== 'initial_response' || ctx.random.chance(0.5);
    const containedAt = contained && !nearMiss ? new Date(discoveredAt.getTime() + ctx.random.int(1, 72) * HOUR) : null;
    const lang = user.language ?? 'ja';
    const [row] = await ctx.tx
      .insert(incidents)
      .values({
        number: await nextNumber(ctx.tx, reportedAt),
        typeId,
        severity: personal ? 'high' : nearMiss ? 'low' : type.defaultSeverity,
        nearMiss,
        status,
        title: story[lang],
        description: lang === 'ja' ? `${story.ja}。詳細は調査中。` : `${story.en}. Details under investigation.`,
        information: personal ? (lang === 'ja' ? '顧客の氏名・連絡先' : 'Customer names and contact details') : '',
        language: lang,
        discoveredAt,
        awareAt: discoveredAt,
        reportedAt,
        reportedMonth: tokyoMonth(reportedAt),
        orgUnitId: unit.id,
        siteId: await siteOf(ctx.tx, unit),
        reporterId: user.id,
        facts: {
          personalData: personal,
          personCount: personal ? ctx.random.pick([3, 40, 250, 1500]) : null,
          countries: personal && ctx.random.chance(0.2) ? ['JP', 'DE'] : personal ? ['JP'] : [],
          dataKinds: personal ? [ctx.random.chance(0.2) ? 'financial' : 'ordinary'] : [],
          unlawfulPurpose: typeId === 'unauthorized_acquisition',
          highRisk: false,
          customers: personal && ctx.random.chance(0.4) ? [{ name: 'Kaede Motors', within: { amount: 24, unit: 'hours' } }] : [],
        },
        causeCategory:
          status === 'closed' || status === 'prevention'
            ? ctx.random.pick(CAUSE_BY_TYPE[typeId] ?? ['human_error', 'process_gap'])
            : null,
        containedAt,
        closedAt: status === 'closed' ? new Date(reportedMs + ctx.random.int(2, 40) * DAY * (nearMiss ? 0.1 : 1)) : null,
        createdAt: reportedAt,
        updatedAt: reportedAt,
      })
      .returning();
    const incident = row!;
    await addEntry(ctx.tx, incident.id, user.id, {
      kind: 'report',
      text: `${incident.number} reported: ${incident.title}`,
      at: reportedAt,
    });
    await addTemplateTasks(ctx.tx, incident.id, typeId, reportedAt);
    await syncClocks(ctx.tx, incident, null);
    if (status === 'closed') {
      closed++;
      // Closed cases met their clocks, most on time.
      const running = await ctx.tx
        .select()
        .from(incidentDeadlines)
        .where(and(eq(incidentDeadlines.incidentId, incident.id), isNull(incidentDeadlines.metAt)));
      for (const d of running)
        await ctx.tx
          .update(incidentDeadlines)
          .set({ metAt: new Date(d.warnAt.getTime() - HOUR), metHow: 'demo: reported by the official form' })
          .where(eq(incidentDeadlines.id, d.id));
      await ctx.tx.update(incidentTasks).set({ doneAt: incident.closedAt }).where(eq(incidentTasks.incidentId, incident.id));
      await ctx.tx.update(incidents).set({ nextDueAt: null }).where(eq(incidents.id, incident.id));
    }
    if (status !== 'initial_response')
      await addEntry(ctx.tx, incident.id, null, {
        kind: 'status',
        text: `reported → ${status}`,
        at: new Date(reportedMs + HOUR),
      });
    const head = ctx.users.find(
      (u) => u.roles.includes('org_head') && u.person.orgUnitId === person.orgUnitId && u.user.id !== user.id,
    );
    if (head)
      await ctx.tx.insert(incidentMembers).values({ incidentId: incident.id, userId: head.user.id, note: 'organisation head' });
    await ctx.audit({
      action: 'incident.report',
      targetType: 'incident',
      targetId: incident.id,
      orgPath: unit.path,
      after: incidentAuditView(incident),
    });
  }
  return [`incidents: ${COUNT} over the past year (${closed} closed, ${COUNT - closed} open)`];
}

export const incidentsDemoLoader: DemoLoader = { name: 'incidents', load: loadIncidentDemo };
