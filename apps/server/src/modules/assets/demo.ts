import type { CustomFields } from '@mamori/contracts';
import type { DemoContext, DemoLoader, PersonRow } from '../../demo/types';
import { saveSetting } from '../../platform/settings/effective';
import { partnerSharingStatus, partnersWithNdaInForce } from '../partners/service';
import { loadCompanySchemes } from './classification/demo';
import { customFieldsSetting } from './classification/settings';
import { demoAssetTemplates } from './demo-data';
import { assetAuditView } from './ledger/present';
import { searchText } from './ledger/search-text';
import { assetPartners, assets } from './tables';

const BATCH = 500;

/** What tells apart the many entries of one kind in a unit: the year, the product line, the edition. */
const demoSuffixes = (year: number): [string, string][] => [
  [` ${year}年度`, ` FY${year}`],
  [` ${year}年度`, ` FY${year}`],
  [' 製品ライン A', ' product line A'],
  [' 製品ライン B', ' product line B'],
  [' 第2工場', ' plant 2'],
  [' 海外向け', ' export models'],
  [' 第3版', ' 3rd edition'],
  ['', ''],
];

/** The two custom fields of the demo: the system an asset lives in, and when it is next reviewed. */
const demoFields: CustomFields = [
  { key: 'system_name', labelJa: 'システム名', labelEn: 'System', type: 'text', options: [], required: false },
  { key: 'review_on', labelJa: '次回見直し日', labelEn: 'Next review', type: 'date', options: [], required: false },
];

/**
 * The demo ledger: the default classification scheme, two custom fields, every department and section with 45–85
 * assets drawn from a manufacturer's usual information (a few thousand in all), owners from the unit's people, some
 * copies managed with their original, and some assets shared with partners that have an NDA in force.
 */
export const assetsDemoLoader: DemoLoader = {
  name: 'assets',
  async load(ctx: DemoContext) {
    const { tx, random } = ctx;
    await saveSetting(tx, ctx.audit, customFieldsSetting, demoFields, { by: null });
    const companySchemes = await loadCompanySchemes(ctx);
    const units = [...ctx.units.values()].filter((u) => u.kind === 'department' || u.kind === 'section');
    const byUnit = new Map<string, PersonRow[]>();
    for (const p of ctx.people) if (p.status === 'active') byUnit.set(p.orgUnitId, [...(byUnit.get(p.orgUnitId) ?? []), p]);
    const anyone = ctx.people.filter((p) => p.status === 'active');
    const rows: (typeof assets.$inferInsert)[] = [];
    for (const u of units) {
      const owners = byUnit.get(u.id) ?? anyone;
      // 20–40 a unit (about 1,900 in all): a ledger that fills its pages and filters. 45–85 (4,300) made the demo's
      // search tokens 90 MB, which every copy of the demo (tests, e2e, backups) carried.
      for (let n = random.int(20, 40); n > 0; n--) {
        const t = random.pick(demoAssetTemplates);
        const custom: Record<string, string> = {};
        if (t.system) custom.system_name = t.system;
        if (random.chance(0.6)) {
          const d = new Date(ctx.now.getTime() + random.int(-30, 360) * 86_400_000);
          custom.review_on = d.toISOString().slice(0, 10);
        }
        const [sJa, sEn] = random.pick(demoSuffixes(ctx.now.getUTCFullYear() - random.int(0, 4)));
        const name = `${t.ja}${sJa} / ${t.en}${sEn}`;
        rows.push({
          id: crypto.randomUUID(),
          unitId: u.id,
          unitPath: u.path,
          name,
          kind: t.kind,
          ownerId: random.pick(owners).id,
          classCode: t.classCode,
          confidentiality: t.cia[0],
          integrity: t.cia[1],
          availability: t.cia[2],
          location: random.pick(t.locations),
          personalData: Boolean(t.personal),
          personalCategories: t.personal ?? [],
          retention: t.retention,
          disposal: t.disposal,
          custom,
          searchText: searchText(name, custom, demoFields),
        });
      }
    }
    // Copies (2-1-2): a printed or exported copy of some paper and electronic originals, managed with them.
    const originals = random.sample(
      rows.filter((r) => r.classCode !== 'public'),
      Math.min(40, rows.length),
    );
    for (const o of originals) {
      const name = `${o.name}（写し / copy）`;
      rows.push({
        ...o,
        id: crypto.randomUUID(),
        name,
        kind: 'paper',
        originalId: o.id,
        location: '執務室 施錠キャビネット',
        searchText: searchText(name, o.custom ?? {}, demoFields),
      });
    }
    // A few disposed of, with the day and the method.
    for (const r of random.sample(rows, 25))
      if (!r.originalId)
        Object.assign(r, { status: 'disposed', disposedOn: ctx.now.toISOString().slice(0, 10), disposedMethod: r.disposal });

    const ordered = [...rows.filter((r) => !r.originalId), ...rows.filter((r) => r.originalId)];
    for (let i = 0; i < ordered.length; i += BATCH) {
      const created = await tx
        .insert(assets)
        .values(ordered.slice(i, i + BATCH))
        .returning();
      await ctx.audit.many(
        created.map((a) => ({
          action: 'asset.create',
          targetType: 'asset',
          targetId: a.id,
          orgPath: a.unitPath,
          after: assetAuditView(a),
        })),
      );
    }

    // Shares with partners that have an NDA in force (confidential ones with the approval the class rule asks for).
    const partners: { id: string }[] = [];
    for (const p of await partnersWithNdaInForce(tx, 12)) {
      const s = await partnerSharingStatus(tx, p.id);
      if (s && s.openCriticalRequests === 0) partners.push(p);
    }
    const shared = partners.length
      ? random.sample(
          rows.filter((r) => (r.classCode === 'internal' || r.classCode === 'confidential') && !r.status),
          Math.min(60, rows.length),
        )
      : [];
    const shares = shared.map((a) => ({
      assetId: a.id!,
      partnerId: random.pick(partners).id,
      encrypted: a.classCode === 'confidential',
      approvedBy: a.classCode === 'confidential' ? '組織責任者 / head of organisation' : null,
      approvedOn: a.classCode === 'confidential' ? ctx.now.toISOString().slice(0, 10) : null,
      sharedAt: ctx.now,
    }));
    if (shares.length) {
      await tx.insert(assetPartners).values(shares);
      await ctx.audit.many(
        shares.map((s) => ({
          action: 'asset.share',
          targetType: 'asset',
          targetId: s.assetId,
          after: { partnerId: s.partnerId, encrypted: s.encrypted, approvedBy: s.approvedBy, approvedOn: s.approvedOn },
        })),
      );
    }
    return [
      `assets: ${rows.length} in ${units.length} units (${originals.length} copies), ${shares.length} shared with partners`,
      `classification: ${companySchemes} companies with a stricter scheme of their own`,
    ];
  },
};
