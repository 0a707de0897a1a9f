import { fiscalYearOf, type Dashboard, type DashboardView, type Figure } from '@mamori/contracts';
import { fieldError, invalid } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { readerScope, type ReaderScope } from '../scope';
import '../sources';
import { snapshotKeyOf, withSnapshotTrends } from '../snapshots/service';
import { getSource, runSource } from '../sources/registry';
import { VIEWS } from './views';

const viewOf = (rs: ReaderScope): DashboardView =>
  rs.scope.kind === 'all' ? 'group' : rs.units.some((u) => u.kind === 'site' || u.kind === 'company') ? 'site' : 'org';

export function checkFiscalYear(fy: number, now: Date, field: string): void {
  const current = fiscalYearOf(now);
  if (fy < current - 10 || fy > current)
    throw invalid([fieldError(field, 'reports.fiscal_year_range', { from: current - 10, to: current })]);
}

/**
 * Every figure of the reader's view in one answer. Open items are read through the partial indexes on open rows,
 * periods from the incidents' monthly roll-up; see docs/reports.md for each source.
 */
export async function dashboard(ctx: Ctx, q: { fiscalYear?: number; unitId?: string }): Promise<Dashboard> {
  const now = new Date();
  const fiscalYear = q.fiscalYear ?? fiscalYearOf(now);
  checkFiscalYear(fiscalYear, now, 'querystring.fiscalYear');
  const rs = await readerScope(ctx, 'dashboard:read', q.unitId);
  const view = viewOf(rs);
  let figures: Figure[] = [];
  for (const name of VIEWS[view]) {
    const def = getSource(name);
    if (def) figures.push(await runSource(def, { db: ctx.db, scope: rs.scope, fiscalYear, now }));
  }
  // "Open now" figures get their trend from the daily snapshots of the group, a company or a site (this fiscal year:
  // a past year's view has no snapshots of its own).
  const key = snapshotKeyOf(rs.scope, rs.units);
  if (key !== null && fiscalYear === fiscalYearOf(now)) figures = await withSnapshotTrends(ctx.db, key, figures, now);
  return {
    view,
    fiscalYear,
    scope: { kind: rs.scope.kind === 'all' ? 'group' : 'units', units: rs.units.map((u) => ({ id: u.id, name: u.name })) },
    asOf: now.toISOString(),
    figures,
  };
}

/** One figure (for its XLSX export): any registered source, in the reader's scope. */
export async function oneFigure(ctx: Ctx, q: { fiscalYear?: number; unitId?: string; source: string }): Promise<Figure> {
  const now = new Date();
  const fiscalYear = q.fiscalYear ?? fiscalYearOf(now);
  checkFiscalYear(fiscalYear, now, 'querystring.fiscalYear');
  const def = getSource(q.source);
  if (!def) throw invalid([fieldError('querystring.source', 'reports.unknown_source', { source: q.source })]);
  const rs = await readerScope(ctx, 'dashboard:read', q.unitId);
  return runSource(def, { db: ctx.db, scope: rs.scope, fiscalYear, now });
}
