import { fiscalYearOf, type GroupOverview } from '@mamori/contracts';
import type { Db } from '../../../db/client';
import { scopeOf, type Scope } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { companiesIn } from '../../org/service';
import { checkFiscalYear } from '../dashboard/service';
import '../sources';
import { getSource, type SourceDefinition, type SourceResult } from '../sources/registry';

/**
 * The figures the group overview (issue #22) puts side by side, one column per company. Each is a dashboard source
 * run unchanged on the company's subtree, so a company's number has the same definition as on its own dashboard.
 */
export const GROUP_OVERVIEW_SOURCES = [
  'incidents.open',
  'incidents.clocks',
  'assets.inventory',
  'assets.byClass',
  'risks.aboveAcceptance',
  'controls.soa',
  'training.completion',
  'audits.findings',
  'partners.programme',
  'plans.completion',
  'vulnerabilities.open',
] as const;

/** How long a computed overview is served again to readers of the same scope and fiscal year (its `asOf` says when). */
export const GROUP_OVERVIEW_MAX_AGE_MS = 5_000;
const CACHE_LIMIT = 100;
let maxAgeMs = GROUP_OVERVIEW_MAX_AGE_MS;
/** The bench measures the computation itself with 0 (every call computes); nothing else changes it. */
export const setGroupOverviewMaxAge = (ms: number): void => {
  maxAgeMs = ms;
};
type Cache = Map<string, { at: number; overview: Promise<GroupOverview> }>;
/** per database (a test process may open several) */
let caches = new WeakMap<Db, Cache>();

/** Forgets every cached overview (tests that change figures and read them back at once). */
export const clearGroupOverviewCache = (): void => {
  caches = new WeakMap();
};

/**
 * Every company in the reader's `dashboard:read` scope (the holding's office and CISO: all of them; a company's CISO or
 * office: its own company and its affiliates; anyone narrower: none) with each figure computed on that company's
 * subtree. A company's column includes its affiliates (the holding's column is the group).
 *
 * The answer depends only on the reader's scope and the fiscal year, so it is computed once for every reader of that
 * scope and served again for up to GROUP_OVERVIEW_MAX_AGE_MS (readers arriving meanwhile share the computation):
 * figures are at most that many seconds old, and `asOf` is the moment they were computed. Nothing is invalidated on
 * writes (the figures come from eleven domains); the age limit is the bound.
 */
export async function groupOverview(ctx: Ctx, q: { fiscalYear?: number }): Promise<GroupOverview> {
  const now = new Date();
  const fiscalYear = q.fiscalYear ?? fiscalYearOf(now);
  checkFiscalYear(fiscalYear, now, 'querystring.fiscalYear');
  const scope = scopeOf(ctx.principal, 'dashboard:read');
  if (scope.kind === 'none') throw notFound();
  const key = `${fiscalYear}|${scope.kind === 'all' ? '*' : [...scope.paths].sort().join(',')}`;
  const cache: Cache = caches.get(ctx.db) ?? new Map();
  caches.set(ctx.db, cache);
  const hit = cache.get(key);
  if (hit && now.getTime() - hit.at < maxAgeMs) return hit.overview;
  const overview = computeOverview(ctx.db, scope, fiscalYear, now);
  cache.delete(key);
  cache.set(key, { at: now.getTime(), overview });
  for (const k of cache.keys()) if (cache.size > CACHE_LIMIT) cache.delete(k);
  overview.catch(() => {
    if (cache.get(key)?.overview === overview) cache.delete(key);
  });
  return overview;
}

/**
 * The overview computed now: each figure is one round of statements for every company at once where its source has
 * `loadEach` (the rows of each company's subtree grouped by company), else the source run once per company, one
 * company after another so that a group of twenty does not take twenty connections at once.
 */
async function computeOverview(db: Db, scope: Scope, fiscalYear: number, now: Date): Promise<GroupOverview> {
  const companies = await companiesIn(db, scope);
  const paths = companies.map((c) => c.path);
  const defs = GROUP_OVERVIEW_SOURCES.map((n) => getSource(n)).filter((d): d is SourceDefinition => !!d);
  const figures: GroupOverview['figures'] = [];
  for (const def of defs) {
    let results: SourceResult[] = [];
    if (def.loadEach) results = paths.length ? await def.loadEach({ db, paths, fiscalYear, now }) : [];
    else for (const path of paths) results.push(await def.load({ db, scope: { kind: 'paths', paths: [path] }, fiscalYear, now }));
    figures.push({
      source: def.name,
      domain: def.domain,
      title: def.title,
      unit: def.unit,
      columns: results.at(-1)?.columns ?? [],
      href: def.href,
      companies: companies.map((c, i) => ({ unitId: c.id, value: results[i]!.value, rows: results[i]!.rows })),
    });
  }
  return {
    fiscalYear,
    asOf: now.toISOString(),
    companies: companies.map((c) => ({
      unitId: c.id,
      code: c.code,
      nameJa: c.nameJa,
      nameEn: c.nameEn,
      parentCompanyId: c.parentCompanyId,
      depth: c.depth,
    })),
    figures,
  };
}
