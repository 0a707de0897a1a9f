import { z } from 'zod';
import { ROLES } from './access';
import { DateTimeInput, DayInput, ListQuery, RowVersion, Str } from './common';

/**
 * Physical security zones (ゾーン管理, seed 002 2-3): per site a tree of zones, each with the highest asset class it
 * may hold, who may enter and how, camera coverage and how long entry records are kept (2-3-4); bring-in requests
 * for devices and media (2-3-5); a visitor log per zone with a daily check of who was where they may not enter.
 */
/** The group's zone kinds, least strict first (catalogs/zone-kinds.json holds their names and descriptions). */
export const ZONE_KINDS = ['reception', 'office', 'restricted'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];
export const ENTRY_METHODS = ['id_card', 'face', 'escort'] as const;
export type EntryMethod = (typeof ENTRY_METHODS)[number];

const Name = () => Str().trim().min(1).max(200);

export const ZonePerson = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() });

export const Zone = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  siteId: z.uuid(),
  siteNameJa: z.string(),
  siteNameEn: z.string(),
  parentId: z.uuid().nullable(),
  kind: z.enum(ZONE_KINDS),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  /** the highest class (code of the site's classification scheme) that may be kept or handled here */
  maxClassCode: z.string(),
  owner: ZonePerson,
  ownerUnitId: z.uuid().nullable(),
  /** every internal person may enter */
  entryAll: z.boolean(),
  entryRoles: z.array(z.enum(ROLES)),
  entryPeople: z.array(ZonePerson),
  entryMethods: z.array(z.enum(ENTRY_METHODS)),
  cameras: z.boolean(),
  /** days the entry records (and camera images) are kept */
  retentionDays: z.number().int(),
  assetCount: z.number().int(),
  can: z.object({ manage: z.boolean(), approve: z.boolean(), visitors: z.boolean() }),
});
export type Zone = z.infer<typeof Zone>;

const ZoneFields = {
  parentId: z.uuid().nullable(),
  kind: z.enum(ZONE_KINDS),
  code: Str().trim().min(1).max(40),
  nameJa: Name(),
  nameEn: Name(),
  maxClassCode: Str().trim().min(1).max(40),
  ownerPersonId: z.uuid(),
  ownerUnitId: z.uuid().nullable(),
  entryAll: z.boolean(),
  entryRoles: z.array(z.enum(ROLES)).max(ROLES.length),
  entryPersonIds: z.array(z.uuid()).max(500),
  entryMethods: z.array(z.enum(ENTRY_METHODS)).min(1).max(ENTRY_METHODS.length),
  cameras: z.boolean(),
  retentionDays: z.number().int().min(1).max(3650),
};
export const CreateZoneBody = z
  .object({
    siteId: z.uuid(),
    ...ZoneFields,
    parentId: ZoneFields.parentId.default(null),
    ownerUnitId: ZoneFields.ownerUnitId.default(null),
  })
  .strict();
export type CreateZoneBody = z.infer<typeof CreateZoneBody>;
export const UpdateZoneBody = z.object(ZoneFields).partial().strict();
export type UpdateZoneBody = z.infer<typeof UpdateZoneBody>;

export const ZoneListQuery = z.object({ siteId: z.uuid().optional() }).strict();

export const ZoneSite = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string(), zones: z.array(Zone) });

/** An asset kept in a zone. */
export const ZoneAsset = z.object({
  assetId: z.uuid(),
  name: z.string(),
  classCode: z.string(),
  unitId: z.uuid(),
  placedAt: z.string(),
});
/** Where an asset is kept (`GET /api/assets/{id}/zone`): null when in no zone, or in one the reader does not see. */
export const AssetZone = z.object({
  zone: z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() }).nullable(),
});
export const PlaceAssetBody = z.object({ assetId: z.uuid() }).strict();
export const ZoneAssetParams = z.object({ id: z.uuid(), assetId: z.uuid() }).strict();

