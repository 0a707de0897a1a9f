import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../platform/auth/tables';
import { base32Encode, stepAt, totpAt } from '../../platform/auth/totp';
import { sealTotp } from '../../platform/auth/totp-store';
import { as, createTestApp, createUser, TEST_PASSWORD, type TestApp } from '../../test/app';
import { inParallel } from '../../test/concurrency';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('concurrent sign-ins', () => {
  it('lets one authentication code sign in once, even when sent several times at the same moment', async () => {
    const user = await createUser(t.database);
    const secret = base32Encode(Buffer.from('0123456789abcdef0123'));
    await t.database.db
      .update(users)
      .set({ mfaSecret: sealTotp(user.id, 'mfaSecret', secret), mfaEnabled: true })
      .where(eq(users.id, user.id));
    const totp = totpAt(secret, stepAt(Date.now()));
    const answers = await inParallel(4, () =>
      as(t.app, null).post('/api/auth/sign-in', { email: user.email, password: TEST_PASSWORD, totp }),
    );
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(3);
  });
});
