import { processKeyring } from '../../platform/secrets/keyring';
import { seal, unseal } from '../../platform/secrets/seal';

/**
 * The ID token an OIDC session keeps for the provider's logout, sealed with the `sso` key and bound to the account:
 * it opens for no one else's session. Apart from oidc.ts, which reads it at sign-out, and sign-in.ts, which stores it,
 * so that neither imports the other.
 */
const idTokenPlace = (userId: string) => `sessions.sso_id_token|${userId}`;

export const sealIdToken = (userId: string, idToken: string) => seal(processKeyring(), 'sso', idToken, idTokenPlace(userId));

/** The sealed ID token opened; throws when it was sealed under a key this process no longer has. */
export const unsealIdToken = (userId: string, sealed: string) => unseal(processKeyring(), 'sso', sealed, idTokenPlace(userId));
