/**
 * What a supplier's CSAF 2.0 document (security advisory or VEX) says, in the terms the matcher uses: each product
 * of the product tree with its vendor, name, version or version range and identifiers (purl, CPE), and each
 * vulnerability with every product status, remediation and score it carries (none dropped). The document has
 * passed the CSAF validator before it is read here; this reader still takes nothing for granted and bounds its walk.
 */
import type { SUPPLIER_STATUSES } from '@mamori/contracts';

export type SupplierStatus = (typeof SUPPLIER_STATUSES)[number];

export interface SupplierProduct {
  productId: string;
  /** the leaf's full name as the supplier wrote it */
  fullName: string;
  vendor: string;
  /** the product_name branch (or the CPE's product part), '' when the tree names none */
  product: string;
  /** an exact version (product_version, the purl's or CPE's version); null for a range or every version */
  version: string | null;
  /** product_version_range as written (`vers:…` or the supplier's own text) */
  range: string | null;
  purl: string | null;
  cpe: string | null;
}

export interface SupplierScore {
  productIds: string[];
  /** '2.0', '3.0', '3.1' */
  cvssVersion: string;
  vector: string;
  baseScore: number | null;
  baseSeverity: string | null;
}

export interface SupplierRemediation {
  category: string;
  details: string;
  url: string | null;
  productIds: string[];
}

export interface SupplierVulnerability {
  cve: string | null;
  title: string;
  /** product id → the supplier's status (first_affected/last_affected → affected, first_fixed → fixed) */
  statuses: Record<string, SupplierStatus>;
  /** VEX: product id → justification label of a known_not_affected product */
  justifications: Record<string, string>;
  remediations: SupplierRemediation[];
  scores: SupplierScore[];
}

