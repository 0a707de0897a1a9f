import { randomUUID } from 'node:crypto';
import type { CreateSamlProviderBody, SamlProvider, UpdateSamlProviderBody } from '@mamori/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { fieldError, invalid, notFound, type FieldError } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { issuerAllowed } from '../oidc';
import type { ProviderRow } from '../providers';
import { forgetProviderGroups } from '../scim/role-rules';
import { identityProviders } from '../tables';
import { BadIdpInput, describeCertificate, normaliseCertificate, parseIdpMetadata } from './metadata';
import { spOf, type SamlSettingsRow } from './sp';
import { samlProviders } from './tables';

/** Attribute names used when the administrator gives none (what many IdPs send; Entra ID's are in docs/identity.md). */
const DEFAULT_ATTRIBUTES = {
  emailAttribute: 'email',
  employeeNoAttribute: 'employeeNumber',
  nameAttribute: 'displayName',
  groupsAttribute: 'groups',
} as const;

export function presentSaml(publicUrl: string, r: ProviderRow, s: SamlSettingsRow): SamlProvider {
  const sp = spOf(publicUrl, r.id);
  return {
    id: r.id,
    nameJa: r.nameJa,
    nameEn: r.nameEn,
    entityId: r.issuer,
    ssoUrl: s.ssoUrl,
    certificates: s.certificates.map(describeCertificate),
    matchBy: r.matchBy,
    emailAttribute: s.emailAttribute,
    employeeNoAttribute: s.employeeNoAttribute,
    nameAttribute: s.nameAttribute,
    groupsAttribute: s.groupsAttribute,
    emailDomains: s.emailDomains,
    createAccounts: r.createAccounts,
    enabled: r.enabled,
    spEntityId: sp.entityId,
    acsUrl: sp.acsUrl,
    metadataUrl: sp.metadataUrl,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a provider: its settings, the certificates by fingerprint. */
const auditView = (publicUrl: string, r: ProviderRow, s: SamlSettingsRow) => {
  const { createdAt: _c, updatedAt: _u, certificates, ...rest } = presentSaml(publicUrl, r, s);
  return { ...rest, certificates: certificates.map((c) => c.fingerprint) };
};

type IdpFields = { metadataXml?: string; entityId?: string; ssoUrl?: string; certificates?: string[] };

/**
 * The IdP's entity id, SSO URL and certificates from the body: its metadata XML, overridden by the fields given.
 * Every refused field is named at once (400).
 */
function idpOf(body: IdpFields, current?: { entityId: string; ssoUrl: string; certificates: string[] }) {
  const errors: FieldError[] = [];
  let fromMetadata: Partial<{ entityId: string; ssoUrl: string; certificates: string[] }> = {};
  if (body.metadataXml !== undefined) {
    try {
      fromMetadata = parseIdpMetadata(body.metadataXml);
    } catch (err) {
      if (!(err instanceof BadIdpInput)) throw err;
      errors.push(fieldError('body.metadataXml', 'identity.saml_metadata_invalid'));
    }
  }
  const certificates: string[] = [];
  body.certificates?.forEach((c, i) => {
    try {
      certificates.push(normaliseCertificate(c));
    } catch {
      errors.push(fieldError(`body.certificates.${i}`, 'identity.saml_certificate_invalid'));
    }
  });
  const idp = {
    entityId: body.entityId ?? fromMetadata.entityId ?? current?.entityId,
    ssoUrl: body.ssoUrl ?? fromMetadata.ssoUrl ?? current?.ssoUrl,
    certificates: body.certificates ? certificates : (fromMetadata.certificates ?? current?.certificates),
  };
  if (!errors.length) {
    for (const field of ['entityId', 'ssoUrl', 'certificates'] as const)
      if (!idp[field]) errors.push(fieldError(`body.${field}`, 'identity.saml_idp_required'));
  }
  if (idp.ssoUrl && !urlAllowed(idp.ssoUrl))
    errors.push(fieldError(body.ssoUrl ? 'body.ssoUrl' : 'body.metadataXml', 'identity.issuer_https'));
  if (errors.length) throw invalid(errors);
  return idp as { entityId: string; ssoUrl: string; certificates: string[] };
}

const urlAllowed = (url: string) => {
  try {
    return issuerAllowed(url);
  } catch {
    return false;
  }
};

async function rowsOf(db: Db, id?: string) {
  return db
    .select({ row: identityProviders, settings: samlProviders })
    .from(identityProviders)
    .innerJoin(samlProviders, eq(samlProviders.providerId, identityProviders.id))
    .where(and(eq(identityProviders.kind, 'saml'), id ? eq(identityProviders.id, id) : undefined))
    .orderBy(asc(identityProviders.nameEn));
}

export const listSamlProviders = async (db: Db, publicUrl: string) =>
  (await rowsOf(db)).map(({ row, settings }) => presentSaml(publicUrl, row, settings));

export async function createSamlProvider(ctx: Ctx, publicUrl: string, body: CreateSamlProviderBody): Promise<SamlProvider> {
  const idp = idpOf(body);
  const id = randomUUID();
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(identityProviders)
      .values({
        id,
        kind: 'saml',
        nameJa: body.nameJa,
        nameEn: body.nameEn,
        issuer: idp.entityId,
        clientId: '',
        matchBy: body.matchBy,
        claim: '',
        createAccounts: body.createAccounts,
        enabled: body.enabled,
      })
      .returning();
    const [settings] = await tx
      .insert(samlProviders)
      .values({
        providerId: id,
        ssoUrl: idp.ssoUrl,
        certificates: idp.certificates,
        emailAttribute: body.emailAttribute ?? DEFAULT_ATTRIBUTES.emailAttribute,
        employeeNoAttribute: body.employeeNoAttribute ?? DEFAULT_ATTRIBUTES.employeeNoAttribute,
        nameAttribute: body.nameAttribute ?? DEFAULT_ATTRIBUTES.nameAttribute,
        groupsAttribute: body.groupsAttribute ?? DEFAULT_ATTRIBUTES.groupsAttribute,
        emailDomains: [...new Set(body.emailDomains)],
      })
      .returning();
    await audit({
      action: 'identity-provider.create',
      targetType: 'identity_provider',
      targetId: id,
      after: auditView(publicUrl, row!, settings!),
    });
    return presentSaml(publicUrl, row!, settings!);
  });
}

