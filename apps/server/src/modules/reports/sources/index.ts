import { fiscalYearLabel } from '@mamori/contracts';
import { soaStatus, pendingControlStatus } from '../../controls/service';
import { assetsByClass, inventoryProgress, takeOutFigures } from '../../assets/service';
import { incidentsBy, incidentsByMonth, openIncidentsBySeverity, runningClocks } from '../../incidents/service';
import { orgHeadcount } from '../../org/service';
import { partnerProgramme } from '../../partners/service';
import { risksAboveAcceptance } from '../../risks/service';
import {
  advisoriesPublished,
  openVulnerabilities,
  REMEDIATION_SLA_DAYS,
  vulnerabilitiesReceived,
} from '../../vulnerabilities/service';
import { registerSource, t } from './registry';
// the sources of later domains, each in its own file
import './certifications';
import './governance';
import './systems';

/**
 * The sources of the domains that exist today. Each reads its domain through the domain's service.ts with the
 * scope it is given. Titles are ours, in both languages.
 */

const SEVERITY = {
  critical: t('重大', 'Critical'),
  high: t('高', 'High'),
  medium: t('中', 'Medium'),
  low: t('低', 'Low'),
  none: t('未評価', 'Not scored'),
} as Record<string, { ja: string; en: string }>;
const monthLabel = (m: string) => ({
  ja: `${Number(m.slice(5))}月`,
  en: new Date(`${m}-01T00:00:00Z`).toLocaleString('en', { month: 'short', timeZone: 'UTC' }),
});
const fyLabel = (fy: number) => ({ ja: fiscalYearLabel(fy, 'ja'), en: fiscalYearLabel(fy, 'en') });
const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

registerSource({
  name: 'org.headcount',
  domain: 'org',
  title: t('組織と人員', 'Organisation and head count'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: null,
  href: '/org',
  async load({ db, scope }) {
    const rows = await orgHeadcount(db, scope);
    const kinds = {
      company: t('会社', 'Companies'),
      site: t('事業場', 'Sites'),
      department: t('部門', 'Departments'),
      section: t('課', 'Sections'),
    };
    return {
      value: rows.reduce((s, r) => s + r.people, 0),
      previous: null,
      columns: [
        { key: 'units', label: t('組織数', 'Units') },
        { key: 'people', label: t('在籍者数', 'People') },
      ],
      rows: (['company', 'site', 'department', 'section'] as const).map((k) => {
        const r = rows.find((x) => x.kind === k);
        return { key: k, label: kinds[k], values: [r?.units ?? 0, r?.people ?? 0] };
      }),
    };
  },
});

registerSource({
  name: 'incidents.open',
  domain: 'incidents',
  title: t('対応中のインシデント（重大度・経過日数）', 'Open incidents by severity and age'),
  unit: 'count',
  chart: 'stacked',
  trendPeriod: null,
  href: '/incidents?status=open',
  async load({ db, scope, now }) {
    const rows = await openIncidentsBySeverity(db, scope, now);
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
  },
});

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
  async load({ db, scope, now }) {
    const c = await runningClocks(db, scope, now);
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
  },
});

registerSource({
  name: 'partners.programme',
  domain: 'partners',
  title: t('取引先：基準未達と改善要求', 'Partners below threshold and improvement requests'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: null,
  href: '/partners/dashboard',
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

registerSource({
  name: 'vulnerabilities.open',
  domain: 'vulnerabilities',
  title: t('対応中の脆弱性（深刻度・SLA）', 'Open vulnerabilities by severity and SLA'),
  unit: 'count',
  chart: 'stacked',
  trendPeriod: null,
  href: '/vulnerabilities',
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

registerSource({
  name: 'assets.inventory',
  domain: 'assets',
  title: t('情報資産の棚卸し（確認済みの組織）', 'Asset inventory confirmed by units'),
  unit: 'percent',
  chart: 'stacked',
  trendPeriod: null,
  href: '/asset-reviews',
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
    const rows = await assetsByClass(db, scope);
    return {
      value: rows.reduce((s, r) => s + r.count, 0),
      previous: null,
      columns: [{ key: 'assets', label: t('資産数', 'Assets') }],
      rows: rows.map((r) => ({ key: r.classCode, label: { ja: r.classCode, en: r.classCode }, values: [r.count] })),
    };
  },
});

registerSource({
  name: 'take-outs.status',
  domain: 'take-outs',
  title: t('持ち出し：承認待ちと返却遅れ', 'Take-outs waiting for approval and overdue'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: null,
  href: '/take-outs',
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

registerSource({
  name: 'risks.aboveAcceptance',
  domain: 'risks',
  title: t('受容水準を超えるリスク', 'Risks above the acceptance level'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: null,
  href: '/risks',
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

registerSource({
  name: 'controls.soa',
  domain: 'controls',
  title: t('適用宣言書（SoA）と管理策の実施状況', 'Statement of Applicability and control implementation'),
  unit: 'percent',
  chart: 'bar',
  trendPeriod: null,
  href: '/soa',
  async load({ db, scope }) {
    const s = await soaStatus(db, scope);
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
  },
});

registerSource({
  name: 'controls.statusRequests',
  domain: 'controls',
  title: t('管理策の実施状況確認への回答', 'Answers to control-status requests'),
  unit: 'percent',
  chart: 'bar',
  trendPeriod: null,
  href: '/control-status',
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
