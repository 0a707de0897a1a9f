import type { AttentionItem } from '@mamori/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { Principal } from '../../platform/access/principal';
import { escapeLike, inSubtree, scopeOf, scopeSql, subtreesFrom, type Scope } from '../../platform/access/scope';

/**
 * Read functions for the dashboard and reports (issue #15): where each SoA stands, how its controls are implemented,
 * and "needs my attention" for the CISO (versions to approve) and the units asked for their control status.
 */

/** SoAs whose scope overlaps the reader's (the group's SoA also applies to a site inside it). */
function overlapSql(scope: Scope, path: SQL): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'none') return sql`false`;
  return sql`(${sql.join(
    scope.paths.map((p) => sql`(${path} LIKE ${escapeLike(p) + '%'} OR ${p} LIKE ${path} || '%')`),
    sql` OR `,
  )})`;
}

export interface SoaStatusFigures {
  /** each SoA's newest version's status */
  byStatus: { draft: number; review: number; approved: number };
  /** the entries of each SoA's newest approved version by implementation status, applicable ones only */
  implementation: { implemented: number; partial: number; not_started: number; notApplicable: number };
}

export async function soaStatus(db: Db, scope: Scope): Promise<SoaStatusFigures> {
  const newest = await queryRows<{ status: 'draft' | 'review' | 'approved'; n: number }>(
    db,
    sql`SELECT v.status, count(*)::int AS n FROM soas s JOIN org_units o ON o.id = s.scope_unit_id
          JOIN LATERAL (SELECT status FROM soa_versions WHERE soa_id = s.id ORDER BY number DESC LIMIT 1) v ON true
        WHERE ${overlapSql(scope, sql`o.path`)} GROUP BY 1`,
  );
  const entries = await queryRows<{ applicable: boolean | null; status: string; n: number }>(
    db,
    sql`SELECT e.applicable, e.status, count(*)::int AS n FROM soas s JOIN org_units o ON o.id = s.scope_unit_id
          JOIN LATERAL (SELECT id FROM soa_versions WHERE soa_id = s.id AND status = 'approved' ORDER BY number DESC LIMIT 1) v ON true
          JOIN soa_entries e ON e.version_id = v.id
        WHERE ${overlapSql(scope, sql`o.path`)} GROUP BY 1, 2`,
  );
  return soaFigures(newest, entries);
}

/**
 * `soaStatus` for several subtrees in one round (two statements), in the order of `paths` (the group overview): an
 * SoA counts for a subtree its scope overlaps, inside it or above it, as `overlapSql` with that one path.
 */
export async function soaStatusEach(db: Db, paths: string[]): Promise<SoaStatusFigures[]> {
  if (!paths.length) return [];
  const overlaps = sql`(${inSubtree(sql`o.path`)} OR starts_with(subtree.path, o.path))`;
  const newest = await queryRows<{ path: string; status: 'draft' | 'review' | 'approved'; n: number }>(
    db,
    sql`SELECT subtree.path, v.status, count(*)::int AS n FROM soas s JOIN org_units o ON o.id = s.scope_unit_id
          JOIN LATERAL (SELECT status FROM soa_versions WHERE soa_id = s.id ORDER BY number DESC LIMIT 1) v ON true
          JOIN ${subtreesFrom(paths)} ON ${overlaps} GROUP BY 1, 2`,
  );
  const entries = await queryRows<{ path: string; applicable: boolean | null; status: string; n: number }>(
    db,
    sql`SELECT subtree.path, e.applicable, e.status, count(*)::int AS n FROM soas s JOIN org_units o ON o.id = s.scope_unit_id
          JOIN LATERAL (SELECT id FROM soa_versions WHERE soa_id = s.id AND status = 'approved' ORDER BY number DESC LIMIT 1) v ON true
          JOIN soa_entries e ON e.version_id = v.id
          JOIN ${subtreesFrom(paths)} ON ${overlaps} GROUP BY 1, 2, 3`,
  );
  return paths.map((p) =>
    soaFigures(
      newest.filter((r) => r.path === p),
      entries.filter((r) => r.path === p),
    ),
  );
}

function soaFigures(
  newest: { status: 'draft' | 'review' | 'approved'; n: number }[],
  entries: { applicable: boolean | null; status: string; n: number }[],
): SoaStatusFigures {
  const byStatus = { draft: 0, review: 0, approved: 0 };
  for (const r of newest) byStatus[r.status] += r.n;
  const implementation = { implemented: 0, partial: 0, not_started: 0, notApplicable: 0 };
  for (const e of entries) {
    if (e.applicable === false) implementation.notApplicable += e.n;
    else implementation[e.status as 'implemented' | 'partial' | 'not_started'] += e.n;
  }
  return { byStatus, implementation };
}

/** Units asked for their control status that have not answered yet (open requests only: due date not passed by 30 days). */
export async function pendingControlStatus(db: Db, scope: Scope): Promise<{ units: number; answered: number }> {
  const [r] = await queryRows<{ units: number; answered: number }>(
    db,
    sql`SELECT count(*)::int AS units, count(a.answered_at)::int AS answered
        FROM control_status_answers a JOIN control_status_requests q ON q.id = a.request_id
        WHERE q.due_date >= current_date - 30 AND ${scopeSql(scope, sql`a.unit_path`)}`,
  );
  return r ?? { units: 0, answered: 0 };
}

/**
 * "Needs my attention": SoA versions in review whose scope I may approve (soa:approve, the CISO), and the
 * control-status requests to units in my control-status:answer scope that are not answered yet.
 */
export async function attentionFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  if (principal.kind !== 'internal') return [];
  const now = Date.now();
  const approve = scopeOf(principal, 'soa:approve');
  const answer = scopeOf(principal, 'control-status:answer');
  const soas =
    approve.kind === 'none'
      ? []
      : await queryRows<{ id: string; name_ja: string; name_en: string; number: number; submitted_at: Date | null }>(
          db,
          sql`SELECT s.id::text, o.name_ja, o.name_en, v.number, v.submitted_at
              FROM soa_versions v JOIN soas s ON s.id = v.soa_id JOIN org_units o ON o.id = s.scope_unit_id
              WHERE v.status = 'review' AND ${scopeSql(approve, sql`o.path`)} ORDER BY v.submitted_at LIMIT ${limit}`,
        );
  const requests =
    answer.kind === 'none'
      ? []
      : await queryRows<{ id: string; title: string; due_date: string; code: string }>(
          db,
          sql`SELECT q.id::text, q.title, q.due_date::text, u.code FROM control_status_answers a
                JOIN control_status_requests q ON q.id = a.request_id JOIN org_units u ON u.id = a.unit_id
              WHERE a.answered_at IS NULL AND q.due_date >= current_date - 30 AND ${scopeSql(answer, sql`a.unit_path`)}
              ORDER BY q.due_date, u.code LIMIT ${limit}`,
        );
  return [
    ...soas.map((s) => ({
      domain: 'controls',
      kind: 'soaApproval',
      id: `${s.id}:${s.number}`,
      title: `${principal.language === 'en' ? s.name_en : s.name_ja} v${s.number}`,
      dueAt: null,
      overdue: false,
      href: `/soa/${s.id}`,
    })),
    ...requests.map((r) => ({
      domain: 'controls',
      kind: 'controlStatusAnswer',
      id: `${r.id}:${r.code}`,
      title: `${r.title} · ${r.code}`,
      dueAt: `${r.due_date}T00:00:00+09:00`,
      overdue: new Date(`${r.due_date}T23:59:59+09:00`).getTime() < now,
      href: `/control-status/${r.id}`,
    })),
  ];
}
