import type { AdvisoryDocument, AdvisoryListQuery, PublishAdvisoryBody } from '@mamori/contracts';
import { weaknesses } from '@secvisogram/csaf-validator-lib/cwe.js';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { scopeOf } from '../../platform/access/scope';
import { conflict, notFound, unprocessable } from '../../platform/errors/app-error';
import { decodeCursor, pageOf } from '../../platform/http/cursor';
import { recordRead } from '../../platform/audit/record';
import { inTransaction, type Ctx } from '../../platform/tx';
import { releasesOf } from '../products/service';
import { caseProducts, loadCase } from './cases';
import { buildCsaf, validateCsaf, type Publisher } from './csaf';
import { buildCveRecord } from './cve';
import { advisories, vulnerabilities } from './tables';

export const publisherOf = (config: Config): Publisher => ({ name: config.psirt.name, namespace: config.publicUrl });

type CaseRow = typeof vulnerabilities.$inferSelect;
const cvssOf = (vector: string | null, score: number | null, severity: CaseRow['cvss31Severity']) =>
  vector && score !== null && severity ? { vector, score, severity } : null;

/** The public snapshot of a case: only what an advisory says, with the release versions of the products named. */
async function snapshot(tx: Db, row: CaseRow, body: z.infer<typeof PublishAdvisoryBody>, previous: AdvisoryDocument | null) {
  const prods = await caseProducts(tx, row.id);
  if (!prods.length) throw unprocessable('Name the products concerned (and their status) before publishing.');
  const rels = await releasesOf(
    tx,
    prods.map((p) => p.productId),
  );
  const cwe = row.cwe ? weaknesses.find((w) => w.id === row.cwe) : null;
  if (row.cwe && !cwe) throw unprocessable(`${row.cwe} is not in the CWE list; correct the case first.`);
  const now = new Date().toISOString();
  const revision = (previous?.revision ?? 0) + 1;
  const year = (previous?.initialReleaseDate ?? now).slice(0, 4);
  return {
    trackingId: previous?.trackingId ?? `MAMORI-SA-${year}-${String(row.number).padStart(4, '0')}`,
    revision,
    revisions: [...(previous?.revisions ?? []), { number: revision, date: now, summary: body.revisionSummary }],
    initialReleaseDate: previous?.initialReleaseDate ?? now,
    currentReleaseDate: now,
    titleJa: body.titleJa,
    titleEn: body.titleEn,
    summaryJa: body.summaryJa,
    summaryEn: body.summaryEn,
    cveId: row.cveId,
    cwe: cwe ? { id: cwe.id, name: cwe.name } : null,
    cvss31: cvssOf(row.cvss31Vector, row.cvss31Score, row.cvss31Severity),
    cvss40: cvssOf(row.cvss40Vector, row.cvss40Score, row.cvss40Severity),
    products: prods.map((p) => ({
      code: p.product.code,
      nameJa: p.product.nameJa,
      nameEn: p.product.nameEn,
      status: p.status,
      justification: p.justification,
      versions: rels.filter((r) => r.productId === p.productId && r.status !== 'planned').map((r) => r.version),
      affectedVersions: p.affectedVersions,
      fixedVersion: p.fixedVersion,
      remediation: p.remediation,
    })),
  } satisfies AdvisoryDocument;
}

/** The snapshot publishing would take now, and what the CSAF 2.0 validator would refuse in its two documents. */
async function prepare(tx: Db, publisher: Publisher, row: CaseRow, body: z.infer<typeof PublishAdvisoryBody>) {
  if (row.status === 'rejected' || row.status === 'duplicate') throw conflict(`A ${row.status} case has no advisory.`);
  const [existing] = await tx.select().from(advisories).where(eq(advisories.vulnerabilityId, row.id));
  const doc = await snapshot(tx, row, body, existing?.document ?? null);
  const problems: { path: string; message: string }[] = [];
  for (const profile of ['csaf_security_advisory', 'csaf_vex'] as const) {
    const result = await validateCsaf(buildCsaf(doc, publisher, profile));
    problems.push(...result.errors.slice(0, 20).map((e) => ({ path: `${profile}: ${e.test}${e.path}`, message: e.message })));
  }
  return { existing, doc, problems };
}

/**
 * What publishing would make public, without publishing: the page's preview before the confirmed step.
 * Reading the case for it is logged like any read of a confidential case.
 */
