import { randomUUID } from 'node:crypto';
import type {
  CreateIdentityProviderBody,
  IdentityProvider,
  SsoMatchBy,
  SsoProviderOption,
  UpdateIdentityProviderBody,
} from '@mamori/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { notFound } from '../../platform/errors/app-error';
import { needsSealing, openStored, sealStored, type SecretsAtRest } from '../../platform/secrets/at-rest';
import type { Keyring } from '../../platform/secrets/keyring';
import { inTransaction, type Ctx } from '../../platform/tx';
import { forgetProviderGroups } from './scim/role-rules';
import { identityProviders } from './tables';

export type ProviderRow = typeof identityProviders.$inferSelect;

/** The claim read by default for each way of matching an identity to an account. */
const DEFAULT_CLAIM: Record<SsoMatchBy, string> = { email: 'email', employee_no: 'employee_number' };

/** Associated data of a sealed client secret: its row, so a secret copied to another provider does not open. */
const placeOf = (id: string) => `identity_providers.client_secret|${id}`;
const sealSecret = (id: string, secret: string, ring?: Keyring) => sealStored('sso', secret, placeOf(id), ring);

/** The provider's client secret in clear (for the token request), or undefined for a public client. */
export const clientSecretOf = (row: ProviderRow): string | undefined =>
  row.clientSecretSealed ? openStored('sso', row.clientSecretSealed, placeOf(row.id)) : undefined;

/** A provider as the API answers it, but for the URIs to register at it, which the routes add (they need the public URL). */
export type ProviderView = Omit<IdentityProvider, 'redirectUri' | 'postLogoutRedirectUri' | 'backchannelLogoutUri'>;

export const present = (r: ProviderRow): ProviderView => ({
  id: r.id,
  nameJa: r.nameJa,
  nameEn: r.nameEn,
  issuer: r.issuer,
  clientId: r.clientId,
  hasClientSecret: r.clientSecretSealed !== null,
  matchBy: r.matchBy,
  claim: r.claim,
  groupsClaim: r.groupsClaim,
  createAccounts: r.createAccounts,
  enabled: r.enabled,
  emailDomains: r.emailDomains,
  mfaAmr: r.mfaAmr,
  mfaAcr: r.mfaAcr,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** What the audit log keeps of a provider: everything but the secret, whose presence alone is told. */
const auditView = (r: ProviderRow) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = present(r);
  return rest;
};

const isOidc = eq(identityProviders.kind, 'oidc');

/** The OpenID Connect providers (SAML ones are listed by saml/providers.ts). */
export const listProviders = async (db: Db) =>
  (await db.select().from(identityProviders).where(isOidc).orderBy(asc(identityProviders.nameEn))).map(present);

export async function providerById(db: Db, id: string): Promise<ProviderRow | null> {
  const [row] = await db.select().from(identityProviders).where(eq(identityProviders.id, id));
  return row ?? null;
}

/** The providers the sign-in page offers, of both kinds. */
export const enabledProviders = async (db: Db): Promise<SsoProviderOption[]> =>
  db
    .select({
      id: identityProviders.id,
      kind: identityProviders.kind,
      nameJa: identityProviders.nameJa,
      nameEn: identityProviders.nameEn,
    })
    .from(identityProviders)
    .where(eq(identityProviders.enabled, true))
    .orderBy(asc(identityProviders.nameEn));

export async function createProvider(ctx: Ctx, body: CreateIdentityProviderBody): Promise<ProviderView> {
  const id = randomUUID();
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(identityProviders)
      .values({
        id,
        nameJa: body.nameJa,
        nameEn: body.nameEn,
        issuer: body.issuer,
        clientId: body.clientId,
        clientSecretSealed: body.clientSecret ? sealSecret(id, body.clientSecret) : null,
        matchBy: body.matchBy,
        claim: body.claim ?? DEFAULT_CLAIM[body.matchBy],
        ...(body.groupsClaim ? { groupsClaim: body.groupsClaim } : {}),
        createAccounts: body.createAccounts,
        enabled: body.enabled,
        emailDomains: [...new Set(body.emailDomains)],
        mfaAmr: [...new Set(body.mfaAmr)],
        mfaAcr: [...new Set(body.mfaAcr)],
      })
      .returning();
    await audit({ action: 'identity-provider.create', targetType: 'identity_provider', targetId: id, after: auditView(row!) });
    return present(row!);
  });
}

export async function updateProvider(ctx: Ctx, id: string, body: UpdateIdentityProviderBody): Promise<ProviderView> {
  return inTransaction(ctx, async (tx, audit) => {
    const [before] = await tx
      .select()
      .from(identityProviders)
      .where(and(eq(identityProviders.id, id), isOidc))
      .for('update');
    if (!before) throw notFound();
    const { clientSecret, emailDomains, mfaAmr, mfaAcr, ...rest } = body;
    const matchBy = body.matchBy ?? before.matchBy;
    const [row] = await tx
      .update(identityProviders)
      .set({
        ...rest,
        ...(emailDomains ? { emailDomains: [...new Set(emailDomains)] } : {}),
        ...(mfaAmr ? { mfaAmr: [...new Set(mfaAmr)] } : {}),
        ...(mfaAcr ? { mfaAcr: [...new Set(mfaAcr)] } : {}),
        ...(body.matchBy && !body.claim && body.matchBy !== before.matchBy ? { claim: DEFAULT_CLAIM[matchBy] } : {}),
        ...(clientSecret === undefined
          ? {}
          : { clientSecretSealed: clientSecret === null ? null : sealSecret(id, clientSecret) }),
        updatedAt: new Date(),
      })
      .where(eq(identityProviders.id, id))
      .returning();
    await audit({
      action: 'identity-provider.update',
      targetType: 'identity_provider',
      targetId: id,
      before: auditView(before),
      after: { ...auditView(row!), ...(clientSecret === undefined ? {} : { clientSecretChanged: true }) },
    });
    return present(row!);
  });
}

export async function deleteProvider(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    await forgetProviderGroups(tx, audit, id);
    const [row] = await tx
      .delete(identityProviders)
      .where(and(eq(identityProviders.id, id), isOidc))
      .returning();
    if (!row) throw notFound();
    await audit({ action: 'identity-provider.delete', targetType: 'identity_provider', targetId: id, before: auditView(row) });
  });
}

/** The providers' client secrets for the start-up step that seals secrets at rest (platform/secrets/at-rest.ts). */
export const providerSecretsAtRest: SecretsAtRest = {
  name: 'identity_providers.client_secret',
  async keyIds(db) {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`SELECT DISTINCT split_part(client_secret_sealed, '.', 2) AS id FROM identity_providers
           WHERE client_secret_sealed LIKE 'v1.%'`,
    );
    return rows.map((r) => r.id);
  },
  async sealAll(db, ring) {
    let written = 0;
    for (const row of await db.select().from(identityProviders)) {
      if (!needsSealing(row.clientSecretSealed, ring)) continue;
      const secret = openStored('sso', row.clientSecretSealed, placeOf(row.id), ring);
      const updated = await db
        .update(identityProviders)
        .set({ clientSecretSealed: sealSecret(row.id, secret, ring) })
        .where(and(eq(identityProviders.id, row.id), eq(identityProviders.clientSecretSealed, row.clientSecretSealed)))
        .returning({ id: identityProviders.id });
      written += updated.length;
    }
    return written;
  },
};
