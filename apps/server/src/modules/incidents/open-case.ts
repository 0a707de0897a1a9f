import type { Attachment, IncidentFacts, PartnerReportFacts } from '@mamori/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { holdersOf, nearestHoldersOf } from '../../platform/access/holders';
import { queueMail } from '../../platform/mail/outbox';
import { notify } from '../../platform/notifications/notify';
import type { Audit, Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { incidentType, typesCatalog, type TypesCatalog } from './catalog';
import { syncClocks } from './clocks';
import { storeEvidence } from './evidence';
import { incidentMails } from './mails';
import { incidentAuditView } from './present';
import { tokyoMonth } from './stats-window';
import { incidentCounters, incidentMembers, incidents, incidentTasks } from './tables';
import { addEntry } from './timeline';

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

type IncidentType = TypesCatalog['types'][number];
type Unit = typeof orgUnits.$inferSelect;

export interface NewCase {
  type: IncidentType;
  nearMiss: boolean;
  title: string;
  description: string;
  information: string;
  location: string;
  language: 'ja' | 'en';
  occurredAt: Date | null;
  discoveredAt: Date;
  /** when the company became aware: the regulatory clocks start here */
  awareAt: Date;
  facts: IncidentFacts;
  attachments: z.infer<typeof Attachment>[];
  partnerId?: string;
  partnerReport?: PartnerReportFacts;
  now: Date;
}

/**
 * Opens a case in `unit`, reported by the caller: its tasks from the type's templates, its clocks from the
 * facts, the nearest organisation heads added as members, and a mail at once to them and to the security
 * offices whose scope covers the unit. Runs inside the caller's transaction, with its audit event.
 */
export async function openCase(tx: Db, audit: Audit, ctx: Ctx, config: Config, unit: Unit, c: NewCase) {
  const me = ctx.principal!;
  const [row] = await tx
    .insert(incidents)
    .values({
      number: await nextNumber(tx, c.now),
      typeId: c.type.id,
      severity: c.type.defaultSeverity,
      nearMiss: c.nearMiss,
      title: c.title,
      description: c.description,
      information: c.information,
      location: c.location,
      language: c.language,
      occurredAt: c.occurredAt,
      discoveredAt: c.discoveredAt,
      awareAt: c.awareAt,
      reportedAt: c.now,
      reportedMonth: tokyoMonth(c.now),
      orgUnitId: unit.id,
      siteId: await siteOf(tx, unit),
      reporterId: me.userId,
      facts: c.facts,
      partnerId: c.partnerId ?? null,
      partnerReport: c.partnerReport ?? null,
    })
    .returning();
  const incident = row!;
  await addEntry(tx, incident.id, me.userId, {
    kind: 'report',
    text: `${incident.number} reported: ${incident.title}`,
    at: c.now,
    data: { typeId: c.type.id, nearMiss: incident.nearMiss, ...(c.partnerId ? { partnerId: c.partnerId } : {}) },
  });
  await addTemplateTasks(tx, incident.id, c.type.id, c.now);
  for (const [i, a] of c.attachments.entries())
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
    after: { ...incidentAuditView(incident), ...(c.partnerId ? { partnerId: c.partnerId } : {}) },
  });
  const offices = await holdersOf(tx, 'incidents:manage', unit.path);
  const to = new Map([...heads, ...offices].filter((u) => u.id !== me.userId).map((u) => [u.email, u]));
  const mail = incidentMails.reported(
    incident.number,
    c.type,
    { ja: unit.nameJa || unit.nameEn, en: unit.nameEn },
    incident.nearMiss,
    `${config.publicUrl}/incidents/${incident.id}`,
  );
  for (const email of to.keys()) await queueMail(tx, { to: email, ...mail });
  await notify(tx, {
    to: to.values(),
    kind: incident.nearMiss ? 'incident.near-miss-reported' : 'incident.reported',
    params: {
      number: incident.number,
      type: { ja: c.type.ja, en: c.type.en },
      unit: { ja: unit.nameJa, en: unit.nameEn },
    },
    link: `/incidents/${incident.id}`,
    except: me.userId,
  });
  return incident;
}
