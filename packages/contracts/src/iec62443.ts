import { z } from 'zod';
import { Str } from './common';

/**
 * IEC 62443-4-1 / 4-2 per product (issue #21, docs/iec62443.md): the component type and the target security level
 * per foundational requirement (SL-T), each 4-2 requirement's status with its evidence and owner, the capability
 * level reached per FR (SL-C, computed from the statuses, never typed), and a maturity level 1–4 per 4-1 practice.
 */
export const IEC62443_COMPONENT_TYPES = ['software_application', 'embedded_device', 'host_device', 'network_device'] as const;
export type Iec62443ComponentType = (typeof IEC62443_COMPONENT_TYPES)[number];
/** A requirement's status; no row means not assessed yet ("open"), which counts as not met. */
export const IEC62443_STATUSES = ['met', 'partly', 'not_met', 'not_applicable'] as const;
export type Iec62443Status = (typeof IEC62443_STATUSES)[number];
/** What a piece of evidence points to: a TARA, a test plan or an interface agreement of the same product, or a link. */
export const IEC62443_LINK_KINDS = ['tara_analysis', 'test_plan', 'interface_agreement', 'url'] as const;
export const IEC62443_PRACTICES = ['SM', 'SR', 'SD', 'SI', 'SVV', 'DM', 'SUM', 'SG'] as const;
export const IEC62443_FRS = ['fr1', 'fr2', 'fr3', 'fr4', 'fr5', 'fr6', 'fr7'] as const;

const Level = z.number().int().min(1).max(4);
/** One security level per foundational requirement, FR1…FR7. */
export const SlTarget = z.object({ fr1: Level, fr2: Level, fr3: Level, fr4: Level, fr5: Level, fr6: Level, fr7: Level }).strict();
export type SlTarget = z.infer<typeof SlTarget>;
/** The capability reached per FR: 0 when even SL 1 is not met. */
export const SlCapability = z.object({
  fr1: z.number().int(),
  fr2: z.number().int(),
  fr3: z.number().int(),
  fr4: z.number().int(),
  fr5: z.number().int(),
  fr6: z.number().int(),
  fr7: z.number().int(),
});
export type SlCapability = z.infer<typeof SlCapability>;

const Text = (max: number) => Str().trim().max(max).nullable().optional();

export const Iec62443LinkInput = z
  .object({
    kind: z.enum(IEC62443_LINK_KINDS),
    /** the record for tara_analysis, test_plan and interface_agreement (of the same product) */
    targetId: z.uuid().optional(),
    /** for url: https://… or a path of this application (/documents/…) */
    url: Str().trim().max(2000).optional(),
    label: Str().trim().max(200).optional(),
  })
  .strict();
export const Iec62443Link = z.object({
  kind: z.enum(IEC62443_LINK_KINDS),
  targetId: z.string().nullable(),
  url: z.string().nullable(),
  /** the label given, else the linked record's title */
  label: z.string().nullable(),
});
export type Iec62443Link = z.infer<typeof Iec62443Link>;

export const CreateIec62443Body = z
  .object({ componentType: z.enum(IEC62443_COMPONENT_TYPES), slTarget: SlTarget, note: Text(5000) })
  .strict();
export const UpdateIec62443Body = CreateIec62443Body.partial().strict();

export const Iec62443RequirementInput = z
  .object({
    /** a requirement or enhancement id of the 4-2 catalogue, e.g. "CR 1.1", "CR 1.1 RE(1)", "EDR 3.14" */
    requirementId: Str().trim().min(1).max(40),
    /** null takes the assessment back (open) */
    status: z.enum(IEC62443_STATUSES).nullable(),
    /** required with not_applicable */
    reason: Text(2000),
    evidence: Text(5000),
    links: z.array(Iec62443LinkInput).max(20).optional(),
    ownerId: z.uuid().nullable().optional(),
  })
  .strict();
export const PutIec62443RequirementsBody = z.object({ items: z.array(Iec62443RequirementInput).min(1).max(300) }).strict();

