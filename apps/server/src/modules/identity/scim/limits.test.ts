import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp } from '../../../test/app';
import { scimClient } from './testing';

let t: TestApp;
let scim: Awaited<ReturnType<typeof scimClient>>;

beforeAll(async () => {
  t = await createTestApp({ MAMORI_SCIM_RATE_LIMIT: '5' });
  const admin = await createUser(t.database, [{ role: 'system_admin' }]);
  scim = await scimClient(
    t.app,
    json<{ token: string }>(await as(t.app, admin).post('/api/scim/tokens', { name: 'Okta' })).token,
  );
});
afterAll(() => t.close());

describe('SCIM limits and hostile input', () => {
  it('refuses a body that is not JSON, not SCIM JSON, too deep, or too large, with SCIM errors', async () => {
    expect((await scim.post('/Users', 'userName=x', { 'content-type': 'text/plain' })).body).toMatchObject({ status: '415' });
    const deep = `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`;
    expect((await scim.post('/Users', deep)).status).toBeGreaterThanOrEqual(400);
    expect((await scim.post('/Users', deep)).status).toBeLessThan(500);
    const big = JSON.stringify({ userName: 'big@example.test', displayName: 'x'.repeat(2 * 1024 * 1024) });
    expect((await scim.post('/Users', big)).body).toMatchObject({ status: '413' });
    expect((await scim.get('/Users/not-a-uuid')).body).toMatchObject({ status: '404' });
  });

  it('counts requests through the shared rate limit and answers 429 as a SCIM error', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await scim.get('/Groups')).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    const limited = await scim.get('/Groups');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect(limited.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });
});
