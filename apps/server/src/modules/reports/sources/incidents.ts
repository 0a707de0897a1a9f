import {
  incidentsBy,
  incidentsByMonth,
  openIncidentsBySeverity,
  openIncidentsBySeverityEach,
  runningClocks,
  runningClocksEach,
  type OpenBySeverity,
} from '../../incidents/service';
import { monthLabel, pct, SEVERITY } from './labels';
import { registerSource, t, type SourceResult } from './registry';

registerSource({
  name: 'incidents.open',
  domain: 'incidents',
  title: t('対応中のインシデント（重大度・経過日数）', 'Open incidents by severity and age'),
  unit: 'count',
  chart: 'stacked',
  trendPeriod: 'month',
  href: '/incidents?status=open',
  snapshot: true,
  async load({ db, scope, now }) {
    return openFigure(await openIncidentsBySeverity(db, scope, now));
  },
  async loadEach({ db, paths, now }) {
    return (await openIncidentsBySeverityEach(db, paths, now)).map(openFigure);
  },
});

function openFigure(rows: OpenBySeverity[]): SourceResult {
  return {
    value: rows.reduce((s, r) => s + r.ages[0] + r.ages[1] + r.ages[2], 0),
    previous: null,
    columns: [
      { key: 'le7', label: t('7日以内', '≤ 7 days') },
      { key: 'le30', label: t('8〜30日', '8–30 days') },
      { key: 'gt30', label: t('30日超', '> 30 days') },
    ],
    rows: rows.map((r) => ({ key: r.severity, label: SEVERITY[r.severity]!, values: [...r.ages] })),
  };
}

registerSource({
  name: 'incidents.monthly',
  domain: 'incidents',
  title: t('月別のインシデント・ヒヤリハット報告', 'Incidents and near misses reported per month'),
  unit: 'count',
  chart: 'stacked',
  trendPeriod: 'fiscalYear',
  href: '/incidents/stats',
  async load({ db, scope, fiscalYear }) {
    const [now, before] = await Promise.all([
      incidentsByMonth(db, scope, fiscalYear),
      incidentsByMonth(db, scope, fiscalYear - 1),
    ]);
    const sum = (m: typeof now) => m.reduce((s, r) => s + r.incidents + r.nearMisses, 0);
    return {
      value: sum(now),
      previous: sum(before),
      columns: [
        { key: 'incidents', label: t('インシデント', 'Incidents') },
        { key: 'nearMisses', label: t('ヒヤリハット', 'Near misses') },
      ],
      rows: now.map((m) => ({ key: m.month, label: monthLabel(m.month), values: [m.incidents, m.nearMisses] })),
    };
  },
});

registerSource({
  name: 'incidents.nearMissRate',
  domain: 'incidents',
  title: t('ヒヤリハット比率', 'Near-miss rate'),
  unit: 'percent',
  chart: 'line',
  trendPeriod: 'fiscalYear',
  href: '/incidents?status=all',
  async load({ db, scope, fiscalYear }) {
    const [now, before] = await Promise.all([
      incidentsByMonth(db, scope, fiscalYear),
      incidentsByMonth(db, scope, fiscalYear - 1),
    ]);
    const rate = (m: typeof now) => {
      const n = m.reduce((s, r) => s + r.nearMisses, 0);
      return pct(n, m.reduce((s, r) => s + r.incidents, 0) + n);
    };
    return {
      value: rate(now),
      previous: rate(before),
      columns: [{ key: 'rate', label: t('ヒヤリハット比率（%）', 'Near-miss rate (%)') }],
      rows: now.map((m) => ({
        key: m.month,
        label: monthLabel(m.month),
        values: [pct(m.nearMisses, m.incidents + m.nearMisses) ?? 0],
      })),
    };
  },
});

for (const [dim, title] of [
  ['type', t('種類別のインシデント', 'Incidents by type')],
  ['cause', t('原因別のインシデント', 'Incidents by cause')],
] as const)
  registerSource({
    name: `incidents.by${dim === 'type' ? 'Type' : 'Cause'}`,
    domain: 'incidents',
    title,
    unit: 'count',
    chart: 'stacked',
    trendPeriod: 'fiscalYear',
    href: '/incidents/stats',
    async load({ db, scope, fiscalYear }) {
      const [rows, before] = await Promise.all([
        incidentsBy(db, scope, fiscalYear, dim),
        incidentsBy(db, scope, fiscalYear - 1, dim),
      ]);
      const total = (r: typeof rows) => r.reduce((s, x) => s + x.incidents + x.nearMisses, 0);
      return {
        value: total(rows),
        previous: total(before),
        columns: [
          { key: 'incidents', label: t('インシデント', 'Incidents') },
          { key: 'nearMisses', label: t('ヒヤリハット', 'Near misses') },
        ],
        rows: rows.map((r) => ({ key: r.key, label: r.label, values: [r.incidents, r.nearMisses] })),
      };
    },
  });

registerSource({
  name: 'incidents.clocks',
  domain: 'incidents',
  title: t('法令・契約上の報告期限', 'Regulatory and contractual clocks'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: 'week',
  href: '/incidents?status=open',
  snapshot: true,
  async load({ db, scope, now }) {
    return clocksFigure(await runningClocks(db, scope, now));
  },
  async loadEach({ db, paths, now }) {
    return (await runningClocksEach(db, paths, now)).map(clocksFigure);
  },
});

function clocksFigure(c: { overdue: number; week: number; later: number }): SourceResult {
  return {
    value: c.week + c.overdue,
    previous: null,
    columns: [{ key: 'clocks', label: t('件数', 'Clocks') }],
    rows: [
      { key: 'overdue', label: t('期限超過', 'Overdue'), values: [c.overdue] },
      { key: 'week', label: t('今週が期限', 'Due this week'), values: [c.week] },
      { key: 'later', label: t('それ以降', 'Later'), values: [c.later] },
    ],
  };
}
