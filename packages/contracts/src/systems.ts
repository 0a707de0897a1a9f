import { z } from 'zod';
import { DayInput, ListQuery, RowVersion, Str } from './common';

/**
 * IT, cloud and factory systems (issue #23, seed 004 and seed 002 III 2-4…2-7): an inventory of the group's own
 * systems with their protective measures, device coverage imported from EDR/EPP and MDM consoles, and the pre-use
 * review of a cloud service or new technology with the register of approved services.
 */
export const SYSTEM_KINDS = ['it', 'saas', 'iaas', 'network', 'ot'] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];
export const SYSTEM_STATUSES = ['active', 'retired'] as const;
export const BACKUP_FREQUENCIES = ['none', 'daily', 'weekly', 'monthly'] as const;
export const ERASURE_METHODS = ['overwrite', 'crypto_erase', 'degauss', 'physical_destruction'] as const;

const Name = () => Str().trim().min(1).max(200);
const Ref = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() });

export const SystemMeasures = z.object({
  epp: z.boolean(),
  edr: z.boolean(),
  mfa: z.boolean(),
  waf: z.boolean(),
  backupFrequency: z.enum(BACKUP_FREQUENCIES),
  /** the last time a restore from backup was tried and worked (2-7) */
  lastRestoreTestOn: z.string().nullable(),
  /** days the access and operation logs are kept (2-4-4) */
  logRetentionDays: z.number().int(),
  /** separated from the office network (2-5-1) */
  networkIsolated: z.boolean(),
});

export const System = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  name: z.string(),
  kind: z.enum(SYSTEM_KINDS),
  status: z.enum(SYSTEM_STATUSES),
  unit: Ref,
  administrator: Ref.nullable(),
  provider: Ref.nullable(),
  /** the highest class of information held (a class code of the unit's classification scheme) */
  maxClassCode: z.string(),
  internetFacing: z.boolean(),
  /** factory systems (kind ot): the production line, the zone where the equipment stands, the networks it reaches */
  productionLine: z.string(),
  zone: Ref.nullable(),
  conduits: z.array(z.string()),
  /** factory equipment: the supplier's product name and version, matched against supplier advisories (FSIRT) */
  product: z.string(),
  productVersion: z.string(),
  measures: SystemMeasures,
  notes: z.string(),
  /** a cloud service: the entry of the approved register that covers it */
  approvedService: z.object({ id: z.uuid(), serviceName: z.string(), maxClassCode: z.string() }).nullable(),
  /** how many information assets are recorded as stored here (`GET /api/systems/{id}/assets` lists those one may see) */
  storedAssets: z.number().int(),
  disposal: z
    .object({
      retiredOn: z.string(),
      erasureMethod: z.enum(ERASURE_METHODS).nullable(),
      certificateName: z.string().nullable(),
      contractor: Ref.nullable(),
    })
    .nullable(),
  openFindings: z.number().int(),
  can: z.object({ manage: z.boolean() }),
});
export type System = z.infer<typeof System>;

const MeasureInput = z
  .object({
    epp: z.boolean(),
    edr: z.boolean(),
    mfa: z.boolean(),
    waf: z.boolean(),
    backupFrequency: z.enum(BACKUP_FREQUENCIES),
    lastRestoreTestOn: DayInput().nullable(),
    logRetentionDays: z.number().int().min(0).max(3650),
    networkIsolated: z.boolean(),
  })
  .strict();

const SystemFields = {
  name: Name(),
  kind: z.enum(SYSTEM_KINDS),
  unitId: z.uuid(),
  administratorPersonId: z.uuid().nullable(),
  providerPartnerId: z.uuid().nullable(),
  maxClassCode: Str().trim().min(1).max(40),
  internetFacing: z.boolean(),
  productionLine: Str().trim().max(200),
  zoneId: z.uuid().nullable(),
  conduits: z.array(Str().trim().min(1).max(200)).max(50),
  product: Str().trim().max(200),
  productVersion: Str().trim().max(100),
  approvedServiceId: z.uuid().nullable(),
  measures: MeasureInput,
  notes: Str().trim().max(4000),
};
export const CreateSystemBody = z
  .object({
    ...SystemFields,
    administratorPersonId: SystemFields.administratorPersonId.default(null),
    providerPartnerId: SystemFields.providerPartnerId.default(null),
    productionLine: SystemFields.productionLine.default(''),
    zoneId: SystemFields.zoneId.default(null),
    conduits: SystemFields.conduits.default([]),
    product: SystemFields.product.default(''),
    productVersion: SystemFields.productVersion.default(''),
    approvedServiceId: SystemFields.approvedServiceId.default(null),
    notes: SystemFields.notes.default(''),
  })
  .strict();
export type CreateSystemBody = z.infer<typeof CreateSystemBody>;
export const UpdateSystemBody = z.object(SystemFields).partial().strict();
export type UpdateSystemBody = z.infer<typeof UpdateSystemBody>;

