import { INCIDENT_STATUS_NAMES, type UpdateIncidentBody } from '@mamori/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { covers, scopeOf } from '../../platform/access/scope';
import { recordRead } from '../../platform/audit/record';
import { fieldError, invalid, msg, unprocessable, type FieldError } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { incidentType, ruleById, typesCatalog } from './catalog';
import { openTaskProblems, settleOpenTasks, type TaskDecision } from './close-tasks';
import { syncClocks } from './clocks';
import { incidentAuditView, presentIncident } from './present';
import { siteOf } from './open-case';
import { incidentDeadlines, incidents } from './tables';
import { addEntry } from './timeline';
import { transitionProblems } from './transitions';
import { loadCase } from './visibility';

/** One case; confidential, so each read is logged. */
export async function getIncident(ctx: Ctx, id: string) {
  const { row, access } = await loadCase(ctx.db, ctx, id);
  await recordRead(ctx.db, ctx.actor, { action: 'incident.read', targetType: 'incident', targetId: id, orgPath: row.orgPath });
  return presentIncident(row, access);
}

const FACT_FIELDS = [
  'typeId',
  'severity',
  'nearMiss',
  'occurredAt',
  'discoveredAt',
  'awareAt',
  'orgUnitId',
  'facts',
  'causeCategory',
  'containedAt',
] as const;
const TEXT_FIELDS = ['title', 'description', 'information', 'location', 'rootCause'] as const;

function catalogProblems(body: UpdateIncidentBody): FieldError[] {
  const problems: FieldError[] = [];
  if (body.typeId && !incidentType(body.typeId))
    problems.push({ path: 'body.typeId', message: 'not in the incident type catalogue' });
  if (body.causeCategory && !typesCatalog().causes.some((c) => c.id === body.causeCategory))
    problems.push({ path: 'body.causeCategory', message: 'not in the cause catalogue' });
  const now = Date.now() + 5 * 60_000;
  for (const f of ['containedAt', 'awareAt', 'discoveredAt', 'occurredAt'] as const) {
    const v = body[f];
    if (v && new Date(v).getTime() > now) problems.push({ path: `body.${f}`, message: 'cannot be in the future' });
  }
  for (const f of ['secMaterialAt', 'nis2HandledAt'] as const) {
    const v = body.facts?.[f];
    if (v && new Date(v).getTime() > now) problems.push(fieldError(`body.facts.${f}`, 'incidents.in_future'));
  }
  return problems;
}

/** A materiality determination or the end of handling cannot come before the office became aware of the case. */
function eventProblems(facts: UpdateIncidentBody['facts'], awareAt: Date): FieldError[] {
  return (['secMaterialAt', 'nis2HandledAt'] as const)
    .filter((f) => facts?.[f] && new Date(facts[f]!).getTime() < awareAt.getTime())
    .map((f) => fieldError(`body.facts.${f}`, 'incidents.before_awareness', { at: { at: awareAt.toISOString() } }));
}

const toDate = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

/**
 * Changes a case: facts (the clocks follow), decisions, and its step. Every change is a timeline entry
 * and an audit event; a refused step change rolls back the whole request.
 */
