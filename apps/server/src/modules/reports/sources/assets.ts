import { assetsByClass, assetsByClassEach, inventoryProgress, takeOutFigures } from '../../assets/service';
import { pct } from './labels';
import { registerSource, t, type SourceResult } from './registry';

registerSource({
  name: 'assets.inventory',
  domain: 'assets',
  title: t('情報資産の棚卸し（確認済みの組織）', 'Asset inventory confirmed by units'),
  unit: 'percent',
  chart: 'stacked',
  trendPeriod: 'month',
  href: '/asset-reviews',
  snapshot: true,
  async load({ db, scope }) {
    const p = await inventoryProgress(db, scope);
    return {
      value: pct(p.confirmed, p.units),
      previous: null,
      href: p.review ? `/asset-reviews/${p.review.id}` : '/asset-reviews',
      columns: [
        { key: 'confirmed', label: t('確認済み', 'Confirmed') },
        { key: 'pending', label: t('未確認', 'Pending') },
      ],
      rows: p.sites.map((s) => ({
        key: s.siteId ?? 'none',
        label: { ja: s.nameJa, en: s.nameEn },
        values: [s.confirmed, s.units - s.confirmed],
      })),
    };
  },
});

registerSource({
  name: 'assets.byClass',
  domain: 'assets',
  title: t('格付け別の情報資産', 'Information assets by classification'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: null,
  href: '/assets',
  async load({ db, scope }) {
    return byClass(await assetsByClass(db, scope));
  },
  async loadEach({ db, paths }) {
    return (await assetsByClassEach(db, paths)).map(byClass);
  },
});

function byClass(rows: { classCode: string; count: number }[]): SourceResult {
  return {
    value: rows.reduce((s, r) => s + r.count, 0),
    previous: null,
    columns: [{ key: 'assets', label: t('資産数', 'Assets') }],
    rows: rows.map((r) => ({ key: r.classCode, label: { ja: r.classCode, en: r.classCode }, values: [r.count] })),
  };
}

registerSource({
  name: 'take-outs.status',
  domain: 'take-outs',
  title: t('持ち出し：承認待ちと返却遅れ', 'Take-outs waiting for approval and overdue'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: 'month',
  href: '/take-outs',
  snapshot: true,
  async load({ db, scope }) {
    const r = await takeOutFigures(db, scope);
    return {
      value: r.pending,
      previous: null,
      columns: [{ key: 'n', label: t('件数', 'Count') }],
      rows: [
        { key: 'pending', label: t('承認待ち', 'Waiting for approval'), values: [r.pending] },
        { key: 'overdue', label: t('返却期限超過', 'Past the return day'), values: [r.overdue] },
      ],
    };
  },
});
