import { totpSecretsAtRest } from './platform/auth/totp-store';
import { mailSecretsAtRest } from './platform/mail/at-rest';
import type { SecretsAtRest } from './platform/secrets/at-rest';
import { providerSecretsAtRest } from './modules/identity/providers';
import { psirtKeyAtRest } from './modules/vulnerabilities/reporting/pgp';

/** Every place in the database that holds a sealed secret; the server seals them at start (platform/secrets/at-rest.ts). */
export const secretsAtRest: SecretsAtRest[] = [totpSecretsAtRest, psirtKeyAtRest, providerSecretsAtRest, mailSecretsAtRest];
