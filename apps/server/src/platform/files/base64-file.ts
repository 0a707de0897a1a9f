import { createHash } from 'node:crypto';
import type { MessageCode } from '@mamori/contracts';
import { AppError, fieldError, invalid, msg } from '../errors/app-error';

/** What a domain allows of a file sent as base64 in a JSON body, and the codes its refusals name. */
export interface Base64FileRules {
  types: readonly string[];
  maxBytes: number;
  /** where the file's fields sit in the request: `body` (mediaType, contentBase64) or `body.file` */
  at: string;
  codes: { type: MessageCode; base64: MessageCode; tooLarge: MessageCode; empty: MessageCode };
}

export interface DecodedFile {
  mediaType: string;
  content: Buffer;
  sha256: string;
}

/**
 * The one check of a file uploaded inside a JSON body (evidence, attachments), before any transaction: a type from
 * the domain's list, well-formed base64, not empty, at most `maxBytes` — the size told from the base64's length
 * before anything is decoded — and its SHA-256. Each refusal names the field, in the domain's own words.
 */
export function decodeBase64File(file: { mediaType: string; contentBase64: string }, rules: Base64FileRules): DecodedFile {
  const { at, codes } = rules;
  const mediaType = file.mediaType.trim().toLowerCase();
  if (!rules.types.includes(mediaType)) throw invalid([fieldError(`${at}.mediaType`, codes.type, { mediaType })]);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.contentBase64)) throw invalid([fieldError(`${at}.contentBase64`, codes.base64)]);
  const tooLarge = () =>
    new AppError('payload-too-large', msg(codes.tooLarge), [fieldError(`${at}.contentBase64`, codes.tooLarge)]);
  if (Math.floor((file.contentBase64.length * 3) / 4) > rules.maxBytes + 2) throw tooLarge();
  const content = Buffer.from(file.contentBase64, 'base64');
  if (content.length > rules.maxBytes) throw tooLarge();
  if (content.length === 0) throw invalid([fieldError(`${at}.contentBase64`, codes.empty)]);
  return { mediaType, content, sha256: createHash('sha256').update(content).digest('hex') };
}
