import type { DemoContext, DemoLoader } from '../../demo/types';
import { daysAgo } from '../../demo/types';
import { DEMO_CODE } from '../org/demo-data';
import { controlInfo, controlIds } from './service';
import { controlStatusAnswers, controlStatusRequests, soaEntries, soas, soaVersions, type ControlStatusItem } from './tables';

type Status = 'not_started' | 'partial' | 'implemented';

/** Why a control applies (fictional, ja / en in one text: the SoA is read by both offices). */
const REASONS = [
  'リスクアセスメントで対策が必要と判断したため。 / The risk assessment found risks this control treats.',
  '主要顧客との取引基本契約で求められているため。 / Required by the master agreements with our main customers.',
  '個人情報保護法および社内の個人情報保護規程への対応。 / Needed to comply with the Personal Information Protection Act and our privacy rules.',
  '過去の誤送信・紛失インシデントの再発防止策として。 / Prevents recurrence of past misdirected-mail and loss incidents.',
  'グループ情報セキュリティ基準で全社必須としているため。 / Mandatory for every company under the group security standard.',
  '工場の制御系を含む生産停止リスクへの対策。 / Treats the risk of production stops, including plant control systems.',
];
const POLICIES: Record<string, string[]> = {
  organizational: ['情報セキュリティ基本方針', '情報セキュリティ管理規程'],
  people: ['就業規則 第8章', '情報セキュリティ教育実施要領'],
  physical: ['入退管理規程', '設備管理要領'],
  technological: ['IT運用管理規程', 'システム開発標準'],
};
/** Controls the group excludes, with the reason (fictional). */
const EXCLUDED: Record<string, string> = {
  '8.11':
    '本番データを開発・分析に使用しない運用としており、マスキング対象がないため。 / Production data is never used for development or analysis, so there is nothing to mask.',
  '8.30':
    'ソフトウェア開発は社内のみで行い、外部委託していないため(製品組込みソフトを含む)。 / All software, including embedded product software, is developed in-house; nothing is outsourced.',
};

function entryFor(ctx: DemoContext, controlId: string) {
  const info = controlInfo(controlId)!;
  if (EXCLUDED[controlId])
    return { applicable: false, justification: EXCLUDED[controlId]!, status: 'not_started' as Status, policies: [] };
  const r = ctx.random.int(1, 100);
  const status: Status = r <= 68 ? 'implemented' : r <= 94 ? 'partial' : 'not_started';
  return { applicable: true, justification: ctx.random.pick(REASONS), status, policies: POLICIES[info.theme]! };
}

/** The group's SoA: version 1 approved by the CISO two months ago, version 2 a draft with a few changes. */
async function loadSoa(ctx: DemoContext) {
  const group = ctx.units.get(DEMO_CODE)!;
  const ciso = ctx.users.find((u) => u.roles.includes('ciso'))?.user;
  const office = ctx.users.find((u) => u.roles.includes('security_office'))?.user;
  const [soa] = await ctx.tx
    .insert(soas)
    .values({ scopeUnitId: group.id, createdBy: office?.id ?? null, createdAt: daysAgo(ctx.now, 120) })
    .returning();
  const approvedAt = daysAgo(ctx.now, 60);
  const [v1] = await ctx.tx
    .insert(soaVersions)
    .values({
      soaId: soa!.id,
      number: 1,
      status: 'approved',
      createdBy: office?.id ?? null,
      createdAt: daysAgo(ctx.now, 120),
      submittedBy: office?.id ?? null,
      submittedAt: daysAgo(ctx.now, 65),
      approvedBy: ciso?.id ?? null,
      approvedAt,
    })
    .returning();
  const first = controlIds().map((controlId) => ({ controlId, ...entryFor(ctx, controlId) }));
  await ctx.tx
    .insert(soaEntries)
    .values(first.map((e) => ({ ...e, versionId: v1!.id, updatedBy: office?.id ?? null, updatedAt: daysAgo(ctx.now, 70) })));
  const [v2] = await ctx.tx
    .insert(soaVersions)
    .values({ soaId: soa!.id, number: 2, createdBy: office?.id ?? null, createdAt: daysAgo(ctx.now, 10) })
    .returning();
  const changes: Record<string, Partial<(typeof first)[number]>> = {
    '5.23': {
      status: 'implemented',
      justification:
        'クラウド利用ガイドラインを制定し、利用中サービスの台帳を整備したため。 / Cloud guideline issued and the register of services in use completed.',
    },
    '8.12': { status: 'partial', policies: ['IT運用管理規程', 'DLP運用手順書'] },
    '5.7': { status: 'implemented', policies: ['情報セキュリティ管理規程', '脅威情報共有手順'] },
    '7.4': { status: 'partial' },
  };
  await ctx.tx.insert(soaEntries).values(
    first.map((e) => ({
      ...e,
      ...changes[e.controlId],
      versionId: v2!.id,
      updatedBy: office?.id ?? null,
      updatedAt: daysAgo(ctx.now, 3),
    })),
  );
  await ctx.audit({
    action: 'soa.create',
    targetType: 'soa',
    targetId: soa!.id,
    orgPath: group.path,
    after: { scopeUnitId: group.id },
  });
  await ctx.audit({ action: 'soa.approve', targetType: 'soa', targetId: soa!.id, orgPath: group.path, after: { version: 1 } });
  await ctx.audit({
    action: 'soa.version.create',
    targetType: 'soa',
    targetId: soa!.id,
    orgPath: group.path,
    after: { version: 2, from: 1 },
  });
  return `SoA: the group's, version 1 approved (${first.filter((e) => e.applicable).length} of 93 applicable), version 2 a draft with ${Object.keys(changes).length} changes`;
}

