import { createHash } from 'node:crypto';
import type { SupplierImportResult } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import { conflict, fieldError, invalid, msg, type FieldError } from '../../../platform/errors/app-error';
import { lockName } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { compareVersions } from '../../../platform/versions/compare';
import { validateCsaf } from '../advisories/csaf';
import { matchAdvisory, type MatchCounts } from './match';
import { parseSupplierCsaf } from './parse';
import { summaryOf } from './present';
import { supplierAdvisories } from './tables';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export type ImportSource = { kind: 'upload' } | { kind: 'provider'; providerId: string; url: string };

/** A JSON pointer (`/vulnerabilities/0/cve`) as the problem's path (`body.vulnerabilities.0.cve`). */
const pathOf = (pointer: string) =>
  [
    'body',
    ...pointer
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')),
  ]
    .join('.')
    .slice(0, 300);

/**
 * Checks a supplier's document: CSAF 2.0 (a JSON object with document.csaf_version 2.0), of a category that says
 * something of products (security advisory or VEX), valid by the strict schema and every mandatory test. Each
 * failing test is a field error naming the test and the path; at most 50.
 */
export async function checkSupplierCsaf(doc: unknown): Promise<Obj> {
  if (!isObj(doc) || !isObj(doc.document) || doc.document.csaf_version !== '2.0')
    throw invalid([fieldError('body.document.csaf_version', 'supplier_advisories.not_csaf')]);
  const category = doc.document.category;
  if (category !== 'csaf_security_advisory' && category !== 'csaf_vex')
    throw invalid([fieldError('body.document.category', 'supplier_advisories.category')]);
  const result = await validateCsaf(doc);
  if (!result.isValid) {
    const errors: FieldError[] = result.errors
      .slice(0, 50)
      .map((e) => fieldError(pathOf(e.path), 'supplier_advisories.csaf_test', { test: e.test.slice(0, 100) }));
    throw invalid(errors, msg('supplier_advisories.csaf_invalid'));
  }
  return doc;
}

const sha256 = (doc: unknown) => createHash('sha256').update(JSON.stringify(doc)).digest('hex');

/**
 * Imports one version of a supplier's advisory. The same version sent again is `unchanged`; the same version with
 * other content is 409 (a supplier publishes a change as a new version). A version newer than the latest becomes
 * the latest and is matched at once, in the same transaction (suggestions made, updated or resolved); an older one
 * arriving late is kept for the record and not matched.
 */
export async function importSupplierAdvisory(ctx: Ctx, input: unknown, source: ImportSource): Promise<SupplierImportResult> {
  const doc = await checkSupplierCsaf(input);
  const parsed = parseSupplierCsaf(doc);
  const advisoryKey = `${parsed.publisherNamespace.toLowerCase()}|${parsed.trackingId}`;
  const hash = sha256(doc);
  return inTransaction(ctx, async (tx, audit) => {
    await lockName(tx, `supplier-advisory:${advisoryKey}`, 'exclusive');
    const versions = await tx
      .select({
        id: supplierAdvisories.id,
        version: supplierAdvisories.version,
        sha256: supplierAdvisories.sha256,
        latest: supplierAdvisories.latest,
      })
      .from(supplierAdvisories)
      .where(eq(supplierAdvisories.advisoryKey, advisoryKey));
    const none: MatchCounts = { suggested: 0, updated: 0, resolved: 0 };
    const same = versions.find((v) => compareVersions('generic', v.version, parsed.version) === 0);
    if (same) {
      if (same.sha256 !== hash)
        throw conflict(msg('supplier_advisories.version_changed', { version: parsed.version }), [
          fieldError('body.document.tracking.version', 'supplier_advisories.version_changed', { version: parsed.version }),
        ]);
      const [row] = await tx.select().from(supplierAdvisories).where(eq(supplierAdvisories.id, same.id));
      return { outcome: 'unchanged', advisory: await summaryOf(ctx, tx, row!), matches: none };
    }
    const latest = versions.find((v) => v.latest);
    const newest = !latest || compareVersions('generic', parsed.version, latest.version) > 0;
    if (newest && latest)
      await tx
        .update(supplierAdvisories)
        .set({ latest: false })
        .where(and(eq(supplierAdvisories.advisoryKey, advisoryKey)));
    const [row] = await tx
      .insert(supplierAdvisories)
      .values({
        advisoryKey,
        publisherName: parsed.publisherName,
        publisherNamespace: parsed.publisherNamespace,
        trackingId: parsed.trackingId,
        version: parsed.version,
        trackingStatus: parsed.trackingStatus,
        category: parsed.category,
        title: parsed.title,
        currentReleaseAt: new Date(parsed.currentReleaseDate),
        latest: newest,
        document: doc,
        parsed,
        sha256: hash,
        source: source.kind,
        providerId: source.kind === 'provider' ? source.providerId : null,
        sourceUrl: source.kind === 'provider' ? source.url : null,
        importedBy: ctx.actor.userId ?? null,
      })
      .returning();
    await audit({
      action: 'supplier_advisory.import',
      targetType: 'supplier_advisory',
      targetId: row!.id,
      after: {
        trackingId: parsed.trackingId,
        version: parsed.version,
        publisher: parsed.publisherName,
        source: source.kind,
        sha256: hash,
      },
    });
    const matches = newest ? await matchAdvisory(tx, audit, { id: row!.id, advisoryKey, parsed }) : none;
    return { outcome: newest ? 'imported' : 'older', advisory: await summaryOf(ctx, tx, row!), matches };
  });
}
