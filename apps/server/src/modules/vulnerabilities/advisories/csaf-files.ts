import type { AdvisoryDocument } from '@mamori/contracts';
import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';
import { unprocessable, msg } from '../../../platform/errors/app-error';
import { buildCsaf, csafPath, csafTrackingId, type CsafProfile, type Publisher, validateCsaf } from './csaf';
import { CSAF_LANGS, type CsafLang } from './csaf-texts';
import type { PsirtKey } from '../reporting/pgp';

/** One distributed CSAF file: the bytes served, their SHA-512 and the detached signature over them. */
export interface CsafFile {
  lang: CsafLang;
  trackingId: string;
  path: string;
  content: Buffer;
  sha512: string;
  signature: string;
  signingKeyFingerprint: string;
}

export const sha512Hex = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('hex');

/** The key's fingerprint as CSAF's provider metadata writes it (40 hex digits for a v4 key). */
export const fingerprintOf = (key: PsirtKey) => key.privateKey.getFingerprint().toUpperCase();

/** Refused before anything is written: a configured key without a signing-capable (sub)key cannot publish. */
export async function assertCanSign(key: PsirtKey) {
  try {
    await key.privateKey.getSigningKey();
  } catch {
    throw unprocessable(msg('psirt.key_cannot_sign'));
  }
}

/** A detached, ASCII-armored OpenPGP signature over exactly these bytes (CSAF 2.0 requirement 19). */
export async function signDetached(key: PsirtKey, bytes: Uint8Array): Promise<string> {
  const message = await openpgp.createMessage({ binary: bytes });
  return openpgp.sign({ message, signingKeys: key.privateKey, detached: true, format: 'armored' });
}

/** The strict schema and every mandatory test, or a 422 naming each failing test and path. */
export async function assertValidCsaf(csaf: unknown, what: string) {
  const result = await validateCsaf(csaf);
  if (!result.isValid)
    throw unprocessable(
      msg('psirt.csaf_invalid', { what }),
      result.errors.slice(0, 20).map((e) => ({ path: `${e.test}${e.path}`, message: e.message })),
    );
}

/**
 * The files publishing distributes: the English security advisory and its Japanese translation, each
 * validated, serialised once (these bytes are stored and served as they are), hashed and signed.
 */
export async function prepareCsafFiles(doc: AdvisoryDocument, publisher: Publisher, key: PsirtKey): Promise<CsafFile[]> {
  const profile: CsafProfile = 'csaf_security_advisory';
  const files: CsafFile[] = [];
  for (const lang of CSAF_LANGS) {
    const csaf = buildCsaf(doc, publisher, profile, lang);
    await assertValidCsaf(csaf, `${profile} (${lang})`);
    const content = Buffer.from(JSON.stringify(csaf), 'utf8');
    files.push({
      lang,
      trackingId: csafTrackingId(doc, lang),
      path: csafPath(doc, lang),
      content,
      sha512: sha512Hex(content),
      signature: await signDetached(key, content),
      signingKeyFingerprint: fingerprintOf(key),
    });
  }
  return files;
}
