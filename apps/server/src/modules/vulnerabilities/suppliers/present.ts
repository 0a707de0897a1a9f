import type { SupplierAdvisorySummary, SupplierMatch } from '@mamori/contracts';
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { scopeOf, scopeSql } from '../../../platform/access/scope';
import type { Ctx } from '../../../platform/tx';
import type { ParsedSupplierAdvisory } from './parse';
import type { supplierAdvisories } from './tables';
import { supplierAdvisoryMatches } from './tables';

/**
 * The matches a reader sees: a component's in the scope of vulnerabilities:read (the product's unit), a system's
 * in the scope of systems:read (the system's unit).
 */
export function visibleMatchSql(ctx: Ctx): SQL {
  const products = scopeOf(ctx.principal, 'vulnerabilities:read');
  const systems = scopeOf(ctx.principal, 'systems:read');
  return sql`((${supplierAdvisoryMatches.targetKind} = 'component' AND ${scopeSql(products, supplierAdvisoryMatches.orgPath)})
    OR (${supplierAdvisoryMatches.targetKind} = 'system' AND ${scopeSql(systems, supplierAdvisoryMatches.orgPath)}))`;
}

export const cvesOf = (parsed: ParsedSupplierAdvisory) =>
  [...new Set(parsed.vulnerabilities.map((v) => v.cve).filter((c): c is string => !!c))].sort();

type AdvisoryRow = typeof supplierAdvisories.$inferSelect;

export function presentSummary(row: Pick<AdvisoryRow, keyof AdvisoryRow>, openMatches: number): SupplierAdvisorySummary {
  return {
    id: row.id,
    publisherName: row.publisherName,
    trackingId: row.trackingId,
    version: row.version,
    title: row.title,
    category: row.category,
    trackingStatus: row.trackingStatus,
    currentReleaseAt: row.currentReleaseAt.toISOString(),
    importedAt: row.importedAt.toISOString(),
    source: row.source,
    cves: cvesOf(row.parsed),
    openMatches,
  };
}

/** One advisory version's summary, with the suggestions of its advisory open in the reader's scope. */
export async function summaryOf(ctx: Ctx, db: Db, row: AdvisoryRow): Promise<SupplierAdvisorySummary> {
  const [open] = await db
    .select({ n: count() })
    .from(supplierAdvisoryMatches)
    .where(
      and(
        eq(supplierAdvisoryMatches.advisoryKey, row.advisoryKey),
        eq(supplierAdvisoryMatches.state, 'suggested'),
        visibleMatchSql(ctx),
      ),
    );
  return presentSummary(row, open?.n ?? 0);
}

export interface MatchRow {
  m: typeof supplierAdvisoryMatches.$inferSelect;
  a: { id: string; trackingId: string; version: string; title: string; publisherName: string };
  product: { id: string; code: string; nameJa: string; nameEn: string } | null;
  releaseVersion: string | null;
  systemName: string | null;
}

export function presentMatch({ m, a, product, releaseVersion, systemName }: MatchRow): SupplierMatch {
  return {
    id: m.id,
    advisory: a,
    kind: m.targetKind,
    name: m.name,
    version: m.version,
    product: product && m.releaseId ? { ...product, releaseId: m.releaseId, releaseVersion: releaseVersion ?? '' } : null,
    system: m.systemId ? { id: m.systemId, name: systemName ?? '' } : null,
    supplierStatus: m.supplierStatus,
    supplierProducts: m.supplierProducts,
    cves: m.cves,
    remediation: m.remediation,
    state: m.state,
    reason: m.reason,
    vulnerabilityIds: m.vulnerabilityIds,
    decidedAt: m.decidedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
