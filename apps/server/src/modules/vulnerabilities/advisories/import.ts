import type { AdvisoryImportBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { covers, scopeOf } from '../../../platform/access/scope';
import { AppError, msg } from '../../../platform/errors/app-error';
import { lockName } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { productsByName } from '../../products/service';
import { computeCvss } from '../cases/cvss';
import { validateCsaf } from './csaf';
import { vulnerabilities, vulnerabilityProducts } from '../tables';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

type ProductStatus = 'affected' | 'fixed' | 'not_affected' | 'under_investigation';
type Justification = typeof vulnerabilityProducts.$inferInsert.justification;
/** What one advisory of a file says, in Mamori's terms. */
interface Parsed {
  title: string;
  description: string;
  cveId: string | null;
  cwe: string | null;
  cvss31: string | null;
  cvss40: string | null;
  /** product name → status (and VEX justification) */
  products: Map<string, { status: ProductStatus; justification: Justification }>;
}

/** CSAF product ids → names, from every full_product_name in the branches of the product tree. */
function productNames(tree: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: unknown, parents: string[], depth: number) => {
    if (!isObj(node) || depth > 30) return;
    const product = node.product;
    const name = str(node.name);
    const path = node.category === 'product_name' && name ? [name] : parents;
    if (isObj(product) && str(product.product_id)) out.set(product.product_id as string, path[0] ?? str(product.name) ?? '');
    for (const b of arr(node.branches)) walk(b, path, depth + 1);
  };
  if (isObj(tree)) {
    for (const b of arr(tree.branches)) walk(b, [], 0);
    for (const p of arr(tree.full_product_names))
      if (isObj(p) && str(p.product_id)) out.set(p.product_id as string, str(p.name) ?? '');
  }
  return out;
}

const CSAF_STATUS: [string, ProductStatus][] = [
  ['known_affected', 'affected'],
  ['first_affected', 'affected'],
  ['last_affected', 'affected'],
  ['fixed', 'fixed'],
  ['first_fixed', 'fixed'],
  ['known_not_affected', 'not_affected'],
  ['under_investigation', 'under_investigation'],
];

function parseCsaf(doc: Obj): Parsed[] {
  const document = isObj(doc.document) ? doc.document : {};
  const names = productNames(doc.product_tree);
  return arr(doc.vulnerabilities)
    .filter(isObj)
    .map((v) => {
      const notes = arr(v.notes).filter(isObj);
      const text = notes.map((n) => str(n.text)).filter(Boolean);
      const docNotes = arr(document.notes)
        .filter(isObj)
        .map((n) => str(n.text));
      const flags = arr(v.flags).filter(isObj);
      const products = new Map<string, { status: ProductStatus; justification: Justification }>();
      const status = isObj(v.product_status) ? v.product_status : {};
      for (const [group, mapped] of CSAF_STATUS)
        for (const id of arr(status[group])) {
          const name = names.get(String(id));
          if (!name || products.has(name)) continue;
          const flag = flags.find((f) => arr(f.product_ids).includes(id));
          const justification = (mapped === 'not_affected' ? (str(flag?.label) ?? null) : null) as Justification;
          products.set(name, {
            status: mapped === 'not_affected' && !justification ? 'under_investigation' : mapped,
            justification,
          });
        }
      const v3 = arr(v.scores)
        .filter(isObj)
        .map((s) => (isObj(s.cvss_v3) ? str(s.cvss_v3.vectorString) : null))
        .find((x) => x?.startsWith('CVSS:3.1/'));
      return {
        title: str(v.title) ?? str(document.title) ?? 'Imported advisory',
        description: (text.length ? text : docNotes.filter(Boolean)).join('\n\n') || (str(document.title) ?? ''),
        cveId: str(v.cve),
        cwe: isObj(v.cwe) ? str(v.cwe.id) : null,
        cvss31: v3 ?? null,
        cvss40: null,
        products,
      };
    });
}

function parseCve(doc: Obj): Parsed[] {
  const meta = isObj(doc.cveMetadata) ? doc.cveMetadata : {};
  const cna = isObj(doc.containers) && isObj(doc.containers.cna) ? doc.containers.cna : null;
  const cveId = str(meta.cveId);
  const descriptions = cna ? arr(cna.descriptions).filter(isObj) : [];
  const en = descriptions.find((d) => String(d.lang).startsWith('en')) ?? descriptions[0];
  if (!cveId || !/^CVE-\d{4}-\d{4,19}$/.test(cveId) || !cna || !en || !str(en.value))
    throw new AppError('validation', msg('psirt.not_cve_record'));
  const metric = (key: string) =>
    arr(cna.metrics)
      .filter(isObj)
      .map((m) => (isObj(m[key]) ? str(m[key].vectorString) : null))
      .find(Boolean) ?? null;
  const products = new Map<string, { status: ProductStatus; justification: Justification }>();
  for (const a of arr(cna.affected).filter(isObj)) {
    const name = str(a.product);
    if (!name) continue;
    const affected = a.defaultStatus === 'affected' || arr(a.versions).some((v) => isObj(v) && v.status === 'affected');
    products.set(name, { status: affected ? 'affected' : 'under_investigation', justification: null });
  }
  const problem = arr(cna.problemTypes)
    .filter(isObj)
    .flatMap((p) => arr(p.descriptions).filter(isObj))
    .map((d) => str(d.cweId))
    .find(Boolean);
  return [
    {
      title: str(cna.title) ?? cveId,
      description: String(en.value),
      cveId,
      cwe: problem ?? null,
      cvss31: metric('cvssV3_1'),
      cvss40: metric('cvssV4_0'),
      products,
    },
  ];
}

