import { z } from 'zod';
import { DateTimeInput, Str } from './common';

/**
 * EU Cyber Resilience Act art. 14 reporting from a vulnerability case (issue 17): the case is marked actively
 * exploited (or a severe incident affecting the product's security), the stages' clocks run from the catalogue
 * catalogs/regulatory-reporting-rules.json, and the PSIRT records each submission and when a fix was available.
 */
export const CRA_REGIMES = ['cra-exploited-vulnerability', 'cra-severe-incident'] as const;
export const CRA_RECIPIENTS = ['enisa_srp', 'csirt_coordinator'] as const;
export const CRA_STAGE_STATUSES = ['waiting', 'pending', 'due_soon', 'overdue', 'met', 'met_late'] as const;

const Bilingual = z.object({ ja: z.string(), en: z.string() });

export const CraDeadline = z.object({
  id: z.uuid(),
  ruleId: z.string(),
  stage: z.string(),
  title: Bilingual,
  recipient: Bilingual,
  source: z.string(),
  checkWithLegal: z.boolean(),
  interpretation: Bilingual.nullable(),
  hard: z.boolean(),
  /** null while the stage waits for its start (the fix, an earlier submission) */
  startAt: z.iso.datetime().nullable(),
  warnAt: z.iso.datetime().nullable(),
  dueAt: z.iso.datetime().nullable(),
  /** what a waiting stage waits for, in words */
  waitingFor: Bilingual.nullable(),
  status: z.enum(CRA_STAGE_STATUSES),
  /** milliseconds until dueAt (negative when overdue); null when waiting or submitted */
  timeLeftMs: z.number().nullable(),
  submission: z
    .object({
      submittedAt: z.iso.datetime(),
      recipient: z.enum(CRA_RECIPIENTS),
      reference: z.string(),
      text: z.string(),
      submittedBy: z.string().nullable(),
    })
    .nullable(),
});

export const CraReporting = z.object({
  /** null: the case is not reportable under the CRA (not marked) */
  reporting: z
    .object({
      regime: z.enum(CRA_REGIMES),
      awareAt: z.iso.datetime(),
      evidence: z.string(),
      fixAvailableAt: z.iso.datetime().nullable(),
      fixNote: z.string().nullable(),
      markedAt: z.iso.datetime(),
      markedBy: z.string().nullable(),
    })
    .nullable(),
  deadlines: z.array(CraDeadline),
});

export const MarkCraBody = z
  .object({
    regime: z.enum(CRA_REGIMES).default('cra-exploited-vulnerability'),
    /** when the PSIRT became aware of the exploitation (or of the incident) */
    awareAt: DateTimeInput(),
    evidence: Str().trim().min(1).max(20_000),
  })
  .strict();

export const CraFixBody = z
  .object({
    /** when a corrective or mitigating measure became available to users */
    availableAt: DateTimeInput(),
    note: Str().trim().max(5000).optional(),
  })
  .strict();

export const CraSubmissionBody = z
  .object({
    ruleId: z.string().regex(/^[a-z0-9-]{1,60}$/),
    submittedAt: DateTimeInput(),
    recipient: z.enum(CRA_RECIPIENTS),
    reference: Str().trim().min(1).max(200),
    text: Str().trim().min(1).max(50_000),
  })
  .strict();
