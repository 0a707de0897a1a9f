import { fiscalYearLabel, fiscalYearOf } from '@mamori/contracts';
import { eq, sql } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import { daysAgo } from '../../../demo/types';
import { queryRows } from '../../../db/sql';
import { insertRecipients } from './queue';
import { drillFollowUps, drillHits, drills, drillTemplates } from './tables';

/** Two fictional drill mails (our own words), each in ja and en. */
const TEMPLATES = [
  {
    ja: {
      senderName: '総務部 健康管理センター',
      subject: '【要対応】定期健康診断の予約内容の再確認のお願い',
      body: '{{name}} 様\n\n定期健康診断の予約システムが更新されたため、予約内容の再確認をお願いします。\n本日17時までに確認がない場合、予約は取り消されます。\n\n予約内容の確認: {{link}}\n\n総務部 健康管理センター',
    },
    en: {
      senderName: 'Health Centre, General Affairs',
      subject: 'Action needed: confirm your health check booking',
      body: 'Dear {{name}},\n\nThe health check booking system was updated. Please confirm your booking by 5 pm today, or it will be cancelled.\n\nConfirm your booking: {{link}}\n\nHealth Centre, General Affairs',
    },
    attachmentName: null,
  },
  {
    ja: {
      senderName: '株式会社ミナト物流 請求担当',
      subject: '請求書送付のご案内(11月分)',
      body: 'いつもお世話になっております。\n11月分の請求書を添付のとおりお送りします。お支払い口座が変更になりましたので、下記よりご確認ください。\n\n口座変更のお知らせ: {{link}}\n\n株式会社ミナト物流 経理部',
    },
    en: {
      senderName: 'Minato Logistics Billing',
      subject: 'Your invoice for November',
      body: 'Dear customer,\n\nPlease find our November invoice attached. Our bank account has changed; see the notice below.\n\nNew bank details: {{link}}\n\nMinato Logistics, Accounts',
    },
    attachmentName: '請求書_11月.txt',
  },
];

/** Per-drill base rates: the later drill shows fewer clicks and more reports (the training works). */
const DRILLS = [
  {
    daysBack: 45 + 240,
    open: 0.52,
    click: 0.16,
    report: 0.22,
    name: ['標的型攻撃メール訓練(全社)', 'Targeted-mail drill (company-wide)'],
  },
  {
    daysBack: 45,
    open: 0.47,
    click: 0.09,
    report: 0.37,
    name: ['標的型攻撃メール訓練(全社・第2回)', 'Targeted-mail drill (company-wide, 2nd)'],
  },
] as const;

/** Who clicked in the drill before: the later drill's clickers are among them (the training works on the others). */
type Clickers = Set<string>;

