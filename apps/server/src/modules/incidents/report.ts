import type { ReportIncidentBody } from '@mamori/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { holdersOf, nearestHoldersOf } from '../../platform/access/holders';
import { covers, scopeOf } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { AppError, invalid } from '../../platform/errors/app-error';
import { queueMail } from '../../platform/mail/outbox';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits, people } from '../org/tables';
import { incidentType, typesCatalog } from './catalog';
import { syncClocks } from './clocks';
import { MAX_EVIDENCE_BYTES, storeEvidence } from './evidence';
import { incidentMails } from './mails';
import { tokyoMonth } from './stats-window';
import { incidentAuditView, presentIncident } from './present';
import { incidentCounters, incidentMembers, incidents, incidentTasks } from './tables';
import { addEntry } from './timeline';
import { loadCase } from './visibility';

type Body = z.infer<typeof ReportIncidentBody>;
type Unit = typeof orgUnits.$inferSelect;

/** The next number of the year (Asia/Tokyo): INC-2026-00001. The counter row serialises concurrent reports. */
export async function nextNumber(tx: Db, at: Date): Promise<string> {
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Tokyo', year: 'numeric' }).format(at));
  const [row] = await tx
    .insert(incidentCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: incidentCounters.year, set: { last: sql`${incidentCounters.last} + 1` } })
    .returning({ last: incidentCounters.last });
  return `INC-${year}-${String(row!.last).padStart(5, '0')}`;
}

/** The unit a report belongs to: the one named (own unit or within the reporter's scope), else the reporter's own. */
async function reportUnit(tx: Db, ctx: Ctx, orgUnitId: string | undefined): Promise<Unit> {
  const [own] = await tx
    .select({ unit: orgUnits })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(eq(users.id, ctx.principal!.userId));
  if (!orgUnitId) {
    const grantUnit = ctx.principal!.grants.find((g) => g.orgUnitId)?.orgUnitId;
    if (own) return own.unit;
    if (grantUnit) return reportUnit(tx, ctx, grantUnit);
    throw invalid([{ path: 'body.orgUnitId', message: 'required: your account is not linked to an org unit' }]);
  }
  const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, orgUnitId));
  if (!unit || (unit.id !== own?.unit.id && !covers(scopeOf(ctx.principal, 'incidents:report'), unit.path)))
    throw invalid([{ path: 'body.orgUnitId', message: 'unknown or outside your organisation' }]);
  return unit;
}

/** The site a unit belongs to (its nearest ancestor-or-self of kind 'site'), for the statistics. */
export async function siteOf(tx: Db, unit: Unit): Promise<string | null> {
  const [site] = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'site'), sql`${unit.path} LIKE ${orgUnits.path} || '%'`))
    .orderBy(sql`${orgUnits.depth} DESC`)
    .limit(1);
  return site?.id ?? null;
}

export async function addTemplateTasks(tx: Db, incidentId: string, typeId: string, from: Date) {
  const templates = [...typesCatalog().commonTasks, ...(incidentType(typeId)?.tasks ?? [])];
  const steps = typesCatalog().steps.map((s) => s.id);
  templates.sort((a, b) => steps.indexOf(a.step) - steps.indexOf(b.step));
  if (!templates.length) return;
  await tx.insert(incidentTasks).values(
    templates.map((t, position) => ({
      incidentId,
      step: t.step,
      titleJa: t.ja,
      titleEn: t.en,
      dueAt: new Date(from.getTime() + t.dueDays * 86_400_000),
      fromTemplate: true,
      position,
    })),
  );
}

/**
 * A report from anyone: the case opens with its tasks from the type's templates, its clocks from the
 * facts, the nearest organisation heads added as members, and a mail at once to them and to the
 * security offices whose scope covers the unit.
 */
export function reportIncident(ctx: Ctx, config: Config, body: Body) {
  const type = incidentType(body.typeId);
  if (!type) throw invalid([{ path: 'body.typeId', message: 'not in the incident type catalogue' }]);
  const total = body.attachments.reduce((n, a) => n + Math.floor((a.contentBase64.length * 3) / 4), 0);
  if (total > MAX_EVIDENCE_BYTES) throw new AppError('payload-too-large', 'Attachments are at most 10 MB in all.');
  const now = new Date();
  const discoveredAt = new Date(body.discoveredAt);
  if (discoveredAt.getTime() > now.getTime() + 5 * 60_000)
    throw invalid([{ path: 'body.discoveredAt', message: 'cannot be in the future' }]);
  const me = ctx.principal!;
  return inTransaction(ctx, async (tx, audit) => {
    const unit = await reportUnit(tx, ctx, body.orgUnitId);
    const [row] = await tx
      .insert(incidents)
      .values({
        number: await nextNumber(tx, now),
        typeId: type.id,
        severity: type.defaultSeverity,
        nearMiss: body.nearMiss,
        title: body.title,
        description: body.description,
        information: body.information,
        location: body.location,
        language: body.language,
        occurredAt: body.occurredAt ? new Date(body.occurredAt) : null,
        discoveredAt,
        // APPI and GDPR count from when the company knew: any part of it, so the discovery.
        awareAt: discoveredAt,
        reportedAt: now,
        reportedMonth: tokyoMonth(now),
        orgUnitId: unit.id,
        siteId: await siteOf(tx, unit),
        reporterId: me.userId,
        facts: {
          personalData: body.personalData,
          personCount: body.personCount ?? null,
          countries: [...new Set(body.countries)],
          dataKinds: [...new Set(body.dataKinds)],
          unlawfulPurpose: false,
          highRisk: false,
          customers: body.customers,
        },
      })
      .returning();
    const incident = row!;
    await addEntry(tx, incident.id, me.userId, {
      kind: 'report',
      text: `${incident.number} reported: ${incident.title}`,
      at: now,
      data: { typeId: type.id, nearMiss: incident.nearMiss },
    });
    await addTemplateTasks(tx, incident.id, type.id, now);
    for (const [i, a] of body.attachments.entries())
      await storeEvidence(tx, incident.id, { id: me.userId, label: ctx.actor.label }, a, `body.attachments.${i}.contentBase64`);
    const heads = (await nearestHoldersOf(tx, 'incidents:receive', unit.path)).filter((h) => h.id !== me.userId);
    if (heads.length)
      await tx
        .insert(incidentMembers)
        .values(heads.map((h) => ({ incidentId: incident.id, userId: h.id, note: 'organisation head' })));
    await syncClocks(tx, incident, me.userId);
    await audit({
      action: 'incident.report',
      targetType: 'incident',
      targetId: incident.id,
      orgPath: unit.path,
      after: incidentAuditView(incident),
    });
    const offices = await holdersOf(tx, 'incidents:manage', unit.path);
    const to = new Map([...heads, ...offices].filter((u) => u.id !== me.userId).map((u) => [u.email, u]));
    const mail = incidentMails.reported(
      incident.number,
      type,
      unit.nameEn,
      incident.nearMiss,
      `${config.publicUrl}/incidents/${incident.id}`,
    );
    for (const email of to.keys()) await queueMail(tx, { to: email, ...mail });
    const { row: joined, access } = await loadCase(tx, ctx, incident.id);
    return presentIncident(joined, access);
  });
}