const ASKED = ['5.9', '5.10', '6.3', '7.7', '8.1', '8.7', '8.13'];
const COMMENTS: Record<Status, string[]> = {
  implemented: ['手順どおり実施済み。', '年次点検で確認済み。', ''],
  partial: ['一部の課で未対応。下期に完了予定。', '古いPC 3台が未対応。', '手順書の改訂中。'],
  not_started: ['担当者不在のため未着手。来月着手予定。'],
};

/** One control-status request to every unit of the group, due in two weeks, about half answered. */
async function loadStatusRequest(ctx: DemoContext) {
  const group = ctx.units.get(DEMO_CODE)!;
  const office = ctx.users.find((u) => u.roles.includes('security_office'))?.user;
  const [request] = await ctx.tx
    .insert(controlStatusRequests)
    .values({
      title: 'FY2026 上期 管理施策の実施状況確認 / FY2026 H1 control status',
      controlIds: ASKED,
      rootUnitIds: [group.id],
      dueDate: daysAgo(ctx.now, -14).toISOString().slice(0, 10),
      createdBy: office?.id ?? null,
      createdAt: daysAgo(ctx.now, 16),
    })
    .returning();
  const units = [...ctx.units.values()].filter((u) => u.path.startsWith(group.path));
  const sites = units.filter((u) => u.kind === 'site');
  // The unit's own head or promotion leader answers; a unit without one (the operating companies' smaller trees) is
  // answered by one from a unit below it, as a site's office would collect it.
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const leads = ctx.users.filter((u) => u.roles.includes('org_head') || u.roles.includes('promotion_leader'));
  const answerer = (unitId: string) => {
    const path = pathOf.get(unitId);
    const lead =
      leads.find((u) => u.person.orgUnitId === unitId) ??
      leads.find((u) => !!path && !!pathOf.get(u.person.orgUnitId)?.startsWith(path));
    return lead?.user;
  };
  const rows = units.map((u) => {
    const site = sites.filter((s) => u.path.startsWith(s.path)).sort((a, b) => b.path.length - a.path.length)[0];
    const who = u.kind !== 'company' && ctx.random.chance(0.5) ? answerer(u.id) : undefined;
    const answers: ControlStatusItem[] = who
      ? ASKED.map((controlId) => {
          const r = ctx.random.int(1, 100);
          const status: Status = r <= 65 ? 'implemented' : r <= 92 ? 'partial' : 'not_started';
          return { controlId, status, comment: ctx.random.pick(COMMENTS[status]) };
        })
      : [];
    return {
      requestId: request!.id,
      unitId: u.id,
      unitPath: u.path,
      siteId: site?.id ?? null,
      answers,
      answeredBy: who?.id ?? null,
      answeredAt: who ? daysAgo(ctx.now, ctx.random.int(1, 12)) : null,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await ctx.tx.insert(controlStatusAnswers).values(rows.slice(i, i + 500));
  await ctx.audit({
    action: 'control-status.request.create',
    targetType: 'control-status-request',
    targetId: request!.id,
    orgPath: group.path,
    after: { controlIds: ASKED, units: rows.length },
  });
  return `control-status request: ${rows.length} units asked, ${rows.filter((r) => r.answeredAt).length} answered`;
}

export const controlsDemoLoader: DemoLoader = {
  name: 'controls',
  async load(ctx) {
    return [await loadSoa(ctx), await loadStatusRequest(ctx)];
  },
};
