import { todayJst, type VulnSeverity } from '@mamori/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { fieldError, invalid, msg, type FieldError } from '../../../platform/errors/app-error';
import { effectiveSetting } from '../../../platform/settings/effective';
import { assessmentSlaSetting } from '../settings';
import { systems } from '../tables';
import type { RunResult } from './results';
import { assessmentFindingEvents, assessmentFindings, assessmentTargets } from './tables';

export const addDays = (day: string, days: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

interface TargetSystem {
  id: string;
  unitId: string;
  unitPath: string;
  ownerPersonId: string | null;
  sla: Record<VulnSeverity, number>;
}

/** The assessment's systems, with their SLA (the effective setting of each system's unit) and a host → system map. */
export async function loadTargets(tx: Db, assessmentId: string) {
  const rows = await tx
    .select({
      id: systems.id,
      name: systems.name,
      unitId: systems.unitId,
      unitPath: systems.unitPath,
      ownerPersonId: systems.administratorPersonId,
      hosts: assessmentTargets.hosts,
    })
    .from(assessmentTargets)
    .innerJoin(systems, eq(systems.id, assessmentTargets.systemId))
    .where(eq(assessmentTargets.assessmentId, assessmentId))
    .orderBy(systems.name);
  const byHost = new Map<string, TargetSystem>();
  const list: TargetSystem[] = [];
  for (const r of rows) {
    const sla = (await effectiveSetting(tx, assessmentSlaSetting, r.unitId)).value;
    const t = { id: r.id, unitId: r.unitId, unitPath: r.unitPath, ownerPersonId: r.ownerPersonId, sla };
    list.push(t);
    for (const h of [r.name, ...r.hosts]) if (!byHost.has(h.toLowerCase())) byHost.set(h.toLowerCase(), t);
  }
  return { list, byHost };
}

type Targets = Awaited<ReturnType<typeof loadTargets>>;
interface Keyed extends RunResult {
  system: TargetSystem;
  ruleKey: string;
}

/**
 * Each result to its system (a host or name of a target; with one target, that one), one entry per system + rule
 * + location (the most severe wins). A result whose host names no target is refused, naming where it is.
 */
export function keyResults(results: RunResult[], targets: Targets): Keyed[] {
  const errors: FieldError[] = [];
  const rank = (s: VulnSeverity) => ['low', 'medium', 'high', 'critical'].indexOf(s);
  const out = new Map<string, Keyed>();
  for (const r of results) {
    const system =
      r.hosts.map((h) => targets.byHost.get(h.toLowerCase())).find((t) => t) ??
      (targets.list.length === 1 ? targets.list[0] : undefined);
    if (!system) {
      if (errors.length < 100)
        errors.push(fieldError(r.at, 'assessments.host_unknown', { host: (r.hosts[0] ?? '-').slice(0, 100) }));
      continue;
    }
    const ruleKey = r.ruleId || r.cves[0] || '';
    const key = `${system.id}\u0000${ruleKey}\u0000${r.location}`;
    const had = out.get(key);
    if (!had || rank(r.severity) > rank(had.severity)) out.set(key, { ...r, system, ruleKey });
  }
  if (errors.length) throw invalid(errors, msg('assessments.rows_failed', { count: errors.length }));
  return [...out.values()];
}

export interface RunCounts {
  opened: number;
  reopened: number;
  seen: number;
  fixed: number;
}

const BATCH = 2000;

/**
 * Writes a run's findings a batch at a time: new keys are opened (due = today + the SLA of their severity), fixed
 * ones that return are reopened (the SLA counts again from today), open ones refreshed (last seen, severity; due
 * from the day they opened). The known-exploited flag comes from the latest KEV catalogue.
 */
export async function upsertFindings(
  tx: Db,
  assessmentId: string,
  runId: string,
  keyed: Keyed[],
  by: string | null,
  now = new Date(),
) {
  const today = todayJst(now);
  const counts: RunCounts = { opened: 0, reopened: 0, seen: 0, fixed: 0 };
  for (let i = 0; i < keyed.length; i += BATCH) {
    const batch = keyed.slice(i, i + BATCH);
    const existing = await tx
      .select({
        id: assessmentFindings.id,
        systemId: assessmentFindings.systemId,
        ruleKey: assessmentFindings.ruleKey,
        location: assessmentFindings.location,
        fixed: assessmentFindings.fixed,
        openedOn: assessmentFindings.openedOn,
      })
      .from(assessmentFindings)
      .where(
        sql`(${assessmentFindings.systemId}, ${assessmentFindings.ruleKey}, ${assessmentFindings.location}) IN
            (SELECT * FROM jsonb_to_recordset(${JSON.stringify(batch.map((k) => ({ s: k.system.id, r: k.ruleKey, l: k.location })))}::jsonb)
              AS x(s uuid, r text, l text))`,
      )
      .orderBy(assessmentFindings.id)
      .for('update');
    const known = new Map(existing.map((e) => [`${e.systemId}\u0000${e.ruleKey}\u0000${e.location}`, e]));
    const events: { findingKey: string; kind: 'opened' | 'reopened' }[] = [];
    const values = batch.map((k) => {
      const key = `${k.system.id}\u0000${k.ruleKey}\u0000${k.location}`;
      const had = known.get(key);
      const openedOn = !had || had.fixed ? today : had.openedOn;
      const kind = !had ? 'opened' : had.fixed ? 'reopened' : 'seen';
      counts[kind]++;
      if (kind !== 'seen') events.push({ findingKey: key, kind });
      return {
        system_id: k.system.id,
        rule_key: k.ruleKey,
        location: k.location,
        unit_id: k.system.unitId,
        unit_path: k.system.unitPath,
        owner_person_id: k.system.ownerPersonId,
        rule_id: k.ruleId,
        title: k.title,
        severity: k.severity,
        cves: k.cves,
        cwes: k.cwes,
        opened_on: openedOn,
        due_on: addDays(openedOn, k.system.sla[k.severity]),
      };
    });
    // one JSON parameter per batch, as the coverage import does (a VALUES list of 20 parameters a row would pass
    // PostgreSQL's 65,535-parameter limit at 3,300 rows)
    const at = now.toISOString();
    const result = (await tx.execute(sql`
      INSERT INTO assessment_findings AS f (system_id, rule_key, location, assessment_id, unit_id, unit_path, owner_person_id,
             rule_id, title, severity, cves, cwes, known_exploited, fixed, first_seen_at, last_seen_at, opened_on, due_on,
             fixed_at, last_run_id)
      SELECT r.system_id, r.rule_key, r.location, ${assessmentId}::uuid, r.unit_id, r.unit_path, r.owner_person_id,
             r.rule_id, r.title, r.severity, c.cves, w.cwes,
             coalesce(c.cves && (SELECT k.cves FROM kev_catalogs k WHERE k.id = 1), false), false,
             ${at}::timestamptz, ${at}::timestamptz, r.opened_on, r.due_on, NULL, ${runId}::uuid
        FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
             AS r(system_id uuid, rule_key text, location text, unit_id uuid, unit_path text, owner_person_id uuid,
                  rule_id text, title text, severity text, cves jsonb, cwes jsonb, opened_on date, due_on date)
        CROSS JOIN LATERAL (SELECT ARRAY(SELECT jsonb_array_elements_text(r.cves)) AS cves) c
        CROSS JOIN LATERAL (SELECT ARRAY(SELECT jsonb_array_elements_text(r.cwes)) AS cwes) w
      ON CONFLICT (system_id, rule_key, location) DO UPDATE SET
        assessment_id = excluded.assessment_id, unit_id = excluded.unit_id, unit_path = excluded.unit_path,
        owner_person_id = coalesce(excluded.owner_person_id, f.owner_person_id), rule_id = excluded.rule_id,
        title = excluded.title, severity = excluded.severity, cves = excluded.cves, cwes = excluded.cwes,
        known_exploited = excluded.known_exploited, fixed = false, last_seen_at = excluded.last_seen_at,
        opened_on = excluded.opened_on, due_on = excluded.due_on, fixed_at = NULL, last_run_id = excluded.last_run_id
      RETURNING f.id, f.system_id, f.rule_key, f.location`)) as unknown as {
      rows: { id: string; system_id: string; rule_key: string; location: string }[];
    };
    const written = result.rows.map((w) => ({ id: w.id, systemId: w.system_id, ruleKey: w.rule_key, location: w.location }));
    const idOf = new Map(written.map((w) => [`${w.systemId}\u0000${w.ruleKey}\u0000${w.location}`, w.id]));
    if (events.length)
      await tx
        .insert(assessmentFindingEvents)
        .values(events.map((e) => ({ findingId: idOf.get(e.findingKey)!, kind: e.kind, runId, by, at: now })));
  }
  return counts;
}

/**
 * A full run fixes what the assessment last saw on its systems and this run no longer reports; answers how many.
 */
export async function closeMissing(
  tx: Db,
  assessmentId: string,
  runId: string,
  systemIds: string[],
  by: string | null,
  now = new Date(),
) {
  if (!systemIds.length) return 0;
  const closed = await tx
    .update(assessmentFindings)
    .set({ fixed: true, fixedAt: now })
    .where(
      and(
        eq(assessmentFindings.assessmentId, assessmentId),
        eq(assessmentFindings.fixed, false),
        inArray(assessmentFindings.systemId, systemIds),
        sql`${assessmentFindings.lastRunId} IS DISTINCT FROM ${runId}::uuid`,
      ),
    )
    .returning({ id: assessmentFindings.id });
  for (let i = 0; i < closed.length; i += BATCH)
    await tx
      .insert(assessmentFindingEvents)
      .values(closed.slice(i, i + BATCH).map((c) => ({ findingId: c.id, kind: 'fixed' as const, runId, by, at: now })));
  return closed.length;
}
