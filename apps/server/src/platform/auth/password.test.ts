import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './password';

describe('password policy', () => {
  it('accepts a long uncommon passphrase', () => {
    expect(passwordProblems('blue-kettle-harbour-42', 'taro@example.com')).toEqual([]);
  });
  it('refuses short, common, sequential and e-mail-based passwords, naming the field', () => {
    expect(passwordProblems('short', null)[0]).toMatchObject({ path: 'body.password' });
    expect(passwordProblems('password1234', null).map((p) => p.message)).toContain('Password is a commonly used password');
    expect(passwordProblems('abcdefghijklm', null).map((p) => p.message)).toContain(
      'Password must not be a keyboard or alphabet sequence',
    );
    expect(passwordProblems('aaaaaaaaaaaaaa', null).map((p) => p.message)).toContain('Password must not repeat one character');
    expect(passwordProblems('tanaka.taro-2026!', 'tanaka.taro@example.com').map((p) => p.message)).toContain(
      'Password must not contain your e-mail name',
    );
  });
  it('hashes with argon2 and verifies', async () => {
    const h = await hashPassword('blue-kettle-harbour-42');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'blue-kettle-harbour-42')).toBe(true);
    expect(await verifyPassword(h, 'blue-kettle-harbour-43')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
  });
});
