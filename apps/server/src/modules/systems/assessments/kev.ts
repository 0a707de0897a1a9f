import type { KevCatalog } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { fieldError, forbidden, invalid, msg, type FieldError } from '../../../platform/errors/app-error';
import { parseJsonText } from '../../../platform/files/json';
import { mb, tooLarge } from '../../../platform/files/too-large';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { groupWide } from '../access';
import { kevCatalogs } from './tables';

/** The CISA KEV catalogue is about 1.5 MB for some 1,400 entries: 16 MB and 100,000 entries leave room. */
export const KEV_MAX_BYTES = 16 * 1024 * 1024;
const KEV_MAX_ENTRIES = 100_000;
const CVE = /^CVE-\d{4}-\d{4,}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The CVE ids of a KEV catalogue (`vulnerabilities[].cveID`); anything else in it is ignored. */
export function readKev(text: string): { version: string; cves: string[] } {
  if (Buffer.byteLength(text, 'utf8') > KEV_MAX_BYTES) throw tooLarge(`The catalogue is larger than ${mb(KEV_MAX_BYTES)}.`);
  const doc = parseJsonText(text, { maxDepth: 16, maxValues: 4_000_000 });
  if (!isObj(doc) || !Array.isArray(doc.vulnerabilities))
    throw invalid([fieldError('vulnerabilities', 'kev.not_array')], msg('kev.invalid'));
  if (doc.vulnerabilities.length > KEV_MAX_ENTRIES) throw tooLarge(`The catalogue has more than ${KEV_MAX_ENTRIES} entries.`);
  const errors: FieldError[] = [];
  const cves = new Set<string>();
  doc.vulnerabilities.forEach((v: unknown, i) => {
    const id = isObj(v) && typeof v.cveID === 'string' ? v.cveID.trim().toUpperCase() : '';
    if (CVE.test(id)) cves.add(id);
    else if (errors.length < 20) errors.push(fieldError(`vulnerabilities[${i}].cveID`, 'kev.cve'));
  });
  if (errors.length) throw invalid(errors, msg('kev.invalid'));
  const version = typeof doc.catalogVersion === 'string' ? doc.catalogVersion.slice(0, 40) : '';
  return { version, cves: [...cves].sort() };
}

async function flaggedCount(db: Db): Promise<number> {
  const r = (await db.execute(
    sql`SELECT count(*)::int AS n FROM assessment_findings WHERE known_exploited AND NOT fixed`,
  )) as unknown as { rows: { n: number }[] };
  return r.rows[0]?.n ?? 0;
}

/** Keeps the catalogue (replacing the previous one) and flags again every finding by it, in one transaction. */
export async function applyKev(
  tx: Db,
  audit: Audit,
  fileName: string,
  kev: { version: string; cves: string[] },
  by: string | null,
) {
  const cves = sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(kev.cves)}::jsonb))`;
  await tx.execute(sql`DELETE FROM kev_catalogs`);
  await tx.insert(kevCatalogs).values({ id: 1, fileName, catalogVersion: kev.version, cves, uploadedBy: by });
  await tx.execute(
    sql`UPDATE assessment_findings SET known_exploited = (cves && (SELECT k.cves FROM kev_catalogs k WHERE k.id = 1))
         WHERE known_exploited IS DISTINCT FROM (cves && (SELECT k.cves FROM kev_catalogs k WHERE k.id = 1))`,
  );
  const flagged = await flaggedCount(tx);
  await audit({
    action: 'kev.upload',
    targetType: 'kev-catalog',
    targetId: null,
    orgPath: null,
    after: { fileName, catalogVersion: kev.version, entries: kev.cves.length, flagged },
  });
  return flagged;
}

/** Uploads the KEV catalogue: the group's security office only (assessments:manage for the whole group, else 403). */
export async function uploadKev(ctx: Ctx, text: string, fileName: string): Promise<KevCatalog> {
  if (!groupWide(ctx, 'assessments:manage')) throw forbidden(msg('kev.group_only'));
  const kev = readKev(text);
  await inTransaction(ctx, (tx, audit) => applyKev(tx, audit, fileName, kev, ctx.principal?.userId ?? null));
  return (await getKev(ctx))!;
}

/** The latest catalogue (null before the first upload). */
export async function getKev(ctx: Ctx): Promise<KevCatalog | null> {
  const r = (await ctx.db.execute(
    sql`SELECT file_name, catalog_version, cardinality(cves)::int AS entries, uploaded_at FROM kev_catalogs WHERE id = 1`,
  )) as unknown as { rows: { file_name: string; catalog_version: string; entries: number; uploaded_at: string | Date }[] };
  const row = r.rows[0];
  if (!row) return null;
  return {
    fileName: row.file_name,
    catalogVersion: row.catalog_version,
    entries: row.entries,
    uploadedAt: new Date(row.uploaded_at).toISOString(),
    flagged: await flaggedCount(ctx.db),
  };
}
