import type { DismissSupplierMatchBody, SupplierMatch } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { covers, scopeOf } from '../../../platform/access/scope';
import { conflict, forbidden, msg } from '../../../platform/errors/app-error';
import { lockName, lockRow } from '../../../platform/records/lock';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { vulnerabilities, vulnerabilityProducts } from '../tables';
import { presentMatch, type MatchRow } from './present';
import { loadMatch } from './read';
import { supplierAdvisories, supplierAdvisoryMatches } from './tables';

/**
 * Loads a match for a decision: locked, in the reader's scope (404 outside), still a suggestion (409 once decided
 * or resolved), and within the decider's scope: supplier-matches:decide over its unit, and for a component also
 * vulnerabilities:manage over the product (accepting opens or joins a case).
 */
async function forDecision(ctx: Ctx, tx: Db, id: string): Promise<MatchRow> {
  await lockRow(tx, supplierAdvisoryMatches, id);
  const row = await loadMatch(ctx, tx, id);
  if (!covers(scopeOf(ctx.principal, 'supplier-matches:decide'), row.m.orgPath))
    throw forbidden(msg('supplier_advisories.decide_forbidden'));
  if (row.m.targetKind === 'component' && !covers(scopeOf(ctx.principal, 'vulnerabilities:manage'), row.m.orgPath))
    throw forbidden(msg('supplier_advisories.accept_needs_manage'));
  if (row.m.state !== 'suggested') throw conflict(msg('supplier_advisories.decided', { state: row.m.state }));
  return row;
}

/**
 * The vulnerability case of each CVE the match names (one case per CVE, as cases are), opened when there is none
 * yet, with the product linked as under investigation and the supplier's remediation; without a CVE, one case for
 * the advisory.
 */
async function casesFor(tx: Db, audit: Audit, row: MatchRow): Promise<string[]> {
  const [advisory] = await tx.select().from(supplierAdvisories).where(eq(supplierAdvisories.id, row.m.advisoryId));
  const a = advisory!;
  const ids: string[] = [];
  for (const cve of row.m.cves.length ? row.m.cves : [null]) {
    let id: string | undefined;
    if (cve) {
      await lockName(tx, `vulnerabilities.cve:${cve}`, 'exclusive');
      [{ id } = { id: undefined }] = await tx
        .select({ id: vulnerabilities.id })
        .from(vulnerabilities)
        .where(eq(vulnerabilities.cveId, cve));
    }
    if (!id) {
      const vuln = a.parsed.vulnerabilities.find((v) => v.cve === cve);
      const title = `${cve ? `${cve}: ` : ''}${vuln?.title ?? a.title}`.slice(0, 200);
      const description = [
        `${a.publisherName} ${a.trackingId} (version ${a.version}): ${a.title}`,
        `${row.m.name} ${row.m.version}`,
        row.m.remediation,
      ]
        .filter(Boolean)
        .join('\n\n')
        .slice(0, 20_000);
      const [created] = await tx
        .insert(vulnerabilities)
        .values({ title, description, source: 'import', status: 'triage', cveId: cve })
        .returning({ id: vulnerabilities.id });
      id = created!.id;
      await audit({
        action: 'vulnerability.create',
        targetType: 'vulnerability',
        targetId: id,
        orgPath: row.m.orgPath,
        after: { title, cveId: cve, source: 'import', supplierMatchId: row.m.id },
      });
    }
    await tx
      .insert(vulnerabilityProducts)
      .values({
        vulnerabilityId: id,
        productId: row.m.productId!,
        status: 'under_investigation',
        affectedVersions: row.product ? `${row.releaseVersion ?? ''}`.slice(0, 200) || null : null,
        remediation: row.m.remediation || null,
      })
      .onConflictDoNothing();
    ids.push(id);
  }
  return ids;
}

/**
 * Accepts a suggested case. A component's opens (or joins) the vulnerability case of each CVE for the product;
 * a system's is taken by the FSIRT or office (accepted, recorded; the incident, if one is needed, is opened on
 * the incident board).
 */
export function acceptSupplierMatch(ctx: Ctx, id: string): Promise<SupplierMatch> {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await forDecision(ctx, tx, id);
    const vulnerabilityIds = row.m.targetKind === 'component' ? await casesFor(tx, audit, row) : [];
    const [m] = await tx
      .update(supplierAdvisoryMatches)
      .set({ state: 'accepted', vulnerabilityIds, decidedBy: ctx.actor.userId, decidedAt: new Date(), updatedAt: new Date() })
      .where(eq(supplierAdvisoryMatches.id, id))
      .returning();
    await audit({
      action: 'supplier_match.accept',
      targetType: 'supplier_advisory_match',
      targetId: id,
      orgPath: row.m.orgPath,
      before: { state: row.m.state },
      after: { state: 'accepted', vulnerabilityIds },
    });
    return presentMatch({ ...row, m: m! });
  });
}

/** Dismisses a suggested case with the reason (why the supplier's advisory does not concern us). */
export function dismissSupplierMatch(
  ctx: Ctx,
  id: string,
  body: z.infer<typeof DismissSupplierMatchBody>,
): Promise<SupplierMatch> {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await forDecision(ctx, tx, id);
    const [m] = await tx
      .update(supplierAdvisoryMatches)
      .set({ state: 'dismissed', reason: body.reason, decidedBy: ctx.actor.userId, decidedAt: new Date(), updatedAt: new Date() })
      .where(eq(supplierAdvisoryMatches.id, id))
      .returning();
    await audit({
      action: 'supplier_match.dismiss',
      targetType: 'supplier_advisory_match',
      targetId: id,
      orgPath: row.m.orgPath,
      before: { state: row.m.state },
      after: { state: 'dismissed', reason: body.reason },
    });
    return presentMatch({ ...row, m: m! });
  });
}
