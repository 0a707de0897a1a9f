import { fiscalYearOf, type Figure } from '@mamori/contracts';
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import type { Scope } from '../../../platform/access/scope';
import { defineJob } from '../../../platform/jobs/define';
import { unitsOfKinds } from '../../org/service';
import '../sources';
import { listSources, type SourceDefinition } from '../sources/registry';
import { dashboardSnapshotDays, dashboardSnapshots } from '../tables';

/**
 * Daily snapshots of the dashboard's "open now" figures (sources registered with `snapshot: true`): once a Japan-time
 * day, the headline of each such figure for the whole group and for each company and site. The dashboard reads a
 * figure's value a week or a month back (its `previous`) and its last 90 days (its sparkline) from them.
 */

const DAY = 86_400_000;
const TOKYO = 9 * 3_600_000;
/** Snapshots older than this are deleted by the job (a year back, and a month of margin for the year-on-year view). */
export const RETENTION_DAYS = 400;
/** How many days a figure's sparkline covers. */
export const HISTORY_DAYS = 90;
const PERIOD_DAYS: Record<string, number> = { week: 7, month: 30 };

/** The day (YYYY-MM-DD) it is in Japan at this instant. */
export const tokyoDay = (at: Date): string => new Date(at.getTime() + TOKYO).toISOString().slice(0, 10);
/** The day `n` days before `day`. */
export const daysBefore = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

export const snapshotSources = (): SourceDefinition[] => listSources().filter((s) => s.snapshot);

export interface SnapshotScope {
  /** '' for the whole group, else the company's or site's unit id */
  key: string;
  scope: Scope;
}

/** The scopes kept: the group, every company and every site. */
export async function snapshotScopes(db: Db): Promise<SnapshotScope[]> {
  const units = await unitsOfKinds(db, ['company', 'site']);
  return [
    { key: '', scope: { kind: 'all' } },
    ...units.map((u): SnapshotScope => ({ key: u.id, scope: { kind: 'paths', paths: [u.path] } })),
  ];
}

/**
 * Takes today's snapshot for every scope that has none yet and deletes those past retention; answers how many scopes
 * it wrote. Each scope is one transaction that first claims (scope, day) in `dashboard_snapshot_days`: a second run,
 * in this process or another, finds the claim (or waits on its key, then finds it) and writes nothing. A scope whose
 * figures fail is rolled back, claim included, and tried again at the next run; the others are kept.
 */
export async function takeSnapshots(db: Db, now = new Date(), log?: FastifyBaseLogger): Promise<number> {
  const day = tokyoDay(now);
  const taken = new Set(
    (
      await db
        .select({ key: dashboardSnapshotDays.scopeKey })
        .from(dashboardSnapshotDays)
        .where(eq(dashboardSnapshotDays.day, day))
    ).map((r) => r.key),
  );
  const sources = snapshotSources();
  const fiscalYear = fiscalYearOf(now);
  let written = 0;
  let failed: unknown = null;
  for (const s of await snapshotScopes(db)) {
    if (taken.has(s.key)) continue;
    try {
      const wrote = await db.transaction(async (t) => {
        const tx = t as unknown as Db;
        const claimed = await tx
          .insert(dashboardSnapshotDays)
          .values({ scopeKey: s.key, day })
          .onConflictDoNothing()
          .returning({ key: dashboardSnapshotDays.scopeKey });
        if (!claimed.length) return false;
        const rows: (typeof dashboardSnapshots.$inferInsert)[] = [];
        for (const def of sources) {
          const r = await def.load({ db: tx, scope: s.scope, fiscalYear, now });
          rows.push({ scopeKey: s.key, day, source: def.name, value: r.value });
        }
        if (rows.length) await tx.insert(dashboardSnapshots).values(rows).onConflictDoNothing();
        return true;
      });
      if (wrote) written++;
    } catch (err) {
      failed ??= err;
      log?.error({ err, scope: s.key || 'group', day }, 'dashboard snapshot failed');
    }
  }
  const oldest = daysBefore(day, RETENTION_DAYS);
  await db.delete(dashboardSnapshots).where(lt(dashboardSnapshots.day, oldest));
  await db.delete(dashboardSnapshotDays).where(lt(dashboardSnapshotDays.day, oldest));
  if (failed) throw failed;
  return written;
}

export const dashboardSnapshotsJob = defineJob({
  kind: 'reports.snapshots',
  payload: z.object({}),
  async handler(_p, { db, log }) {
    const n = await takeSnapshots(db, new Date(), log);
    if (n) log.info({ scopes: n }, 'dashboard snapshots taken');
  },
});

/** The snapshot scope a dashboard reader's scope is: the group, or exactly one company or site; else none. */
export function snapshotKeyOf(scope: Scope, units: { id: string; path: string; kind: string }[]): string | null {
  if (scope.kind === 'all') return '';
  if (scope.kind !== 'paths' || scope.paths.length !== 1 || units.length !== 1) return null;
  const u = units[0]!;
  return (u.kind === 'company' || u.kind === 'site') && u.path === scope.paths[0] ? u.id : null;
}

/**
 * Gives each snapshot figure its trend from the snapshots of its scope: `previous` is the value kept `trendPeriod`
 * back (a week or 30 days; the nearest earlier day within a week of it, else none) and `history` the days of the
 * last 90 with today's live value last. One indexed range read for all figures.
 */
export async function withSnapshotTrends(db: Db, key: string, figures: Figure[], now: Date): Promise<Figure[]> {
  const names = figures.filter((f) => snapshotSources().some((s) => s.name === f.source)).map((f) => f.source);
  if (!names.length) return figures;
  const today = tokyoDay(now);
  const rows = await db
    .select({ day: dashboardSnapshots.day, source: dashboardSnapshots.source, value: dashboardSnapshots.value })
    .from(dashboardSnapshots)
    .where(
      and(
        eq(dashboardSnapshots.scopeKey, key),
        // the 89 days before today: with today's live value, HISTORY_DAYS days (91 once the demo's day had passed)
        gte(dashboardSnapshots.day, daysBefore(today, HISTORY_DAYS - 1)),
        lt(dashboardSnapshots.day, today),
        inArray(dashboardSnapshots.source, names),
      ),
    )
    .orderBy(asc(dashboardSnapshots.day));
  return figures.map((f) => {
    if (!names.includes(f.source)) return f;
    const mine = rows.filter((r) => r.source === f.source);
    const back = PERIOD_DAYS[f.trendPeriod ?? ''];
    let previous = f.previous;
    if (back && previous === null) {
      const at = daysBefore(today, back);
      const hit = mine.filter((r) => r.day <= at && r.day > daysBefore(at, 7)).at(-1);
      previous = hit ? hit.value : null;
    }
    const history = mine.length
      ? [...mine.map((r) => ({ day: r.day, value: r.value })), { day: today, value: f.value }]
      : undefined;
    return { ...f, previous, ...(history ? { history } : {}) };
  });
}
