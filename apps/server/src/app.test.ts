import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { as, createTestApp, json, testConfig, type TestApp } from './test/app';

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

  it('serves the built web app, with index.html for client-side routes and problem+json under /api', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'mamori-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const { buildApp } = await import('./app');
    const app = await buildApp({ config: testConfig({ MAMORI_WEB_DIST: dist }), database: t.database, logger: false });
    try {
      expect((await app.inject('/')).body).toContain('id="root"');
      expect((await app.inject('/org/units/123')).headers['content-type']).toContain('text/html');
      expect((await app.inject('/assets/app.js')).body).toBe('console.log(1)');
      const api = await app.inject('/api/nope');
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/problem+json');
    } finally {
      await app.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('refuses to start when a route declares no access (default deny)', async () => {
    const { buildApp } = await import('./app');
    const { modules } = await import('./modules');
    modules.push(() => async (app) => {
      app.get('/careless', async () => ({}));
    });
    try {
      await expect(buildApp({ config: testConfig(), database: t.database, logger: false })).rejects.toThrow(/declares no access/);
    } finally {
      modules.pop();
    }
  });
});
