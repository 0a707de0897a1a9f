import type { CreatePartnerIncidentBody, PARTNER_INCIDENT_KINDS, PartnerIncidentListQuery } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { AppError, invalid, unprocessable, msg } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { getPartnerReport, listPartnerReports, reportForPartner } from '../../incidents/service';
import { loadPartner, partnerScope, partnerScopeSql } from '../access';

/** The incident type of each kind a partner picks in the portal (catalogs/incident-types.json). */
const TYPE_OF_KIND: Record<(typeof PARTNER_INCIDENT_KINDS)[number], string> = {
  loss_or_theft: 'loss_theft',
  leak: 'leakage',
  misdelivery: 'misdelivery',
  unauthorized_access: 'unauthorized_access',
  malware: 'malware',
  availability: 'availability_loss',
  integrity: 'integrity_loss',
  other: 'other',
};

/**
 * The unit responsible for a partner's report: the lowest one covering every org unit that works with the
 * partner (that unit itself when there is one), so each office over all of them sees the case; the top unit
 * when none is named.
 */
async function responsibleUnit(db: Db, partnerId: string): Promise<string> {
  const [unit] = await queryRows<{ id: string }>(
    db,
    sql`SELECT coalesce(
          (SELECT a.id FROM partner_org_units f JOIN org_units fu ON fu.id = f.org_unit_id JOIN org_units a ON fu.path LIKE a.path || '%'
           WHERE f.partner_id = ${partnerId}
             AND NOT EXISTS (SELECT 1 FROM partner_org_units g JOIN org_units gu ON gu.id = g.org_unit_id
                             WHERE g.partner_id = ${partnerId} AND gu.path NOT LIKE a.path || '%')
           ORDER BY a.depth DESC LIMIT 1),
          (SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY code LIMIT 1))::text AS id`,
  );
  if (!unit?.id) throw unprocessable(msg('partner.no_receiving_unit'), []);
  return unit.id;
}

/**
 * A partner user reports an incident from the portal (4-1 b, c): it opens a case in the incident module,
 * where the security office works it; whether it came within the agreed hours is kept with the report.
 */
export async function reportIncident(ctx: Ctx, config: Config, body: z.infer<typeof CreatePartnerIncidentBody>) {
  const scope = partnerScope(ctx, 'partner-portal:report');
  if (scope.kind !== 'partner') throw new AppError('forbidden', msg('partner.report_by_partner'));
  const discoveredAt = new Date(body.discoveredAt);
  if (discoveredAt.getTime() > Date.now() + 60_000) throw invalid([{ path: 'body.discoveredAt', message: 'is in the future' }]);
  const partner = await loadPartner(ctx.db, scope, scope.partnerId);
  return reportForPartner(ctx, config, {
    partnerId: partner.id,
    partnerName: partner.nameEn,
    partnerNameJa: partner.nameJa,
    orgUnitId: await responsibleUnit(ctx.db, partner.id),
    typeId: TYPE_OF_KIND[body.kind],
    description: body.description,
    discoveredAt,
    language: body.language,
    report: {
      kind: body.kind,
      involvesOurInformation: body.involvesOurInformation,
      withinAgreedTime: Date.now() - discoveredAt.getTime() <= partner.incidentReportHours * 3600_000,
      agreedHours: partner.incidentReportHours,
    },
  });
}

/** A partner user sees its own company's reports; the office those of the partners in its scope. */
const visibleTo = (ctx: Ctx) => {
  const scope = partnerScope(ctx, 'partners:read');
  return (column: AnyPgColumn) => partnerScopeSql(scope, column);
};

export const listIncidents = (ctx: Ctx, q: z.infer<typeof PartnerIncidentListQuery>) =>
  listPartnerReports(ctx, visibleTo(ctx), q);

export const getIncident = (ctx: Ctx, id: string) => getPartnerReport(ctx, visibleTo(ctx), id);