export interface ParsedSupplierAdvisory {
  category: string;
  publisherName: string;
  publisherNamespace: string;
  trackingId: string;
  version: string;
  trackingStatus: string;
  title: string;
  currentReleaseDate: string;
  products: SupplierProduct[];
  vulnerabilities: SupplierVulnerability[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const MAX_DEPTH = 30;

const STATUS_GROUPS: [string, SupplierStatus][] = [
  ['first_affected', 'affected'],
  ['known_affected', 'affected'],
  ['last_affected', 'affected'],
  ['first_fixed', 'fixed'],
  ['fixed', 'fixed'],
  ['recommended', 'fixed'],
  ['known_not_affected', 'not_affected'],
  ['under_investigation', 'under_investigation'],
];

/** `cpe:2.3:a:vendor:product:version:…` (or the 2.2 URI form) → its vendor, product and version ('*' and '-' = none). */
export function cpeParts(cpe: string): { vendor: string; product: string; version: string | null } | null {
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1').replace(/_/g, ' ');
  let parts: string[];
  if (/^cpe:2\.3:/i.test(cpe)) parts = cpe.split(/(?<!\\):/).slice(3);
  else if (/^cpe:\/[aho]?:/i.test(cpe)) parts = cpe.split(':').slice(2);
  else return null;
  const [vendor = '', product = '', version = ''] = parts.map((p) => decodeURIComponentSafe(unescape(p)));
  if (!product || product === '*' || product === '-') return null;
  return { vendor, product, version: version && version !== '*' && version !== '-' ? version : null };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The version a purl names after '@' (before qualifiers), decoded; null without one. */
export function purlVersion(purl: string): string | null {
  const path = purl.replace(/[?#].*$/, '');
  const at = path.lastIndexOf('@');
  if (at <= path.indexOf('/')) return null;
  return decodeURIComponentSafe(path.slice(at + 1)) || null;
}

interface Branch {
  vendor: string;
  product: string;
  version: string | null;
  range: string | null;
}

function leafOf(leaf: Obj, at: Branch): SupplierProduct | null {
  const productId = str(leaf.product_id);
  if (!productId) return null;
  const helper = isObj(leaf.product_identification_helper) ? leaf.product_identification_helper : {};
  const purl = str(helper.purl) || null;
  const cpe = str(helper.cpe) || null;
  const fromCpe = cpe ? cpeParts(cpe) : null;
  return {
    productId,
    fullName: str(leaf.name),
    vendor: at.vendor || fromCpe?.vendor || '',
    product: at.product || fromCpe?.product || '',
    version: at.version ?? (purl ? purlVersion(purl) : null) ?? (at.range ? null : (fromCpe?.version ?? null)),
    range: at.range,
    purl,
    cpe,
  };
}

function productsOf(tree: Obj): SupplierProduct[] {
  const out = new Map<string, SupplierProduct>();
  const walk = (node: unknown, at: Branch, depth: number) => {
    if (!isObj(node) || depth > MAX_DEPTH) return;
    const name = str(node.name);
    const here: Branch = { ...at };
    if (node.category === 'vendor') here.vendor = name;
    else if (node.category === 'product_name') here.product = name;
    else if (node.category === 'product_version') here.version = name;
    else if (node.category === 'product_version_range') here.range = name;
    if (isObj(node.product)) {
      const p = leafOf(node.product, here);
      if (p) out.set(p.productId, p);
    }
    for (const b of arr(node.branches)) walk(b, here, depth + 1);
  };
  const none: Branch = { vendor: '', product: '', version: null, range: null };
  for (const b of arr(tree.branches)) walk(b, none, 0);
  for (const p of arr(tree.full_product_names).filter(isObj)) {
    const leaf = leafOf(p, { ...none, product: str(p.name) });
    if (leaf && !out.has(leaf.productId)) out.set(leaf.productId, leaf);
  }
  // A relationship names a component installed in (or part of) a platform: it is matched as the component.
  for (const r of arr(tree.relationships).filter(isObj)) {
    const component = out.get(str(r.product_reference));
    const full = isObj(r.full_product_name) ? r.full_product_name : null;
    if (component && full && str(full.product_id) && !out.has(str(full.product_id)))
      out.set(str(full.product_id), { ...component, productId: str(full.product_id), fullName: str(full.name) });
  }
  return [...out.values()];
}

function scoresOf(v: Obj): SupplierScore[] {
  return arr(v.scores)
    .filter(isObj)
    .flatMap((s) => {
      const productIds = arr(s.products).map(String);
      return (['cvss_v3', 'cvss_v2'] as const).flatMap((k) => {
        const c = s[k];
        if (!isObj(c) || !str(c.vectorString)) return [];
        return [
          {
            productIds,
            cvssVersion: str(c.version) || (k === 'cvss_v2' ? '2.0' : '3.1'),
            vector: str(c.vectorString),
            baseScore: typeof c.baseScore === 'number' ? c.baseScore : null,
            baseSeverity: str(c.baseSeverity) || null,
          },
        ];
      });
    });
}

function vulnerabilityOf(v: Obj, docTitle: string): SupplierVulnerability {
  const statuses: Record<string, SupplierStatus> = {};
  const ps = isObj(v.product_status) ? v.product_status : {};
  // affected wins over any other status the same product is given
  for (const [group, status] of STATUS_GROUPS) for (const id of arr(ps[group]).map(String)) statuses[id] ??= status;
  for (const [group, status] of STATUS_GROUPS)
    if (status === 'affected') for (const id of arr(ps[group]).map(String)) statuses[id] = 'affected';
  const justifications: Record<string, string> = {};
  for (const f of arr(v.flags).filter(isObj))
    for (const id of arr(f.product_ids).map(String)) if (str(f.label)) justifications[id] = str(f.label);
  for (const t of arr(v.threats).filter(isObj))
    if (t.category === 'impact')
      for (const id of arr(t.product_ids).map(String)) if (statuses[id] === 'not_affected') justifications[id] ??= str(t.details);
  return {
    cve: str(v.cve) || null,
    title: str(v.title) || docTitle,
    statuses,
    justifications,
    remediations: arr(v.remediations)
      .filter(isObj)
      .map((r) => ({
        category: str(r.category),
        details: str(r.details),
        url: str(r.url) || null,
        productIds: arr(r.product_ids).map(String),
      })),
    scores: scoresOf(v),
  };
}

export function parseSupplierCsaf(doc: Obj): ParsedSupplierAdvisory {
  const document = isObj(doc.document) ? doc.document : {};
  const tracking = isObj(document.tracking) ? document.tracking : {};
  const publisher = isObj(document.publisher) ? document.publisher : {};
  const title = str(document.title);
  return {
    category: str(document.category),
    publisherName: str(publisher.name),
    publisherNamespace: str(publisher.namespace),
    trackingId: str(tracking.id),
    version: str(tracking.version),
    trackingStatus: str(tracking.status),
    title,
    currentReleaseDate: str(tracking.current_release_date),
    products: isObj(doc.product_tree) ? productsOf(doc.product_tree) : [],
    vulnerabilities: arr(doc.vulnerabilities)
      .filter(isObj)
      .map((v) => vulnerabilityOf(v, title)),
  };
}
