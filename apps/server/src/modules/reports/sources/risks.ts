import { risksAboveAcceptance } from '../../risks/service';
import { registerSource, t } from './registry';

registerSource({
  name: 'risks.aboveAcceptance',
  domain: 'risks',
  title: t('受容水準を超えるリスク', 'Risks above the acceptance level'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: 'month',
  href: '/risks',
  snapshot: true,
  async load({ db, scope }) {
    const r = await risksAboveAcceptance(db, scope);
    return {
      value: r.above,
      previous: null,
      columns: [{ key: 'risks', label: t('リスク数', 'Risks') }],
      rows: r.levels.map((l) => ({ key: l.code, label: { ja: l.labelJa, en: l.labelEn }, values: [l.count] })),
    };
  },
});
