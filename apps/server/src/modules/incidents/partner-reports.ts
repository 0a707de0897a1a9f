import { z } from 'zod';
import { localName, type PartnerIncident, type PartnerReportFacts } from '@mamori/contracts';
import { and, desc, eq, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Config } from '../../config';
import { recordRead } from '../../platform/audit/record';
import { notFound } from '../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../platform/http/cursor';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { partners } from '../partners/tables';
import { incidentType } from './catalog';
import { openCase } from './open-case';
import { incidents } from './tables';

/** A report from a partner user: which company, the unit responsible for it, and what the partner said. */
export interface PartnerReportInput {
  partnerId: string;
  partnerName: string;
  partnerNameJa: string;
  orgUnitId: string;
  typeId: string;
  description: string;
  discoveredAt: Date;
  language: 'ja' | 'en';
  report: PartnerReportFacts;
}

/** Which partners' reports a caller may see, as a condition on the column holding the partner id. */
export type PartnerCondition = (partnerIdColumn: AnyPgColumn) => SQL;

const NO_FACTS = {
  personalData: false,
  personCount: null,
  countries: [],
  dataKinds: [],
  unlawfulPurpose: false,
  highRisk: false,
  customers: [],
};

const firstLine = (text: string) => text.trim().split('\n')[0]!.trim();

/**
 * Opens an incident for a partner's report (criteria 4-1 b, c): reported by the partner user, the company
 * recorded on the case, in the unit that works with the partner; from then on the office works it like
 * any case and its clocks run. We are aware when the partner tells us, so the clocks start at the report.
 */
export function reportForPartner(ctx: Ctx, config: Config, r: PartnerReportInput) {
  const type = incidentType(r.typeId)!;
  const now = new Date();
  return inTransaction(ctx, async (tx, audit) => {
    const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, r.orgUnitId));
    const incident = await openCase(tx, audit, ctx, config, unit!, {
      type,
      nearMiss: false,
      title: `${localName({ nameJa: r.partnerNameJa, nameEn: r.partnerName }, r.language)}: ${firstLine(r.description)}`.slice(
        0,
        200,
      ),
      description: r.description,
      information: '',
      location: '',
      language: r.language,
      occurredAt: null,
      discoveredAt: r.discoveredAt,
      awareAt: now,
      facts: NO_FACTS,
      attachments: [],
      partnerId: r.partnerId,
      partnerReport: r.report,
      now,
    });
    return present({ incident, partnerName: r.partnerName, partnerNameJa: r.partnerNameJa });
  });
}

type Row = { incident: typeof incidents.$inferSelect; partnerName: string; partnerNameJa: string };

function present({ incident: i, partnerName, partnerNameJa }: Row): z.infer<typeof PartnerIncident> {
  const report = i.partnerReport!;
  return {
    id: i.id,
    number: i.number,
    partnerId: i.partnerId!,
    partnerName,
    partnerNameJa,
    kind: report.kind,
    description: i.description,
    discoveredAt: i.discoveredAt.toISOString(),
    reportedAt: i.reportedAt.toISOString(),
    withinAgreedTime: report.withinAgreedTime,
    involvesOurInformation: report.involvesOurInformation,
    status: i.status === 'reported' ? 'received' : 'acknowledged',
    caseStatus: i.status,
    closedAt: i.closedAt ? i.closedAt.toISOString() : null,
  };
}

const select = (ctx: Ctx) =>
  ctx.db
    .select({ incident: incidents, partnerName: partners.nameEn, partnerNameJa: partners.nameJa, orgPath: orgUnits.path })
    .from(incidents)
    .innerJoin(partners, eq(partners.id, incidents.partnerId))
    .innerJoin(orgUnits, eq(orgUnits.id, incidents.orgUnitId));

/** Partners' reports the caller may see, newest first: the report and the step of its case, not the case's record. */
export async function listPartnerReports(
  ctx: Ctx,
  visible: PartnerCondition,
  q: { partnerId?: string; cursor?: string; limit: number },
) {
  const where: (SQL | undefined)[] = [isNotNull(incidents.partnerId), visible(incidents.partnerId)];
  if (q.partnerId) where.push(eq(incidents.partnerId, q.partnerId));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.instant, CursorPart.uuid]));
    where.push(or(lt(incidents.reportedAt, new Date(at)), and(eq(incidents.reportedAt, new Date(at)), lt(incidents.id, id))));
  }
  const rows = await select(ctx)
    .where(and(...where))
    .orderBy(desc(incidents.reportedAt), desc(incidents.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, present, (r) => [r.incident.reportedAt.toISOString(), r.incident.id]);
}

/** One report, if the caller may see its company's reports; 404 otherwise. The read is logged (need-to-know). */
export async function getPartnerReport(ctx: Ctx, visible: PartnerCondition, id: string) {
  const [row] = await select(ctx).where(and(eq(incidents.id, id), isNotNull(incidents.partnerId), visible(incidents.partnerId)));
  if (!row) throw notFound('The incident report');
  await recordRead(ctx.db, ctx.actor, { action: 'incident.read', targetType: 'incident', targetId: id, orgPath: row.orgPath });
  return present(row);
}
