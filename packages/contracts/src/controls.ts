import { z } from 'zod';
import { ANNEX_A_THEMES } from './annex-a';
import { DayInput, RowVersion, Str } from './common';

/**
 * Controls catalogue (catalogs/iso27001-2022/), Statements of Applicability (SoA) per ISMS scope, and the
 * control-status requests that ask every unit in scope how far it has implemented chosen controls.
 */

export const CONTROL_TYPES = ['preventive', 'detective', 'corrective'] as const;
export const SECURITY_PROPERTIES = ['confidentiality', 'integrity', 'availability'] as const;
const Bilingual = z.object({ ja: z.string(), en: z.string() });

export const Control = z.object({
  id: z.string(),
  theme: z.enum(ANNEX_A_THEMES),
  types: z.array(z.enum(CONTROL_TYPES)),
  properties: z.array(z.enum(SECURITY_PROPERTIES)),
  title: Bilingual,
  guidance: Bilingual,
});
export type Control = z.infer<typeof Control>;

/** A control id of Annex A, e.g. 5.1 or 8.34 (checked against the catalogue by the server). */
export const ControlId = z.string().regex(/^[5-8]\.\d{1,2}$/, 'an Annex A control id such as 5.1');

export const SOA_STATUSES = ['draft', 'review', 'approved'] as const;
export const SoaStatus = z.enum(SOA_STATUSES);
export type SoaStatus = z.infer<typeof SoaStatus>;
export const IMPLEMENTATION_STATUSES = ['not_started', 'partial', 'implemented'] as const;
export const ImplementationStatus = z.enum(IMPLEMENTATION_STATUSES);
export type ImplementationStatus = z.infer<typeof ImplementationStatus>;

const Person = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const SoaVersionSummary = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: SoaStatus,
  rowVersion: RowVersion,
  createdAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  approvedBy: Person,
  returnReason: z.string().nullable(),
  /** how many controls are decided (applicable yes or no) out of 93 */
  decided: z.number().int(),
  applicable: z.number().int(),
});
export type SoaVersionSummary = z.infer<typeof SoaVersionSummary>;

export const Soa = z.object({
  id: z.uuid(),
  scope: z.object({ id: z.uuid(), name: Bilingual, kind: z.string() }),
  createdAt: z.iso.datetime(),
  approved: SoaVersionSummary.nullable(),
  open: SoaVersionSummary.nullable(),
});
export type Soa = z.infer<typeof Soa>;

export const CreateSoaBody = z.object({ scopeUnitId: z.uuid() }).strict();
export const SoaParams = z.object({ id: z.uuid() }).strict();
export const SoaVersionParams = z.object({ id: z.uuid(), v: z.coerce.number().int().min(1).max(100_000) }).strict();
export const SoaEntryParams = SoaVersionParams.extend({ controlId: ControlId }).strict();

export const SoaEvidence = z.object({
  id: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.iso.datetime(),
});
export type SoaEvidence = z.infer<typeof SoaEvidence>;

export const SoaEntry = z.object({
  controlId: z.string(),
  /** null while undecided */
  applicable: z.boolean().nullable(),
  justification: z.string(),
  status: ImplementationStatus,
  /** references to the policies and rules that implement the control (document names or numbers) */
  policies: z.array(z.string()),
  evidence: z.array(SoaEvidence),
  updatedAt: z.iso.datetime(),
});
export type SoaEntry = z.infer<typeof SoaEntry>;

/** A risk of the register (in the SoA's scope, and that the reader may read) that names a control as existing. */
export const SoaLinkedRisk = z.object({
  controlId: z.string(),
  riskId: z.uuid(),
  title: z.string(),
  residualLevel: z.object({ code: z.string(), labelJa: z.string(), labelEn: z.string(), colour: z.string() }),
});
export type SoaLinkedRisk = z.infer<typeof SoaLinkedRisk>;

