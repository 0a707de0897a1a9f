import { z } from 'zod';
import { Str, Uuid } from './common';
import { EmailDomain as Domain, SSO_MATCH_BY } from './identity';

/**
 * Single sign-on through SAML 2.0: Mamori is the service provider (SP). A system administrator declares each
 * identity provider (IdP) by its metadata XML, or by entity id + SSO URL + signing certificate, and says which
 * attributes carry the e-mail, the employee number, the name and the groups (docs/identity.md).
 */
const Name = () => Str().trim().min(1).max(100);
/** SAML attribute names are often URIs (`http://schemas.xmlsoap.org/…/emailaddress`) or OIDs (`urn:oid:…`). */
const AttributeName = () =>
  Str()
    .trim()
    .regex(/^[A-Za-z0-9_.:/#-]{1,300}$/, 'an attribute name: letters, digits and _ . : / # -');
const EntityId = () => Str().trim().min(1).max(500);
const Url = () => z.url({ protocol: /^https?$/ }).max(1000);
/** PEM or bare base64 of an X.509 certificate (the server checks that it parses). */
const Certificate = () => Str().trim().min(1).max(20_000);

/** A signing certificate of the IdP as the API shows it (the PEM itself is not sent back). */
export const SamlCertificate = z.object({
  subject: z.string(),
  notAfter: z.string(),
  /** SHA-256 fingerprint, hex with colons */
  fingerprint: z.string(),
});
export type SamlCertificate = z.infer<typeof SamlCertificate>;

export const SamlProvider = z.object({
  id: Uuid,
  nameJa: z.string(),
  nameEn: z.string(),
  /** the IdP's entity id: the Issuer its assertions must carry */
  entityId: z.string(),
  ssoUrl: z.string(),
  certificates: z.array(SamlCertificate),
  matchBy: z.enum(SSO_MATCH_BY),
  emailAttribute: z.string(),
  employeeNoAttribute: z.string(),
  nameAttribute: z.string(),
  groupsAttribute: z.string(),
  emailDomains: z.array(z.string()),
  createAccounts: z.boolean(),
  enabled: z.boolean(),
  /** What to register at the IdP: Mamori's entity id (= its metadata URL) and its assertion consumer service. */
  spEntityId: z.string(),
  acsUrl: z.string(),
  metadataUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SamlProvider = z.infer<typeof SamlProvider>;

const fields = {
  nameJa: Name(),
  nameEn: Name(),
  /** the IdP's metadata XML: entity id, SSO URL and signing certificates are read from it */
  metadataXml: Str().min(1).max(500_000),
  entityId: EntityId(),
  ssoUrl: Url(),
  certificates: z.array(Certificate()).min(1).max(5),
  matchBy: z.enum(SSO_MATCH_BY),
  emailAttribute: AttributeName(),
  employeeNoAttribute: AttributeName(),
  nameAttribute: AttributeName(),
  groupsAttribute: AttributeName(),
  emailDomains: z.array(Domain()).max(50),
  createAccounts: z.boolean(),
  enabled: z.boolean(),
};

/** Either `metadataXml`, or `entityId` + `ssoUrl` + `certificates` (given fields win over the metadata's). */
export const CreateSamlProviderBody = z
  .object({
    ...fields,
    metadataXml: fields.metadataXml.optional(),
    entityId: fields.entityId.optional(),
    ssoUrl: fields.ssoUrl.optional(),
    certificates: fields.certificates.optional(),
    matchBy: fields.matchBy.default('email'),
    emailAttribute: fields.emailAttribute.optional(),
    employeeNoAttribute: fields.employeeNoAttribute.optional(),
    nameAttribute: fields.nameAttribute.optional(),
    groupsAttribute: fields.groupsAttribute.optional(),
    emailDomains: fields.emailDomains.default([]),
    createAccounts: fields.createAccounts.default(false),
    enabled: fields.enabled.default(true),
  })
  .strict();
export type CreateSamlProviderBody = z.infer<typeof CreateSamlProviderBody>;

export const UpdateSamlProviderBody = z.object(fields).partial().strict();
export type UpdateSamlProviderBody = z.infer<typeof UpdateSamlProviderBody>;

/** The form post of the IdP to the assertion consumer service (HTTP-POST binding). */
export const SamlAcsBody = z.object({ SAMLResponse: Str().min(1).max(1_000_000), RelayState: Str().max(1000).optional() });
