import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './password';

const codes = (password: string, email: string | null = null) => passwordProblems(password, email).map((p) => p.code);

describe('password policy', () => {
  it('accepts long uncommon passphrases', () => {
    for (const good of [
      'blue-kettle-harbour-42',
      'Kz7!tulip-harbor-Q9',
      'correct horse battery staple',
      'みどりの自転車で海まで行く',
      'Vermilion-Otter-Sings-1987',
    ]) {
      expect(passwordProblems(good, 'taro@example.com'), good).toEqual([]);
    }
  });

  it('refuses what the review got through: digit runs and a breached word with digits and a symbol', () => {
    expect(codes('1234567890123')).toContain('password.sequence');
    expect(codes('Password123!')).toContain('password.breached');
  });

  it('refuses breached passwords, also once trailing digits and symbols are stripped and case ignored', () => {
    for (const p of ['password1234', 'Baseball2024!!', 'SUPERMAN-123456', 'iloveyou12345', 'Trustno1!!!!']) {
      expect(codes(p), p).toContain('password.breached');
    }
  });

  it('refuses sequences, keyboard walks and repeats', () => {
    expect(codes('abcdefghijklm')).toContain('password.sequence');
    expect(codes('zyxwvutsrqpo')).toContain('password.sequence');
    expect(codes('qwertyuiop1234')).toContain('password.sequence');
    expect(codes('asdfghjkl;zxcvbnm')).toContain('password.sequence');
    expect(codes('aaaaaaaaaaaaaa')).toContain('password.repeated');
    expect(codes('abcabcabcabcabc')).toContain('password.repeated');
  });

  it('keeps the length and e-mail rules, each problem with a stable code and the field', () => {
    expect(passwordProblems('short-X9!', null)).toContainEqual(
      expect.objectContaining({ path: 'body.password', code: 'password.too_short', params: { min: 12 } }),
    );
    expect(codes('tanaka.taro-2026!', 'tanaka.taro@example.com')).toContain('password.contains_email');
    expect(passwordProblems('abcdefghijklm', null, 'body.newPassword')[0]).toMatchObject({ path: 'body.newPassword' });
  });

  it('hashes with argon2 and verifies', async () => {
    const h = await hashPassword('blue-kettle-harbour-42');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'blue-kettle-harbour-42')).toBe(true);
    expect(await verifyPassword(h, 'blue-kettle-harbour-43')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
  });
});
