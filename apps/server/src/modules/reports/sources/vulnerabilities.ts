import {
  advisoriesPublished,
  openVulnerabilities,
  REMEDIATION_SLA_DAYS,
  vulnerabilitiesReceived,
} from '../../vulnerabilities/service';
import { fyLabel, SEVERITY } from './labels';
import { registerSource, t } from './registry';

registerSource({
  name: 'vulnerabilities.open',
  domain: 'vulnerabilities',
  title: t('対応中の脆弱性（深刻度・SLA）', 'Open vulnerabilities by severity and SLA'),
  unit: 'count',
  chart: 'stacked',
  trendPeriod: 'month',
  href: '/vulnerabilities',
  snapshot: true,
  async load({ db, scope, now }) {
    const rows = await openVulnerabilities(db, scope, now);
    return {
      value: rows.reduce((s, r) => s + r.withinSla + r.pastSla, 0),
      previous: null,
      columns: [
        { key: 'within', label: t('SLA内', 'Within SLA') },
        { key: 'past', label: t('SLA超過', 'Past SLA') },
      ],
      rows: rows.map((r) => ({
        key: r.severity,
        label: {
          ja: `${SEVERITY[r.severity]!.ja}（${REMEDIATION_SLA_DAYS[r.severity]}日）`,
          en: `${SEVERITY[r.severity]!.en} (${REMEDIATION_SLA_DAYS[r.severity]} d)`,
        },
        values: [r.withinSla, r.pastSla],
      })),
    };
  },
});

registerSource({
  name: 'vulnerabilities.received',
  domain: 'vulnerabilities',
  title: t('受け付けた脆弱性と完了', 'Vulnerabilities received and closed'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: 'fiscalYear',
  href: '/vulnerabilities',
  async load({ db, scope, fiscalYear }) {
    const years = [fiscalYear - 2, fiscalYear - 1, fiscalYear];
    const rows = await Promise.all(years.map((y) => vulnerabilitiesReceived(db, scope, y)));
    return {
      value: rows[2]!.received,
      previous: rows[1]!.received,
      columns: [
        { key: 'received', label: t('受付', 'Received') },
        { key: 'closed', label: t('完了', 'Closed') },
      ],
      rows: years.map((y, i) => ({ key: String(y), label: fyLabel(y), values: [rows[i]!.received, rows[i]!.closed] })),
    };
  },
});

registerSource({
  name: 'advisories.published',
  domain: 'vulnerabilities',
  title: t('公開したセキュリティアドバイザリ', 'Security advisories published'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: 'fiscalYear',
  href: '/advisories',
  async load({ db, scope, fiscalYear }) {
    const years = [fiscalYear - 2, fiscalYear - 1, fiscalYear];
    const byYear = await advisoriesPublished(db, scope, years);
    return {
      value: byYear.get(fiscalYear) ?? 0,
      previous: byYear.get(fiscalYear - 1) ?? 0,
      columns: [{ key: 'advisories', label: t('公開数', 'Published') }],
      rows: years.map((y) => ({ key: String(y), label: fyLabel(y), values: [byYear.get(y) ?? 0] })),
    };
  },
});
