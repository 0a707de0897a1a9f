/**
 * The attributes Mamori knows of each SCIM resource (RFC 7643 §4, §8.7.1). Names are matched case-insensitively;
 * a path to an attribute not listed here is refused (`invalidPath` in PATCH, `invalidFilter` in a filter).
 */
export type AttrType = 'string' | 'boolean' | 'dateTime' | 'reference' | 'complex';

export interface AttrDef {
  name: string;
  type: AttrType;
  multiValued?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable';
  required?: boolean;
  uniqueness?: 'none' | 'server';
  subAttributes?: AttrDef[];
  description: string;
}

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const s = (name: string, description: string, more: Partial<AttrDef> = {}): AttrDef => ({
  name,
  type: 'string',
  description,
  ...more,
});
const multi = (name: string, description: string, sub: AttrDef[] = []): AttrDef => ({
  name,
  type: 'complex',
  multiValued: true,
  description,
  subAttributes: [
    s('value', 'The value'),
    s('display', 'A label'),
    s('type', 'work, home, other…'),
    { name: 'primary', type: 'boolean', description: 'The preferred value' },
    ...sub,
  ],
});

const common: AttrDef[] = [
  s('id', 'Identifier given by Mamori', { mutability: 'readOnly', caseExact: true, uniqueness: 'server' }),
  s('externalId', "The provider's identifier", { caseExact: true }),
  {
    name: 'meta',
    type: 'complex',
    mutability: 'readOnly',
    description: 'Resource metadata',
    subAttributes: [
      s('resourceType', 'User or Group', { mutability: 'readOnly' }),
      { name: 'created', type: 'dateTime', mutability: 'readOnly', description: 'When it was created' },
      { name: 'lastModified', type: 'dateTime', mutability: 'readOnly', description: 'When it last changed' },
      s('location', 'Its URL', { mutability: 'readOnly' }),
      s('version', 'Its version (ETag)', { mutability: 'readOnly', caseExact: true }),
    ],
  },
];

export const USER_ATTRS: AttrDef[] = [
  s('userName', 'Unique sign-in name', { required: true, uniqueness: 'server' }),
  {
    name: 'name',
    type: 'complex',
    description: 'Name parts',
    subAttributes: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map((n) =>
      s(n, n),
    ),
  },
  s('displayName', 'Name shown in Mamori'),
  s('nickName', 'Casual name'),
  s('title', 'Job title'),
  s('userType', 'Kind of user'),
  s('preferredLanguage', 'Language (ja, en)'),
  s('locale', 'Locale'),
  s('timezone', 'Time zone'),
  { name: 'active', type: 'boolean', description: 'false disables the account and ends its sessions' },
  multi('emails', 'E-mail addresses; the primary (or work) one is the account e-mail'),
  multi('phoneNumbers', 'Phone numbers'),
  {
    name: 'groups',
    type: 'complex',
    multiValued: true,
    mutability: 'readOnly',
    description: 'Groups the user belongs to (change them through the Group)',
    subAttributes: [s('value', 'Group id'), s('display', 'Group name')],
  },
  ...common,
];

export const ENTERPRISE_ATTRS: AttrDef[] = [
  s('employeeNumber', 'Employee number: links the account to the person with it'),
  s('costCenter', 'Cost centre'),
  s('organization', 'Organisation'),
  s('division', 'Division'),
  s('department', 'Department'),
  {
    name: 'manager',
    type: 'complex',
    description: 'Manager',
    subAttributes: [s('value', 'Manager id'), s('displayName', 'Manager name', { mutability: 'readOnly' })],
  },
];

export const GROUP_ATTRS: AttrDef[] = [
  s('displayName', 'Group name (group → role rules match it)', { required: true, uniqueness: 'server' }),
  {
    name: 'members',
    type: 'complex',
    multiValued: true,
    description: 'Members (users)',
    subAttributes: [
      s('value', 'User id', { caseExact: true }),
      s('display', 'User name'),
      s('type', 'User'),
      s('$ref', 'User URL'),
    ],
  },
  ...common,
];

/** Finds an attribute by name (case-insensitive). */
export const findAttr = (defs: readonly AttrDef[] | undefined, name: string): AttrDef | undefined =>
  defs?.find((d) => d.name.toLowerCase() === name.toLowerCase());

const schemaDoc = (id: string, name: string, description: string, attributes: AttrDef[]) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
  id,
  name,
  description,
  attributes: attributes.map(describe),
  meta: { resourceType: 'Schema', location: `/scim/v2/Schemas/${id}` },
});

function describe(d: AttrDef): Record<string, unknown> {
  return {
    name: d.name,
    type: d.type,
    multiValued: d.multiValued ?? false,
    description: d.description,
    required: d.required ?? false,
    caseExact: d.caseExact ?? false,
    mutability: d.mutability ?? 'readWrite',
    returned: 'default',
    uniqueness: d.uniqueness ?? 'none',
    ...(d.subAttributes ? { subAttributes: d.subAttributes.map(describe) } : {}),
  };
}

export const SCHEMAS = [
  schemaDoc(
    CORE_USER,
    'User',
    'User account',
    USER_ATTRS.filter((a) => !common.includes(a)),
  ),
  schemaDoc(ENTERPRISE_USER, 'EnterpriseUser', 'Enterprise user', ENTERPRISE_ATTRS),
  schemaDoc(
    CORE_GROUP,
    'Group',
    'Group',
    GROUP_ATTRS.filter((a) => !common.includes(a)),
  ),
];

export const RESOURCE_TYPES = [
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'Mamori accounts',
    schema: CORE_USER,
    schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }],
    meta: { resourceType: 'ResourceType', location: '/scim/v2/ResourceTypes/User' },
  },
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'Groups from the identity provider (group → role rules)',
    schema: CORE_GROUP,
    meta: { resourceType: 'ResourceType', location: '/scim/v2/ResourceTypes/Group' },
  },
];

export const MAX_RESULTS = 200;

export const SERVICE_PROVIDER_CONFIG = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  documentationUri: 'https://github.com/mamori/mamori/blob/main/docs/identity.md#scim-20-provisioning',
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: MAX_RESULTS },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: true },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'Bearer token',
      description: 'A SCIM token created by a system administrator in Settings → Identity → SCIM',
      primary: true,
    },
  ],
  meta: { resourceType: 'ServiceProviderConfig', location: '/scim/v2/ServiceProviderConfig' },
};
