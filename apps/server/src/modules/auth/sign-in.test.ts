import { describe, expect, it } from 'vitest';
import { delaySeconds, FREE_FAILURES, MAX_DELAY_SECONDS } from '../../platform/throttle/sign-in';

describe('sign-in throttle delay', () => {
  it('lets a few failures pass, then doubles the wait up to a cap', () => {
    expect(delaySeconds(FREE_FAILURES - 1)).toBe(0);
    expect(delaySeconds(FREE_FAILURES)).toBe(16);
    expect(delaySeconds(FREE_FAILURES + 1)).toBe(32);
    expect(delaySeconds(FREE_FAILURES + 5)).toBe(512);
    expect(delaySeconds(1000)).toBe(MAX_DELAY_SECONDS);
  });
});
