import { assessmentRemediation } from '../../systems/service';
import { addToView } from '../dashboard/views';
import { registerSource, t } from './registry';

/**
 * The remediation of vulnerability-assessment findings (issue #23) for the CISO's and the site offices' views: the
 * share fixed of the findings fixed or open, and per unit the findings fixed, open within the SLA and overdue, with
 * the known-exploited ones still open named — the units with most overdue first, ten at most.
 */
registerSource({
  name: 'assessments.remediation',
  domain: 'systems',
  title: t('脆弱性診断の指摘の是正状況', 'Assessment findings remediated'),
  unit: 'percent',
  chart: 'stacked',
  trendPeriod: null,
  href: '/assessments',
  async load({ db, scope }) {
    const rows = await assessmentRemediation(db, scope, 'unit');
    const fixed = rows.reduce((n, r) => n + r.fixed, 0);
    const open = rows.reduce((n, r) => n + r.open, 0);
    return {
      value: fixed + open > 0 ? Math.round((fixed / (fixed + open)) * 1000) / 10 : null,
      previous: null,
      columns: [
        { key: 'fixed', label: t('是正済み', 'Fixed') },
        { key: 'open', label: t('期限内', 'Open within SLA') },
        { key: 'overdue', label: t('期限超過', 'Overdue') },
      ],
      // known-exploited findings still open are named beside the unit (they are part of "open", not a stack of their own)
      rows: rows.slice(0, 10).map((r) => ({
        key: r.unit.id,
        label: {
          ja: r.knownExploitedOpen ? `${r.unit.nameJa}(KEV ${r.knownExploitedOpen}件)` : r.unit.nameJa,
          en: r.knownExploitedOpen ? `${r.unit.nameEn} (KEV ${r.knownExploitedOpen})` : r.unit.nameEn,
        },
        values: [r.fixed, r.open - r.overdue, r.overdue],
      })),
    };
  },
});
addToView('group', 'assessments.remediation');
addToView('site', 'assessments.remediation');
