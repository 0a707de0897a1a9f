import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';

let t: TestApp;
let dist: string;
const HTML = '<!doctype html><title>Mamori</title><div id="root"></div>';

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'mamori-web-'));
  writeFileSync(join(dist, 'index.html'), HTML);
  writeFileSync(join(dist, 'app.js'), 'console.log(1)');
  t = await createTestApp({ MAMORI_WEB_DIST: dist });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web app fallback', () => {
  it("serves index.html for the web app's own pages, to GET and HEAD alike", async () => {
    for (const url of [
      '/',
      '/advisories',
      '/advisories/MAMORI-SA-2026-0001',
      '/advisories/VDE-2023.001',
      '/security/report',
      '/products/1?tab=x&v=1.0.json',
    ]) {
      const get = await t.app.inject({ method: 'GET', url });
      expect(get.statusCode, url).toBe(200);
      expect(get.body, url).toBe(HTML);
      const head = await t.app.inject({ method: 'HEAD', url });
      expect(head.statusCode, url).toBe(200);
      expect(head.body, url).toBe('');
      expect(head.headers['content-type'], url).toBe(get.headers['content-type']);
      expect(head.headers['content-length'], url).toBe(get.headers['content-length']);
    }
    expect((await t.app.inject({ method: 'GET', url: '/app.js' })).body).toBe('console.log(1)');
  });

  it('answers a problem 404, never the web app, under /.well-known, /api and for any missing file', async () => {
    for (const url of [
      '/.well-known/nothing',
      '/.well-known/csaf/nothing.json',
      '/.well-known/change-password',
      '/.git/config',
      '/security.txt',
      '/security.txt.asc',
      '/favicon.ico',
      '/assets/missing.js',
      '/wp-login.php',
      '/backup.sql',
      '/api/nothing',
    ])
      for (const method of ['GET', 'HEAD'] as const) {
        const res = await t.app.inject({ method, url });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.headers['content-type'], `${method} ${url}`).toMatch(/^application\/problem\+json/);
      }
  });
});
