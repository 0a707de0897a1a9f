import { z } from 'zod';
import { ClassificationScheme } from './classification';
import { DayInput, ListQuery, RowVersion, Str } from './common';

/**
 * The information asset ledger (情報資産台帳, issue #11): assets per org unit, their class (a code of the
 * effective classification scheme), C/I/A values, personal data, copies and the partners they are shared with.
 */
export const ASSET_KINDS = ['paper', 'electronic', 'system', 'device', 'media'] as const;
export const AssetKind = z.enum(ASSET_KINDS);
export const ASSET_STATUSES = ['active', 'disposed'] as const;
export const AssetStatus = z.enum(ASSET_STATUSES);

/* ---- custom fields (setting `assets.customFields`) ------------------------------------------------------------ */

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'list'] as const;
export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,29}$/;

export const CustomField = z
  .object({
    /** stable key: the values are stored under it; the export's column is `custom.<key>` */
    key: z.string().regex(CUSTOM_FIELD_KEY),
    labelJa: Str().trim().min(1).max(60),
    labelEn: Str().trim().min(1).max(60),
    type: z.enum(CUSTOM_FIELD_TYPES),
    /** the choices of a list field (at least one); empty for the other types */
    options: z.array(Str().trim().min(1).max(60)).max(50).default([]),
    required: z.boolean().default(false),
  })
  .strict()
  .refine((f) => f.type !== 'list' || f.options.length > 0, {
    message: 'a list field names its options',
    path: ['options'],
    params: { code: 'assets.field_options_required' },
  });
export type CustomField = z.infer<typeof CustomField>;

export const CustomFields = z
  .array(CustomField)
  .max(30)
  .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, {
    message: 'field keys must be unique',
    params: { code: 'assets.field_key_duplicate' },
  });
export type CustomFields = z.infer<typeof CustomFields>;

/** A custom value as stored: text (also a date, YYYY-MM-DD, or a list choice), a number, or nothing. */
export const CustomValue = z.union([Str().max(2000), z.number().finite(), z.null()]);
export const CustomValues = z.record(z.string().max(30), CustomValue);

/* ---- settings as the API shows them --------------------------------------------------------------------------- */

const settingEnvelope = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    /** 'group', a company unit id, or 'default' (nobody saved one yet) */
    scope: z.string(),
    /** 0 for the built-in default; send it back in If-Match to change the setting */
    version: z.number().int().min(0),
    updatedAt: z.string().nullable(),
  });

export const ClassificationSetting = settingEnvelope(ClassificationScheme);
export const CustomFieldsSetting = settingEnvelope(CustomFields);
export const PutCustomFieldsBody = z.object({ fields: CustomFields }).strict();
export const SettingHistoryEntry = z.object({
  version: z.number().int(),
  value: z.unknown(),
  changedBy: z.string().nullable(),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
});
export const SettingHistory = z.object({ items: z.array(SettingHistoryEntry) });
export const SchemeQuery = z.object({ unitId: z.uuid().optional() }).strict();

/* ---- the ledger ----------------------------------------------------------------------------------------------- */

const Cia = z.number().int().min(1).max(3);
const Text = (max: number) => Str().trim().max(max);

const assetFields = {
  name: Text(200).min(1),
  kind: AssetKind,
  ownerId: z.uuid(),
  classCode: z.string().max(40),
  confidentiality: Cia,
  integrity: Cia,
  availability: Cia,
  location: Text(200),
  personalData: z.boolean(),
  personalCategories: z.array(Text(60).min(1)).max(20),
  retention: Text(200),
  disposal: Text(200),
  custom: CustomValues,
};

export const CreateAssetBody = z
  .object({
    unitId: z.uuid(),
    ...assetFields,
    location: assetFields.location.default(''),
    personalData: assetFields.personalData.default(false),
    personalCategories: assetFields.personalCategories.default([]),
    retention: assetFields.retention.default(''),
    disposal: assetFields.disposal.default(''),
    custom: assetFields.custom.default({}),
    /** set when this asset is a copy or reproduction of another (2-1-2) */
    originalId: z.uuid().nullable().default(null),
  })
  .strict();
export type CreateAssetBody = z.infer<typeof CreateAssetBody>;

export const UpdateAssetBody = z
  .object({
    unitId: z.uuid(),
    ...assetFields,
  })
  .partial()
  .strict();
export type UpdateAssetBody = z.infer<typeof UpdateAssetBody>;

/** Disposal ends an asset's life: it stays in the ledger (status 'disposed') with the day and the method. */
export const DisposeAssetBody = z.object({ disposedOn: DayInput(), method: Text(200).min(1) }).strict();

export const ShareAssetBody = z
  .object({
    partnerId: z.uuid(),
    /** the information goes out encrypted (required when the class's share rule names encryption) */
    encrypted: z.boolean().default(false),
    /** who approved the share, and when (required when the class's share rule needs approval) */
    approvedBy: Text(200).min(1).optional(),
    approvedOn: DayInput().optional(),
  })
  .strict();
export type ShareAssetBody = z.infer<typeof ShareAssetBody>;
export const AssetPartnerParams = z.object({ id: z.uuid(), partnerId: z.uuid() }).strict();

export const Asset = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  unitId: z.uuid(),
  unitCode: z.string(),
  unitNameJa: z.string(),
  unitNameEn: z.string(),
  name: z.string(),
  kind: AssetKind,
  ownerId: z.uuid(),
  ownerNameJa: z.string(),
  ownerNameEn: z.string(),
  classCode: z.string(),
  confidentiality: z.number().int(),
  integrity: z.number().int(),
  availability: z.number().int(),
  location: z.string(),
  personalData: z.boolean(),
  personalCategories: z.array(z.string()),
  retention: z.string(),
  disposal: z.string(),
  originalId: z.uuid().nullable(),
  custom: CustomValues,
  status: AssetStatus,
  disposedOn: z.string().nullable(),
  disposedMethod: z.string().nullable(),
  /** in lists: how many copies of this asset are managed with it */
  copies: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Asset = z.infer<typeof Asset>;

export const AssetShare = z.object({
  partnerId: z.uuid(),
  partnerNameJa: z.string(),
  partnerNameEn: z.string(),
  encrypted: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedOn: z.string().nullable(),
  sharedAt: z.string(),
});

export const AssetRefView = z.object({ id: z.uuid(), name: z.string(), unitId: z.uuid(), status: AssetStatus });

export const AssetDetail = Asset.extend({
  original: AssetRefView.nullable(),
  copyList: z.array(AssetRefView),
  partners: z.array(AssetShare),
  /** what the reader may do with it */
  can: z.object({ manage: z.boolean() }),
});
export type AssetDetail = z.infer<typeof AssetDetail>;

const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const AssetListQuery = ListQuery.extend({
  /** the unit and every unit below it */
  unitId: z.uuid().optional(),
  classCode: z.string().max(40).optional(),
  kind: AssetKind.optional(),
  ownerId: z.uuid().optional(),
  personalData: Bool.optional(),
  partnerId: z.uuid().optional(),
  /** 'active' (default), 'disposed' or 'all' */
  status: z.enum(['active', 'disposed', 'all']).default('active'),
  /** count the matches (costs a second query) */
  total: Bool.optional(),
}).strict();
export type AssetListQuery = z.infer<typeof AssetListQuery>;

export const AssetExportQuery = AssetListQuery.omit({ limit: true, cursor: true, total: true })
  .extend({ unitId: z.uuid() })
  .strict();
export const AssetImportQuery = z.object({ unitId: z.uuid() }).strict();
export const AssetImportResult = z.object({ created: z.number().int(), updated: z.number().int() });
