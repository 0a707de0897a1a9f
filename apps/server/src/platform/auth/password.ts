import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PASSWORD_MIN_LENGTH } from '@mamori/contracts';
import { hash, verify } from '@node-rs/argon2';
import { fieldError, type FieldError } from '../errors/app-error';
import { bloomHas, parseBloom, type BloomFilter } from './bloom';
import { isWalk } from './walks';

export const MIN_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;

const catalogs = fileURLToPath(new URL('../../../../../catalogs/', import.meta.url));

let common: Set<string> | undefined;
/** The curated list (catalogs/common-passwords.txt), compared exactly. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(`${catalogs}common-passwords.txt`, 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

let breached: BloomFilter | undefined;
/** ~49,000 passwords from leaked dumps, as a Bloom filter (catalogs/breached-passwords.bloom, false positives ≈ 1e-4). */
function breachedFilter(): BloomFilter {
  breached ??= parseBloom(readFileSync(`${catalogs}breached-passwords.bloom`));
  return breached;
}

/**
 * The forms of a password an attacker tries first: itself, and its word with the digits and symbols people add
 * at the start or end stripped ("Password123!" → "password"), all lower-cased.
 */
export function guessableForms(password: string): string[] {
  const lower = password.toLowerCase();
  const noTail = lower.replace(/[^\p{L}]+$/u, '');
  const noSymbolTail = lower.replace(/[^\p{L}\p{N}]+$/u, '');
  const core = noTail.replace(/^[^\p{L}]+/u, '');
  return [...new Set([lower, noSymbolTail, noTail, core])].filter((f, i) => i === 0 || [...f].length >= 3);
}

const isBreached = (password: string) =>
  guessableForms(password).some((f) => commonPasswords().has(f) || bloomHas(breachedFilter(), f));

/**
 * Why a password is refused, or [] when it is acceptable. `field` names the body field in the errors; `minLength`
 * is the person's company's rule (`signInRulesFor`), never below the built-in floor.
 */
export function passwordProblems(
  password: string,
  email: string | null,
  field = 'body.password',
  minLength: number = MIN_PASSWORD_LENGTH,
): FieldError[] {
  const problems: FieldError[] = [];
  const lower = password.toLowerCase();
  const min = Math.max(minLength, MIN_PASSWORD_LENGTH);
  if ([...password].length < min) {
    problems.push(fieldError(field, 'password.too_short', { min }));
  }
  if (isBreached(password)) problems.push(fieldError(field, 'password.breached'));
  if (/^(.+?)\1+$/su.test(lower)) problems.push(fieldError(field, 'password.repeated'));
  else if (isWalk(lower)) problems.push(fieldError(field, 'password.sequence'));
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) problems.push(fieldError(field, 'password.contains_email'));
  return problems;
}

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // Same work as a real check, so timing does not reveal unknown accounts.
    await verify(DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$2G5ECy30rqu4a9m0K3zFnw$RR6AfmZRVD7Gs5y0POt2plPeoIj0mDy3H3vCuo8D4Go';
