import { z } from 'zod';
import { DateTimeInput, Language, Str } from './common';

/** Case work around an incident: members, tasks, evidence; and the analysis views. */
const Text = (max: number) => Str().trim().max(max);
const DateTime = DateTimeInput();
const Step = z.enum(['initial_response', 'investigation', 'notification', 'public_statement', 'recording', 'prevention']);

export const IncidentMember = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  note: z.string(),
  addedAt: z.iso.datetime(),
});
export const AddMemberBody = z.object({ userId: z.uuid(), note: Text(500).default('') }).strict();
export const MemberParams = z.object({ id: z.uuid(), userId: z.uuid() }).strict();
/** Who may be added to a case (or own one of its tasks): active internal accounts, by name or email. */
export const MemberCandidatesQuery = z.object({ q: Text(100).optional() }).strict();
export const MemberCandidate = z.object({ id: z.uuid(), name: z.string(), email: z.string() });
export const MemberCandidates = z.object({ items: z.array(MemberCandidate) });

export const IncidentTask = z.object({
  id: z.uuid(),
  step: Step,
  titleJa: z.string(),
  titleEn: z.string(),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  dueAt: z.iso.datetime().nullable(),
  doneAt: z.iso.datetime().nullable(),
  /** settled as not needed (when the case was closed), with why; null for a task done or still open */
  notNeededReason: z.string().nullable(),
  fromTemplate: z.boolean(),
});
export const CreateTaskBody = z
  .object({
    step: Step,
    title: Text(500).min(1),
    ownerId: z.uuid().nullable().optional(),
    dueAt: DateTime.nullable().optional(),
  })
  .strict();
export const UpdateTaskBody = z
  .object({ ownerId: z.uuid().nullable(), dueAt: DateTime.nullable(), done: z.boolean() })
  .partial()
  .strict();
export const TaskParams = z.object({ id: z.uuid(), taskId: z.uuid() }).strict();

export const CustodyEntry = z.object({
  at: z.iso.datetime(),
  action: z.string(),
  by: z.string(),
  to: z.string().nullable(),
  note: z.string(),
});
export const Evidence = z.object({
  id: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  description: z.string(),
  collectedAt: z.iso.datetime(),
  custody: z.array(CustodyEntry),
});
export const AddEvidenceBody = z
  .object({
    name: Text(255).min(1),
    mediaType: Str().max(100).default('application/octet-stream'),
    contentBase64: Str().max(14_000_000),
    description: Text(2000).default(''),
  })
  .strict();
export const EvidenceParams = z.object({ id: z.uuid(), evidenceId: z.uuid() }).strict();
export const CustodyBody = z
  .object({
    action: z.enum(['transferred', 'sealed', 'examined', 'returned', 'disposed']),
    to: Text(200).optional(),
    note: Text(2000).default(''),
  })
  .strict();

export const StatsQuery = z
  .object({
    from: DateTime.optional(),
    to: DateTime.optional(),
    orgUnitId: z.uuid().optional(),
    lang: Language.default('en'),
  })
  .strict();
const Bucket = z.object({
  key: z.string(),
  label: z.string().optional(),
  incidents: z.number().int(),
  nearMisses: z.number().int(),
});
export const IncidentStats = z.object({
  totals: z.object({
    incidents: z.number().int(),
    nearMisses: z.number().int(),
    open: z.number().int(),
    closed: z.number().int(),
  }),
  byType: z.array(Bucket),
  bySite: z.array(Bucket),
  byCause: z.array(Bucket),
  byMonth: z.array(Bucket),
  bySeverity: z.array(Bucket),
  /** from awareness to containment, hours; null when no case in the period was contained */
  timeToContainHours: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
  /** from report to closure, days */
  timeToCloseDays: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
});
export type IncidentStats = z.infer<typeof IncidentStats>;

export const SummaryQuery = z.object({ lang: Language.default('ja') }).strict();
/** A case told without names, addresses or personal data: for all-employee education (4-2 f). */
export const IncidentSummary = z.object({
  reference: z.string(),
  language: Language,
  type: z.string(),
  severity: z.string(),
  nearMiss: z.boolean(),
  period: z.string(),
  site: z.string(),
  cause: z.string().nullable(),
  sections: z.array(z.object({ heading: z.string(), text: z.string() })),
  redactions: z.number().int(),
});
