import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, TEST_PASSWORD, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const signIn = (email: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress: ip, payload: { email, password } });

/** What a client can see of an answer: status, body and whether it says when to retry. */
async function observed(email: string, password: string, ip: string) {
  const res = await signIn(email, password, ip);
  return { status: res.statusCode, body: res.json() as unknown, retry: res.headers['retry-after'] !== undefined };
}

describe('sign-in failures: no account enumeration, no lock-out by others', () => {
  it('answers a known account and an unknown e-mail the same way, however many failures', async () => {
    const known = await createUser(t.database, [{ role: 'employee' }]);
    const unknown = `nobody-${Date.now()}@example.test`;
    const seen = { known: [] as unknown[], unknown: [] as unknown[] };
    for (let i = 0; i < 8; i++) {
      seen.known.push(await observed(known.email, 'wrong-password-123', '192.0.2.10'));
      seen.unknown.push(await observed(unknown, 'wrong-password-123', '192.0.2.10'));
    }
    expect(seen.known).toEqual(seen.unknown);
    expect(seen.known.at(-1)).toMatchObject({ status: 429, retry: true, body: { type: '/problems/rate-limited' } });
    expect(seen.known.some((s) => (s as { status: number }).status === 423)).toBe(false);
  });

  it('throttles the attacker address while the owner signs in from another', async () => {
    const owner = await createUser(t.database, [{ role: 'employee' }]);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await signIn(owner.email, 'wrong-password-123', '192.0.2.66')).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    // Even the right password is not tried from the throttled address until the delay has passed.
    const throttled = await signIn(owner.email, TEST_PASSWORD, '192.0.2.66');
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // The owner, elsewhere, is not locked out.
    expect((await signIn(owner.email, TEST_PASSWORD, '198.51.100.20')).statusCode).toBe(200);
  });
});