export async function previewAdvisory(ctx: Ctx, publisher: Publisher, caseId: string, body: z.infer<typeof PublishAdvisoryBody>) {
  const row = await loadCase(ctx.db, scopeOf(ctx.principal, 'advisories:publish'), caseId);
  const { doc, problems } = await prepare(ctx.db, publisher, row, body);
  await recordRead(ctx.db, ctx.actor, { action: 'advisory.preview', targetType: 'vulnerability', targetId: caseId });
  return { document: doc, problems };
}

/**
 * Publishes (or republishes as a new revision) the advisory of a case: the deliberate, audited step that
 * makes part of a case public. Refused during an embargo, and if the CSAF documents would not validate.
 */
export function publishAdvisory(ctx: Ctx, publisher: Publisher, caseId: string, body: z.infer<typeof PublishAdvisoryBody>) {
  const scope = scopeOf(ctx.principal, 'advisories:publish');
  return inTransaction(ctx, async (tx, audit) => {
    const row = await loadCase(tx, scope, caseId);
    if (row.embargoUntil && row.embargoUntil > new Date())
      throw conflict(`The case is under embargo until ${row.embargoUntil.toISOString()}; publish after it ends or clear it.`);
    const { existing, doc, problems } = await prepare(tx, publisher, row, body);
    if (problems.length)
      throw unprocessable('The CSAF documents of this advisory would not pass the CSAF 2.0 validator.', problems);
    const values = {
      trackingId: doc.trackingId,
      revision: doc.revision,
      document: doc,
      initialReleaseAt: new Date(doc.initialReleaseDate),
      currentReleaseAt: new Date(doc.currentReleaseDate),
      publishedBy: ctx.actor.userId,
    };
    const [saved] = existing
      ? await tx.update(advisories).set(values).where(eq(advisories.id, existing.id)).returning()
      : await tx
          .insert(advisories)
          .values({ ...values, vulnerabilityId: caseId })
          .returning();
    await tx.update(vulnerabilities).set({ status: 'disclosed', updatedAt: new Date() }).where(eq(vulnerabilities.id, caseId));
    await audit({
      action: 'advisory.publish',
      targetType: 'vulnerability',
      targetId: caseId,
      before: existing ? { trackingId: existing.trackingId, revision: existing.revision } : null,
      after: { advisoryId: saved!.id, ...doc },
    });
    return presentAdvisory(saved!);
  });
}

type AdvisoryRow = typeof advisories.$inferSelect;
const severityOf = (d: AdvisoryDocument) => d.cvss40?.severity ?? d.cvss31?.severity ?? null;

export const presentSummary = (a: AdvisoryRow) => ({
  id: a.id,
  trackingId: a.trackingId,
  titleJa: a.document.titleJa,
  titleEn: a.document.titleEn,
  cveId: a.document.cveId,
  severity: severityOf(a.document),
  initialReleaseDate: a.document.initialReleaseDate,
  currentReleaseDate: a.document.currentReleaseDate,
});
export const presentAdvisory = (a: AdvisoryRow) => ({ ...presentSummary(a), document: a.document });

/** Published advisories only (a row exists only once published), newest first. */
export async function listAdvisories(db: Db, q: z.infer<typeof AdvisoryListQuery>) {
  const where: (SQL | undefined)[] = [];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, 2) as [string, string];
    where.push(
      or(
        lt(advisories.currentReleaseAt, new Date(at)),
        and(eq(advisories.currentReleaseAt, new Date(at)), lt(advisories.id, id)),
      ),
    );
  }
  const rows = await db
    .select()
    .from(advisories)
    .where(and(...where))
    .orderBy(desc(advisories.currentReleaseAt), desc(advisories.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, presentSummary, (r) => [r.currentReleaseAt.toISOString(), r.id]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A published advisory by id or tracking id. */
export async function loadAdvisory(db: Db, idOrTrackingId: string) {
  const [row] = await db
    .select()
    .from(advisories)
    .where(UUID.test(idOrTrackingId) ? eq(advisories.id, idOrTrackingId) : eq(advisories.trackingId, idOrTrackingId));
  if (!row) throw notFound('The advisory');
  return row;
}

export async function csafOf(db: Db, publisher: Publisher, id: string, profile: 'csaf_security_advisory' | 'csaf_vex') {
  return buildCsaf((await loadAdvisory(db, id)).document, publisher, profile);
}

export async function cveOf(db: Db, config: Config, id: string) {
  const record = buildCveRecord((await loadAdvisory(db, id)).document, {
    orgId: config.psirt.cnaOrgId,
    vendor: config.psirt.name,
    publicUrl: config.publicUrl,
  });
  if (!record) throw notFound('A CVE record (the advisory has no CVE id)');
  return record;
}
