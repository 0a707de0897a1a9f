/**
 * Columns that hold a secret (not a hash of one): a backup carries them encrypted (AES-256-GCM under the backup
 * purpose key, platform/secrets/seal.ts). A new secret column is added here; secret-columns.test.ts fails for a
 * column whose name says "secret" (or private key, passphrase, credential…) and is missing.
 *
 * - users.mfa_secret, users.mfa_pending_secret: TOTP seeds, enough to produce a user's codes.
 * - settings.value: holds the PSIRT's generated OpenPGP private key (`psirt.pgp`); the whole column is sealed, so a
 *   later secret setting is covered too.
 * - mail_outbox.body: activation mails carry a live activation link (a bearer token, valid 7 days).
 * - identity_providers.client_secret_sealed: an SSO client secret.
 *
 * The TOTP seeds, the PSIRT key, the SSO client secrets and the activation mails are also sealed at rest in the database itself
 * (platform/secrets/at-rest.ts); a backup seals them once more with its own key.
 *
 * Hashes stay in clear (password_hash: argon2id; token_hash, sessions.id: SHA-256 of random 256-bit values).
 */
export const SECRET_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['mfa_secret', 'mfa_pending_secret'],
  settings: ['value'],
  mail_outbox: ['body'],
  identity_providers: ['client_secret_sealed'],
};

/** Column names that look like a secret; secret-columns.test.ts checks each is in SECRET_COLUMNS or NOT_SECRET. */
export const LOOKS_SECRET = /secret|private|passphrase|credential|api_key|^password$|seed/;

/**
 * Columns whose name looks like a secret but whose value is not one, each with the reason:
 * - passkeys.credential_id: a WebAuthn credential's public identifier, sent to any browser that asks to sign in with
 *   it (allowCredentials); the key that proves the credential never leaves the authenticator.
 */
export const NOT_SECRET: Readonly<Record<string, readonly string[]>> = {
  passkeys: ['credential_id'],
};
