import type { ReportIncidentBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { covers, scopeOf } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { AppError, invalid, msg, fieldError } from '../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits, people } from '../org/tables';
import { incidentType } from './catalog';
import { MAX_EVIDENCE_BYTES } from './evidence';
import { openCase } from './open-case';
import { presentIncident } from './present';
import { loadCase } from './visibility';

type Body = z.infer<typeof ReportIncidentBody>;
type Unit = typeof orgUnits.$inferSelect;

/** The unit a report belongs to: the one named (own unit or within the reporter's scope), else the reporter's own. */
async function reportUnit(tx: Db, ctx: Ctx, orgUnitId: string | undefined): Promise<Unit> {
  const [own] = await tx
    .select({ unit: orgUnits })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(eq(users.id, ctx.principal!.userId));
  if (!orgUnitId) {
    const grantUnit = ctx.principal!.grants.find((g) => g.orgUnitId)?.orgUnitId;
    if (own) return own.unit;
    if (grantUnit) return reportUnit(tx, ctx, grantUnit);
    throw invalid([{ path: 'body.orgUnitId', message: 'required: your account is not linked to an org unit' }]);
  }
  const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, orgUnitId));
  if (!unit || (unit.id !== own?.unit.id && !covers(scopeOf(ctx.principal, 'incidents:report'), unit.path)))
    throw invalid([{ path: 'body.orgUnitId', message: 'unknown or outside your organisation' }]);
  return unit;
}

/**
 * A report from anyone: the case opens in the reporter's unit (or one they name within their scope); see
 * openCase for what follows.
 */
export function reportIncident(ctx: Ctx, config: Config, body: Body) {
  const type = incidentType(body.typeId);
  if (!type) throw invalid([fieldError('body.typeId', 'incident.type_unknown')]);
  const total = body.attachments.reduce((n, a) => n + Math.floor((a.contentBase64.length * 3) / 4), 0);
  if (total > MAX_EVIDENCE_BYTES) throw new AppError('payload-too-large', msg('incident.attachments_too_large'));
  const now = new Date();
  const discoveredAt = new Date(body.discoveredAt);
  if (discoveredAt.getTime() > now.getTime() + 5 * 60_000)
    throw invalid([fieldError('body.discoveredAt', 'incident.discovered_future')]);
  return inTransaction(ctx, async (tx, audit) => {
    const unit = await reportUnit(tx, ctx, body.orgUnitId);
    const incident = await openCase(tx, audit, ctx, config, unit, {
      type,
      nearMiss: body.nearMiss,
      title: body.title,
      description: body.description,
      information: body.information,
      location: body.location,
      language: body.language,
      occurredAt: body.occurredAt ? new Date(body.occurredAt) : null,
      discoveredAt,
      // APPI and GDPR count from when the company knew: any part of it, so the discovery.
      awareAt: discoveredAt,
      facts: {
        personalData: body.personalData,
        personCount: body.personCount ?? null,
        countries: [...new Set(body.countries)],
        dataKinds: [...new Set(body.dataKinds)],
        unlawfulPurpose: false,
        highRisk: false,
        customers: body.customers,
      },
      attachments: body.attachments,
      now,
    });
    const { row: joined, access } = await loadCase(tx, ctx, incident.id);
    return presentIncident(joined, access);
  });
}
