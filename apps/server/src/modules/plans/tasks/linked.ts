import { PLAN_LINKED_KINDS, type PlanLinkedKind } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { systemActor } from '../../../platform/audit/record';
import { defineJob } from '../../../platform/jobs/define';
import { inTransaction } from '../../../platform/tx';
import { assetReviewCompletion, assetReviewTargets } from '../../assets/service';
import { partnerCampaignCompletion, partnerCampaignTargets } from '../../partners/service';
import { courseTargets, drillCompletion, drillTargets, trainingCourseCompletion } from '../../training/service';

type Units = { id: string; path: string }[];
type Done = { unitId: string; doneAt: Date; href: string };
type Target = { id: string; name: { ja: string; en: string }; date: string | null };

/**
 * The campaigns a plan activity may link, each read through its own module's service.ts (the plans module never
 * reads their tables): who is done (`completion`) and what there is to pick (`targets`).
 */
const SOURCES: Record<
  PlanLinkedKind,
  {
    completion(db: Db, ref: string, units: Units, threshold: number): Promise<Done[]>;
    targets(db: Db, q: { ids?: readonly string[]; limit: number }): Promise<Target[]>;
  }
> = {
  asset_review: { completion: (db, ref, units) => assetReviewCompletion(db, ref, units), targets: assetReviewTargets },
  partner_campaign: {
    completion: (db, ref, units) => partnerCampaignCompletion(db, ref, units),
    targets: partnerCampaignTargets,
  },
  training: { completion: trainingCourseCompletion, targets: courseTargets },
  drill: { completion: (db, ref, units) => drillCompletion(db, ref, units), targets: drillTargets },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isLinkedKind = (k: string | null): k is PlanLinkedKind =>
  !!k && (PLAN_LINKED_KINDS as readonly string[]).includes(k);

/** Campaigns of a kind for the editor's picker, newest first. */
export async function linkTargets(db: Db, kind: PlanLinkedKind, limit = 200): Promise<Target[]> {
  return SOURCES[kind].targets(db, { limit });
}

/** The campaigns these (kind, ref) pairs name, where they exist: key `${kind}:${ref}`. */
export async function linkNames(db: Db, refs: { kind: string | null; ref: string }[]): Promise<Map<string, Target>> {
  const out = new Map<string, Target>();
  for (const kind of PLAN_LINKED_KINDS) {
    const ids = [...new Set(refs.filter((r) => r.kind === kind && UUID.test(r.ref)).map((r) => r.ref.toLowerCase()))];
    if (!ids.length) continue;
    for (const t of await SOURCES[kind].targets(db, { ids, limit: ids.length })) out.set(`${kind}:${t.id}`, t);
  }
  return out;
}

/**
 * One pass of the linked campaigns: for each activity of a published plan that links a campaign (evidence `linked`,
 * a kind of PLAN_LINKED_KINDS, the campaign's id) and still has open tasks, the linked module says which of those
 * tasks' units are done, and those tasks become done with the campaign's date and a link to its result
 * (`done_source = 'linked'`), one audit event per task, in one transaction per activity. Idempotent: only open tasks
 * change, re-checked under the row lock (a task a person completes meanwhile stays theirs, and the person's
 * completion after the job's finds it done: 409). A reopened task is completed again while the campaign still shows
 * the unit done; the fix belongs in the campaign.
 */
export async function runLinkedCompletion(db: Db): Promise<{ activities: number; completed: number }> {
  const acts = await queryRows<{ id: string; kind: PlanLinkedKind; ref: string; threshold: number }>(
    db,
    sql`SELECT a.id::text, a.link_kind AS kind, a.link_ref AS ref, a.link_threshold AS threshold
      FROM plan_activities a JOIN plans p ON p.id = a.plan_id AND p.status = 'published'
      WHERE a.evidence = 'linked' AND a.link_kind IN (${sql.join(
        PLAN_LINKED_KINDS.map((k) => sql`${k}`),
        sql`, `,
      )})
        AND a.link_ref <> ''
        AND EXISTS (SELECT 1 FROM plan_tasks t WHERE t.activity_id = a.id AND t.status = 'open')`,
  );
  let completed = 0;
  for (const a of acts) {
    if (!UUID.test(a.ref)) continue;
    const open = await queryRows<{ id: string; path: string }>(
      db,
      sql`SELECT DISTINCT unit_id::text AS id, unit_path AS path FROM plan_tasks WHERE activity_id = ${a.id} AND status = 'open'`,
    );
    const done = await SOURCES[a.kind].completion(db, a.ref.toLowerCase(), open, a.threshold);
    if (!done.length) continue;
    completed += await inTransaction({ db, actor: systemActor('plans.linked'), principal: null }, async (tx, audit) => {
      const rows = await queryRows<{ id: string; unit_path: string; done_at: string | Date; href: string }>(
        tx,
        sql`UPDATE plan_tasks t SET status = 'done', done_source = 'linked', done_by = NULL, done_at = v."doneAt",
            evidence_href = v.href
          FROM jsonb_to_recordset(${JSON.stringify(done)}::jsonb) AS v("unitId" uuid, "doneAt" timestamptz, href text)
          WHERE t.activity_id = ${a.id} AND t.unit_id = v."unitId" AND t.status = 'open'
          RETURNING t.id::text, t.unit_path, t.done_at, t.evidence_href AS href`,
      );
      await audit.many(
        rows.map((r) => ({
          action: 'plan_task.complete_linked',
          targetType: 'plan_task',
          targetId: r.id,
          orgPath: r.unit_path,
          before: { status: 'open' },
          after: {
            status: 'done',
            source: 'linked',
            linkKind: a.kind,
            linkRef: a.ref,
            doneAt: new Date(r.done_at),
            evidence: r.href,
          },
        })),
      );
      return rows.length;
    });
  }
  return { activities: acts.length, completed };
}

export const planLinkedJob = defineJob({
  kind: 'plans.linked',
  payload: z.object({}),
  async handler(_p, { db, log }) {
    const r = await runLinkedCompletion(db);
    if (r.completed) log.info(r, 'plan tasks completed from their linked campaigns');
  },
});