type Report = {
  name: string;
  outcome: 'imported' | 'skipped' | 'rejected';
  kind: 'csaf' | 'cve' | null;
  vulnerabilityId: string | null;
  messages: string[];
};

async function importOne(ctx: Ctx, name: string, doc: unknown): Promise<Report> {
  const kind =
    isObj(doc) && isObj(doc.document) && doc.document.csaf_version
      ? 'csaf'
      : isObj(doc) && doc.dataType === 'CVE_RECORD'
        ? 'cve'
        : null;
  const report: Report = { name, outcome: 'rejected', kind, vulnerabilityId: null, messages: [] };
  if (!kind || !isObj(doc))
    return {
      ...report,
      messages: ['Neither a CSAF 2.0 document (document.csaf_version) nor a CVE JSON 5 record (dataType CVE_RECORD).'],
    };
  if (kind === 'csaf') {
    const result = await validateCsaf(doc);
    if (!result.isValid)
      return { ...report, messages: result.errors.slice(0, 10).map((e) => `${e.test} ${e.path}: ${e.message}`) };
  }
  let parsed: Parsed[];
  try {
    parsed = kind === 'csaf' ? parseCsaf(doc) : parseCve(doc);
  } catch (e) {
    return { ...report, messages: [(e as Error).message] };
  }
  const [first] = parsed;
  if (!first) return { ...report, messages: ['The document lists no vulnerability.'] };
  if (parsed.length > 1) report.messages.push(`${parsed.length} vulnerabilities in the file: the first is imported.`);
  const score = (version: '3.1' | '4.0', vector: string | null) => {
    if (!vector) return {};
    try {
      const c = computeCvss(version, vector, 'cvss');
      return version === '3.1'
        ? { cvss31Vector: c.vector, cvss31Score: c.score, cvss31Severity: c.severity }
        : { cvss40Vector: c.vector, cvss40Score: c.score, cvss40Severity: c.severity };
    } catch (e) {
      report.messages.push((e as Error).message);
      return {};
    }
  };
  const scope = scopeOf(ctx.principal, 'vulnerabilities:manage');
  const found = (await productsByName(ctx.db, [...first.products.keys()])).filter((p) => covers(scope, p.orgPath));
  for (const n of first.products.keys())
    if (!found.some((p) => [p.nameEn.toLowerCase(), p.code.toLowerCase()].includes(n.toLowerCase())))
      report.messages.push(`Product "${n.slice(0, 100)}" is not one of yours: link it in triage.`);
  const imported = await inTransaction(ctx, async (tx, audit) => {
    if (first.cveId) {
      // One import of a CVE at a time: the duplicate check and the insert must not interleave with another's.
      await lockName(tx, `vulnerabilities.cve:${first.cveId}`, 'exclusive');
      const [dup] = await tx
        .select({ number: vulnerabilities.number })
        .from(vulnerabilities)
        .where(eq(vulnerabilities.cveId, first.cveId));
      if (dup) return { duplicateOf: dup.number };
    }
    const [row] = await tx
      .insert(vulnerabilities)
      .values({
        title: first.title.slice(0, 200),
        description: first.description.slice(0, 20_000) || first.title,
        source: 'import',
        status: 'disclosed',
        cveId: first.cveId,
        cwe: first.cwe && /^CWE-\d{1,5}$/.test(first.cwe) ? first.cwe : null,
        ...score('3.1', first.cvss31),
        ...score('4.0', first.cvss40),
      })
      .returning({ id: vulnerabilities.id });
    const links = found.map((p) => {
      const s = [...first.products].find(([n]) => [p.nameEn.toLowerCase(), p.code.toLowerCase()].includes(n.toLowerCase()))![1];
      return { vulnerabilityId: row!.id, productId: p.id, status: s.status, justification: s.justification };
    });
    if (links.length) await tx.insert(vulnerabilityProducts).values(links);
    await audit({
      action: 'vulnerability.import',
      targetType: 'vulnerability',
      targetId: row!.id,
      after: { file: name, kind, cveId: first.cveId },
    });
    return { id: row!.id };
  });
  if ('duplicateOf' in imported)
    return { ...report, outcome: 'skipped', messages: [`${first.cveId} is already case #${imported.duplicateOf}.`] };
  return { ...report, outcome: 'imported', vulnerabilityId: imported.id };
}

/** Imports each file on its own (one bad file does not undo the others) and reports on every file. */
export async function importAdvisories(ctx: Ctx, body: z.infer<typeof AdvisoryImportBody>) {
  const files: Report[] = [];
  for (const f of body.files) files.push(await importOne(ctx, f.name, f.document));
  return { files };
}