export async function updateSamlProvider(
  ctx: Ctx,
  publicUrl: string,
  id: string,
  body: UpdateSamlProviderBody,
): Promise<SamlProvider> {
  return inTransaction(ctx, async (tx, audit) => {
    const [before] = await tx
      .select()
      .from(identityProviders)
      .where(and(eq(identityProviders.id, id), eq(identityProviders.kind, 'saml')))
      .for('update');
    const [settingsBefore] = before ? await tx.select().from(samlProviders).where(eq(samlProviders.providerId, id)) : [];
    if (!before || !settingsBefore) throw notFound();
    const { metadataXml, entityId, ssoUrl, certificates, nameJa, nameEn, matchBy, createAccounts, enabled, ...attrs } = body;
    const idp = idpOf(
      { metadataXml, entityId, ssoUrl, certificates },
      { entityId: before.issuer, ssoUrl: settingsBefore.ssoUrl, certificates: settingsBefore.certificates },
    );
    const [row] = await tx
      .update(identityProviders)
      .set({ nameJa, nameEn, matchBy, createAccounts, enabled, issuer: idp.entityId, updatedAt: new Date() })
      .where(eq(identityProviders.id, id))
      .returning();
    const [settings] = await tx
      .update(samlProviders)
      .set({
        ...attrs,
        ...(attrs.emailDomains ? { emailDomains: [...new Set(attrs.emailDomains)] } : {}),
        ssoUrl: idp.ssoUrl,
        certificates: idp.certificates,
      })
      .where(eq(samlProviders.providerId, id))
      .returning();
    await audit({
      action: 'identity-provider.update',
      targetType: 'identity_provider',
      targetId: id,
      before: auditView(publicUrl, before, settingsBefore),
      after: auditView(publicUrl, row!, settings!),
    });
    return presentSaml(publicUrl, row!, settings!);
  });
}

export async function deleteSamlProvider(ctx: Ctx, publicUrl: string, id: string): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    const [found] = await rowsOf(tx, id);
    if (!found) throw notFound();
    await forgetProviderGroups(tx, audit, id);
    await tx.delete(identityProviders).where(eq(identityProviders.id, id));
    await audit({
      action: 'identity-provider.delete',
      targetType: 'identity_provider',
      targetId: id,
      before: auditView(publicUrl, found.row, found.settings),
    });
  });
}

/** Whether a SAML provider exists (the SP metadata is published for existing providers only). */
export const samlProviderExists = async (db: Db, id: string) => (await rowsOf(db, id)).length > 0;
