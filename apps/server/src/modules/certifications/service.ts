import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { scopeSql, type Scope } from '../../platform/access/scope';
import { standardName } from './catalog';

/**
 * What other domains may read of certifications: the yearly report's ISO/IEC 27001 section (seed 004's last page:
 * standard, registration date, number, body, scope, units), for the companies inside a scope.
 */
export interface CertificateLine {
  id: string;
  company: { ja: string; en: string };
  standard: { ja: string; en: string };
  edition: string;
  registrationNumber: string;
  certificationBody: string;
  accreditation: string;
  firstRegisteredOn: string | null;
  validFrom: string;
  validTo: string;
  scope: { ja: string; en: string };
  units: { ja: string; en: string }[];
}

/**
 * The certificates in force on `day` of the companies a scope reaches (the company inside the scope, or the scope
 * inside the company: a report on one site names the certificate of its company), optionally of one standard.
 */
export async function certificatesInForce(
  db: Db,
  scope: Scope,
  day: string,
  standard?: 'iso27001' | 'iso27701' | 'tisax',
): Promise<CertificateLine[]> {
  const around =
    scope.kind === 'paths'
      ? sql` OR ${sql.join(
          scope.paths.map((p) => sql`${p} LIKE o.path || '%'`),
          sql` OR `,
        )}`
      : sql``;
  const rows = await queryRows<{
    id: string;
    standard: 'iso27001';
    edition: string;
    registration_number: string;
    certification_body: string;
    accreditation: string;
    first_registered_on: string | null;
    valid_from: string;
    valid_to: string;
    scope_ja: string;
    scope_en: string;
    company_ja: string;
    company_en: string;
    units: { ja: string; en: string }[] | null;
  }>(
    db,
    sql`SELECT c.id, c.standard, c.edition, c.registration_number, c.certification_body, c.accreditation,
          to_char(c.first_registered_on, 'YYYY-MM-DD') AS first_registered_on,
          to_char(c.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(c.valid_to, 'YYYY-MM-DD') AS valid_to,
          c.scope_ja, c.scope_en, o.name_ja AS company_ja, o.name_en AS company_en,
          (SELECT json_agg(json_build_object('ja', u.name_ja, 'en', u.name_en) ORDER BY u.path)
             FROM certification_scope_units su JOIN org_units u ON u.id = su.org_unit_id
            WHERE su.certification_id = c.id) AS units
        FROM certifications c JOIN org_units o ON o.id = c.company_id
       WHERE c.withdrawn_at IS NULL AND c.valid_from <= ${day}::date AND c.valid_to >= ${day}::date
         ${standard ? sql`AND c.standard = ${standard}` : sql``}
         AND (${scopeSql(scope, sql`o.path`)}${around})
       ORDER BY o.depth, o.code, c.standard, c.valid_to`,
  );
  return rows.map((r) => ({
    id: r.id,
    company: { ja: r.company_ja, en: r.company_en },
    standard: standardName(r.standard),
    edition: r.edition,
    registrationNumber: r.registration_number,
    certificationBody: r.certification_body,
    accreditation: r.accreditation,
    firstRegisteredOn: r.first_registered_on,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    scope: { ja: r.scope_ja, en: r.scope_en },
    units: r.units ?? [],
  }));
}
