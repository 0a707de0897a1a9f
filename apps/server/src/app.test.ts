import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, json, type TestApp } from './test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('app', () => {
  it('reports health with the database kind and version', async () => {
    const health = json(await as(t.app, null).get('/api/health'));
    expect(health).toEqual({
      status: 'ok',
      db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
      version: expect.any(String),
    });
  });

  it('publishes an OpenAPI 3.1 document covering every API route', async () => {
    const doc = json<{ openapi: string; paths: Record<string, object> }>(await as(t.app, null).get('/api/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/health',
      '/api/org-units',
      '/api/people/{id}',
      '/api/audit-events',
      '/api/accounts',
      '/api/me/tokens',
    ]) {
      expect(doc.paths).toHaveProperty([p]);
    }
    expect((await as(t.app, null).get('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('refuses to start when a route declares no access (default deny)', async () => {
    const { buildApp } = await import('./app');
    const { modules } = await import('./modules');
    modules.push(() => async (app) => {
      app.get('/careless', async () => ({}));
    });
    try {
      await expect(
        buildApp({ config: (await import('./test/app')).testConfig(), database: t.database, logger: false }),
      ).rejects.toThrow(/declares no access/);
    } finally {
      modules.pop();
    }
  });
});