export const SoaVersion = SoaVersionSummary.extend({
  soaId: z.uuid(),
  scope: Soa.shape.scope,
  entries: z.array(SoaEntry),
  /** the risks that rely on each control, from the risk register (today's register, not frozen with the version) */
  linkedRisks: z.array(SoaLinkedRisk),
});
export type SoaVersion = z.infer<typeof SoaVersion>;

const Text = (max: number) => Str().trim().max(max);

export const UpdateSoaEntryBody = z
  .object({
    applicable: z.boolean().nullable().optional(),
    justification: Text(4000).optional(),
    status: ImplementationStatus.optional(),
    policies: z.array(Text(300).min(1)).max(50).optional(),
  })
  .strict();

/** The entry after a change, with the version's new row version (the ETag of the version). */
export const SoaEntryChanged = SoaEntry.extend({ rowVersion: RowVersion });

export const ReturnSoaBody = z.object({ reason: Text(2000).min(1) }).strict();

export const AddSoaEvidenceBody = z
  .object({
    name: Text(255).min(1),
    mediaType: Str().max(100),
    /** base64 of the file, at most 10 MB decoded */
    contentBase64: Str().max(14_000_000),
  })
  .strict();

export const SoaDiffQuery = z
  .object({ from: z.coerce.number().int().min(1).max(100_000), to: z.coerce.number().int().min(1).max(100_000) })
  .strict();
export const SOA_FIELDS = ['applicable', 'justification', 'status', 'policies', 'evidence'] as const;
export const SoaDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      controlId: z.string(),
      fields: z.array(z.object({ field: z.enum(SOA_FIELDS), from: z.unknown(), to: z.unknown() })),
    }),
  ),
});
export type SoaDiff = z.infer<typeof SoaDiff>;

export const SoaExportQuery = z.object({ lang: z.enum(['ja', 'en']).optional() }).strict();

/* ---- control status per unit (管理施策の実施状況確認) ---------------------------------------------------------- */

export const CreateControlStatusRequestBody = z
  .object({
    title: Text(200).min(1),
    controlIds: z.array(ControlId).min(1).max(93),
    /** every unit in these subtrees gets one answer to give */
    unitIds: z.array(z.uuid()).min(1).max(100),
    dueDate: DayInput(),
  })
  .strict();

export const ControlStatusAnswerBody = z
  .object({
    answers: z
      .array(z.object({ controlId: ControlId, status: ImplementationStatus, comment: Text(2000).default('') }).strict())
      .min(1)
      .max(93),
  })
  .strict();
export const ControlStatusUnitParams = z.object({ id: z.uuid(), unitId: z.uuid() }).strict();

const Counts = z.object({
  units: z.number().int(),
  answered: z.number().int(),
  pending: z.number().int(),
  /** answers per implementation status, over all controls of the answered units */
  statuses: z.record(ImplementationStatus, z.number().int()),
});

export const ControlStatusAnswer = z.object({
  unit: z.object({ id: z.uuid(), name: Bilingual }),
  siteId: z.uuid().nullable(),
  status: z.enum(['pending', 'answered']),
  answers: z.array(z.object({ controlId: z.string(), status: ImplementationStatus, comment: z.string() })),
  answeredAt: z.iso.datetime().nullable(),
  answeredBy: z.string().nullable(),
  rowVersion: RowVersion,
});
export type ControlStatusAnswer = z.infer<typeof ControlStatusAnswer>;

export const ControlStatusRequestSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  controlIds: z.array(z.string()),
  dueDate: z.string(),
  createdAt: z.iso.datetime(),
  totals: Counts,
});
export const ControlStatusRequest = ControlStatusRequestSummary.extend({
  sites: z.array(Counts.extend({ site: z.object({ id: z.uuid(), name: Bilingual }).nullable() })),
  units: z.array(ControlStatusAnswer),
});
export type ControlStatusRequest = z.infer<typeof ControlStatusRequest>;
