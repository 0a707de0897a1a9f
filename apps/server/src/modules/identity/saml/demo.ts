import { createHash } from 'node:crypto';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import { DEMO_EMAIL_DOMAIN } from '../../org/demo-data';
import { identityProviders, ssoIdentities } from '../tables';
import { samlProviders } from './tables';

const TENANT = '6f1c2b7e-3a4d-4e5f-9a8b-7c6d5e4f3a2b';

/**
 * A public certificate only, made for the demo (its private key was thrown away): the demo IdP cannot sign
 * anything, so no one signs in through it; it shows what a configured Entra ID looks like.
 */
const DEMO_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDazCCAlOgAwIBAgIUBXxExZmlCxcAAIewHHtdfjOrTAowDQYJKoZIhvcNAQEL
BQAwRTFDMEEGA1UEAww6TWljcm9zb2Z0IEF6dXJlIEZlZGVyYXRlZCBTU08gQ2Vy
dGlmaWNhdGUgKEhvc2hpem9yYSBkZW1vKTAeFw0yNjEyMDcwNzI1MzRaFw0zNjEy
MDQwNzI1MzRaMEUxQzBBBgNVBAMMOk1pY3Jvc29mdCBBenVyZSBGZWRlcmF0ZWQg
U1NPIENlcnRpZmljYXRlIChIb3NoaXpvcmEgZGVtbykwggEiMA0GCSqGSIb3DQEB
AQUAA4IBDwAwggEKAoIBAQCkLziEaF+LgcAJ0dTCEuAYSeaFxQuaKlkgKTwsUOSA
c3zW2kzKMkWCPEUtACUtNfgUdy9onupurxre6rbXDFHDkliWr7GsFOP8yD9wWPTe
ELMrblLak6dovO4dZLXiERdQw3Inqm7tgmUpXp6TJjniekY2GAIhQ9wYOzDuIlVS
l1v0IyevPiBXwU4LGW2oA2l4S5nPj+ZnvXf9w/gLiMlUs1SMnVx7HeGF1zlyVRiz
OIOiJ6dVGGtWqKJQmiXdYKffzV5mou6dS2D2HISnWdH4okTGV2cJ5w/hgIDligXQ
C14HcI0DpzSjbSY9V4AHTpDXQItbk2m24/ZdtzhvelUFAgMBAAGjUzBRMB0GA1Ud
DgQWBBTqe1AAlDmBgQFjZGe0G+rJZyb5+jAfBgNVHSMEGDAWgBTqe1AAlDmBgQFj
ZGe0G+rJZyb5+jAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQAJ
31OlT6cI+80FLDCPSf6flE/HAJKAC27JA4jTkbRYAfIUm9zf9/SnbRyQHkFmncfE
yScdTCqFnwpzM4YMe+S3hqretFaMU4zWpD15QvUQh4M/dKQB6Wzv0uqec6fNq5S0
jdGYPojo2beuCluVvyfc4w+k5X8HxuEDCXiPaLTpqN543sp528cs1FWAUrF68+B9
+yPhzmUzJouZGZrG3Dppjdd/RVn70JAw6KIGretIYd9rWB5JsiUaQ7mu8mgsSHKR
aucMs4kIOJGbAD29E3UGP2glTqHToNbyUVhDgFUL2ZKaePmzqoPw+7efo9sykQH8
sLG+b7yhSle9vq+ieQ+c
-----END CERTIFICATE-----
`;

/** Entra ID's persistent NameID for a user: a stable opaque value per application. */
const nameId = (seed: string) => createHash('sha256').update(`saml:${seed}`).digest('base64url').slice(0, 43);

/**
 * The demo's SAML sign-in: the group's Entra ID declared as a SAML 2.0 IdP with its Entra attribute names and the
 * group's verified domain, and the identities of the employees who already signed in through it.
 */
export const samlDemoLoader: DemoLoader = {
  name: 'saml',
  async load(ctx: DemoContext) {
    const { tx, audit, now, config } = ctx;
    const [row] = await tx
      .insert(identityProviders)
      .values({
        kind: 'saml',
        nameJa: 'ほしぞらグループ ID (Entra ID)',
        nameEn: 'Hoshizora Group ID (Entra ID)',
        issuer: `https://sts.windows.net/${TENANT}/`,
        clientId: '',
        claim: '',
        matchBy: 'email',
        createAccounts: false,
        enabled: true,
        createdAt: new Date(now.getTime() - 60 * 86_400_000),
        updatedAt: new Date(now.getTime() - 60 * 86_400_000),
      })
      .returning();
    await tx.insert(samlProviders).values({
      providerId: row!.id,
      ssoUrl: `https://login.microsoftonline.com/${TENANT}/saml2`,
      certificates: [DEMO_CERTIFICATE],
      emailAttribute: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
      employeeNoAttribute: 'http://schemas.microsoft.com/identity/claims/employeeid',
      nameAttribute: 'http://schemas.microsoft.com/identity/claims/displayname',
      groupsAttribute: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
      emailDomains: [DEMO_EMAIL_DOMAIN],
    });
    await audit({
      action: 'identity-provider.create',
      targetType: 'identity_provider',
      targetId: row!.id,
      after: {
        kind: 'saml',
        nameEn: row!.nameEn,
        entityId: row!.issuer,
        spEntityId: `${config.publicUrl}/api/auth/saml/${row!.id}/metadata`,
      },
    });
    const employees = ctx.users.filter((u) => u.user.kind === 'internal').slice(0, 40);
    if (employees.length)
      await tx.insert(ssoIdentities).values(
        employees.map(({ user, person }, i) => ({
          providerId: row!.id,
          subject: nameId(person.employeeNo ?? user.id),
          userId: user.id,
          createdAt: new Date(now.getTime() - (50 - i) * 86_400_000),
          lastSignInAt: new Date(now.getTime() - ((i * 7) % 72) * 3_600_000),
        })),
      );
    return [`SAML: Entra ID declared as an IdP, ${employees.length} employees linked`];
  },
};