async function loadDrillDemo(
  ctx: DemoContext,
  spec: (typeof DRILLS)[number],
  before: Clickers | null,
): Promise<{ line: string; clickers: Clickers }> {
  const start = daysAgo(ctx.now, spec.daysBack);
  start.setUTCHours(0, 30, 0, 0); // 09:30 in Tokyo
  const fy = fiscalYearOf(start);
  const [d] = await ctx.tx
    .insert(drills)
    .values({
      name: `${fiscalYearLabel(fy, 'ja')} ${spec.name[0]} / ${fiscalYearLabel(fy, 'en')} ${spec.name[1]}`,
      status: 'done',
      windowStart: start,
      windowHours: 6,
      fiscalYear: fy,
      targets: [{ unitId: null, roleGroup: null }],
      queuedAt: daysAgo(start, 3),
      createdAt: daysAgo(start, 10),
    })
    .returning();
  await ctx.tx.insert(drillTemplates).values(
    TEMPLATES.map((t, position) => ({
      drillId: d!.id,
      position,
      senderNameJa: t.ja.senderName,
      subjectJa: t.ja.subject,
      bodyJa: t.ja.body,
      senderNameEn: t.en.senderName,
      subjectEn: t.en.subject,
      bodyEn: t.en.body,
      attachmentName: t.attachmentName,
    })),
  );
  const n = await insertRecipients(ctx.tx, d!);
  await ctx.tx.update(drills).set({ recipientCount: n }).where(eq(drills.id, d!.id));
  const rows = await queryRows<{ id: string; person_id: string; unit_path: string; role_group: string; send_at: Date | string }>(
    ctx.tx,
    sql`SELECT id, person_id, unit_path, role_group, send_at FROM drill_recipients WHERE drill_id = ${d!.id}::uuid ORDER BY send_at`,
  );
  // each site has its own temper: some click more, some report more
  const siteFactor = new Map<string, number>();
  const factor = (path: string) => {
    const site = path.split('/').filter(Boolean)[1] ?? '';
    if (!siteFactor.has(site)) siteFactor.set(site, 0.6 + ctx.random.int(0, 80) / 100);
    return siteFactor.get(site)!;
  };
  const minute = 60_000;
  const stamps: string[] = [];
  const hits: (typeof drillHits.$inferInsert)[] = [];
  const followUps: (typeof drillFollowUps.$inferInsert)[] = [];
  let clicked = 0;
  let reported = 0;
  const clickers: Clickers = new Set();
  for (const r of rows) {
    const sent = new Date(new Date(r.send_at).getTime() + ctx.random.int(1, 20) * 1000);
    const f = factor(r.unit_path) * (r.role_group === 'staff' ? 1 : 0.7);
    const at = (min: number, max: number) => new Date(sent.getTime() + ctx.random.int(min, max) * minute);
    const opened = ctx.random.chance(spec.open) ? at(2, 600) : null;
    // after a first drill only those who clicked then may click again (nine in ten of them who open it): fewer
    // clicks in the later drill, whatever the draw
    const clicks = before
      ? before.has(r.person_id) && ctx.random.chance(0.9)
      : ctx.random.chance(Math.min(0.9, (spec.click / spec.open) * f));
    const click = opened && clicks ? new Date(opened.getTime() + ctx.random.int(1, 20) * minute) : null;
    const report =
      opened && ctx.random.chance(Math.min(0.9, spec.report / spec.open / f))
        ? new Date(opened.getTime() + ctx.random.int(1, 90) * minute)
        : null;
    const iso = (x: Date | null) => (x ? `'${x.toISOString()}'::timestamptz` : 'NULL::timestamptz');
    stamps.push(`('${r.id}'::uuid, ${iso(sent)}, ${iso(opened)}, ${iso(click)}, ${iso(report)})`);
    const net = `192.0.2.0/24`;
    if (ctx.random.chance(0.12))
      hits.push({
        drillId: d!.id,
        recipientId: r.id,
        kind: 'click',
        net: '198.51.100.0/24',
        at: new Date(sent.getTime() + 3000),
        userAgent: 'Mozilla/5.0 (compatible; MailGuard link scanner)',
        automated: ctx.random.pick(['scanner_agent', 'too_fast', 'head'] as const),
      });
    if (opened)
      hits.push({
        drillId: d!.id,
        recipientId: r.id,
        kind: 'open',
        net,
        at: opened,
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
        automated: null,
      });
    if (click) {
      clicked++;
      clickers.add(r.person_id);
      hits.push({
        drillId: d!.id,
        recipientId: r.id,
        kind: 'click',
        net,
        at: click,
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
        automated: null,
      });
      followUps.push({ drillId: d!.id, personId: r.person_id, createdAt: click });
    }
    if (report) {
      reported++;
      hits.push({
        drillId: d!.id,
        recipientId: r.id,
        kind: 'report',
        net,
        at: report,
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
        automated: null,
      });
    }
  }
  for (let i = 0; i < stamps.length; i += 500)
    await ctx.tx.execute(
      sql.raw(`UPDATE drill_recipients r SET sent_at = v.s, opened_at = v.o, clicked_at = v.c, reported_at = v.p, token_hash = md5(r.id::text || 'demo')
        FROM (VALUES ${stamps.slice(i, i + 500).join(', ')}) AS v(id, s, o, c, p) WHERE r.id = v.id`),
    );
  for (let i = 0; i < hits.length; i += 500) await ctx.tx.insert(drillHits).values(hits.slice(i, i + 500));
  for (let i = 0; i < followUps.length; i += 500) await ctx.tx.insert(drillFollowUps).values(followUps.slice(i, i + 500));
  await ctx.audit({ action: 'drill.demo_load', targetType: 'drill', targetId: d!.id, after: { recipients: n } });
  return { line: `drill ${fiscalYearLabel(fy, 'en')}: ${n} recipients, ${clicked} clicked, ${reported} reported`, clickers };
}

/** Two past drills with results: one in the previous fiscal year, one earlier in this one. */
export const drillsDemoLoader: DemoLoader = {
  name: 'drills',
  async load(ctx) {
    const lines: string[] = [];
    let before: Clickers | null = null;
    for (const spec of DRILLS) {
      const { line, clickers } = await loadDrillDemo(ctx, spec, before);
      lines.push(line);
      before = clickers;
    }
    return lines;
  },
};