// ---------------------------------------------------------------------------------------------------------------
// Bring-ins (持込申請, 2-3-5)
// ---------------------------------------------------------------------------------------------------------------
export const BRING_IN_DEVICES = ['laptop', 'smartphone', 'tablet', 'storage_media', 'camera', 'instrument', 'other'] as const;
export const BRINGER_KINDS = ['visitor', 'contractor', 'employee'] as const;
export const BRING_IN_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
/** What a reader sees: a pending or approved bring-in past its last day is `expired`. */
export const BRING_IN_STATES = ['pending', 'approved', 'rejected', 'cancelled', 'expired'] as const;
export type BringInState = (typeof BRING_IN_STATES)[number];

export const CreateBringInBody = z
  .object({
    zoneId: z.uuid(),
    bringerKind: z.enum(BRINGER_KINDS),
    bringerName: Name(),
    bringerCompany: Str().trim().max(200).default(''),
    device: z.enum(BRING_IN_DEVICES),
    deviceNote: Str().trim().max(500).default(''),
    purpose: Str().trim().min(1).max(1000),
    periodFrom: DayInput(),
    periodTo: DayInput(),
  })
  .strict();
export type CreateBringInBody = z.infer<typeof CreateBringInBody>;

export const DecideBringInBody = z
  .object({ decision: z.enum(['approve', 'reject']), comment: Str().trim().max(1000).default('') })
  .strict();

export const BringIn = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  zoneId: z.uuid(),
  zoneNameJa: z.string(),
  zoneNameEn: z.string(),
  siteId: z.uuid(),
  requesterId: z.uuid(),
  requesterName: z.string(),
  bringerKind: z.enum(BRINGER_KINDS),
  bringerName: z.string(),
  bringerCompany: z.string(),
  device: z.enum(BRING_IN_DEVICES),
  deviceNote: z.string(),
  purpose: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(BRING_IN_STATUSES),
  state: z.enum(BRING_IN_STATES),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string(),
  createdAt: z.string(),
  can: z.object({ decide: z.boolean(), cancel: z.boolean() }),
});
export type BringIn = z.infer<typeof BringIn>;

export const BringInListQuery = ListQuery.extend({
  /** mine: my requests; toApprove: waiting for me; zone: of one zone (its owner, the offices) */
  view: z.enum(['mine', 'toApprove', 'all']).default('mine'),
  zoneId: z.uuid().optional(),
  state: z.enum(BRING_IN_STATES).optional(),
}).strict();

// ---------------------------------------------------------------------------------------------------------------
// Visitor log (入退室記録, 2-3-4) and the daily check
// ---------------------------------------------------------------------------------------------------------------
export const ZoneVisit = z.object({
  id: z.uuid(),
  zoneId: z.uuid(),
  personId: z.uuid().nullable(),
  visitorName: z.string(),
  visitorCompany: z.string(),
  hostPersonId: z.uuid().nullable(),
  hostName: z.string().nullable(),
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
  source: z.enum(['manual', 'import']),
  finding: z.enum(['not_allowed', 'unescorted']).nullable(),
});
export type ZoneVisit = z.infer<typeof ZoneVisit>;

export const ZoneVisitListQuery = ListQuery.extend({
  from: DayInput().optional(),
  to: DayInput().optional(),
  findings: z.enum(['true', 'false']).optional(),
}).strict();

export const CreateZoneVisitBody = z
  .object({
    personId: z.uuid().nullable().default(null),
    visitorName: Str().trim().max(200).default(''),
    visitorCompany: Str().trim().max(200).default(''),
    hostPersonId: z.uuid().nullable().default(null),
    enteredAt: DateTimeInput(),
    leftAt: DateTimeInput().nullable().default(null),
  })
  .strict();

export const ZoneVisitImportResult = z.object({ created: z.number().int() });

export const ZoneFinding = z.object({
  id: z.uuid(),
  zoneId: z.uuid(),
  zoneNameJa: z.string(),
  zoneNameEn: z.string(),
  visitId: z.uuid(),
  who: z.string(),
  reason: z.enum(['not_allowed', 'unescorted']),
  enteredAt: z.string(),
  foundOn: z.string(),
  closedAt: z.string().nullable(),
});
export type ZoneFinding = z.infer<typeof ZoneFinding>;
export const ZoneFindingQuery = z
  .object({ open: z.enum(['true', 'false']).default('true'), siteId: z.uuid().optional() })
  .strict();