export function updateIncident(ctx: Ctx, id: string, body: UpdateIncidentBody, expected?: Precondition) {
  const problems = catalogProblems(body);
  if (problems.length) throw invalid(problems);
  return inTransaction(ctx, async (tx, audit) => {
    const { row } = await loadForUpdate(tx, incidents, id, () => loadCase(tx, ctx, id, 'manage'), expected);
    const before = row.incident;
    let orgPath = row.orgPath;
    let siteId = before.siteId;
    if (body.orgUnitId && body.orgUnitId !== before.orgUnitId) {
      const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, body.orgUnitId));
      if (!unit || !covers(scopeOf(ctx.principal, 'incidents:manage'), unit.path))
        throw invalid([{ path: 'body.orgUnitId', message: 'unknown or outside your scope' }]);
      orgPath = unit.path;
      siteId = await siteOf(tx, unit);
    }
    const { status, reason, facts, taskDecisions, ...fields } = body;
    const early = eventProblems(facts, toDate(fields.awareAt) ?? before.awareAt);
    if (early.length) throw invalid(early);
    const [updated] = await tx
      .update(incidents)
      .set({
        ...fields,
        occurredAt: toDate(fields.occurredAt),
        discoveredAt: toDate(fields.discoveredAt) ?? undefined,
        awareAt: toDate(fields.awareAt) ?? undefined,
        containedAt: toDate(fields.containedAt),
        facts: facts ? { ...before.facts, ...facts } : undefined,
        siteId,
        updatedAt: new Date(),
      })
      .where(eq(incidents.id, id))
      .returning();
    let incident = updated!;
    const me = ctx.principal!.userId;
    const changed = [...FACT_FIELDS, ...TEXT_FIELDS].filter((f) => body[f] !== undefined);
    if (changed.length) {
      const facts = Object.fromEntries(FACT_FIELDS.filter((f) => body[f] !== undefined).map((f) => [f, body[f]]));
      await addEntry(tx, id, me, { kind: 'fact', text: `changed ${changed.join(', ')}`, data: { changed: facts } });
    }
    await syncClocks(tx, incident, me);
    if (status && status !== before.status) incident = await moveTo(tx, incident, status, reason, me, taskDecisions ?? []);
    else if (reason && !status) await addEntry(tx, id, me, { kind: 'note', text: reason });
    await audit({
      action: 'incident.update',
      targetType: 'incident',
      targetId: id,
      orgPath,
      before: incidentAuditView(before),
      after: { ...incidentAuditView(incident), changed },
    });
    const { row: fresh, access } = await loadCase(tx, ctx, id);
    return presentIncident(fresh, access);
  });
}

type IncidentRow = typeof incidents.$inferSelect;

/** A clock by its rule's title in both languages (and the customer's name for a contract clock). */
function clockName(ruleId: string, customer: string | null): { ja: string; en: string } {
  const rule = ruleById(ruleId);
  const suffix = customer ? ` (${customer})` : '';
  return { ja: (rule?.titleJa ?? ruleId) + suffix, en: (rule?.titleEn ?? ruleId) + suffix };
}

async function moveTo(
  tx: Db,
  incident: IncidentRow,
  to: IncidentRow['status'],
  reason: string | undefined,
  me: string,
  decisions: TaskDecision[],
) {
  const open = await tx
    .select({ ruleId: incidentDeadlines.ruleId, customer: incidentDeadlines.customer })
    .from(incidentDeadlines)
    .where(
      and(
        eq(incidentDeadlines.incidentId, incident.id),
        eq(incidentDeadlines.hard, true),
        isNull(incidentDeadlines.metAt),
        isNull(incidentDeadlines.waivedAt),
        isNull(incidentDeadlines.obsoleteAt),
      ),
    );
  const problems = transitionProblems(
    incident.status,
    to,
    {
      nearMiss: incident.nearMiss,
      containedAt: incident.containedAt,
      causeCategory: incident.causeCategory,
      openHardClocks: open.map((d) => clockName(d.ruleId, d.customer)),
    },
    reason,
  );
  const tasks = to === 'closed' ? await openTaskProblems(tx, incident.id, decisions) : undefined;
  if (tasks) problems.push(...tasks.problems);
  if (problems.length)
    throw unprocessable(
      tasks?.problems.length && problems.length === tasks.problems.length
        ? msg('incident.open_tasks', { tasks: tasks.undecided })
        : msg('incident.move_refused', { from: INCIDENT_STATUS_NAMES[incident.status], to: INCIDENT_STATUS_NAMES[to] }),
      problems,
    );
  if (tasks) await settleOpenTasks(tx, incident.id, tasks.open, decisions, me);
  const closedAt = to === 'closed' ? new Date() : null;
  const [row] = await tx.update(incidents).set({ status: to, closedAt }).where(eq(incidents.id, incident.id)).returning();
  await addEntry(tx, incident.id, me, {
    kind: 'status',
    text: `${incident.status} → ${to}${reason ? `: ${reason}` : ''}`,
    data: {
      from: incident.status,
      to,
      reason: reason ?? null,
      message: reason
        ? msg('timeline.status_reason', { from: INCIDENT_STATUS_NAMES[incident.status], to: INCIDENT_STATUS_NAMES[to], reason })
        : msg('timeline.status', { from: INCIDENT_STATUS_NAMES[incident.status], to: INCIDENT_STATUS_NAMES[to] }),
    },
  });
  return row!;
}
