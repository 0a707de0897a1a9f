import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hash, verify } from '@node-rs/argon2';
import type { FieldError } from '../errors/app-error';

export const MIN_PASSWORD_LENGTH = 12;

const commonFile = fileURLToPath(new URL('../../../../../catalogs/common-passwords.txt', import.meta.url));
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(commonFile, 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Why a password is refused, or [] when it is acceptable. `field` names the body field in the errors. */
export function passwordProblems(password: string, email: string | null, field = 'body.password'): FieldError[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (commonPasswords().has(lower)) problems.push('is a commonly used password');
  else if (/^(.)\1+$/u.test(password)) problems.push('must not repeat one character');
  else if (RUNS.some((run) => run.includes(lower) || [...run].reverse().join('').includes(lower)))
    problems.push('must not be a keyboard or alphabet sequence');
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) problems.push('must not contain your e-mail name');
  return problems.map((message) => ({ path: field, message: `Password ${message}` }));
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
