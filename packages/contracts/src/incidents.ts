import { z } from 'zod';
import { DateTimeInput, Language, ListQuery, RowVersion, Str } from './common';

/** Case status: reported, then the steps of partner criteria 4-2 a), b), c), d), f), then closed. (e, the record, is the timeline.) */
export const INCIDENT_STATUSES = [
  'reported',
  'initial_response',
  'investigation',
  'notification',
  'public_statement',
  'prevention',
  'closed',
] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** The steps tasks belong to (4-2 a–f). */
export const INCIDENT_STEPS = [
  'initial_response',
  'investigation',
  'notification',
  'public_statement',
  'recording',
  'prevention',
] as const;
export const IncidentStep = z.enum(INCIDENT_STEPS);

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const Severity = z.enum(SEVERITIES);
export const DATA_KINDS = ['ordinary', 'sensitive', 'financial', 'credentials'] as const;
export const DataKind = z.enum(DATA_KINDS);

/** Catalogue ids (catalogs/incident-types.json): checked by the server against the catalogue. */
const CatalogId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a catalogue id');
const Country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. JP, DE')
  .max(2);
const Text = (max: number) => Str().trim().max(max);

export const Within = z
  .object({
    amount: z
      .number()
      .int()
      .min(1)
      .max(24 * 90),
    unit: z.enum(['hours', 'calendarDays', 'businessDays']),
  })
  .strict();
export const CustomerClock = z.object({ name: Text(200).min(1), within: Within }).strict();

/** What the regulatory clocks are computed from. */
export const IncidentFacts = z
  .object({
    personalData: z.boolean(),
    personCount: z.number().int().min(0).max(1e9).nullable(),
    countries: z.array(Country).max(60),
    dataKinds: z.array(DataKind).max(4),
    unlawfulPurpose: z.boolean(),
    /** GDPR art. 34: high risk to the data subjects' rights (the office's judgement). */
    highRisk: z.boolean(),
    customers: z.array(CustomerClock).max(50),
    /**
     * NIS2 art. 23(3): a significant incident at an entity in NIS2 scope (an EU subsidiary in an Annex I/II sector) —
     * the office's judgement; its clocks come from catalogs/regulatory-reporting-rules.json (issue 17).
     */
    nis2Significant: z.boolean().optional(),
    /**
     * NIS2 art. 23(4)(e): when the incident was handled, recorded when a progress report went instead of the final
     * report; starts the after-handling final report (one calendar month).
     */
    nis2HandledAt: DateTimeInput().nullable().optional(),
    /**
     * US SEC: when the company determined the incident material. Starts Form 8-K Item 1.05 (four business days) or
     * Form 6-K (promptly) by the company's filer type (setting `incidents.secDisclosure`, docs/regulatory.md).
     */
    secMaterialAt: DateTimeInput().nullable().optional(),
  })
  .strict();
export type IncidentFacts = z.infer<typeof IncidentFacts>;

export const Attachment = z
  .object({
    name: Text(255).min(1),
    mediaType: Str().max(100).default('application/octet-stream'),
    /** base64 of the file, at most 10 MB decoded */
    contentBase64: Str().max(14_000_000),
    description: Text(2000).optional(),
  })
  .strict();

/** The short report form: what, when, where, what information and how much, personal data, attachments. */
export const ReportIncidentBody = z
  .object({
    typeId: CatalogId,
    nearMiss: z.boolean().default(false),
    title: Text(200).min(1),
    description: Text(10_000).min(1),
    occurredAt: DateTimeInput().nullable().optional(),
    discoveredAt: DateTimeInput(),
    location: Text(500).default(''),
    information: Text(2000).default(''),
    /** the unit where it happened; defaults to the reporter's own unit */
    orgUnitId: z.uuid().optional(),
    personalData: z.boolean().default(false),
    personCount: z.number().int().min(0).max(1e9).nullable().optional(),
    countries: z.array(Country).max(60).default([]),
    dataKinds: z.array(DataKind).max(4).default([]),
    customers: z.array(CustomerClock).max(50).default([]),
    language: Language.default('ja'),
    attachments: z.array(Attachment).max(10).default([]),
  })
  .strict();

export const PersonRef = z.object({ id: z.uuid(), name: z.string() });

