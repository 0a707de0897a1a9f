import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Audit } from '../../../platform/tx';
import { compareVersions, ecosystemOfPurl } from '../../../platform/versions/compare';
import { parseLooseRange, versContains } from '../../../platform/versions/vers';
import { componentsMatching, type ComponentQuery } from '../../products/service';
import { systemsByProducts } from '../../systems/service';
import { cpeParts, type ParsedSupplierAdvisory, type SupplierProduct, type SupplierStatus } from './parse';
import { supplierAdvisoryMatches } from './tables';

/** How a supplier's product entry covers a version: exactly, by a range, or every version of the product. */
type Specificity = 'version' | 'range' | 'any';
const SPECIFIC: Record<Specificity, number> = { version: 3, range: 2, any: 1 };
/** Within one specificity, the status that counts: a product the supplier calls affected stays affected. */
const WEIGHT: Record<SupplierStatus, number> = { affected: 4, under_investigation: 3, fixed: 2, not_affected: 1 };

/**
 * Whether an entry covers `version` (null: we do not know the version; only an entry for every version covers
 * it), and how specifically. A range the reader cannot read covers nothing (it is listed on the advisory as such).
 */
export function covers(p: SupplierProduct, ecosystem: string | null, version: string | null): Specificity | null {
  const scheme = ecosystem ?? 'generic';
  if (p.version !== null) return version !== null && compareVersions(scheme, version, p.version) === 0 ? 'version' : null;
  if (p.range !== null) {
    const range = parseLooseRange(scheme, p.range);
    return range && version !== null && versContains(range, version) ? 'range' : null;
  }
  return 'any';
}

interface Hit {
  product: SupplierProduct;
  by: 'purl' | 'cpe' | 'name';
  specificity: Specificity;
}

interface Target {
  kind: 'component' | 'system';
  key: string;
  productId: string | null;
  releaseId: string | null;
  systemId: string | null;
  name: string;
  version: string;
  orgPath: string;
  hits: Hit[];
}

/**
 * What the advisory says of a target: the statuses of its most specific entries (an exact version said not
 * affected by a VEX outweighs a range said affected), the strongest of those; the CVEs of the vulnerabilities that
 * say it; the supplier's remediation for those products.
 */
function verdict(parsed: ParsedSupplierAdvisory, hits: Hit[]) {
  const top = Math.max(...hits.map((h) => SPECIFIC[h.specificity]));
  const ids = new Set(hits.filter((h) => SPECIFIC[h.specificity] === top).map((h) => h.product.productId));
  let status: SupplierStatus | null = null;
  const cves = new Set<string>();
  for (const v of parsed.vulnerabilities)
    for (const id of ids) {
      const s = v.statuses[id];
      if (!s) continue;
      if (!status || WEIGHT[s] > WEIGHT[status]) status = s;
    }
  for (const v of parsed.vulnerabilities) if ([...ids].some((id) => v.statuses[id] === status) && v.cve) cves.add(v.cve);
  const remediation =
    parsed.vulnerabilities
      .flatMap((v) => v.remediations)
      .filter((r) => r.productIds.some((id) => ids.has(id)))
      .sort((a, b) => Number(b.category === 'vendor_fix') - Number(a.category === 'vendor_fix'))
      .map((r) => [r.details, r.url].filter(Boolean).join(' '))[0] ?? '';
  return { status: status ?? 'under_investigation', cves: [...cves].sort(), remediation: remediation.slice(0, 2000) };
}

/** The names a system's supplier product may be given by an entry: its product_name and its CPE's product. */
const namesOf = (p: SupplierProduct) =>
  [p.product, p.cpe ? (cpeParts(p.cpe)?.product ?? '') : ''].filter((n, i, all) => n && all.indexOf(n) === i);

