import type { AttentionItem } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { inSubtree, scopeSql, subtreesFrom, type Scope } from '../../platform/access/scope';
import type { Principal } from '../../platform/access/principal';
import { causeLabel, typeLabel } from './catalog';
import { statsRoots } from './stats-scope';

/**
 * Read functions for the dashboard and reports (issue #15). Counts over a period read the monthly roll-up
 * (incident_stats_counts, kept by triggers: docs/incidents.md); what is open now reads the open cases through the
 * partial index on them (incidents_open_idx) and the running clocks through theirs — small sets, never the archive.
 * Every function takes the scope explicitly: the caller decides whose figures they are (dashboard:read, or
 * the generator's scope of a report), and nothing outside it is counted.
 */

const fyMonths = (fy: number): string[] =>
  Array.from({ length: 12 }, (_, i) => {
    const m = ((3 + i) % 12) + 1;
    return `${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, '0')}`;
  });

async function rootIds(db: Db, scope: Scope): Promise<string[]> {
  return (await statsRoots(db, scope, undefined)).map((r) => r.id);
}

const idArray = (ids: string[]) =>
  sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`;

export interface MonthCount {
  month: string;
  incidents: number;
  nearMisses: number;
}

/** Incidents and near misses reported per month of the fiscal year (Tokyo months), from the roll-up. */
export async function incidentsByMonth(db: Db, scope: Scope, fiscalYear: number): Promise<MonthCount[]> {
  const months = fyMonths(fiscalYear);
  const roots = await rootIds(db, scope);
  const rows = roots.length
    ? await queryRows<{ month: string; near_miss: boolean; n: number }>(
        db,
        sql`SELECT month, near_miss, sum(cases)::int AS n FROM incident_stats_counts
            WHERE unit_id = ANY (${idArray(roots)}) AND dim = 'type' AND month >= ${months[0]} AND month <= ${months[11]}
            GROUP BY month, near_miss`,
      )
    : [];
  return months.map((month) => ({
    month,
    incidents: rows.filter((r) => r.month === month && !r.near_miss).reduce((s, r) => s + r.n, 0),
    nearMisses: rows.filter((r) => r.month === month && r.near_miss).reduce((s, r) => s + r.n, 0),
  }));
}

export interface KeyCount {
  key: string;
  label: { ja: string; en: string };
  incidents: number;
  nearMisses: number;
}

/** Cases of the fiscal year by type, cause or severity, from the roll-up. */
export async function incidentsBy(
  db: Db,
  scope: Scope,
  fiscalYear: number,
  dim: 'type' | 'cause' | 'severity',
): Promise<KeyCount[]> {
  const months = fyMonths(fiscalYear);
  const roots = await rootIds(db, scope);
  if (!roots.length) return [];
  const rows = await queryRows<{ key: string; near_miss: boolean; n: number }>(
    db,
    sql`SELECT key, near_miss, sum(cases)::int AS n FROM incident_stats_counts
        WHERE unit_id = ANY (${idArray(roots)}) AND dim = ${dim} AND month >= ${months[0]} AND month <= ${months[11]}
        GROUP BY key, near_miss`,
  );
  const out = new Map<string, KeyCount>();
  for (const r of rows) {
    const key = r.key || 'none';
    const label =
      dim === 'type'
        ? { ja: typeLabel(key, 'ja') ?? key, en: typeLabel(key, 'en') ?? key }
        : dim === 'cause'
          ? { ja: causeLabel(key, 'ja') ?? key, en: causeLabel(key, 'en') ?? key }
          : { ja: key, en: key };
    const c = out.get(key) ?? { key, label, incidents: 0, nearMisses: 0 };
    if (r.near_miss) c.nearMisses += r.n;
    else c.incidents += r.n;
    out.set(key, c);
  }
  return [...out.values()].sort((a, b) => b.incidents + b.nearMisses - (a.incidents + a.nearMisses));
}

export interface OpenBySeverity {
  severity: 'low' | 'medium' | 'high' | 'critical';
  /** by days since the report: ≤ 7, 8–30, > 30 */
  ages: [number, number, number];
}

/** Open cases (not near misses) by severity and age, through the partial index on open cases. */
export async function openIncidentsBySeverity(db: Db, scope: Scope, now: Date): Promise<OpenBySeverity[]> {
  const rows = await queryRows<{ severity: OpenBySeverity['severity']; age: number; n: number }>(
    db,
    sql`SELECT i.severity, ${ageSql(now)} AS age, count(*)::int AS n
        FROM incidents i JOIN org_units o ON o.id = i.org_unit_id
        WHERE i.status <> 'closed' AND NOT i.near_miss AND ${scopeSql(scope, sql`o.path`)}
        GROUP BY 1, 2`,
  );
  return bySeverity(rows);
}

/** `openIncidentsBySeverity` for several subtrees in one statement, in the order of `paths` (the group overview). */
export async function openIncidentsBySeverityEach(db: Db, paths: string[], now: Date): Promise<OpenBySeverity[][]> {
  if (!paths.length) return [];
  const rows = await queryRows<{ path: string; severity: OpenBySeverity['severity']; age: number; n: number }>(
    db,
    sql`SELECT subtree.path, i.severity, ${ageSql(now)} AS age, count(*)::int AS n
        FROM incidents i JOIN org_units o ON o.id = i.org_unit_id JOIN ${subtreesFrom(paths)} ON ${inSubtree(sql`o.path`)}
        WHERE i.status <> 'closed' AND NOT i.near_miss
        GROUP BY 1, 2, 3`,
  );
  return paths.map((p) => bySeverity(rows.filter((r) => r.path === p)));
}

const ageSql = (now: Date) =>
  sql`CASE WHEN i.reported_at > ${new Date(now.getTime() - 7 * 864e5).toISOString()}::timestamptz THEN 0
           WHEN i.reported_at > ${new Date(now.getTime() - 30 * 864e5).toISOString()}::timestamptz THEN 1 ELSE 2 END`;

function bySeverity(rows: { severity: OpenBySeverity['severity']; age: number; n: number }[]): OpenBySeverity[] {
  return (['critical', 'high', 'medium', 'low'] as const).map((severity) => {
    const ages: [number, number, number] = [0, 0, 0];
    for (const r of rows) if (r.severity === severity) ages[r.age as 0 | 1 | 2] += r.n;
    return { severity, ages };
  });
}

type Clocks = { overdue: number; week: number; later: number };
const clockCounts = (now: Date) => {
  const at = now.toISOString();
  const week = new Date(now.getTime() + 7 * 864e5).toISOString();
  return sql`count(*) FILTER (WHERE d.due_at < ${at}::timestamptz)::int AS overdue,
             count(*) FILTER (WHERE d.due_at >= ${at}::timestamptz AND d.due_at < ${week}::timestamptz)::int AS week,
             count(*) FILTER (WHERE d.due_at >= ${week}::timestamptz)::int AS later`;
};
const RUNNING = sql`d.met_at IS NULL AND d.waived_at IS NULL AND d.obsolete_at IS NULL`;

/** Running regulatory and contractual clocks: overdue, due within 7 days, later (partial index on running clocks). */
export async function runningClocks(db: Db, scope: Scope, now: Date): Promise<Clocks> {
  const [r] = await queryRows<Clocks>(
    db,
    sql`SELECT ${clockCounts(now)}
        FROM incident_deadlines d JOIN incidents i ON i.id = d.incident_id JOIN org_units o ON o.id = i.org_unit_id
        WHERE ${RUNNING} AND ${scopeSql(scope, sql`o.path`)}`,
  );
  return r ?? { overdue: 0, week: 0, later: 0 };
}

/** `runningClocks` for several subtrees in one statement, in the order of `paths` (the group overview). */
export async function runningClocksEach(db: Db, paths: string[], now: Date): Promise<Clocks[]> {
  if (!paths.length) return [];
  const rows = await queryRows<Clocks & { path: string }>(
    db,
    sql`SELECT subtree.path, ${clockCounts(now)}
        FROM incident_deadlines d JOIN incidents i ON i.id = d.incident_id JOIN org_units o ON o.id = i.org_unit_id
          JOIN ${subtreesFrom(paths)} ON ${inSubtree(sql`o.path`)}
        WHERE ${RUNNING} GROUP BY 1`,
  );
  return paths.map((p) => {
    const r = rows.find((x) => x.path === p);
    return { overdue: r?.overdue ?? 0, week: r?.week ?? 0, later: r?.later ?? 0 };
  });
}

/**
 * "Needs my attention": the open tasks of cases that are assigned to me, and the running clocks of the cases I am a
 * member of (the case handlers and the heads added at report time), soonest first.
 */
export async function attentionFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  if (principal.kind !== 'internal') return [];
  const now = Date.now();
  const rows = await queryRows<{ kind: string; id: string; incident_id: string; title: string; due_at: Date | null }>(
    db,
    sql`(SELECT 'incidentTask' AS kind, t.id::text, t.incident_id::text, i.number || ' ' || ${
      principal.language === 'en' ? sql`t.title_en` : sql`t.title_ja`
    } AS title, t.due_at
         FROM incident_tasks t JOIN incidents i ON i.id = t.incident_id
         WHERE t.owner_id = ${principal.userId} AND t.done_at IS NULL AND i.status <> 'closed'
         ORDER BY t.due_at ASC NULLS LAST LIMIT ${limit})
        UNION ALL
        (SELECT 'incidentClock', d.id::text, d.incident_id::text, i.number || ' ' || i.title, d.due_at
         FROM incident_members m JOIN incidents i ON i.id = m.incident_id
           JOIN incident_deadlines d ON d.incident_id = i.id
         WHERE m.user_id = ${principal.userId} AND d.met_at IS NULL AND d.waived_at IS NULL AND d.obsolete_at IS NULL
         ORDER BY d.due_at ASC LIMIT ${limit})`,
  );
  return rows.map((r) => {
    const due = r.due_at ? new Date(r.due_at) : null;
    return {
      domain: 'incidents',
      kind: r.kind,
      id: r.id,
      title: r.title,
      dueAt: due ? due.toISOString() : null,
      overdue: due ? due.getTime() < now : false,
      href: `/incidents/${r.incident_id}`,
    };
  });
}
