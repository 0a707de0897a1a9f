import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { as, createTestApp, json, testConfig, type TestApp } from './test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const APP_JS = 'console.log("mamori");'.repeat(50);

/** An app serving a built web app laid out as vite and apps/web/scripts/compress.mjs leave it. */
async function withDist(run: (app: FastifyInstance) => Promise<void>) {
  const dist = mkdtempSync(join(tmpdir(), 'mamori-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'robots.txt'), 'User-agent: *');
  writeFileSync(join(dist, 'assets', 'app-Ab12.js'), APP_JS);
  writeFileSync(join(dist, 'assets', 'app-Ab12.js.br'), brotliCompressSync(APP_JS));
  writeFileSync(join(dist, 'assets', 'app-Ab12.js.gz'), gzipSync(APP_JS));
  const { buildApp } = await import('./app');
  const app = await buildApp({ config: testConfig({ MAMORI_WEB_DIST: dist }), database: t.database, logger: false });
  try {
    await run(app);
  } finally {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  }
}

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
    await withDist(async (app) => {
      expect((await app.inject('/')).body).toContain('id="root"');
      expect((await app.inject('/org/units/123')).headers['content-type']).toContain('text/html');
      expect((await app.inject('/assets/app-Ab12.js')).body).toBe(APP_JS);
      const api = await app.inject('/api/nope');
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/problem+json');
    });
  });

  it('sends the precompressed copy the browser accepts, caches hashed assets for a year and revalidates the page', async () => {
    await withDist(async (app) => {
      const br = await app.inject({ url: '/assets/app-Ab12.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(APP_JS);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const gz = await app.inject({ url: '/assets/app-Ab12.js', headers: { 'accept-encoding': 'gzip, br;q=0' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(APP_JS);
      const plain = await app.inject('/assets/app-Ab12.js');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(APP_JS);

      const page = await app.inject({ url: '/incidents', headers: { 'accept-encoding': 'br' } });
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-encoding']).toBe('br');
      expect(page.headers.vary).toContain('accept-encoding');
      expect(brotliDecompressSync(page.rawPayload).toString()).toContain('id="root"');
      expect((await app.inject('/robots.txt')).headers['cache-control']).toBe('no-cache');
    });
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
