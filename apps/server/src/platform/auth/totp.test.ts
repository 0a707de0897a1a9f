import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, matchTotp, totpAt } from './totp';

// RFC 6238 appendix B, SHA1, secret "12345678901234567890"
const SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors (8 digits)', () => {
    expect(totpAt(SECRET, Math.floor(59 / 30), 8)).toBe('94287082');
    expect(totpAt(SECRET, Math.floor(1111111109 / 30), 8)).toBe('07081804');
    expect(totpAt(SECRET, Math.floor(1234567890 / 30), 8)).toBe('89005924');
    expect(totpAt(SECRET, Math.floor(20000000000 / 30), 8)).toBe('65353130');
  });

  it('round-trips base32', () => {
    const buf = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    expect(base32Decode(base32Encode(buf))).toEqual(buf);
  });

  it('accepts one step of drift and refuses a replayed step', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    const code = totpAt(SECRET, step - 1);
    expect(matchTotp(SECRET, code, now)).toBe(step - 1);
    expect(matchTotp(SECRET, code, now, step - 1)).toBeNull();
    expect(matchTotp(SECRET, totpAt(SECRET, step - 2), now)).toBeNull();
  });
});
