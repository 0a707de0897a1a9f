import { partnerProgramme } from '../../partners/service';
import { registerSource, t } from './registry';

registerSource({
  name: 'partners.programme',
  domain: 'partners',
  title: t('取引先：基準未達と改善要求', 'Partners below threshold and improvement requests'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: 'month',
  href: '/partners/dashboard',
  snapshot: true,
  async load({ db, scope }) {
    const p = await partnerProgramme(db, scope);
    return {
      value: p.belowThreshold,
      previous: null,
      columns: [{ key: 'n', label: t('件数', 'Count') }],
      rows: [
        { key: 'active', label: t('取引中の取引先', 'Active partners'), values: [p.active] },
        { key: 'scored', label: t('評価済み', 'Scored'), values: [p.scored] },
        { key: 'below', label: t('基準点未満', 'Below threshold'), values: [p.belowThreshold] },
        { key: 'open', label: t('未完了の改善要求', 'Open improvement requests'), values: [p.openRequests] },
        { key: 'overdue', label: t('期限超過の改善要求', 'Overdue improvement requests'), values: [p.overdueRequests] },
      ],
    };
  },
});

registerSource({
  name: 'partners.scores',
  domain: 'partners',
  title: t('取引先の評価点の分布', 'Partner score distribution'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: null,
  href: '/partners',
  async load({ db, scope }) {
    const p = await partnerProgramme(db, scope);
    return {
      value: p.scored,
      previous: null,
      columns: [{ key: 'partners', label: t('取引先数', 'Partners') }],
      rows: p.bands.map((n, i) => {
        const range = i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`;
        return { key: String(i * 10), label: t(`${range}点`, range), values: [n] };
      }),
    };
  },
});
