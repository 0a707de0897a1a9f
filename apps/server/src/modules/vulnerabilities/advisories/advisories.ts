import { z } from 'zod';
import type { AdvisoryDocument, AdvisoryListQuery, PublishAdvisoryBody } from '@mamori/contracts';
import { weaknesses } from '@secvisogram/csaf-validator-lib/cwe.js';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { conflict, notFound, unprocessable, msg } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import { recordRead } from '../../../platform/audit/record';
import { loadForUpdate } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { releasesOf } from '../../products/service';
import { fileOf, replaceAdvisoryFiles } from './advisory-files';
import { caseProducts } from '../cases/cases';
import { loadCase } from '../cases/visibility';
import { buildCsaf, type Publisher, validateCsaf } from './csaf';
import { assertCanSign, prepareCsafFiles } from './csaf-files';
import { CSAF_LANGS, type CsafLang } from './csaf-texts';
import { buildCveRecord, type Cna } from './cve';
import { checkCveRecord } from './cve-check';
import { psirtKey } from '../reporting/pgp';
import { advisories, vulnerabilities } from '../tables';
import { linkAdvisoryDraft } from './drafts';

export const publisherOf = (config: Config): Publisher => ({ name: config.psirt.name, namespace: config.publicUrl });
const cnaOf = (config: Config): Cna => ({ orgId: config.psirt.cnaOrgId, vendor: config.psirt.name, publicUrl: config.publicUrl });

type CaseRow = typeof vulnerabilities.$inferSelect;
const cvssOf = (vector: string | null, score: number | null, severity: CaseRow['cvss31Severity']) =>
  vector && score !== null && severity ? { vector, score, severity } : null;

