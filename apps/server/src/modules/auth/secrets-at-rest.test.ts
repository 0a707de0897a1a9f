import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../platform/auth/tables';
import { stepAt, totpAt } from '../../platform/auth/totp';
import { openTotp, sealTotp, totpSecretsAtRest } from '../../platform/auth/totp-store';
import { sealSecretsAtRest } from '../../platform/secrets/at-rest';
import { createKeyring, MissingKeyError, processKeyring } from '../../platform/secrets/keyring';
import { SealError } from '../../platform/secrets/seal';
import { settings } from '../../platform/settings/tables';
import { browser, createTestApp, createUser, json, TEST_PASSWORD, testConfig, type TestApp } from '../../test/app';
import { secretsAtRest } from '../../secrets-at-rest';
import { psirtKey } from '../vulnerabilities/reporting/pgp';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const stored = async (userId: string) => {
  const [row] = await t.database.db
    .select({ mfaSecret: users.mfaSecret, mfaPendingSecret: users.mfaPendingSecret })
    .from(users)
    .where(eq(users.id, userId));
  return row!;
};

const signIn = (email: string, totp?: string) =>
  browser(t.app).send('POST', '/api/auth/sign-in', { email, password: TEST_PASSWORD, ...(totp ? { totp } : {}) });

/** Enrols TOTP through the API, as the web app does; returns the seed shown to the user. */
async function enrol(email: string): Promise<string> {
  const b = browser(t.app);
  await b.send('POST', '/api/auth/sign-in', { email, password: TEST_PASSWORD });
  const { secret } = json<{ secret: string }>(await b.send('POST', '/api/me/mfa/setup'));
  expect((await b.send('POST', '/api/me/mfa/enable', { code: totpAt(secret, stepAt(Date.now()) - 1) })).statusCode).toBe(200);
  return secret;
}

describe('TOTP seeds at rest', () => {
  it('are stored sealed with the current key (no clear seed in the column), and sign-in with a code still works', async () => {
    const user = await createUser(t.database);
    const b = browser(t.app);
    await b.send('POST', '/api/auth/sign-in', { email: user.email, password: TEST_PASSWORD });
    const { secret } = json<{ secret: string }>(await b.send('POST', '/api/me/mfa/setup'));
    const pending = (await stored(user.id)).mfaPendingSecret!;
    expect(pending).not.toContain(secret);
    expect(pending.startsWith(`v1.${processKeyring().current.id}.`)).toBe(true);

    expect((await b.send('POST', '/api/me/mfa/enable', { code: totpAt(secret, stepAt(Date.now()) - 1) })).statusCode).toBe(200);
    const row = await stored(user.id);
    expect(row.mfaPendingSecret).toBeNull();
    expect(row.mfaSecret).not.toContain(secret);
    expect(row.mfaSecret!.startsWith(`v1.${processKeyring().current.id}.`)).toBe(true);

    expect(json(await signIn(user.email))).toMatchObject({ status: 401, type: '/problems/mfa-required' });
    expect((await signIn(user.email, totpAt(secret, stepAt(Date.now())))).statusCode).toBe(200);
  });

  it('a seed still in clear (written before sealing) is sealed by the start-up step, and its codes keep working', async () => {
    const user = await createUser(t.database);
    const secret = await enrol(user.email);
    await t.database.db.update(users).set({ mfaSecret: secret }).where(eq(users.id, user.id));

    const written = await sealSecretsAtRest(t.database.db, processKeyring(), secretsAtRest);
    expect(written['users.mfa_secret']).toBeGreaterThanOrEqual(1);
    expect((await stored(user.id)).mfaSecret).not.toContain(secret);
    expect(await sealSecretsAtRest(t.database.db, processKeyring(), [totpSecretsAtRest])).toEqual({ 'users.mfa_secret': 0 });
    expect((await signIn(user.email, totpAt(secret, stepAt(Date.now()) + 1))).statusCode).toBe(200);
  });

  it('a seed still in clear is sealed on first use when no start-up step has run since it was written', async () => {
    const user = await createUser(t.database);
    const secret = await enrol(user.email);
    await t.database.db.update(users).set({ mfaSecret: secret, mfaLastStep: null }).where(eq(users.id, user.id));
    expect((await signIn(user.email, totpAt(secret, stepAt(Date.now())))).statusCode).toBe(200);
    expect((await stored(user.id)).mfaSecret).toMatch(/^v1\./);
  });

  it('a seed copied to another account does not open there', async () => {
    const owner = await createUser(t.database);
    const other = await createUser(t.database);
    const sealed = sealTotp(owner.id, 'mfaSecret', 'JBSWY3DPEHPK3PXP');
    await expect(openTotp(t.database.db, { id: other.id, mfaSecret: sealed }, 'mfaSecret')).rejects.toThrow(SealError);
    expect(await openTotp(t.database.db, { id: owner.id, mfaSecret: sealed }, 'mfaSecret')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses to start with another key than the one that sealed them, naming the key and where keys come from', async () => {
    const stranger = createKeyring([Buffer.alloc(32, 7)], 'MAMORI_SECRET_KEY');
    const refused = sealSecretsAtRest(t.database.db, stranger, secretsAtRest);
    await expect(refused).rejects.toThrow(MissingKeyError);
    await expect(refused).rejects.toThrow(
      new RegExp(`users.mfa_secret is protected by key ${processKeyring().current.id}, .*MAMORI_SECRET_KEY`),
    );
  });

  it('are re-sealed under a new current key when the old one is kept second (rotation)', async () => {
    const user = await createUser(t.database);
    const secret = await enrol(user.email);
    const old = processKeyring();
    const rotated = createKeyring([Buffer.alloc(32, 9), ...old.all.map((k) => k.key)], 'test');
    await sealSecretsAtRest(t.database.db, rotated, [totpSecretsAtRest]);
    const row = await stored(user.id);
    expect(row.mfaSecret!.startsWith(`v1.${rotated.current.id}.`)).toBe(true);
    // back under the process's key, so the rest of the file runs as before
    await sealSecretsAtRest(t.database.db, createKeyring([old.current.key, Buffer.alloc(32, 9)], 'test'), [totpSecretsAtRest]);
    expect((await signIn(user.email, totpAt(secret, stepAt(Date.now())))).statusCode).toBe(200);
  });
});

describe("the PSIRT's generated OpenPGP key at rest", () => {
  it('is stored sealed in the settings table and still decrypts and signs', async () => {
    const key = await psirtKey(t.database.db, testConfig());
    const [row] = await t.database.db.select().from(settings).where(eq(settings.key, 'psirt.pgp'));
    const text = JSON.stringify(row!.value);
    expect(text).not.toContain('PRIVATE KEY');
    expect(row!.value).toMatchObject({ sealed: expect.stringMatching(/^v1\./) as unknown });
    expect(key.privateKey.isDecrypted()).toBe(true);
  });
});