export const IncidentListItem = z.object({
  id: z.uuid(),
  number: z.string(),
  typeId: z.string(),
  severity: Severity,
  nearMiss: z.boolean(),
  status: IncidentStatus,
  title: z.string(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  orgUnitNameJa: z.string(),
  reportedAt: z.iso.datetime(),
  containedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  nextDueAt: z.iso.datetime().nullable(),
});
export type IncidentListItem = z.infer<typeof IncidentListItem>;

export const Incident = IncidentListItem.extend({
  rowVersion: RowVersion,
  description: z.string(),
  information: z.string(),
  location: z.string(),
  occurredAt: z.iso.datetime().nullable(),
  discoveredAt: z.iso.datetime(),
  awareAt: z.iso.datetime(),
  language: Language,
  reporter: PersonRef,
  facts: IncidentFacts,
  causeCategory: z.string().nullable(),
  rootCause: z.string(),
  updatedAt: z.iso.datetime(),
  /** what the caller may do on this case (the web app shows only these) */
  can: z.object({ manage: z.boolean(), contribute: z.boolean() }),
});
export type Incident = z.infer<typeof Incident>;

const DateTime = DateTimeInput();
export const IncidentListQuery = ListQuery.extend({
  status: z.union([IncidentStatus, z.literal('open')]).optional(),
  typeId: CatalogId.optional(),
  severity: Severity.optional(),
  nearMiss: z.enum(['true', 'false']).optional(),
  orgUnitId: z.uuid().optional(),
  from: DateTime.optional(),
  to: DateTime.optional(),
  mine: z.enum(['true', 'false']).optional(),
}).strict();
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;
export const IncidentExportQuery = IncidentListQuery.omit({ limit: true, cursor: true })
  .extend({ lang: Language.default('ja') })
  .strict();

export const UpdateIncidentBody = z
  .object({
    typeId: CatalogId,
    severity: Severity,
    nearMiss: z.boolean(),
    title: Text(200).min(1),
    description: Text(10_000).min(1),
    information: Text(2000),
    location: Text(500),
    occurredAt: DateTime.nullable(),
    discoveredAt: DateTime,
    awareAt: DateTime,
    orgUnitId: z.uuid(),
    facts: IncidentFacts.partial().strict(),
    causeCategory: CatalogId.nullable(),
    rootCause: Text(10_000),
    containedAt: DateTime.nullable(),
    status: IncidentStatus,
    /** why: required when moving back a step or reopening a closed case */
    reason: Text(2000).min(1),
    /** closing with open tasks: a decision on each (done, or not needed with a reason) */
    taskDecisions: z
      .array(
        z.object({ taskId: z.uuid(), decision: z.enum(['done', 'not_needed']), reason: Text(2000).min(1).optional() }).strict(),
      )
      .max(500),
  })
  .partial()
  .strict();
export type UpdateIncidentBody = z.infer<typeof UpdateIncidentBody>;

/** The steps' names in both languages, for messages the server sends (the web app has its own labels). */
export const INCIDENT_STATUS_NAMES: Record<z.infer<typeof IncidentStatus>, { ja: string; en: string }> = {
  reported: { ja: '報告受付', en: 'Reported' },
  initial_response: { ja: '初動対応', en: 'Initial response' },
  investigation: { ja: '原因調査', en: 'Investigation' },
  notification: { ja: '関係者連絡', en: 'Notification' },
  public_statement: { ja: '公表・当局報告', en: 'Public statement' },
  prevention: { ja: '再発防止', en: 'Prevention' },
  closed: { ja: '完了', en: 'Closed' },
};

export const TIMELINE_KINDS = [
  'report',
  'action',
  'decision',
  'message',
  'note',
  'status',
  'fact',
  'deadline',
  'evidence',
  'task',
  'member',
] as const;
export const TimelineEntry = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  kind: z.enum(TIMELINE_KINDS),
  /** when it happened (may be earlier than recordedAt: "we unplugged it at 10:05") */
  at: z.iso.datetime(),
  recordedAt: z.iso.datetime(),
  actor: PersonRef.nullable(),
  text: z.string(),
  data: z.unknown().nullable(),
  corrects: z.uuid().nullable(),
  correctedBy: z.uuid().nullable(),
});
export const CreateTimelineBody = z
  .object({
    kind: z.enum(['action', 'decision', 'message', 'note']),
    text: Text(10_000).min(1),
    at: DateTime.optional(),
    /** the entry this one corrects: entries are never changed or deleted */
    corrects: z.uuid().optional(),
  })
  .strict();

export const DEADLINE_STATUSES = ['pending', 'due_soon', 'overdue', 'met', 'met_late', 'waived', 'not_applicable'] as const;
export const Deadline = z.object({
  id: z.uuid(),
  ruleId: z.string(),
  title: z.object({ ja: z.string(), en: z.string() }),
  recipient: z.object({ ja: z.string(), en: z.string() }),
  law: z.string(),
  hard: z.boolean(),
  customer: z.string().nullable(),
  startAt: z.iso.datetime(),
  warnAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  metAt: z.iso.datetime().nullable(),
  metHow: z.string().nullable(),
  waivedReason: z.string().nullable(),
  status: z.enum(DEADLINE_STATUSES),
  /** milliseconds until dueAt (negative when overdue), null once met, waived or not applicable */
  timeLeftMs: z.number().nullable(),
  lastRemindedAt: z.iso.datetime().nullable(),
  escalatedAt: z.iso.datetime().nullable(),
});
export const DeadlineParams = z.object({ id: z.uuid(), deadlineId: z.uuid() }).strict();
export const MeetDeadlineBody = z.object({ metAt: DateTime.optional(), how: Text(2000).min(1) }).strict();
export const WaiveDeadlineBody = z.object({ reason: Text(2000).min(1) }).strict();

export * from './incidents-case';
