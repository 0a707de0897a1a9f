import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { Database } from '../../db/client';
import { as, createTestApp, testConfig, type TestApp } from '../../test/app';
import { createTestDatabase } from '../../test/db';

describe('sign-in rate limit', () => {
  it('answers 429 problem+json after the configured attempts per minute', async () => {
    const limited = await createTestApp({ MAMORI_SIGNIN_RATE_LIMIT: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await as(limited.app, null).post('/api/auth/sign-in', {
          email: `nobody${i}@example.test`,
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

describe('rate limits are counted in the database, shared by every process', () => {
  let database: Database;
  let one: FastifyInstance;
  let two: FastifyInstance;
  beforeAll(async () => {
    database = await createTestDatabase();
    // Two app instances (two "processes") on one database, each with its own memory.
    one = await buildApp({ config: testConfig({ MAMORI_SIGNIN_RATE_LIMIT: '4' }), database, logger: false });
    two = await buildApp({ config: testConfig({ MAMORI_SIGNIN_RATE_LIMIT: '4' }), database, logger: false });
    await one.ready();
    await two.ready();
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    await database.close();
  });

  const signIn = (app: FastifyInstance, ip: string, i: number) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: ip,
      payload: { email: `guess${i}@example.test`, password: 'whatever-123456' },
    });

  it('sign-in: attempts through either instance count against one limit per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await signIn(i % 2 ? two : one, '198.51.100.7', i)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
    const limited = await signIn(one, '198.51.100.7', 99);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    // Another address has its own allowance.
    expect((await signIn(two, '198.51.100.8', 100)).statusCode).toBe(401);
  });

  it('the public vulnerability report form shares its limit between instances too', async () => {
    const report = (app: FastifyInstance) =>
      app.inject({ method: 'POST', url: '/api/vulnerability-reports', remoteAddress: '203.0.113.9', payload: {} });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await report(i % 2 ? two : one)).statusCode);
    // five a ten minutes per address (REPORT_RATE_LIMIT), whichever instance answers
    expect(codes.slice(0, 5).every((c) => c !== 429)).toBe(true);
    expect(codes[5]).toBe(429);
  });
});

export type { TestApp };
