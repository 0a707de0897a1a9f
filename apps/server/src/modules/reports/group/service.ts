import { fiscalYearOf, type GroupOverview } from '@mamori/contracts';
import { scopeOf } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { companiesIn } from '../../org/service';
import { checkFiscalYear } from '../dashboard/service';
import '../sources';
import { getSource, type SourceDefinition } from '../sources/registry';

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

/**
 * Every company in the reader's `dashboard:read` scope (the holding's office and CISO: all of them; a company's CISO or
 * office: its own company and its affiliates; anyone narrower: none) with each figure computed on that company's
 * subtree. A company's column includes its affiliates (the holding's column is the group). Companies run one after
 * another per figure so that a group of twenty does not take twenty connections at once.
 */
export async function groupOverview(ctx: Ctx, q: { fiscalYear?: number }): Promise<GroupOverview> {
  const now = new Date();
  const fiscalYear = q.fiscalYear ?? fiscalYearOf(now);
  checkFiscalYear(fiscalYear, now, 'querystring.fiscalYear');
  const scope = scopeOf(ctx.principal, 'dashboard:read');
  if (scope.kind === 'none') throw notFound();
  const companies = await companiesIn(ctx.db, scope);
  const defs = GROUP_OVERVIEW_SOURCES.map((n) => getSource(n)).filter((d): d is SourceDefinition => !!d);
  const figures: GroupOverview['figures'] = [];
  for (const def of defs) {
    const values: GroupOverview['figures'][number]['companies'] = [];
    let columns: GroupOverview['figures'][number]['columns'] = [];
    for (const c of companies) {
      const r = await def.load({ db: ctx.db, scope: { kind: 'paths', paths: [c.path] }, fiscalYear, now });
      values.push({ unitId: c.id, value: r.value, rows: r.rows });
      columns = r.columns;
    }
    figures.push({
      source: def.name,
      domain: def.domain,
      title: def.title,
      unit: def.unit,
      columns,
      href: def.href,
      companies: values,
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
