import { todayJst } from '@mamori/contracts';
import { certificatesInForce } from '../../certifications/service';
import { registerSource, t } from './registry';

/**
 * The yearly report's ISO/IEC 27001 page (seed 004's last page): each certificate in force of the companies in the
 * report's scope, as one row of text — standard and edition, company, registration number and dates, the body and
 * its accreditation, the scope statement and the units in scope. The headline is how many are in force.
 */
registerSource({
  name: 'certifications.isms',
  domain: 'certifications',
  title: t('ISO/IEC 27001 認証の取得状況', 'ISO/IEC 27001 certification'),
  unit: 'count',
  chart: null,
  trendPeriod: null,
  href: '/certifications?standard=iso27001',
  async load({ db, scope, now }) {
    const certs = await certificatesInForce(db, scope, todayJst(now), 'iso27001');
    return {
      value: certs.length,
      previous: null,
      columns: [],
      rows: certs.map((c) => {
        const units = (lang: 'ja' | 'en') => c.units.map((u) => u[lang] || u.en).join(lang === 'ja' ? '、' : ', ');
        return {
          key: c.id,
          label: {
            ja: [
              `${c.standard.ja}:${c.edition}(${c.company.ja})`,
              `登録番号 ${c.registrationNumber}/初回登録 ${c.firstRegisteredOn ?? '—'}/有効期間 ${c.validFrom}〜${c.validTo}`,
              `認証機関 ${c.certificationBody}${c.accreditation ? `(認定 ${c.accreditation})` : ''}`,
              `適用範囲 ${c.scope.ja || c.scope.en}`,
              ...(c.units.length ? [`対象組織 ${units('ja')}`] : []),
            ].join('\n'),
            en: [
              `${c.standard.en}:${c.edition} (${c.company.en})`,
              `Registration no. ${c.registrationNumber} · first registered ${c.firstRegisteredOn ?? '—'} · valid ${c.validFrom} to ${c.validTo}`,
              `Certification body ${c.certificationBody}${c.accreditation ? ` (accredited by ${c.accreditation})` : ''}`,
              `Scope ${c.scope.en || c.scope.ja}`,
              ...(c.units.length ? [`Units ${units('en')}`] : []),
            ].join('\n'),
          },
          values: [],
        };
      }),
    };
  },
});
