import { orgHeadcount } from '../../org/service';
import { registerSource, t } from './registry';

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