/** The public snapshot of a case: only what an advisory says, with the release versions of the products named. */
async function snapshot(tx: Db, row: CaseRow, body: z.infer<typeof PublishAdvisoryBody>, previous: AdvisoryDocument | null) {
  const prods = await caseProducts(tx, row.id);
  if (!prods.length) throw unprocessable(msg('psirt.products_first'));
  const rels = await releasesOf(
    tx,
    prods.map((p) => p.productId),
  );
  const cwe = row.cwe ? weaknesses.find((w) => w.id === row.cwe) : null;
  if (row.cwe && !cwe) throw unprocessable(msg('psirt.cwe_unknown', { cwe: row.cwe }));
  const now = new Date().toISOString();
  const revision = (previous?.revision ?? 0) + 1;
  const year = (previous?.initialReleaseDate ?? now).slice(0, 4);
  return {
    trackingId: previous?.trackingId ?? `MAMORI-SA-${year}-${String(row.number).padStart(4, '0')}`,
    revision,
    revisions: [
      ...(previous?.revisions ?? []),
      {
        number: revision,
        date: now,
        summary: body.revisionSummary,
        ...(body.revisionSummaryJa ? { summaryJa: body.revisionSummaryJa } : {}),
      },
    ],
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

/** Where the emitted CVE record breaks the CVE JSON 5.1 record format (nothing is published while any does). */
function cveProblems(doc: AdvisoryDocument, config: Config) {
  const record = buildCveRecord(doc, cnaOf(config));
  const issues = record ? checkCveRecord(record) : [];
  return issues.slice(0, 20).map((i) => ({ path: `cve.${i.path}`, message: i.message }));
}

/**
 * The snapshot publishing would take now, and what would stop it: the CSAF 2.0 validator on each distributed
 * document (advisory in English and Japanese, VEX) and the CVE record format.
 */
async function prepare(tx: Db, config: Config, row: CaseRow, body: z.infer<typeof PublishAdvisoryBody>) {
  if (row.status === 'rejected' || row.status === 'duplicate')
    throw conflict(msg(row.status === 'rejected' ? 'psirt.no_advisory_rejected' : 'psirt.no_advisory_duplicate'));
  const publisher = publisherOf(config);
  const [existing] = await tx.select().from(advisories).where(eq(advisories.vulnerabilityId, row.id));
  const doc = await snapshot(tx, row, body, existing?.document ?? null);
  const problems: { path: string; message: string }[] = [];
  const documents = [
    ...CSAF_LANGS.map((lang) => ({
      name: `csaf_security_advisory (${lang})`,
      csaf: buildCsaf(doc, publisher, 'csaf_security_advisory', lang),
    })),
    { name: 'csaf_vex', csaf: buildCsaf(doc, publisher, 'csaf_vex') },
  ];
  for (const d of documents) {
    const result = await validateCsaf(d.csaf);
    problems.push(...result.errors.slice(0, 20).map((e) => ({ path: `${d.name}: ${e.test}${e.path}`, message: e.message })));
  }
  problems.push(...cveProblems(doc, config));
  return { existing, doc, problems };
}

/**
 * What publishing would make public, without publishing: the page's preview before the confirmed step.
 * Reading the case for it is logged like any read of a confidential case.
 */
export async function previewAdvisory(ctx: Ctx, config: Config, caseId: string, body: z.infer<typeof PublishAdvisoryBody>) {
  const row = await loadCase(ctx.db, scopeOf(ctx.principal, 'advisories:publish'), caseId);
  const { doc, problems } = await prepare(ctx.db, config, row, body);
  await recordRead(ctx.db, ctx.actor, { action: 'advisory.preview', targetType: 'vulnerability', targetId: caseId });
  return { document: doc, problems };
}

/**
 * Publishes (or republishes as a new revision) the advisory of a case: the deliberate, audited step that
 * makes part of a case public. Refused during an embargo, and if a CSAF document would not validate or the
 * CVE record would not keep to its format. The CSAF files (English and Japanese) are serialised, hashed
 * and signed here, once, and stored: what is served later is exactly these bytes.
 */
export async function publishAdvisory(ctx: Ctx, config: Config, caseId: string, body: z.infer<typeof PublishAdvisoryBody>) {
  const scope = scopeOf(ctx.principal, 'advisories:publish');
  const publisher = publisherOf(config);
  // The key is read (or generated) before the transaction: it may use the database itself.
  const key = await psirtKey(ctx.db, config);
  await assertCanSign(key);
  return inTransaction(ctx, async (tx, audit) => {
    // Locked: the revision is derived from the advisory published so far; two publications must not both add one.
    const row = await loadForUpdate(tx, vulnerabilities, caseId, () => loadCase(tx, scope, caseId));
    if (row.embargoUntil && row.embargoUntil > new Date())
      throw conflict(msg('psirt.under_embargo', { until: { at: row.embargoUntil.toISOString() } }));
    const { existing, doc, problems } = await prepare(tx, config, row, body);
    if (problems.length) throw unprocessable(msg('psirt.advisory_invalid'), problems);
    const files = await prepareCsafFiles(doc, publisher, key);
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
    await replaceAdvisoryFiles(tx, saved!.id, doc.revision, files, values.currentReleaseAt);
    await linkAdvisoryDraft(tx, caseId, saved!.id);
    await tx.update(vulnerabilities).set({ status: 'disclosed', updatedAt: new Date() }).where(eq(vulnerabilities.id, caseId));
    await audit({
      action: 'advisory.publish',
      targetType: 'vulnerability',
      targetId: caseId,
      before: existing ? { trackingId: existing.trackingId, revision: existing.revision } : null,
      after: {
        advisoryId: saved!.id,
        ...doc,
        files: files.map((f) => ({ path: f.path, sha512: f.sha512, signingKeyFingerprint: f.signingKeyFingerprint })),
      },
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
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.instant, CursorPart.uuid]));
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

/** The published CSAF security advisory in one language: the stored bytes, exactly as hashed and signed. */
export async function csafFileOf(db: Db, id: string, lang: CsafLang) {
  return (await fileOf(db, (await loadAdvisory(db, id)).id, lang)).content;
}

/** The VEX profile of the same facts, built on request (it is not part of the distributed feed). */
export async function vexOf(db: Db, publisher: Publisher, id: string) {
  return buildCsaf((await loadAdvisory(db, id)).document, publisher, 'csaf_vex');
}

export async function cveOf(db: Db, config: Config, id: string) {
  const record = buildCveRecord((await loadAdvisory(db, id)).document, cnaOf(config));
  if (!record) throw notFound('A CVE record (the advisory has no CVE id)');
  return record;
}