/** The information assets stored in a system (the whole set, replaced). */
export const SystemAssetsBody = z.object({ assetIds: z.array(z.uuid()).max(500) }).strict();
export type SystemAssetsBody = z.infer<typeof SystemAssetsBody>;
export const StoredAsset = z.object({
  id: z.uuid(),
  name: z.string(),
  classCode: z.string(),
  /** its class ranks above what the system's approval allows */
  aboveApproval: z.boolean(),
});
export const StoredAssets = z.object({ rowVersion: RowVersion, items: z.array(StoredAsset) });
export type StoredAssets = z.infer<typeof StoredAssets>;

/** Retiring a system (2-5-5): erased by us (method + certificate file), or by a disposal contractor under NDA. */
export const RetireSystemBody = z
  .object({
    retiredOn: DayInput(),
    erasureMethod: z.enum(ERASURE_METHODS).nullable().default(null),
    certificate: z
      .object({ fileName: Str().trim().min(1).max(200), mediaType: Str().max(100), contentBase64: z.string().max(14_000_000) })
      .strict()
      .nullable()
      .default(null),
    contractorPartnerId: z.uuid().nullable().default(null),
  })
  .strict();
export type RetireSystemBody = z.infer<typeof RetireSystemBody>;

export const SystemListQuery = ListQuery.extend({
  unitId: z.uuid().optional(),
  kind: z.enum(SYSTEM_KINDS).optional(),
  status: z.enum(SYSTEM_STATUSES).optional(),
  internetFacing: z.enum(['true', 'false']).optional(),
  /** only systems with an open coverage finding */
  gaps: z.enum(['true']).optional(),
}).strict();
export type SystemListQuery = z.infer<typeof SystemListQuery>;
/** The inventory as XLSX: the list's filters, and the language of the headers and values (default: the reader's). */
export const SystemExportQuery = SystemListQuery.omit({ limit: true, cursor: true })
  .extend({ lang: z.enum(['ja', 'en']).optional() })
  .strict();

// ------------------------------------------------------------------------------------------------------------------
// Coverage: devices imported from EDR/EPP consoles and MDM/directories
// ------------------------------------------------------------------------------------------------------------------

export const COVERAGE_SOURCE_KINDS = ['edr', 'mdm'] as const;
/** The fields a coverage CSV gives; `device` and `lastSeen` are required in every mapping. */
export const COVERAGE_FIELDS = ['device', 'user', 'lastSeen', 'agentVersion', 'patternDate', 'system'] as const;
export const COVERAGE_REQUIRED_FIELDS = ['device', 'lastSeen'] as const;
/** `above_class`: a cloud service holds an asset above the class its approval in the register allows. */
export const GAP_KINDS = ['no_edr', 'stale_pattern', 'not_seen', 'no_mfa', 'above_class'] as const;
export type GapKind = (typeof GAP_KINDS)[number];

const Column = Str().trim().min(1).max(100);
/**
 * A saved mapping: for each field, the column of the console's CSV that holds it (null: the console has none).
 * `device` and `lastSeen` are required: a mapping without them is refused naming the field.
 */
export const CoverageMapping = z
  .object({
    name: Name(),
    kind: z.enum(COVERAGE_SOURCE_KINDS),
    columns: z
      .object({
        device: Column.nullable().default(null),
        user: Column.nullable().default(null),
        lastSeen: Column.nullable().default(null),
        agentVersion: Column.nullable().default(null),
        patternDate: Column.nullable().default(null),
        system: Column.nullable().default(null),
      })
      .strict(),
  })
  .strict();
export type CoverageMapping = z.infer<typeof CoverageMapping>;
export const CoverageSource = CoverageMapping.extend({
  id: z.uuid(),
  rowVersion: RowVersion,
  lastImportAt: z.string().nullable(),
});
export type CoverageSource = z.infer<typeof CoverageSource>;

export const CoverageImportQuery = z.object({ unitId: z.uuid() }).strict();
export const CoverageImportResult = z.object({
  rows: z.number().int(),
  devices: z.number().int(),
  findingsOpened: z.number().int(),
  findingsClosed: z.number().int(),
});

export const CoverageRow = z.object({
  unit: Ref,
  devices: z.number().int(),
  withoutEdr: z.number().int(),
  stalePattern: z.number().int(),
  notSeen: z.number().int(),
  systems: z.number().int(),
  confidentialWithoutMfa: z.number().int(),
});
export const CoverageQuery = z.object({ by: z.enum(['unit', 'site']).default('unit') }).strict();

export const SystemFinding = z.object({
  id: z.uuid(),
  kind: z.enum(GAP_KINDS),
  system: Ref.nullable(),
  unit: Ref,
  device: z.string().nullable(),
  owner: Ref.nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type SystemFinding = z.infer<typeof SystemFinding>;
export const SystemFindingQuery = ListQuery.extend({
  unitId: z.uuid().optional(),
  kind: z.enum(GAP_KINDS).optional(),
  open: z.enum(['true', 'false']).default('true'),
}).strict();
