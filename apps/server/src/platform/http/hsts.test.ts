import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';

const get = (t: TestApp, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: '/api/health', headers, remoteAddress: '127.0.0.1' });

describe('Strict-Transport-Security', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    // Even with Secure cookies forced, plain http never gets HSTS.
    direct = await createTestApp({ MAMORI_SECURE_COOKIES: 'true' });
    proxied = await createTestApp({ MAMORI_TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  it('is never sent over plain http', async () => {
    expect((await get(direct)).headers['strict-transport-security']).toBeUndefined();
    expect((await get(proxied)).headers['strict-transport-security']).toBeUndefined();
    expect((await get(proxied, { 'x-forwarded-proto': 'http' })).headers['strict-transport-security']).toBeUndefined();
  });

  it('is sent when a trusted proxy says the request came over https', async () => {
    const res = await get(proxied, { 'x-forwarded-proto': 'https' });
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  });

  it('ignores X-Forwarded-Proto unless the proxy is trusted (MAMORI_TRUST_PROXY)', async () => {
    expect((await get(direct, { 'x-forwarded-proto': 'https' })).headers['strict-transport-security']).toBeUndefined();
  });
});
