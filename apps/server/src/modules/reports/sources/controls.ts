import { pendingControlStatus, soaStatus, soaStatusEach, type SoaStatusFigures } from '../../controls/service';
import { pct } from './labels';
import { registerSource, t, type SourceResult } from './registry';

registerSource({
  name: 'controls.soa',
  domain: 'controls',
  title: t('適用宣言書（SoA）と管理策の実施状況', 'Statement of Applicability and control implementation'),
  unit: 'percent',
  chart: 'bar',
  trendPeriod: 'month',
  href: '/soa',
  snapshot: true,
  async load({ db, scope }) {
    return soaFigure(await soaStatus(db, scope));
  },
  async loadEach({ db, paths }) {
    return (await soaStatusEach(db, paths)).map(soaFigure);
  },
});

function soaFigure(s: SoaStatusFigures): SourceResult {
  const i = s.implementation;
  return {
    value: pct(i.implemented, i.implemented + i.partial + i.not_started),
    previous: null,
    columns: [{ key: 'controls', label: t('管理策数', 'Controls') }],
    rows: [
      { key: 'implemented', label: t('実施済み', 'Implemented'), values: [i.implemented] },
      { key: 'partial', label: t('一部実施', 'Partly implemented'), values: [i.partial] },
      { key: 'not_started', label: t('未着手', 'Not started'), values: [i.not_started] },
      { key: 'notApplicable', label: t('適用除外', 'Not applicable'), values: [i.notApplicable] },
      { key: 'soaApproved', label: t('承認済みSoA', 'SoAs approved'), values: [s.byStatus.approved] },
      { key: 'soaReview', label: t('承認待ちSoA', 'SoAs in review'), values: [s.byStatus.review] },
    ],
  };
}

registerSource({
  name: 'controls.statusRequests',
  domain: 'controls',
  title: t('管理策の実施状況確認への回答', 'Answers to control-status requests'),
  unit: 'percent',
  chart: 'bar',
  trendPeriod: 'month',
  href: '/control-status',
  snapshot: true,
  async load({ db, scope }) {
    const r = await pendingControlStatus(db, scope);
    return {
      value: pct(r.answered, r.units),
      previous: null,
      columns: [{ key: 'units', label: t('組織数', 'Units') }],
      rows: [
        { key: 'answered', label: t('回答済み', 'Answered'), values: [r.answered] },
        { key: 'pending', label: t('未回答', 'Not answered'), values: [r.units - r.answered] },
      ],
    };
  },
});
