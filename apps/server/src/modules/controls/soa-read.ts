import type { Soa, SoaEntry, SoaLinkedRisk, SoaVersion, SoaVersionSummary } from '@mamori/contracts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { covers, scopeOf } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import type { Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { risksByControl } from '../risks/service';
import { loadSoa, overlaps, scopeOfRow, soaColumns, versionByNumber } from './soa-access';
import { soaEntries, soaEvidence, soas, soaVersions } from './tables';

type VersionRow = typeof soaVersions.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Versions with their counts (decided, applicable) and approver, as the lists show them. */
export async function summarize(db: Db, versions: VersionRow[]): Promise<SoaVersionSummary[]> {
  if (!versions.length) return [];
  const ids = versions.map((v) => v.id);
  const counts = await db
    .select({
      versionId: soaEntries.versionId,
      decided: sql<number>`count(*) filter (where ${soaEntries.applicable} is not null)::int`,
      applicable: sql<number>`count(*) filter (where ${soaEntries.applicable})::int`,
    })
    .from(soaEntries)
    .where(inArray(soaEntries.versionId, ids))
    .groupBy(soaEntries.versionId);
  const approverIds = [...new Set(versions.map((v) => v.approvedBy).filter((x): x is string => !!x))];
  const approvers = approverIds.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, approverIds))
    : [];
  return versions.map((v) => {
    const c = counts.find((x) => x.versionId === v.id);
    const approver = approvers.find((a) => a.id === v.approvedBy);
    return {
      id: v.id,
      number: v.number,
      status: v.status,
      rowVersion: v.rowVersion,
      createdAt: v.createdAt.toISOString(),
      submittedAt: iso(v.submittedAt),
      approvedAt: iso(v.approvedAt),
      approvedBy: approver ? { id: approver.id, name: approver.name } : null,
      returnReason: v.returnReason,
      decided: c?.decided ?? 0,
      applicable: c?.applicable ?? 0,
    };
  });
}

/** Every SoA the reader may see, with its current approved version and its open (draft or review) one. */
export async function listSoas(ctx: Ctx): Promise<Soa[]> {
  const scope = scopeOf(ctx.principal, 'controls:read');
  const rows = (
    await ctx.db.select(soaColumns).from(soas).innerJoin(orgUnits, eq(orgUnits.id, soas.scopeUnitId)).orderBy(asc(orgUnits.path))
  ).filter((r) => overlaps(scope, r.scopePath));
  if (!rows.length) return [];
  const versions = await ctx.db
    .select()
    .from(soaVersions)
    .where(
      and(
        inArray(
          soaVersions.soaId,
          rows.map((r) => r.soa.id),
        ),
        // the open version, and the newest approved one
        sql`(${soaVersions.status} <> 'approved' OR ${soaVersions.number} = (SELECT max(v2.number) FROM soa_versions v2
              WHERE v2.soa_id = ${soaVersions.soaId} AND v2.status = 'approved'))`,
      ),
    );
  const summaries = await summarize(ctx.db, versions);
  return rows.map((r) => {
    const mine = versions.filter((v) => v.soaId === r.soa.id);
    const pick = (approved: boolean) => {
      const v = mine.find((x) => (x.status === 'approved') === approved);
      return v ? summaries.find((s) => s.id === v.id)! : null;
    };
    return {
      id: r.soa.id,
      scope: scopeOfRow(r),
      createdAt: r.soa.createdAt.toISOString(),
      approved: pick(true),
      open: pick(false),
    };
  });
}

export async function listVersions(ctx: Ctx, id: string): Promise<SoaVersionSummary[]> {
  await loadSoa(ctx.db, ctx, id);
  const versions = await ctx.db.select().from(soaVersions).where(eq(soaVersions.soaId, id)).orderBy(desc(soaVersions.number));
  return summarize(ctx.db, versions);
}

/** The 93 entries of a version, with their evidence files (metadata). */
export async function entriesOf(db: Db, versionId: string): Promise<SoaEntry[]> {
  const rows = await db.select().from(soaEntries).where(eq(soaEntries.versionId, versionId));
  const files = await db
    .select()
    .from(soaEvidence)
    .where(eq(soaEvidence.versionId, versionId))
    .orderBy(asc(soaEvidence.uploadedAt), asc(soaEvidence.id));
  return rows.map(presentEntry(files)).sort((a, b) => controlOrder(a.controlId) - controlOrder(b.controlId));
}

export const controlOrder = (id: string) => {
  const [a, b] = id.split('.').map(Number);
  return a! * 100 + b!;
};

export const presentEntry =
  (files: (typeof soaEvidence.$inferSelect)[]) =>
  (e: typeof soaEntries.$inferSelect): SoaEntry => ({
    controlId: e.controlId,
    applicable: e.applicable,
    justification: e.justification,
    status: e.status,
    policies: e.policies,
    evidence: files
      .filter((f) => f.controlId === e.controlId)
      .map((f) => ({
        id: f.id,
        name: f.name,
        mediaType: f.mediaType,
        size: f.size,
        sha256: f.sha256,
        uploadedAt: f.uploadedAt.toISOString(),
      })),
    updatedAt: e.updatedAt.toISOString(),
  });

export async function getVersion(ctx: Ctx, id: string, number: number): Promise<SoaVersion> {
  const soa = await loadSoa(ctx.db, ctx, id);
  const v = await versionByNumber(ctx.db, id, number);
  const [summary] = await summarize(ctx.db, [v]);
  const entries = await entriesOf(ctx.db, v.id);
  return { ...summary!, soaId: id, scope: scopeOfRow(soa), entries, linkedRisks: await linkedRisks(ctx, soa.scopePath, entries) };
}

/** The register's risks in the SoA's scope that name one of its controls, as far as the reader may read risks. */
async function linkedRisks(ctx: Ctx, scopePath: string, entries: SoaEntry[]): Promise<SoaLinkedRisk[]> {
  const readable = scopeOf(ctx.principal, 'risks:read');
  if (readable.kind === 'none') return [];
  const rows = await risksByControl(
    ctx.db,
    entries.map((e) => e.controlId),
    scopePath,
  );
  return rows.filter((r) => covers(readable, r.unitPath)).map(({ unitPath: _, ...r }) => r);
}

/**
 * For other domains (risks, audits, reports): the entries of the newest approved version of the SoA whose scope is
 * this unit, or null when it has none approved.
 */
export async function approvedSoaEntries(db: Db, scopeUnitId: string): Promise<SoaEntry[] | null> {
  const [v] = await db
    .select({ id: soaVersions.id })
    .from(soaVersions)
    .innerJoin(soas, eq(soas.id, soaVersions.soaId))
    .where(and(eq(soas.scopeUnitId, scopeUnitId), eq(soaVersions.status, 'approved')))
    .orderBy(desc(soaVersions.number))
    .limit(1);
  return v ? entriesOf(db, v.id) : null;
}
