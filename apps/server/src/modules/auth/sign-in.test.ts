import { describe, expect, it } from 'vitest';
import { lockMinutes } from './sign-in';

describe('sign-in lockout', () => {
  it('does not lock before five failures, then locks for longer as failures go on', () => {
    expect(lockMinutes(4)).toBe(0);
    expect(lockMinutes(5)).toBe(15);
    expect(lockMinutes(9)).toBe(15);
    expect(lockMinutes(10)).toBe(30);
    expect(lockMinutes(15)).toBe(60);
    expect(lockMinutes(100)).toBe(24 * 60);
  });
});
