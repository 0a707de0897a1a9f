import { describe, expect, it } from 'vitest';
import { memoryRateLimit } from './memory';

describe('memoryRateLimit', () => {
  it('allows max hits per window and key, then tells when the window ends', () => {
    const limit = memoryRateLimit(2, 60_000);
    expect(limit.hit('a', 0)).toEqual({ allowed: true });
    expect(limit.hit('a', 1_000)).toEqual({ allowed: true });
    expect(limit.hit('a', 2_000)).toEqual({ allowed: false, retryAfterSeconds: 58 });
    expect(limit.hit('b', 2_000)).toEqual({ allowed: true });
    expect(limit.hit('a', 60_000)).toEqual({ allowed: true });
  });

  it('holds at most maxKeys keys, sweeping ended windows first and then the oldest', () => {
    const limit = memoryRateLimit(1, 1_000, 100);
    for (let i = 0; i < 1_000; i++) limit.hit(`k${i}`, i);
    expect(limit.size()).toBeLessThanOrEqual(100);
    // a key still within its window keeps its count
    expect(limit.hit('k999', 999).allowed).toBe(false);
  });
});
