import type { ClassificationScheme } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { escapeLike } from '../../../platform/access/scope';
import { effectiveSetting } from '../../../platform/settings/effective';
import { effectiveClassification } from '../../assets/service';
import { coverageSetting } from '../settings';

/** "Confidential data" for the MFA gap: the classes of the scheme's two highest ranks (秘 and 極秘 by default). */
export function confidentialCodes(scheme: ClassificationScheme): string[] {
  const ranks = [...new Set(scheme.classes.map((c) => c.rank))].sort((a, b) => b - a).slice(0, 2);
  return scheme.classes.filter((c) => ranks.includes(c.rank)).map((c) => c.code);
}

/**
 * Recomputes the coverage gaps of one unit's subtree in one statement (set-based, whatever the number of devices):
 * devices in the MDM and in no EDR console, EDR pattern files older than the setting's N days, devices no console
 * has seen for the setting's days, and active systems holding confidential classes without MFA. A gap without an
 * open finding opens one (assigned to the system's administrator when the device belongs to a system); an open
 * finding whose gap is gone is closed (`above_class` findings are kept by inventory/above-class.ts). The partial unique index keeps one open finding per gap, also when two
 * computations run at once (ON CONFLICT DO NOTHING).
 */
export async function recomputeGaps(tx: Db, unit: { id: string; path: string }): Promise<{ opened: number; closed: number }> {
  const rules = (await effectiveSetting(tx, coverageSetting, unit.id)).value;
  const codes = confidentialCodes(await effectiveClassification(tx, unit.id));
  const prefix = escapeLike(unit.path) + '%';
  const classList = codes.length
    ? sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )
    : sql`NULL`;
  const [row] = await queryRows<{ opened: number; closed: number }>(
    tx,
    sql`WITH d AS (SELECT * FROM system_devices WHERE unit_path LIKE ${prefix}),
      gaps AS (
        SELECT 'no_edr'::text AS kind, d.id AS device_id, d.system_id, d.unit_id, d.unit_path FROM d
         WHERE d.mdm_seen_at IS NOT NULL AND d.edr_seen_at IS NULL
        UNION ALL
        SELECT 'stale_pattern', d.id, d.system_id, d.unit_id, d.unit_path FROM d
         WHERE d.edr_seen_at IS NOT NULL AND d.pattern_date < current_date - ${rules.patternMaxAgeDays}::int
        UNION ALL
        SELECT 'not_seen', d.id, d.system_id, d.unit_id, d.unit_path FROM d
         WHERE greatest(d.edr_seen_at, d.mdm_seen_at) < now() - make_interval(days => ${rules.notSeenDays}::int)
        UNION ALL
        SELECT 'no_mfa', NULL::uuid, s.id, s.unit_id, s.unit_path FROM systems s
         WHERE s.unit_path LIKE ${prefix} AND s.status = 'active' AND NOT s.mfa AND s.max_class_code IN (${classList})),
      opened AS (
        INSERT INTO system_findings (kind, device_id, system_id, unit_id, unit_path, owner_person_id)
        SELECT g.kind, g.device_id, g.system_id, g.unit_id, g.unit_path, s.administrator_person_id
          FROM gaps g LEFT JOIN systems s ON s.id = g.system_id
        ON CONFLICT (kind, coalesce(device_id, system_id)) WHERE closed_at IS NULL DO NOTHING
        RETURNING 1),
      closed AS (
        UPDATE system_findings f SET closed_at = now()
         WHERE f.closed_at IS NULL AND f.unit_path LIKE ${prefix} AND f.kind <> 'above_class'
           AND NOT EXISTS (SELECT 1 FROM gaps g WHERE g.kind = f.kind
                             AND coalesce(g.device_id, g.system_id) = coalesce(f.device_id, f.system_id))
        RETURNING 1)
      SELECT (SELECT count(*) FROM opened)::int AS opened, (SELECT count(*) FROM closed)::int AS closed`,
  );
  return row ?? { opened: 0, closed: 0 };
}
