import { describe, expect, it } from 'vitest';
import { as, createTestApp } from '../../test/app';

describe('sign-in rate limit', () => {
  it('answers 429 problem+json after the configured attempts per minute', async () => {
    const limited = await createTestApp({ MAMORI_SIGNIN_RATE_LIMIT: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await as(limited.app, null).post('/api/auth/sign-in', {
          email: 'nobody@example.test',
          password: 'whatever-123456',
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