async function componentTargets(tx: Db, parsed: ParsedSupplierAdvisory, into: Map<string, Target>) {
  const queries: ComponentQuery[] = [];
  const of: { product: SupplierProduct; by: Hit['by'] }[] = [];
  for (const p of parsed.products) {
    if (p.purl) {
      queries.push({ name: null, purl: p.purl.replace(/@[^@/?#]*(?=[?#]|$)/, '') });
      of.push({ product: p, by: 'purl' });
      continue;
    }
    for (const name of namesOf(p)) {
      queries.push({ name, purl: null });
      of.push({ product: p, by: p.cpe && name !== p.product ? 'cpe' : 'name' });
    }
  }
  for (const row of await componentsMatching(tx, queries)) {
    const { product, by } = of[row.query]!;
    const ecosystem = row.ecosystem ?? (product.purl ? ecosystemOfPurl(product.purl) : null);
    const specificity = covers(product, ecosystem, row.version);
    if (!specificity) continue;
    const key = `c:${row.releaseId}:${row.name.toLowerCase()}`;
    const t = into.get(key) ?? {
      kind: 'component' as const,
      key,
      productId: row.productId,
      releaseId: row.releaseId,
      systemId: null,
      name: row.name,
      version: row.version ?? '',
      orgPath: row.orgPath,
      hits: [],
    };
    t.hits.push({ product, by, specificity });
    into.set(key, t);
  }
}

async function systemTargets(tx: Db, parsed: ParsedSupplierAdvisory, into: Map<string, Target>) {
  const rows = await systemsByProducts(tx, parsed.products.flatMap(namesOf));
  for (const s of rows)
    for (const product of parsed.products) {
      const name = namesOf(product).find((n) => n.trim().toLowerCase() === s.product.trim().toLowerCase());
      if (!name) continue;
      const specificity = covers(product, null, s.productVersion.trim() || null);
      if (!specificity) continue;
      const key = `s:${s.id}`;
      const t = into.get(key) ?? {
        kind: 'system' as const,
        key,
        productId: null,
        releaseId: null,
        systemId: s.id,
        name: s.product,
        version: s.productVersion,
        orgPath: s.unitPath,
        hits: [],
      };
      t.hits.push({ product, by: name === product.product ? 'name' : 'cpe', specificity });
      into.set(key, t);
    }
}

export interface MatchCounts {
  suggested: number;
  updated: number;
  resolved: number;
}

/**
 * Matches the latest version of an advisory against every release's SBOM components and every active system, and
 * brings its suggestions up to date: a target the advisory calls affected (or under investigation) is suggested,
 * or its suggestion updated (a resolved one suggested again); a target now called fixed or not affected, or no
 * longer named, has its open suggestion resolved. Decisions already taken (accepted, dismissed) keep their state
 * and show the supplier's new status.
 */
export async function matchAdvisory(
  tx: Db,
  audit: Audit,
  advisory: { id: string; advisoryKey: string; parsed: ParsedSupplierAdvisory },
): Promise<MatchCounts> {
  const targets = new Map<string, Target>();
  await componentTargets(tx, advisory.parsed, targets);
  await systemTargets(tx, advisory.parsed, targets);
  const existing = new Map(
    // locked: a decision taken meanwhile is read as committed, never overwritten with the state read before it
    (
      await tx
        .select()
        .from(supplierAdvisoryMatches)
        .where(eq(supplierAdvisoryMatches.advisoryKey, advisory.advisoryKey))
        .orderBy(supplierAdvisoryMatches.id)
        .for('update')
    ).map((m) => [m.targetKey, m]),
  );
  const counts: MatchCounts = { suggested: 0, updated: 0, resolved: 0 };
  const now = new Date();
  const events: Parameters<Audit['many']>[0] = [];
  for (const t of targets.values()) {
    const v = verdict(advisory.parsed, t.hits);
    const open = v.status === 'affected' || v.status === 'under_investigation';
    const supplierProducts = t.hits.map((h) => ({ productId: h.product.productId, by: h.by }));
    const was = existing.get(t.key);
    existing.delete(t.key);
    if (!was) {
      if (!open) continue;
      const [row] = await tx
        .insert(supplierAdvisoryMatches)
        .values({
          advisoryKey: advisory.advisoryKey,
          advisoryId: advisory.id,
          targetKind: t.kind,
          targetKey: t.key,
          productId: t.productId,
          releaseId: t.releaseId,
          systemId: t.systemId,
          name: t.name,
          version: t.version,
          orgPath: t.orgPath,
          supplierProducts,
          supplierStatus: v.status,
          cves: v.cves,
          remediation: v.remediation,
        })
        .returning({ id: supplierAdvisoryMatches.id });
      counts.suggested++;
      events.push({
        action: 'supplier_match.suggest',
        targetType: 'supplier_advisory_match',
        targetId: row!.id,
        orgPath: t.orgPath,
        after: { advisoryId: advisory.id, target: t.key, status: v.status, cves: v.cves },
      });
      continue;
    }
    const state = open
      ? was.state === 'resolved'
        ? 'suggested'
        : was.state
      : was.state === 'suggested'
        ? 'resolved'
        : was.state;
    const reason =
      state === 'resolved' && was.state !== 'resolved' ? `supplier_${v.status}` : state === was.state ? was.reason : '';
    await tx
      .update(supplierAdvisoryMatches)
      .set({
        advisoryId: advisory.id,
        name: t.name,
        version: t.version,
        orgPath: t.orgPath,
        supplierProducts,
        supplierStatus: v.status,
        cves: v.cves,
        remediation: v.remediation,
        state,
        reason,
        updatedAt: now,
      })
      .where(eq(supplierAdvisoryMatches.id, was.id));
    if (state === 'resolved' && was.state !== 'resolved') counts.resolved++;
    else counts.updated++;
    events.push({
      action: 'supplier_match.update',
      targetType: 'supplier_advisory_match',
      targetId: was.id,
      orgPath: t.orgPath,
      before: { state: was.state, status: was.supplierStatus },
      after: { advisoryId: advisory.id, state, status: v.status, cves: v.cves },
    });
  }
  // named by an earlier version, not by this one
  for (const was of existing.values()) {
    if (was.state !== 'suggested') continue;
    await tx
      .update(supplierAdvisoryMatches)
      .set({ advisoryId: advisory.id, state: 'resolved', reason: 'supplier_not_named', updatedAt: now })
      .where(eq(supplierAdvisoryMatches.id, was.id));
    counts.resolved++;
    events.push({
      action: 'supplier_match.update',
      targetType: 'supplier_advisory_match',
      targetId: was.id,
      orgPath: was.orgPath,
      before: { state: was.state },
      after: { advisoryId: advisory.id, state: 'resolved', reason: 'supplier_not_named' },
    });
  }
  if (events.length) await audit.many(events);
  return counts;
}
