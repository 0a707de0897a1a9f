/** Smoke test: the server serves the built web app and a healthy API, seen through a real browser. */
import { describe, expect, test } from 'vitest';
import { baseUrl, pageFetch, useBrowser } from './browser';

const b = useBrowser();

describe('smoke', () => {
  test('GET / serves the web app: HTML with the root element', async () => {
    const response = await b.page.goto('/');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/text\/html/);
    expect(b.page.url()).toBe(`${baseUrl()}/`);
    // The element React mounts into, present in the served HTML (whether or not the app has rendered).
    const html = await response!.text();
    expect(html).toMatch(/<div id="root">/);
    expect(await b.page.locator('#root').count()).toBe(1);
  });

  test('GET /api/health from the page answers {status: ok, db: pglite}', async () => {
    const res = await pageFetch<{ status: string; db: string; version: string }>(b.page, '/api/health');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/application\/json/);
    expect(res.body).toMatchObject({ status: 'ok', db: 'pglite' });
    expect(typeof res.body.version).toBe('string');
  });

  test('an unknown API route answers problem+json 404, an unknown page route the app', async () => {
    const api = await pageFetch<{ status: number }>(b.page, '/api/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.contentType).toMatch(/application\/problem\+json/);
    expect(api.body.status).toBe(404);

    const deep = await b.page.goto('/some/client/route');
    expect(deep?.status()).toBe(200);
    expect(await deep!.text()).toMatch(/<div id="root">/);
  });
});
