import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { createTestDatabase } from '../../test/db';
import { registerErrorHandler } from './handler';

const STATEMENTS = [
  "SELECT '0000-01-01T00:00:00Z'::timestamptz", // 22008 datetime field overflow
  "SELECT 'not-a-uuid'::uuid", // 22P02 invalid text representation
  'SELECT 99999999999::int4', // 22003 numeric value out of range
  'SELECT * FROM no_such_table', // 42P01: not the data's fault
];

let database: Database;
let app: FastifyInstance;

/** A bare app whose one route runs a statement on a real database and lets its error through. */
beforeAll(async () => {
  database = await createTestDatabase();
  app = Fastify({ logger: false });
  registerErrorHandler(app);
  app.get<{ Params: { i: string } }>('/run/:i', async (req) => {
    await database.db.execute(STATEMENTS[Number(req.params.i)]!);
    return { ok: true };
  });
  await app.ready();
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the error handler, for data errors PostgreSQL raises (class 22)', () => {
  it('answers 400 without SQL text rather than 500', async () => {
    for (const i of [0, 1, 2]) {
      const res = await app.inject({ method: 'GET', url: `/run/${i}` });
      expect(res.statusCode, STATEMENTS[i]).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ type: '/problems/bad-request', status: 400 });
      expect(res.body).not.toMatch(/SELECT|timestamptz|uuid|int4/i);
    }
  });

  it('still answers 500 for errors that are not the data, without SQL text', async () => {
    const res = await app.inject({ method: 'GET', url: '/run/3' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/no_such_table/);
  });
});
