import type { PasskeyAssertion, PasskeyAttestation } from '@mamori/contracts';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  type AuthenticationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Config } from '../../../config';
import { AppError, msg } from '../../../platform/errors/app-error';
import type { PasskeyRow } from './store';

/** The relying party: Mamori's public origin; its host name is the RP ID passkeys are bound to. */
export const relyingParty = (config: Pick<Config, 'publicUrl'>) => {
  const url = new URL(config.publicUrl);
  return { id: url.hostname, origin: url.origin, name: 'Mamori' };
};

const TIMEOUT_MS = 120_000;
const notVerified = () => new AppError('unauthenticated', msg('auth.passkey_not_verified'));

/** uuid → its 16 bytes: the WebAuthn user handle of an account (never an e-mail). */
const userHandleOf = (userId: string) => Uint8Array.from(Buffer.from(userId.replace(/-/g, ''), 'hex'));

export function registrationOptions(
  config: Config,
  user: { id: string; email: string; name: string },
  existing: PasskeyRow[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty(config);
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: userHandleOf(user.id),
    timeout: TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransport[] })),
    // discoverable, so the same passkey also signs in without a password
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
}

/** Checks an attestation against the challenge of this browser's ceremony; the credential to store. */
export async function verifyRegistration(config: Config, response: PasskeyAttestation, challenge: string) {
  const rp = relyingParty(config);
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response: response as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch {
    throw notVerified();
  }
  if (!result.verified) throw notVerified();
  const info = result.registrationInfo;
  return {
    credentialId: info.credential.id,
    publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
    counter: info.credential.counter,
    transports: (response.response.transports ?? []).slice(0, 10),
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
  };
}

/** Options for a sign-in: no credential listed, the browser offers the passkeys it holds for Mamori. */
export function authenticationOptions(config: Config): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: relyingParty(config).id,
    timeout: TIMEOUT_MS,
    userVerification: 'preferred',
  });
}

/**
 * Checks an assertion made by a stored passkey: challenge, origin, RP ID, signature, and the signature counter
 * (a counter that does not grow past the stored one, when either is not 0, is a cloned authenticator: refused
 * with its own code). `requireUserVerification`: a passwordless sign-in needs it (the passkey is then both
 * factors); as the second factor after a password, presence is enough.
 */
export async function verifyAssertion(
  config: Config,
  response: PasskeyAssertion,
  challenge: string,
  passkey: PasskeyRow,
  requireUserVerification: boolean,
) {
  const rp = relyingParty(config);
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response: response as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        // the counter is compared below, once the signature holds, so that a clone is told apart (its own code)
        counter: 0,
        transports: passkey.transports as AuthenticatorTransport[],
      },
      requireUserVerification,
    });
  } catch {
    throw notVerified();
  }
  if (!result.verified) throw notVerified();
  const { newCounter } = result.authenticationInfo;
  if ((newCounter > 0 || passkey.counter > 0) && newCounter <= passkey.counter)
    throw new AppError('unauthenticated', msg('auth.passkey_cloned'));
  return result.authenticationInfo;
}
