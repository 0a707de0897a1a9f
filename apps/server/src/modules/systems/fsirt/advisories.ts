import type { OtAdvisoryMatches } from '@mamori/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { fieldError, invalid, type FieldError } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { inScopeSql } from '../access';
import { systems } from '../tables';

type Obj = Record<string, unknown>;
type Status = OtAdvisoryMatches['matches'][number]['status'];
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const key = (s: string) => s.trim().toLowerCase();

const STATUS: [string, Status][] = [
  ['known_affected', 'affected'],
  ['first_affected', 'affected'],
  ['last_affected', 'affected'],
  ['fixed', 'fixed'],
  ['first_fixed', 'fixed'],
  ['known_not_affected', 'not_affected'],
  ['under_investigation', 'under_investigation'],
];

/** The parts of a CSAF 2.0 document this reader uses, each missing one named by its JSON path. */
function checkShape(doc: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const document = doc.document;
  if (!isObj(document)) return [fieldError('body.document', 'fsirt.csaf_shape')];
  if (document.csaf_version !== '2.0') errors.push(fieldError('body.document.csaf_version', 'fsirt.csaf_shape'));
  if (!str(document.title)) errors.push(fieldError('body.document.title', 'fsirt.csaf_shape'));
  if (!isObj(document.tracking) || !str(document.tracking.id))
    errors.push(fieldError('body.document.tracking.id', 'fsirt.csaf_shape'));
  if (!isObj(doc.product_tree)) errors.push(fieldError('body.product_tree', 'fsirt.csaf_shape'));
  if (!Array.isArray(doc.vulnerabilities)) errors.push(fieldError('body.vulnerabilities', 'fsirt.csaf_shape'));
  return errors;
}

/**
 * Product ids → product name and version, from the product tree's branches (vendor → product_name →
 * product_version): a leaf under a product_name without a version stands for every version.
 */
function productsOf(tree: Obj): Map<string, { product: string; version: string }> {
  const out = new Map<string, { product: string; version: string }>();
  const walk = (node: unknown, product: string, depth: number) => {
    if (!isObj(node) || depth > 30) return;
    const name = str(node.name);
    const here = node.category === 'product_name' && name ? name : product;
    const version = node.category === 'product_version' ? name : '';
    const leaf = node.product;
    if (isObj(leaf) && str(leaf.product_id) && (here || str(leaf.name)))
      out.set(str(leaf.product_id), { product: here || str(leaf.name), version });
    for (const b of arr(node.branches)) walk(b, here, depth + 1);
  };
  for (const b of arr(tree.branches)) walk(b, '', 0);
  return out;
}

/**
 * Matches a supplier's CSAF 2.0 advisory against the factory systems (kind `ot`, active) the caller may read: a
 * system matches a product the advisory names when the product names are equal (case aside) and the versions are
 * equal, or the advisory names the product without a version. Nothing is stored: the group keeps no store of
 * supplier advisories yet, so the FSIRT uploads the supplier's file for the purpose. A file without the parts read
 * is 400 naming each.
 */
export async function matchOtAdvisory(ctx: Ctx, doc: Obj): Promise<OtAdvisoryMatches> {
  const errors = checkShape(doc);
  if (errors.length) throw invalid(errors);
  const document = doc.document as Obj;
  const products = productsOf(doc.product_tree as Obj);
  // product id → its status and the CVEs naming it
  const named = new Map<string, { status: Status; cves: Set<string> }>();
  for (const v of arr(doc.vulnerabilities).filter(isObj)) {
    const status = isObj(v.product_status) ? v.product_status : {};
    for (const [group, mapped] of STATUS)
      for (const id of arr(status[group]).map(String)) {
        const entry = named.get(id) ?? { status: mapped, cves: new Set<string>() };
        if (mapped === 'affected') entry.status = 'affected';
        if (str(v.cve)) entry.cves.add(str(v.cve));
        named.set(id, entry);
      }
  }
  const pairs = [...products.entries()].map(([id, p]) => ({
    ...p,
    ...(named.get(id) ?? { status: 'under_investigation' as Status, cves: new Set<string>() }),
  }));
  const names = [...new Set(pairs.map((p) => key(p.product)))];
  const rows = names.length
    ? await ctx.db
        .select({
          id: systems.id,
          name: systems.name,
          productionLine: systems.productionLine,
          product: systems.product,
          version: systems.productVersion,
          unitId: orgUnits.id,
          nameJa: orgUnits.nameJa,
          nameEn: orgUnits.nameEn,
        })
        .from(systems)
        .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
        .where(
          and(
            eq(systems.kind, 'ot'),
            eq(systems.status, 'active'),
            inArray(sql`lower(trim(${systems.product}))`, names),
            inScopeSql(ctx, 'systems:read', systems.unitPath),
          ),
        )
        .orderBy(systems.name, systems.id)
    : [];
  const matches = rows.flatMap((r) => {
    const hit =
      pairs.find((p) => key(p.product) === key(r.product) && p.version && key(p.version) === key(r.version)) ??
      pairs.find((p) => key(p.product) === key(r.product) && !p.version);
    if (!hit) return [];
    return [
      {
        system: {
          id: r.id,
          name: r.name,
          productionLine: r.productionLine,
          unit: { id: r.unitId, nameJa: r.nameJa, nameEn: r.nameEn },
        },
        product: r.product,
        version: r.version,
        status: hit.status,
        cves: [...hit.cves].sort(),
      },
    ];
  });
  const publisher = isObj(document.publisher) ? str(document.publisher.name) : '';
  return {
    advisory: { id: str((document.tracking as Obj).id), title: str(document.title), publisher },
    products: pairs.map((p) => ({ product: p.product, version: p.version })),
    matches,
  };
}