export const Iec62443PracticeInput = z
  .object({
    practice: z.enum(IEC62443_PRACTICES),
    /** null takes the rating back */
    level: Level.nullable(),
    evidence: Text(5000),
    links: z.array(Iec62443LinkInput).max(20).optional(),
    ownerId: z.uuid().nullable().optional(),
  })
  .strict();
export const PutIec62443PracticesBody = z.object({ items: z.array(Iec62443PracticeInput).min(1).max(8) }).strict();
export const Iec62443ExportQuery = z.object({ lang: z.enum(['ja', 'en']).optional() }).strict();

const Owner = { ownerId: z.string().nullable(), ownerName: z.string().nullable() };
export const Iec62443RequirementState = z.object({
  requirementId: z.string(),
  status: z.enum(IEC62443_STATUSES),
  reason: z.string().nullable(),
  evidence: z.string().nullable(),
  links: z.array(Iec62443Link),
  ...Owner,
  updatedAt: z.iso.datetime(),
});
export const Iec62443PracticeState = z.object({
  practice: z.enum(IEC62443_PRACTICES),
  level: z.number().int(),
  evidence: z.string().nullable(),
  links: z.array(Iec62443Link),
  ...Owner,
  updatedAt: z.iso.datetime(),
});

const Counts = z.object({
  inTarget: z.number().int(),
  met: z.number().int(),
  partly: z.number().int(),
  notMet: z.number().int(),
  notApplicable: z.number().int(),
  open: z.number().int(),
});
export const Iec62443Summary = z.object({
  productId: z.uuid(),
  productCode: z.string(),
  productNameJa: z.string(),
  productNameEn: z.string(),
  rowVersion: z.number().int(),
  componentType: z.enum(IEC62443_COMPONENT_TYPES),
  slTarget: SlTarget,
  slCapability: SlCapability,
  /** requirements within the target (component type and SL-T), by status */
  counts: Counts,
  updatedAt: z.iso.datetime(),
});
export type Iec62443Summary = z.infer<typeof Iec62443Summary>;

export const Iec62443Assessment = Iec62443Summary.extend({
  note: z.string().nullable(),
  /** per FR: the counts within its target */
  byFr: z.array(Counts.extend({ fr: z.number().int(), target: z.number().int(), capability: z.number().int() })),
  requirements: z.array(Iec62443RequirementState),
  practices: z.array(Iec62443PracticeState),
});
export type Iec62443Assessment = z.infer<typeof Iec62443Assessment>;

const Words = z.object({ title: z.string(), summary: z.string() });
export const Iec62443Catalog = z.object({
  componentTypes: z.array(
    z.object({ code: z.enum(IEC62443_COMPONENT_TYPES), prefix: z.string(), ja: z.string(), en: z.string() }),
  ),
  foundationalRequirements: z.array(z.object({ fr: z.number().int(), code: z.string(), ja: z.string(), en: z.string() })),
  /** 4-2, expanded: one entry per requirement and per enhancement, with the component types and lowest SL it applies to */
  requirements: z.array(
    z.object({
      id: z.string(),
      fr: z.number().int(),
      /** the base requirement of an enhancement, else null */
      baseId: z.string().nullable(),
      enhancement: z.number().int().nullable(),
      types: z.array(z.enum(IEC62443_COMPONENT_TYPES)),
      sl: z.number().int(),
      ja: Words,
      en: Words,
    }),
  ),
  maturityLevels: z.array(
    z.object({
      level: z.number().int(),
      ja: z.object({ name: z.string(), summary: z.string() }),
      en: z.object({ name: z.string(), summary: z.string() }),
    }),
  ),
  practices: z.array(
    z.object({
      code: z.enum(IEC62443_PRACTICES),
      ja: z.string(),
      en: z.string(),
      requirements: z.array(z.object({ id: z.string(), ja: Words, en: Words })),
    }),
  ),
});
export type Iec62443Catalog = z.infer<typeof Iec62443Catalog>;
