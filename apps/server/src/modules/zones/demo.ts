import type { DemoContext, DemoLoader, PersonRow } from '../../demo/types';
import { assetsInUnits, effectiveClassification } from '../assets/service';
import { bringIns, zoneAssets, zoneEntrants, zones, zoneVisits } from './tables';
import { recordFindings } from './visitors/check';

const DAY = 86_400_000;
const day = (now: Date, offset: number) => new Date(now.getTime() + 9 * 3600_000 + offset * DAY).toISOString().slice(0, 10);

type ZonePlan = {
  code: string;
  kind: 'reception' | 'office' | 'restricted';
  nameJa: string;
  nameEn: string;
  /** rank of the scheme's class that is the limit (1 = least sensitive) */
  rank: number;
  parent?: string;
  entryAll: boolean;
  methods: ('id_card' | 'face' | 'escort')[];
  cameras: boolean;
  retentionDays: number;
  owner: 'office' | 'head';
  roles?: ('system_admin' | 'site_security_office')[];
};

const PLANS: ZonePlan[] = [
  {
    code: 'RCP',
    kind: 'reception',
    nameJa: '受付・来客ロビー',
    nameEn: 'Reception and visitor lobby',
    rank: 1,
    entryAll: true,
    methods: ['escort'],
    cameras: true,
    retentionDays: 90,
    owner: 'office',
  },
  {
    code: 'MTG',
    kind: 'reception',
    nameJa: '来客用会議室',
    nameEn: 'Visitor meeting rooms',
    rank: 2,
    parent: 'RCP',
    entryAll: true,
    methods: ['escort'],
    cameras: false,
    retentionDays: 90,
    owner: 'office',
  },
  {
    code: 'OFF',
    kind: 'office',
    nameJa: '事務所フロア',
    nameEn: 'Office floors',
    rank: 3,
    entryAll: true,
    methods: ['id_card'],
    cameras: true,
    retentionDays: 90,
    owner: 'office',
  },
  {
    code: 'SRV',
    kind: 'restricted',
    nameJa: 'サーバ室',
    nameEn: 'Server room',
    rank: 4,
    parent: 'OFF',
    entryAll: false,
    methods: ['id_card', 'face'],
    cameras: true,
    retentionDays: 365,
    owner: 'head',
    roles: ['system_admin'],
  },
  {
    code: 'DSN',
    kind: 'restricted',
    nameJa: '設計開発エリア',
    nameEn: 'Design and development area',
    rank: 4,
    parent: 'OFF',
    entryAll: false,
    methods: ['id_card'],
    cameras: true,
    retentionDays: 365,
    owner: 'head',
    roles: ['site_security_office'],
  },
];

const BRINGERS = [
  {
    kind: 'contractor',
    name: '山本 健 / Ken Yamamoto',
    company: '関西ネットワークサービス / Kansai Network Services',
    device: 'laptop',
    purpose: 'コアスイッチの交換作業 / Replacing the core switch',
  },
  {
    kind: 'visitor',
    name: 'Anna Schmidt',
    company: 'Rheinland Maschinenbau GmbH',
    device: 'tablet',
    purpose: '共同設計レビュー / Joint design review',
  },
  {
    kind: 'contractor',
    name: '高橋 修 / Osamu Takahashi',
    company: '緑川精工 / Midorikawa Precision',
    device: 'instrument',
    purpose: '測定器の校正 / Calibrating the measuring instruments',
  },
  {
    kind: 'employee',
    name: '中村 恵 / Megumi Nakamura',
    company: '',
    device: 'storage_media',
    purpose: '試験データの受け渡し(暗号化 USB)/ Handing over test data (encrypted USB)',
  },
  {
    kind: 'visitor',
    name: 'Li Wei',
    company: 'Shenzhen Bright Components',
    device: 'smartphone',
    purpose: '工程監査への同行 / Accompanying a process audit',
  },
  {
    kind: 'contractor',
    name: '伊藤 誠 / Makoto Ito',
    company: 'さくらビルメンテナンス / Sakura Building Maintenance',
    device: 'camera',
    purpose: '空調設備の点検記録 / Photographing the air-conditioning inspection',
  },
  {
    kind: 'visitor',
    name: '小林 優子 / Yuko Kobayashi',
    company: '青空銀行 / Aozora Bank',
    device: 'laptop',
    purpose: 'システム監査 / System audit',
  },
] as const;

