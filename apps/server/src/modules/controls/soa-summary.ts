import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orgUnits } from '../org/tables';
import { soaEntries, soas, soaVersions } from './tables';

export interface SoaStatusSummary {
  scope: { ja: string; en: string };
  approvedVersion: number | null;
  approvedAt: string | null;
  /** a newer version being prepared (draft or review) */
  openVersion: { number: number; status: string } | null;
  applicable: number;
  excluded: number;
  implemented: number;
  partial: number;
  notStarted: number;
}

/**
 * The state of the widest SoA (the group's): its newest approved version's counts of applicable, excluded and
 * implemented controls, and whether a newer version is open. null when there is no SoA yet.
 */
export async function soaStatusSummary(db: Db): Promise<SoaStatusSummary | null> {
  const [soa] = await db
    .select({ id: soas.id, ja: orgUnits.nameJa, en: orgUnits.nameEn })
    .from(soas)
    .innerJoin(orgUnits, eq(orgUnits.id, soas.scopeUnitId))
    .orderBy(asc(orgUnits.depth))
    .limit(1);
  if (!soa) return null;
  const versions = await db.select().from(soaVersions).where(eq(soaVersions.soaId, soa.id)).orderBy(desc(soaVersions.number));
  const approved = versions.find((v) => v.status === 'approved');
  const open = versions.find((v) => v.status !== 'approved');
  const out: SoaStatusSummary = {
    scope: { ja: soa.ja, en: soa.en },
    approvedVersion: approved?.number ?? null,
    approvedAt: approved?.approvedAt?.toISOString() ?? null,
    openVersion: open ? { number: open.number, status: open.status } : null,
    applicable: 0,
    excluded: 0,
    implemented: 0,
    partial: 0,
    notStarted: 0,
  };
  if (!approved) return out;
  const [c] = await db
    .select({
      applicable: sql<number>`count(*) FILTER (WHERE ${soaEntries.applicable})::int`,
      excluded: sql<number>`count(*) FILTER (WHERE ${soaEntries.applicable} = false)::int`,
      implemented: sql<number>`count(*) FILTER (WHERE ${soaEntries.applicable} AND ${soaEntries.status} = 'implemented')::int`,
      partial: sql<number>`count(*) FILTER (WHERE ${soaEntries.applicable} AND ${soaEntries.status} = 'partial')::int`,
      notStarted: sql<number>`count(*) FILTER (WHERE ${soaEntries.applicable} AND ${soaEntries.status} = 'not_started')::int`,
    })
    .from(soaEntries)
    .where(and(eq(soaEntries.versionId, approved.id)));
  return { ...out, ...Object.fromEntries(Object.entries(c!).map(([k, v]) => [k, Number(v)])) };
}
