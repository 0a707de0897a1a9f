import { z } from 'zod';
import { ROLES } from './access';
import { DayInput, RowVersion, Str } from './common';

/**
 * Policies and rules (規程・ガイドライン, issue #12): the group's information security policy, the common guideline and
 * the standard guides per activity (標準手引書). A document is versioned: draft → review → approved (the CISO) →
 * published; the published version is what its readers see and acknowledge. Bodies are Markdown (ja + en),
 * rendered by the web app into elements, never as HTML, so no script in a body can run.
 */
export const DOCUMENT_KINDS = ['policy', 'guideline', 'guide'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_VERSION_STATUSES = ['draft', 'review', 'approved', 'published', 'superseded'] as const;
export type DocumentVersionStatus = (typeof DOCUMENT_VERSION_STATUSES)[number];

const Text = (max: number) => Str().trim().max(max);
const Body = () => Str().max(200_000);
const Name = z.object({ ja: z.string(), en: z.string() });

export const DocumentParams = z.object({ id: z.uuid() }).strict();
export const DocumentVersionParams = z.object({ id: z.uuid(), v: z.coerce.number().int().min(1).max(100_000) }).strict();

export const CreateDocumentBody = z
  .object({
    kind: z.enum(DOCUMENT_KINDS),
    /** a short stable key, e.g. `guide-take-out` */
    key: Str()
      .max(60)
      .regex(/^[a-z0-9][a-z0-9-]*$/),
    /** the activity a standard guide serves (asset inventory, risk assessment…), free text */
    activity: Text(100).optional(),
    /** the unit whose subtree it applies to; omitted: the whole group */
    scopeUnitId: z.uuid().nullable().optional(),
    /** the roles it applies to; empty: everyone in scope */
    roles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
    requiresAck: z.boolean().default(false),
    titleJa: Text(200).min(1),
    titleEn: Text(200).min(1),
    bodyJa: Body().default(''),
    bodyEn: Body().default(''),
  })
  .strict();

export const UpdateDocumentBody = z
  .object({
    activity: Text(100).nullable().optional(),
    roles: z.array(z.enum(ROLES)).max(ROLES.length).optional(),
    requiresAck: z.boolean().optional(),
    reviewDueOn: DayInput().optional(),
  })
  .strict();

export const UpdateDocumentVersionBody = z
  .object({
    titleJa: Text(200).min(1).optional(),
    titleEn: Text(200).min(1).optional(),
    bodyJa: Body().optional(),
    bodyEn: Body().optional(),
    changeSummary: Text(2000).optional(),
  })
  .strict();

export const ReturnDocumentBody = z.object({ reason: Text(2000).min(1) }).strict();

/** The yearly review: no change (the review date moves a year on) or a revision (a new draft from the published text). */
export const ReviewDocumentBody = z.object({ outcome: z.enum(['unchanged', 'revise']), reason: Text(2000).min(1) }).strict();

export const AddDocumentFileBody = z
  .object({
    name: Text(255).min(1),
    mediaType: Str().max(100),
    /** base64 of the file, at most 10 MB decoded */
    contentBase64: Str().max(14_000_000),
  })
  .strict();

export const DocumentListQuery = z
  .object({
    q: Str().trim().max(200).optional(),
    kind: z.enum(DOCUMENT_KINDS).optional(),
    /** `manage`: every document the office manages, drafts too (documents:manage) */
    view: z.enum(['portal', 'manage']).default('portal'),
  })
  .strict();

export const DocumentFile = z.object({
  id: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

export const DocumentVersionSummary = z.object({
  number: z.number().int(),
  status: z.enum(DOCUMENT_VERSION_STATUSES),
  titleJa: z.string(),
  titleEn: z.string(),
  changeSummary: z.string(),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const DocumentVersion = DocumentVersionSummary.extend({
  rowVersion: RowVersion,
  documentId: z.uuid(),
  bodyJa: z.string(),
  bodyEn: z.string(),
  returnReason: z.string().nullable(),
  files: z.array(DocumentFile),
});
export type DocumentVersion = z.infer<typeof DocumentVersion>;

export const DocumentSummary = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  kind: z.enum(DOCUMENT_KINDS),
  key: z.string(),
  activity: z.string().nullable(),
  scope: z.object({ id: z.uuid(), name: Name }).nullable(),
  roles: z.array(z.enum(ROLES)),
  requiresAck: z.boolean(),
  reviewDueOn: z.string().nullable(),
  title: Name,
  /** the published version's number; null before the first publication */
  publishedVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  /** the newest version not yet published (draft, review or approved), for the offices */
  openVersion: z.object({ number: z.number().int(), status: z.enum(DOCUMENT_VERSION_STATUSES) }).nullable(),
  /** whether the reader acknowledged the published version (null when it asks for none) */
  acknowledged: z.boolean().nullable(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentDetail = DocumentSummary.extend({
  /** the published version in full (readers), null before publication */
  published: DocumentVersion.nullable(),
  /** every version (offices only; readers get an empty list) */
  versions: z.array(DocumentVersionSummary),
  acknowledgedAt: z.string().nullable(),
  canManage: z.boolean(),
  canApprove: z.boolean(),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const DocumentAck = z.object({ version: z.number().int(), acknowledgedAt: z.string() });

export const AckRateUnit = z.object({
  unit: z.object({ id: z.uuid(), name: Name }),
  people: z.number().int(),
  acknowledged: z.number().int(),
  /** 0 … 1; null when the unit has nobody the document applies to */
  rate: z.number().nullable(),
});
export const AckRates = z.object({
  version: z.number().int().nullable(),
  people: z.number().int(),
  acknowledged: z.number().int(),
  rate: z.number().nullable(),
  units: z.array(AckRateUnit),
});
export type AckRates = z.infer<typeof AckRates>;

export const AckMissingQuery = z.object({ unitId: z.uuid() }).strict();
export const AckMissing = z.object({
  items: z.array(z.object({ personId: z.uuid(), employeeNo: z.string(), name: Name, email: z.string().nullable() })),
  more: z.boolean(),
});