/** The states shown at every site: [status, first day, last day] (days from today). */
const STATES = [
  ['pending', 1, 2],
  ['pending', 0, 0],
  ['approved', -1, 3],
  ['approved', -10, -8],
  ['rejected', 2, 3],
  ['cancelled', 4, 4],
  ['pending', -6, -4],
] as const;

/**
 * Zones for every demo site (reception, meeting rooms, office floors, a server room and a restricted design area),
 * assets of each site's ledger kept in zones their class allows, bring-ins in every state, three days of visits with
 * a few the daily check finds (someone not named in the server room, a visitor without a host in the design area).
 */
export const zonesDemoLoader: DemoLoader = {
  name: 'zones',
  async load(ctx: DemoContext) {
    const sites = [...ctx.units.values()].filter((u) => u.kind === 'site');
    const unitById = new Map([...ctx.units.values()].map((u) => [u.id, u]));
    const inSite = (p: PersonRow, path: string) => unitById.get(p.orgUnitId)?.path.startsWith(path) ?? false;
    let zoneCount = 0;
    let placed = 0;
    let requests = 0;
    let visits = 0;
    for (const site of sites) {
      const office = ctx.users.find((u) => u.roles.includes('site_security_office') && inSite(u.person, site.path));
      const head = ctx.users.find((u) => u.roles.includes('org_head') && inSite(u.person, site.path));
      const staff = ctx.people.filter((p) => p.status === 'active' && inSite(p, site.path));
      if (!office || !head || staff.length < 6) continue;
      const scheme = await effectiveClassification(ctx.tx, site.id);
      const byRank = [...scheme.classes].sort((a, b) => a.rank - b.rank);
      const limitOf = (rank: number) => (byRank.find((c) => c.rank >= rank) ?? byRank.at(-1)!).code;
      const ids = new Map<string, string>();
      const named = staff.slice(0, 4).map((p) => p.id);
      for (const plan of PLANS) {
        const [row] = await ctx.tx
          .insert(zones)
          .values({
            siteId: site.id,
            sitePath: site.path,
            parentId: plan.parent ? ids.get(plan.parent)! : null,
            kind: plan.kind,
            code: plan.code,
            nameJa: `${site.nameJa} ${plan.nameJa}`,
            nameEn: `${site.nameEn} ${plan.nameEn}`,
            maxClassCode: limitOf(plan.rank),
            ownerPersonId: (plan.owner === 'office' ? office : head).person.id,
            ownerUnitId: plan.owner === 'office' ? office.person.orgUnitId : head.person.orgUnitId,
            entryAll: plan.entryAll,
            entryRoles: plan.roles ?? [],
            entryMethods: plan.methods,
            cameras: plan.cameras,
            retentionDays: plan.retentionDays,
          })
          .returning({ id: zones.id });
        ids.set(plan.code, row!.id);
        if (!plan.entryAll) await ctx.tx.insert(zoneEntrants).values(named.map((personId) => ({ zoneId: row!.id, personId })));
        zoneCount++;
      }
      // assets: the highest classes to the server room and design area, the rest to the office floors
      const assets = await assetsInUnits(ctx.tx, [site.path], { limit: 24 });
      for (const [i, a] of assets.entries()) {
        const rank = scheme.classes.find((c) => c.code === a.classCode)?.rank ?? 9;
        const zone = rank >= 4 ? (i % 2 ? 'SRV' : 'DSN') : rank >= 3 ? 'OFF' : i % 3 === 0 ? 'MTG' : 'OFF';
        const limit = scheme.classes.find((c) => c.code === limitOf(PLANS.find((p) => p.code === zone)!.rank))!.rank;
        if (rank > limit) continue;
        await ctx.tx.insert(zoneAssets).values({ assetId: a.id, zoneId: ids.get(zone)!, placedBy: office.user.id });
        placed++;
      }
      // bring-ins in every state, into the restricted zones (decided by their owner, the department head)
      const requester = ctx.users.find((u) => u.roles.every((r) => r === 'employee') && inSite(u.person, site.path)) ?? office;
      for (const [i, [status, from, to]] of STATES.entries()) {
        const b = BRINGERS[(i + sites.indexOf(site)) % BRINGERS.length]!;
        const created = new Date(ctx.now.getTime() + Math.min(from - 2, -1) * DAY);
        await ctx.tx.insert(bringIns).values({
          zoneId: ids.get(i % 2 ? 'DSN' : 'SRV')!,
          sitePath: site.path,
          requesterId: requester.user.id,
          bringerKind: b.kind,
          bringerName: b.name,
          bringerCompany: b.company,
          device: b.device,
          deviceNote: b.device === 'storage_media' ? '暗号化 USB 32GB / Encrypted USB 32 GB' : '',
          purpose: b.purpose,
          periodFrom: day(ctx.now, from),
          periodTo: day(ctx.now, to),
          status,
          decidedBy: status === 'approved' || status === 'rejected' ? head.user.id : null,
          decidedAt: status === 'approved' || status === 'rejected' ? new Date(created.getTime() + 3600_000) : null,
          comment: status === 'rejected' ? 'カメラ機能付きの機器は持込不可 / No devices with a camera, please' : '',
          createdAt: created,
          updatedAt: created,
        });
        requests++;
      }
      // visits over the last three days: staff in the office floors and the named entrants in the restricted zones,
      // hosted visitors in reception; two the daily check finds
      const rows: (typeof zoneVisits.$inferInsert)[] = [];
      for (let d = 3; d >= 1; d--) {
        const base = new Date(new Date(`${day(ctx.now, -d)}T08:30:00+09:00`).getTime());
        staff.slice(0, 10).forEach((p, i) => {
          const at = new Date(base.getTime() + i * 7 * 60_000);
          rows.push({
            zoneId: ids.get('OFF')!,
            personId: p.id,
            enteredAt: at,
            leftAt: new Date(at.getTime() + 9 * 3600_000),
            source: 'import',
          });
        });
        named.slice(0, 2).forEach((personId, i) => {
          const at = new Date(base.getTime() + (90 + i * 30) * 60_000);
          rows.push({
            zoneId: ids.get(i ? 'DSN' : 'SRV')!,
            personId,
            enteredAt: at,
            leftAt: new Date(at.getTime() + 2 * 3600_000),
            source: 'import',
          });
        });
        const at = new Date(base.getTime() + 120 * 60_000);
        rows.push({
          zoneId: ids.get('RCP')!,
          visitorName: BRINGERS[d]!.name,
          visitorCompany: BRINGERS[d]!.company,
          hostPersonId: head.person.id,
          enteredAt: at,
          leftAt: new Date(at.getTime() + 3600_000),
          source: 'manual',
        });
      }
      const outsider = staff[staff.length - 1]!;
      const late = new Date(`${day(ctx.now, -1)}T19:40:00+09:00`);
      rows.push({
        zoneId: ids.get('SRV')!,
        personId: outsider.id,
        enteredAt: late,
        leftAt: new Date(late.getTime() + 20 * 60_000),
        source: 'import',
      });
      rows.push({
        zoneId: ids.get('DSN')!,
        visitorName: '配送業者 / Courier',
        visitorCompany: 'Kinki Express',
        enteredAt: new Date(late.getTime() - 5 * 3600_000),
        leftAt: new Date(late.getTime() - 4.8 * 3600_000),
        source: 'manual',
      });
      await ctx.tx.insert(zoneVisits).values(rows);
      visits += rows.length;
    }
    const today = day(ctx.now, 0);
    const found = await recordFindings(ctx.tx, today, new Date(ctx.now.getTime() - 4 * DAY), ctx.now);
    return [
      `zones: ${zoneCount} zones at ${sites.length} sites, ${placed} assets kept, ${requests} bring-ins in every state, ${visits} visits (${found} daily-check findings)`,
    ];
  },
};
